"""Readers for summarization benchmarks: NIST's DUC 2006/2007 layout and a JSON Lines format.

DUC layout (as distributed by NIST; one folder per year)::

    DUC2006/duc2006_docs/<topic>/<doc>          documents in NIST SGML (<DOC>, <TEXT>, <P>)
    DUC2006/duc2006_topics.sgml                 <topic><num><title><narr>
    DUC2006/NISTeval/ROUGE/{models,peers}/      D0601.M.250.A.<summarizer>, one sentence a line
    DUC2006/NISTeval2/ROUGE/peers/              the same peers, correctly truncated
    DUC2007/duc2007_testdocs/main/<topic>/<doc>
    DUC2007/duc2007_testdocs/update/<topic>/<topic>-<A|B|C>/<doc>
    DUC2007/duc2007_topics.sgml, duc2007_UPDATEtopics.sgml
    DUC2007/mainPyramidEval/allpyramids/*.pyr   main-task references (23 topics) inside XML
    DUC2007/mainPyramidEval/allpans/*.pan       main-task peers inside XML
    DUC2007/updateEval/ROUGE/{models,peers}/    update task, D0703-A.M.100.A.<summarizer>

A summary file name ``D0601.M.250.A.B`` reads: topic D0601, multi-document, 250 words, topic
assessor A (the letter that ends the cluster id ``D0601A``), summarizer B. Letters are human
summarizers, numbers are systems.

JSON Lines: one cluster a line, ``{"id", "documents": [...], "references": [...], "topic"?,
"peers"?}`` where a document is a string or an object with ``text`` and optional ``title``,
``published`` and ``id``.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from storyline.errors import StorylineError

Task = Literal["main", "update"]
WORD_LIMITS: Mapping[Task, int] = {"main": 250, "update": 100}


class DataFormatError(StorylineError, ValueError):
    """Benchmark data is missing or not in the expected layout; says which file and why."""


@dataclass(frozen=True)
class Document:
    """One source document of a cluster."""

    id: str
    title: str
    text: str  # paragraphs joined with a blank line
    published: str | None = None  # ISO 8601 date or date-time


@dataclass(frozen=True)
class Cluster:
    """One summarization problem: documents, reference summaries, optional focus topic."""

    id: str
    documents: tuple[Document, ...]
    references: tuple[str, ...]
    topic: str | None = None  # title and narrative
    peers: Mapping[str, str] = field(default_factory=dict)  # summarizer id -> summary
    reference_ids: tuple[str, ...] = ()  # summarizer id of each reference, when known
    word_limit: int | None = None  # the task's summary length


# --- NIST SGML --------------------------------------------------------------------------
_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*|#\d+|#x[0-9a-fA-F]+);")
# Upper-case entities in the newswire are typesetting codes (&QL; &HT; &UR; &Cx1f;) except these.
_TEXT_ENTITIES = {"AMP": "&", "LT": "<", "GT": ">", "QUOT": '"', "APOS": "'"}


def _entity(match: re.Match[str]) -> str:
    name = match.group(1)
    if name in _TEXT_ENTITIES:
        return _TEXT_ENTITIES[name]
    decoded = html.unescape(match.group(0))
    return " " if decoded == match.group(0) else decoded


def _clean(fragment: str) -> str:
    """Markup removed, entities decoded, whitespace collapsed."""
    text = re.sub(r"<[^>]*>", " ", fragment)
    return " ".join(_ENTITY.sub(_entity, text).split())


def _element(sgml: str, tag: str) -> str | None:
    match = re.search(rf"<{tag}\b[^>]*>(.*?)</{tag}>", sgml, re.S | re.I)
    return match.group(1) if match else None


def _paragraphs(body: str) -> list[str]:
    body = re.sub(r"<ANNOTATION>.*?</ANNOTATION>", " ", body, flags=re.S | re.I)
    if re.search(r"<P>", body, re.I):
        chunks = re.findall(r"<P>(.*?)(?=</P>|<P>|$)", body, re.S | re.I)
    else:
        # Without <P>, a paragraph starts at an indented line or after a blank line.
        chunks = re.split(r"\n(?=[ \t])|\n\s*\n", body)
    return [p for p in (_clean(c) for c in chunks) if p]


def _iso_date(date_time: str | None, docno: str) -> str | None:
    stamp = " ".join((date_time or "").split())
    for pattern in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%m/%d/%Y %H:%M:%S", "%Y-%m-%d"):
        try:
            parsed = datetime.strptime(stamp, pattern)
        except ValueError:
            continue
        return parsed.date().isoformat() if pattern == "%Y-%m-%d" else parsed.isoformat()
    match = re.search(r"(\d{4})(\d{2})(\d{2})", docno)  # APW19981125.1374
    if match:
        try:
            year, month, day = (int(group) for group in match.groups())
            return date(year, month, day).isoformat()
        except ValueError:
            return None
    return None


def parse_nist_document(sgml: str, *, fallback_id: str = "") -> Document:
    """A :class:`Document` from one ``<DOC>`` of NIST newswire SGML."""
    docno = _clean(_element(sgml, "DOCNO") or "") or fallback_id
    body = _element(sgml, "TEXT")
    if body is None:
        raise DataFormatError(f"document {docno or '?'} has no <TEXT>")
    return Document(
        id=docno,
        title=_clean(_element(sgml, "HEADLINE") or ""),
        text="\n\n".join(_paragraphs(body)),
        published=_iso_date(_element(sgml, "DATE_TIME"), docno),
    )


def _read_folder(folder: Path) -> tuple[Document, ...]:
    documents = []
    for path in sorted(folder.iterdir()):
        if path.is_file() and not path.name.startswith(("_", ".")):
            sgml = path.read_text(encoding="latin-1")
            if "<DOC>" in sgml:
                documents.append(parse_nist_document(sgml, fallback_id=path.name))
    return tuple(sorted(documents, key=lambda d: (d.published or "", d.id)))


def parse_topics(sgml: str) -> dict[str, str]:
    """Topic id (``D0601A``) -> title and narrative."""
    topics = {}
    for block in re.findall(r"<topic>(.*?)</topic>", sgml, re.S | re.I):
        number = _clean(_element(block, "num") or "")
        parts = [_clean(_element(block, tag) or "") for tag in ("title", "narr")]
        topics[number] = "\n".join(p for p in parts if p)
    return topics


# --- summaries ------------------------------------------------------------------------------
_SUMMARY_NAME = re.compile(r"^(D\d+)(?:-([A-Z]))?\.M\.(\d+)\.([A-Z])\.(\w+)$")


def _cluster_key(name: str) -> tuple[str, str] | None:
    """(cluster id, summarizer id) from ``D0601.M.250.A.B`` or ``D0703-A.M.100.A.35``."""
    match = _SUMMARY_NAME.match(name)
    if not match:
        return None
    topic, subset, _, assessor, summarizer = match.groups()
    cluster = f"{topic}{assessor}" + (f"-{subset}" if subset else "")
    return cluster, summarizer


def read_summaries(folder: Path) -> dict[str, dict[str, str]]:
    """Cluster id -> summarizer id -> summary, from a folder of one-sentence-a-line files."""
    summaries: dict[str, dict[str, str]] = {}
    for path in sorted(folder.iterdir()) if folder.is_dir() else ():
        key = _cluster_key(path.name)
        if key:
            lines = path.read_text(encoding="latin-1").splitlines()
            summaries.setdefault(key[0], {})[key[1]] = "\n".join(line for line in lines if line)
    return summaries


def _xml_lines(xml: str) -> list[str]:
    return [html.unescape(line) for line in re.findall(r"<line>(.*?)</line>", xml, re.S)]


def read_pyramid_summaries(path: Path) -> dict[str, dict[str, str]]:
    """Cluster id -> summarizer id -> summary, from the text of a DUCView pyramid (``.pyr``)."""
    text = _element(path.read_text(encoding="utf-8", errors="replace"), "text") or ""
    summaries: dict[str, dict[str, list[str]]] = {}
    current: list[str] | None = None
    for line in (raw.strip() for raw in _xml_lines(text)):
        key = _cluster_key(line)
        if key:
            current = summaries.setdefault(key[0], {}).setdefault(key[1], [])
        elif current is not None and line and not set(line) <= {"-"}:
            current.append(line)
    return {
        cluster: {who: "\n".join(lines) for who, lines in by_who.items()}
        for cluster, by_who in summaries.items()
    }


def read_annotated_peer(path: Path) -> str:
    """The peer summary inside a DUCView annotation (``.pan``) file."""
    annotation = _element(path.read_text(encoding="utf-8", errors="replace"), "annotation") or ""
    return "\n".join(line.strip() for line in _xml_lines(annotation) if line.strip())


def read_rouge_averages(path: Path) -> dict[str, float]:
    """Summarizer id -> average, from a NIST ``*.jk.m.avg`` file (``ID score (CI)``)."""
    averages = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        parts = line.split()
        if len(parts) >= 2 and re.fullmatch(r"\d*\.\d+", parts[1]):
            averages[parts[0]] = float(parts[1])
    return averages


# --- whole benchmarks -----------------------------------------------------------------------
def _cluster(
    cluster_id: str,
    folder: Path,
    *,
    topic: str | None,
    references: Mapping[str, str],
    peers: Mapping[str, str],
    words: int,
) -> Cluster:
    ids = tuple(sorted(references))
    return Cluster(
        id=cluster_id,
        documents=_read_folder(folder),
        references=tuple(references[i] for i in ids),
        topic=topic,
        peers=dict(peers),
        reference_ids=ids,
        word_limit=words,
    )


def _duc_root(path: Path) -> Path:
    for candidate in (path, path.parent):
        if (candidate / "duc2006_docs").is_dir() or (candidate / "duc2007_testdocs").is_dir():
            return candidate
    raise DataFormatError(
        f"{path}: not a DUC 2006 or 2007 folder (expected duc2006_docs/ or duc2007_testdocs/)"
    )


def read_duc(path: str | Path, *, task: Task = "main") -> list[Cluster]:
    """Every cluster of the DUC 2006 or 2007 folder at ``path`` (the year is detected).

    ``task`` picks the DUC 2007 main task (45 clusters, references for the 23 of the pyramid
    evaluation) or the update task (10 topics x 3 document sets, 100-word summaries). Clusters
    without references are kept (their ``references`` are empty). Peers of DUC 2006 come from
    ``NISTeval2`` (correctly truncated) when it exists.
    """
    root = _duc_root(Path(path))
    if task not in WORD_LIMITS:
        raise DataFormatError(f"unknown DUC task {task!r} (expected 'main' or 'update')")
    if (root / "duc2006_docs").is_dir():
        if task != "main":
            raise DataFormatError("DUC 2006 has only the main task")
        return _read_2006(root)
    return _read_2007_update(root) if task == "update" else _read_2007_main(root)


def _read_2006(root: Path) -> list[Cluster]:
    topics = parse_topics((root / "duc2006_topics.sgml").read_text(encoding="latin-1"))
    models = read_summaries(root / "NISTeval" / "ROUGE" / "models")
    peer_folder = root / "NISTeval2" / "ROUGE" / "peers"
    if not peer_folder.is_dir():
        peer_folder = root / "NISTeval" / "ROUGE" / "peers"
    peers = read_summaries(peer_folder)
    return _main_clusters(root / "duc2006_docs", topics, models, peers)


def _main_clusters(
    docs: Path,
    topics: Mapping[str, str],
    models: Mapping[str, Mapping[str, str]],
    peers: Mapping[str, Mapping[str, str]],
) -> list[Cluster]:
    """The main-task clusters of one year: one per document folder under ``docs``."""
    return [
        _cluster(
            folder.name,
            folder,
            topic=topics.get(folder.name),
            references=models.get(folder.name, {}),
            peers=peers.get(folder.name, {}),
            words=WORD_LIMITS["main"],
        )
        for folder in sorted(docs.iterdir())
        if folder.is_dir()
    ]


def _read_2007_main(root: Path) -> list[Cluster]:
    topics = parse_topics((root / "duc2007_topics.sgml").read_text(encoding="latin-1"))
    evaluation = root / "mainPyramidEval"
    models: dict[str, dict[str, str]] = {}
    for pyramid in sorted((evaluation / "allpyramids").glob("*.pyr")):
        for cluster_id, summaries in read_pyramid_summaries(pyramid).items():
            models.setdefault(cluster_id, {}).update(summaries)
    peers: dict[str, dict[str, str]] = {}
    for annotated in sorted((evaluation / "allpans").glob("*.pan")):
        key = _cluster_key(annotated.stem)
        if key:
            peers.setdefault(key[0], {})[key[1]] = read_annotated_peer(annotated)
    return _main_clusters(root / "duc2007_testdocs" / "main", topics, models, peers)


def _read_2007_update(root: Path) -> list[Cluster]:
    topics = parse_topics((root / "duc2007_UPDATEtopics.sgml").read_text(encoding="latin-1"))
    models = read_summaries(root / "updateEval" / "ROUGE" / "models")
    peers = read_summaries(root / "updateEval" / "ROUGE" / "peers")
    clusters = []
    for topic_folder in sorted((root / "duc2007_testdocs" / "update").iterdir()):
        for folder in sorted(p for p in topic_folder.iterdir() if p.is_dir()):
            clusters.append(
                _cluster(
                    folder.name,
                    folder,
                    topic=topics.get(topic_folder.name),
                    references=models.get(folder.name, {}),
                    peers=peers.get(folder.name, {}),
                    words=WORD_LIMITS["update"],
                )
            )
    return clusters


def _jsonl_document(item: Any, where: str, index: int) -> Document:
    if isinstance(item, str):
        return Document(id=f"{index}", title="", text=item)
    if isinstance(item, dict) and isinstance(item.get("text"), str):
        published = item.get("published")
        return Document(
            id=str(item.get("id", index)),
            title=str(item.get("title") or ""),
            text=item["text"],
            published=str(published) if published else None,
        )
    raise DataFormatError(f"{where}: document {index} is neither a string nor has a 'text'")


def read_jsonl(path: str | Path) -> list[Cluster]:
    """Clusters from a JSON Lines file, one cluster a line (blank lines are skipped)."""
    clusters = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise DataFormatError(f"{where}: not JSON ({error.msg})") from error
        if not isinstance(record, dict) or not isinstance(record.get("documents"), list):
            raise DataFormatError(f"{where}: expected an object with a 'documents' list")
        references = record.get("references") or []
        peers = record.get("peers") or {}
        if not all(isinstance(r, str) for r in references) or not isinstance(peers, dict):
            raise DataFormatError(f"{where}: 'references' must be strings, 'peers' an object")
        topic = record.get("topic")
        clusters.append(
            Cluster(
                id=str(record.get("id", number)),
                documents=tuple(
                    _jsonl_document(d, where, i) for i, d in enumerate(record["documents"])
                ),
                references=tuple(references),
                topic=str(topic) if topic else None,
                peers={str(k): str(v) for k, v in peers.items()},
                word_limit=record.get("words") if isinstance(record.get("words"), int) else None,
            )
        )
    return clusters
