"""Later looks that correct early placements: member moves, relaxed rechecks, checkpoints."""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path

from storyline.records import Article
from storyline.store import ClusterConfig, open_store
from storyline.store.reassign import Sum
from storyline.store.recheck import checkpoint
from storyline.store.writer import BatchWriter
from tests.store.test_store import BRIDGE, ELECTION

# An election report that opens with a sentence on the bridge: alone with bridge reports it
# joins them; once the election has a story of its own it fits that story far better.
MIXED = ELECTION + " Counting was slowed where the river authority closed the Old Mill bridge."


def make(text: str, *, id: str, n: int) -> Article:
    """An article by outlet ``n`` (a different closing clause for each)."""
    closing = f" Outlet {n} reported that officials would say more on Friday."
    return Article(id=id, source=f"{id}.txt", text=text + closing, published="2026-03-03")


def _config(story_threshold: float, reassign_ratio: float) -> ClusterConfig:
    # No member evidence, merges or splits: only the member move can correct the early join.
    return ClusterConfig(
        story_threshold=story_threshold,
        member_threshold=1.0,
        merge_threshold=0.99,
        recheck_lags=(),
        split_min_size=0,
        reassign_ratio=reassign_ratio,
        reassign_min_size=2,
        review_growth=2.0,
    )


def test_checkpoints_are_powers_of_the_growth() -> None:
    assert [checkpoint(n, 2.0) for n in (0, 1, 2, 3, 4, 7, 8, 9)] == [-1, 0, 1, 1, 2, 2, 3, 3]
    assert [checkpoint(n, 1.5) for n in (1, 2, 3, 4, 5)] == [0, 1, 2, 3, 3]


def test_cosine_with_the_rest_of_a_sum() -> None:
    a, b = {1: 0.6, 2: 0.8}, {1: 0.8, 3: 0.6}
    total = Sum()
    for vector in (a, b, {4: 1.0}):
        total.add(vector, 1.0)
    assert abs(total.without(a) - 0.48 / math.sqrt(2.0)) < 1e-9  # a . (b + e4) / |b + e4|
    total.add({4: 1.0}, -1.0)
    assert abs(total.without(a) - 0.48) < 1e-9
    assert total.without({5: 1.0}) == 0.0


def _ingest(path: Path, reassign_ratio: float) -> dict[str, set[str]]:
    # Early on everything with a shared word joins (young statistics); later only close ones.
    early = open_store(path, config=_config(0.01, reassign_ratio))
    early.add_batch([make(BRIDGE, id=f"b{i}", n=i) for i in range(2)] + [make(MIXED, id="m", n=2)])
    early.close()
    store = open_store(path, config=_config(0.55, reassign_ratio))
    store.add_batch([make(ELECTION, id=f"e{i}", n=i) for i in range(3, 7)])
    result = store.add_batch([make(BRIDGE, id=f"b{i}", n=i) for i in range(7, 9)])
    for placement in result.placements:
        found = store.article_placement(placement.article_id)
        assert found is not None and found[0] == placement.story_id
    assert store.check() == []
    stories = {s.id: set(s.article_ids) for s in store.stories()}
    store.close()
    return stories


def test_a_member_placed_before_its_story_formed_moves_there(tmp_path: Path) -> None:
    stays = _ingest(tmp_path / "off.db", 0.0)
    moves = _ingest(tmp_path / "on.db", 1.5)
    assert sorted(map(sorted, stays.values())) == [
        ["b0", "b1", "b7", "b8", "m"],
        ["e3", "e4", "e5", "e6"],
    ]
    assert sorted(map(sorted, moves.values())) == [
        ["b0", "b1", "b7", "b8"],
        ["e3", "e4", "e5", "e6", "m"],
    ]


def test_a_clear_nearest_story_is_joined_a_little_below_the_threshold() -> None:
    config = ClusterConfig(story_threshold=0.2, recheck_relax=0.25, recheck_lead=1.5)
    writer = BatchWriter(sqlite3.connect(":memory:"), config)
    assert writer._clear_lead([("a", 0.01)])  # at the threshold: always
    assert writer._clear_lead([("a", -0.04), ("b", -0.12)])  # 0.16 >= 1.5 x 0.08
    assert not writer._clear_lead([("a", -0.04), ("b", -0.08)])  # 0.16 < 1.5 x 0.12
    assert not writer._clear_lead([("a", -0.06)])  # more than a quarter short
