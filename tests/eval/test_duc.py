"""Benchmark readers on tiny synthetic DUC layouts, and (when present) on the real DUC 2006."""

from __future__ import annotations

import dataclasses
import json
import os
import re
from pathlib import Path

import pytest

from storyline.eval.duc import (
    DataFormatError,
    parse_nist_document,
    read_duc,
    read_jsonl,
    read_rouge_averages,
    read_summaries,
)
from storyline.eval.rouge import Profile, pooled_recall
from storyline.eval.summaries import score_peers


def nist_doc(
    docno: str, *, date: str, headline: str, paragraphs: list[str], tagged: bool = True
) -> str:
    """One document in NIST newswire SGML."""
    if tagged:
        body = "".join(f"<P>\n   {p}\n</P>\n" for p in paragraphs)
    else:
        body = "".join(f"\t   {p}\n" for p in paragraphs)
    return (
        f"<DOC>\n<DOCNO> {docno} </DOCNO>\n<DATE_TIME> {date} </DATE_TIME>\n<BODY>\n"
        f"<HEADLINE>\n{headline}\n</HEADLINE>\n<TEXT>\n{body}</TEXT>\n</BODY>\n"
        "<TRAILER>\nNYT-01-01-99 0000EST &QL;\n</TRAILER>\n</DOC>\n"
    )


def topic_sgml(number: str, title: str, narrative: str) -> str:
    return f"<topic>\n<num> {number} </num>\n<title> {title} </title>\n<narr>\n{narrative}\n</narr>\n</topic>\n"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_nist_document_paragraphs_entities_and_date() -> None:
    sgml = nist_doc(
        "APW19990101.0001",
        date="01/02/1999 10:30:00",
        headline="Floods &AMP; rain",
        paragraphs=["Rain fell &HT; all\n   day.", "<ANNOTATION>x</ANNOTATION>", "B."],
    )
    document = parse_nist_document(sgml)
    assert document.id == "APW19990101.0001"
    assert document.title == "Floods & rain"
    assert document.text == "Rain fell all day.\n\nB."
    assert document.published == "1999-01-02T10:30:00"


def test_untagged_paragraphs_start_at_indented_lines_and_date_falls_back_to_docno() -> None:
    sgml = nist_doc(
        "XIE19980304.0061",
        date="",
        headline="",
        paragraphs=["First line\nwraps here.", "Second."],
        tagged=False,
    )
    document = parse_nist_document(sgml)
    assert document.text == "First line wraps here.\n\nSecond."
    assert document.published == "1998-03-04"


def test_document_without_text_is_a_format_error() -> None:
    with pytest.raises(DataFormatError, match="no <TEXT>"):
        parse_nist_document("<DOC><DOCNO> X1 </DOCNO></DOC>")


def make_duc2006(root: Path) -> Path:
    base = root / "DUC2006"
    write(
        base / "duc2006_docs/D0601A/NYT19990105.0002",
        nist_doc(
            "NYT19990105.0002",
            date="1999-01-05 08:00",
            headline="Later",
            paragraphs=["Second story."],
        ),
    )
    write(
        base / "duc2006_docs/D0601A/APW19990101.0001",
        nist_doc(
            "APW19990101.0001", date="1999-01-01", headline="Earlier", paragraphs=["First story."]
        ),
    )
    write(base / "duc2006_docs/_DS_Store", "\x00binary")
    write(base / "duc2006_topics.sgml", topic_sgml("D0601A", "Storms", "Describe storms."))
    models = base / "NISTeval/ROUGE/models"
    write(models / "D0601.M.250.A.B", "Storms hit.\nRain fell.\n")
    write(models / "D0601.M.250.A.A", "A storm came.\n")
    write(base / "NISTeval/ROUGE/peers/D0601.M.250.A.7", "Storms hit hard.\n")
    return base


def test_read_duc_2006(tmp_path: Path) -> None:
    (cluster,) = read_duc(make_duc2006(tmp_path))
    assert cluster.id == "D0601A"
    assert [d.id for d in cluster.documents] == ["APW19990101.0001", "NYT19990105.0002"]
    assert cluster.topic == "Storms\nDescribe storms."
    assert cluster.reference_ids == ("A", "B")
    assert cluster.references == ("A storm came.", "Storms hit.\nRain fell.")
    assert cluster.peers == {"7": "Storms hit hard."}
    assert cluster.word_limit == 250
    # The documents folder itself is accepted too; the update task does not exist for 2006.
    assert read_duc(tmp_path / "DUC2006" / "duc2006_docs")[0].id == "D0601A"
    with pytest.raises(DataFormatError):
        read_duc(tmp_path / "DUC2006", task="update")
    with pytest.raises(DataFormatError, match="not a DUC"):
        read_duc(tmp_path)


