"""Clustering evaluation: B-cubed, gold readers, the stream order and the command."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.eval.clustering import (
    GoldArticle,
    bcubed,
    eval_clustering,
    read_gold,
    stream_order,
    tuned_baseline,
)

TOPICS = {
    "bridge": "The river authority closed the Old Mill bridge after inspectors found cracks in "
    "the support piers; engineers said repairs to the bridge would take six weeks.",
    "election": "Voters in the northern province elected a new governor, giving the opposition "
    "candidate a narrow majority after a campaign about hospital closures.",
    "storm": "A winter storm cut power to thousands of homes along the coast and closed the "
    "ferry port, while forecasters warned of more snow and strong winds.",
}


def _articles() -> list[dict[str, str]]:
    return [
        {
            "id": f"{label}{i}",
            "label": label,
            "published": f"2026-03-0{1 + i}",
            "text": f"{text} Item {label}{i}.",
        }
        for label, text in TOPICS.items()
        for i in range(4)
    ]


def test_bcubed_perfect_and_all_in_one() -> None:
    gold = ["a", "a", "b", "b"]
    assert bcubed([1, 1, 2, 2], gold).f1 == 1.0
    lumped = bcubed([0, 0, 0, 0], gold)
    assert lumped.recall == 1.0 and lumped.precision == 0.5
    split = bcubed([1, 2, 3, 4], gold)
    assert split.precision == 1.0 and split.recall == 0.5


def test_stream_order_is_by_date_and_seeded() -> None:
    items = [GoldArticle(str(i), "x", "t", published=f"2026-01-0{1 + i % 3}") for i in range(9)]
    ordered = stream_order(items, seed=3)
    assert [a.published for a in ordered] == sorted(a.published or "" for a in items)
    assert ordered == stream_order(items, seed=3)


def test_read_gold_jsonl_and_folder(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in _articles()), encoding="utf-8")
    assert len(read_gold(path)) == 12
    folder = tmp_path / "clusters"
    for label, text in TOPICS.items():
        (folder / label).mkdir(parents=True)
        (folder / label / "a.txt").write_text(text, encoding="utf-8")
    assert {a.label for a in read_gold(folder)} == set(TOPICS)


def test_baseline_separates_distinct_topics() -> None:
    items = [
        GoldArticle(a["id"], a["label"], a["text"], published=a["published"]) for a in _articles()
    ]
    scores, _ = tuned_baseline(items)
    assert scores.f1 == 1.0


def test_command_scores_store_and_baseline(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in _articles()), encoding="utf-8")
    out = tmp_path / "report.json"
    result = CliRunner().invoke(eval_clustering, ["--data", str(path), "--json", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text())
    assert report["systems"]["storyline stories"]["f1"] >= 0.9
    assert "baseline tfidf+agglomerative" in report["systems"]


DUC = os.environ.get("STORYLINE_DUC_DIR")


@pytest.mark.slow
@pytest.mark.skipif(not DUC or not Path(DUC, "DUC2007").is_dir(), reason="DUC 2007 not available")
def test_duc2007_online_clustering_floor() -> None:
    from storyline.eval.clustering import evaluate
    from storyline.store.model import ClusterConfig

    report = evaluate(read_gold(Path(str(DUC), "DUC2007")), config=ClusterConfig.topics())
    assert report.systems["storyline stories"].f1 >= 0.90
