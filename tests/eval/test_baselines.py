"""Reference summarizers, their tokenizer, and a whole evaluation run on tiny clusters."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from storyline.eval.baselines import CentroidMMR, Lead, LexRank, TextRank, fill_budget
from storyline.eval.duc import Cluster, Document
from storyline.eval.summaries import (
    EvalReport,
    evaluate,
    format_table,
    reference_systems,
    to_json,
    write_csv,
)
from storyline.eval.tokenize import SumyTokenizer, split_sentences, split_words

# --- tokenizer ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He met Dr. Smith. Then he left.", ["He met Dr. Smith.", "Then he left."]),
        (
            "PHOENIX, Ariz. (AP) -- Rain fell. It stopped.",
            ["PHOENIX, Ariz. (AP) -- Rain fell.", "It stopped."],
        ),
        (
            "John F. Kennedy spoke on Jan. 5 in the U.S. Senate.",
            ["John F. Kennedy spoke on Jan. 5 in the U.S. Senate."],
        ),
        ("It was in the U.S. The end came.", ["It was in the U.S.", "The end came."]),
        ("He works for Acme Inc. The firm grew.", ["He works for Acme Inc.", "The firm grew."]),
        ("``We won,'' he said. ``Again.''", ["``We won,'' he said.", "``Again.''"]),
        (
            "Prices rose 2.5 percent. Why? Nobody knows!",
            ["Prices rose 2.5 percent.", "Why?", "Nobody knows!"],
        ),
        (
            "One line\nwrapped. Two.\n\nNew paragraph without stop\n\nLast",
            ["One line wrapped.", "Two.", "New paragraph without stop", "Last"],
        ),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_split_words_drops_punctuation_and_numbers() -> None:
    assert split_words("Don't stop, co-op 42 times!") == ["Don't", "stop", "co-op", "times"]


def test_sumy_tokenizer_adapter() -> None:
    tokenizer = SumyTokenizer(splitter=lambda text: text.split("|"))
    assert tokenizer.language == "english"
    assert tokenizer.to_sentences("a b|c") == ("a b", "c")
    assert tokenizer.to_words("Hello, world.") == ("Hello", "world")
    assert SumyTokenizer().to_sentences("A b. C d.") == ("A b.", "C d.")


# --- baselines ------------------------------------------------------------------------------
DOCUMENTS = [
    "Storm hits the coast of Florida. Thousands lose power in Miami. Schools close early.",
    "A strong storm hit the Florida coast on Monday. Power failed for thousands of homes.",
    "The storm hit Florida and moved north. Officials opened shelters. Flights were cancelled.",
]


def test_fill_budget_keeps_rank_order_and_skips_sentences_that_overflow() -> None:
    sentences = ["one two three", "four five six seven", "eight", ""]
    assert fill_budget([1, 0, 2, 3], sentences, 5) == [1, 2]
    assert fill_budget([0], sentences, 2) == []


def test_lead_takes_first_sentences_of_each_document_first() -> None:
    summary = Lead()(DOCUMENTS, topic=None, words=30)
    assert summary == (
        "Storm hits the coast of Florida. A strong storm hit the Florida coast "
        "on Monday. The storm hit Florida and moved north. Thousands lose power "
        "in Miami. Officials opened shelters."
    )  # the 6-word second one overflows
    assert Lead()([], topic=None, words=30) == ""


@pytest.mark.parametrize("system", [Lead(), LexRank(), TextRank(), CentroidMMR(min_words=3)])
def test_every_baseline_returns_whole_sentences_within_the_budget(system: object) -> None:
    summarize = system  # type: ignore[assignment]
    sentences = {s for d in DOCUMENTS for s in split_sentences(d)}
    for words in (8, 20, 200):
        summary: str = summarize(DOCUMENTS, topic=None, words=words)
        assert 0 < len(summary.split()) <= words
        chosen = split_sentences(summary)
        assert set(chosen) <= sentences
        assert len(chosen) == len(set(chosen))
    assert summarize([], topic=None, words=20) == ""


def test_centroid_mmr_uses_the_topic_and_avoids_repeats() -> None:
    mmr = CentroidMMR(min_words=3)
    focused = mmr(DOCUMENTS, topic="flights cancelled at airports", words=4)
    assert focused == "Flights were cancelled."
    summary = mmr([*DOCUMENTS, DOCUMENTS[0]], topic=None, words=200)
    assert summary.count("Storm hits the coast of Florida.") == 1


# --- evaluation run -------------------------------------------------------------------------
def cluster(cluster_id: str, references: tuple[str, ...]) -> Cluster:
    return Cluster(
        id=cluster_id,
        documents=tuple(Document(str(i), "", text) for i, text in enumerate(DOCUMENTS)),
        references=references,
        topic="storm power",
        word_limit=12,
    )


class Echo:
    """A summarizer that returns a fixed text and records what it was given."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.calls: list[tuple[int, str | None, int]] = []

    def __call__(self, documents: Sequence[str], *, topic: str | None, words: int) -> str:
        self.calls.append((len(documents), topic, words))
        return self.text