def test_read_duc_2007_main_and_update(tmp_path: Path) -> None:
    base = tmp_path / "DUC2007"
    doc = nist_doc("APW20000101.0001", date="2000-01-01", headline="H", paragraphs=["Text."])
    write(base / "duc2007_testdocs/main/D0701A/APW20000101.0001", doc)
    write(base / "duc2007_testdocs/main/D0702A/APW20000101.0001", doc)
    write(base / "duc2007_testdocs/update/D0703A/D0703A-A/APW20000101.0001", doc)
    write(
        base / "duc2007_topics.sgml",
        topic_sgml("D0701A", "T", "N.") + topic_sgml("D0702A", "U", "M."),
    )
    write(base / "duc2007_UPDATEtopics.sgml", topic_sgml("D0703A", "Euro", "Steps."))
    lines = [
        "#2",
        "-----------------",
        " D0701.M.250.A.A",
        "-----------------",
        "",
        "First &quot;model&quot;.",
        "",
        "-----------------",
        " D0701.M.250.A.G",
        "-----------------",
        "Second model.",
    ]
    xml = (
        "<pyramid><text>" + "".join(f"<line>{line}</line>" for line in lines) + "</text></pyramid>"
    )
    write(base / "mainPyramidEval/allpyramids/D0701-AG.pyr", xml)
    write(
        base / "mainPyramidEval/allpans/D0701.M.250.A.13.pan",
        f"<peerAnnotation>{xml}<annotation><text><line>Peer line.</line></text></annotation>"
        "</peerAnnotation>",
    )
    write(base / "updateEval/ROUGE/models/D0703-A.M.100.A.C", "Update model.\n")
    write(base / "updateEval/ROUGE/peers/D0703-A.M.100.A.35", "Update peer.\n")

    main = read_duc(base)
    assert [c.id for c in main] == ["D0701A", "D0702A"]
    assert main[0].references == ('First "model".', "Second model.")
    assert main[0].reference_ids == ("A", "G")
    assert main[0].peers == {"13": "Peer line."}
    assert main[1].references == ()  # not in the pyramid evaluation
    (update,) = read_duc(base, task="update")
    assert (update.id, update.topic, update.word_limit) == ("D0703A-A", "Euro\nSteps.", 100)
    assert update.references == ("Update model.",) and update.peers == {"35": "Update peer."}


def test_read_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "clusters.jsonl"
    records = [
        {"id": "c1", "documents": ["Plain text."], "references": ["Ref."], "topic": "Q?"},
        {
            "documents": [{"text": "T.", "title": "Title", "published": "2024-05-01"}],
            "references": [],
            "words": 100,
        },
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n\n", encoding="utf-8")
    first, second = read_jsonl(path)
    assert (first.id, first.topic, first.documents[0].text) == ("c1", "Q?", "Plain text.")
    assert second.id == "2" and second.word_limit == 100
    assert second.documents[0].title == "Title"
    assert second.documents[0].published == "2024-05-01"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not JSON"),
        ('{"references": []}', "documents"),
        ('{"documents": [3]}', "document 0"),
    ],
)
def test_read_jsonl_reports_the_bad_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match=message) as error:
        read_jsonl(path)
    assert "bad.jsonl:1" in str(error.value)


# --- real DUC 2006 (NIST-licensed: read from outside the repository, never copied) ----------
def duc2006() -> Path:
    value = os.environ.get("STORYLINE_DUC_DIR")
    if not value:
        pytest.skip("STORYLINE_DUC_DIR is not set")
    for candidate in (Path(value), Path(value) / "DUC2006"):
        if (candidate / "duc2006_docs").is_dir():
            return candidate
    pytest.skip(f"no DUC 2006 under {value}")


def test_per_evaluation_rouge_matches_nist_output_on_real_duc_2006() -> None:
    root = duc2006()
    rouge = root / "NISTeval" / "ROUGE"
    official = {}
    for line in (rouge / "rougejk.m.out").read_text(encoding="latin-1").splitlines():
        match = re.match(r"(\S+) ROUGE-(2|SU4) Eval (D06(?:01|02)\S*) R:(\S+)", line)
        if match:
            official[(match[2], match[3])] = float(match[4])
    models, peers = read_summaries(rouge / "models"), read_summaries(rouge / "peers")
    profiles = {
        (cluster, who): Profile.from_text(text)
        for summaries in (models, peers)
        for cluster, by_who in summaries.items()
        if cluster in ("D0601A", "D0602B")
        for who, text in by_who.items()
    }
    checked = 0
    for (metric, evaluation), expected in official.items():
        # "D0601.M.250.A-B.7": topic D0601, assessor A, model B left out, peer 7.
        topic, assessor, left_out, peer = re.match(
            r"(D\d+)\.M\.250\.([A-Z])-([A-Z])\.(\w+)", evaluation
        ).groups()
        cluster = topic + assessor
        references = [profiles[cluster, who] for who in models[cluster] if who != left_out]
        scores = pooled_recall(profiles[cluster, peer], references)
        got = scores.rouge_2 if metric == "2" else scores.rouge_su4
        assert round(got, 5) == pytest.approx(expected, abs=1e-9), (metric, evaluation)
        checked += 1
    assert checked > 250


@pytest.mark.slow
@pytest.mark.parametrize("run", ["NISTeval", "NISTeval2"])
def test_published_duc_2006_averages_reproduce(run: str) -> None:
    root = duc2006()
    peers = read_summaries(root / run / "ROUGE" / "peers")
    clusters = [dataclasses.replace(c, peers=peers.get(c.id, {})) for c in read_duc(root)]
    ours = score_peers(clusters)
    for metric, name in (("rouge_2", "rouge2"), ("rouge_su4", "rougeSU4")):
        published = read_rouge_averages(root / run / "ROUGE" / f"{name}.jk.m.avg")
        assert len(published) == 45
        worst = max(abs(getattr(ours[who], metric) - value) for who, value in published.items())
        assert worst <= 0.001  # in fact 0: every average reproduces to the fifth decimal