def test_evaluate_scores_truncated_summaries_and_skips_clusters_without_references() -> None:
    perfect = Echo("storm hits the coast of florida extra words here")
    other = Echo("nothing in common")
    clusters = [cluster("c1", ("Storm hits the coast of Florida.",)), cluster("c2", ())]
    progress: list[tuple[int, int]] = []
    report = evaluate(
        clusters,
        {"perfect": perfect, "lexrank": other},
        words=6,
        focus=True,
        progress=lambda done, total: progress.append((done, total)),
    )
    assert report.skipped == ("c2",) and progress == [(1, 1)]
    assert perfect.calls == [(3, "storm power", 6)]
    best, worst = report.means
    assert (best.system, best.rouge_1, best.rouge_2, best.clusters) == ("perfect", 1.0, 1.0, 1)
    assert worst.rouge_1 == 0.0

    table = format_table(report)
    assert table.splitlines()[0].split() == [
        "system",
        "R-1",
        "R-2",
        "R-SU4",
        "s/cluster",
        "x",
        "LexRank",
    ]
    assert "perfect" in table and "1.0000" in table and "first 6 words" in table


def test_evaluate_uses_each_cluster_word_limit_and_passes_no_topic_unfocused() -> None:
    echo = Echo("a b")
    evaluate([cluster("c1", ("a b",))], {"echo": echo})
    assert echo.calls == [(3, None, 12)]


def test_evaluate_says_which_system_failed_on_which_cluster() -> None:
    def broken(documents: Sequence[str], *, topic: str | None, words: int) -> str:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError) as error:
        evaluate([cluster("c1", ("x",))], {"broken": broken})
    assert "broken summarized cluster c1" in str(error.value.__notes__)


def test_csv_and_json_outputs(tmp_path: Path) -> None:
    report = evaluate(
        [cluster("c1", ("storm hits",)), cluster("c2", ("power",))],
        {"echo": Echo("storm hits power")},
    )
    path = tmp_path / "rows.csv"
    write_csv(report, path)
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert [(r["system"], r["cluster"]) for r in rows] == [("echo", "c1"), ("echo", "c2")]
    assert float(rows[0]["rouge_1"]) == 1.0
    data = json.loads(json.dumps(to_json(report)))
    assert data["means"][0]["clusters"] == 2 and len(data["rows"]) == 2
    assert isinstance(report, EvalReport) and report.words == 12


def test_reference_systems_run_end_to_end() -> None:
    report = evaluate(
        [cluster("c1", ("A storm hit Florida and power failed.",))],
        reference_systems(),
        words=20,
        focus=True,
    )
    assert [m.system for m in report.means] == ["lead", "lexrank", "textrank", "centroid-mmr"]
    assert all(0 < m.rouge_1 <= 1 for m in report.means)


def test_storyline_systems_differ_only_in_the_sentence_choice() -> None:
    from storyline.eval.summaries import storyline_systems

    systems = storyline_systems()
    assert {name: s.solver for name, s in systems.items()} == {  # type: ignore[attr-defined]
        "storyline": None,
        "storyline-ilp": "ilp",
    }
    report = evaluate(
        [cluster("c1", ("A storm hit Florida and power failed.",))], systems, words=20, focus=True
    )
    assert [m.system for m in report.means] == ["storyline", "storyline-ilp"]
    assert all(0 < m.rouge_1 <= 1 for m in report.means)
