"""The SQLite story store: migrations, idempotent ingest, online clustering, reads."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storyline.records import Article, RawInput, Rejection, Removal
from storyline.store import ClusterConfig, ingest, open_store
from storyline.store.recheck import split_groups
from storyline.store.schema import SCHEMA_VERSION, current_version

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "korvan-talks"

BRIDGE = (
    "The river authority closed the Old Mill bridge on Tuesday after inspectors found cracks "
    "in two support piers. Engineers said repairs to the bridge would take at least six weeks, "
    "and commuters were sent to the ring road where traffic backed up for kilometres."
)
ELECTION = (
    "Voters in the northern province elected a new governor on Sunday, giving the opposition "
    "candidate a narrow majority after a campaign dominated by hospital closures and rising "
    "fuel prices across rural districts."
)


def make(
    text: str,
    *,
    id: str,
    published: str = "2026-03-03",
    title: str | None = None,
    outlet: str | None = None,
) -> Article:
    return Article(
        id=id, source=f"{id}.txt", text=text, title=title, outlet=outlet, published=published
    )


def reword(text: str, n: int) -> str:
    """A rewrite by another outlet: a different closing clause."""
    return f"{text} Outlet {n} reported that officials would say more on Friday."


def test_migrations_are_recorded_and_reapplying_is_a_no_op(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    open_store(path).close()
    store = open_store(path)
    assert store.schema_version == SCHEMA_VERSION
    assert current_version(store.conn) == SCHEMA_VERSION
    store.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_articles_round_trip_with_removals(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    article = Article(
        id="a1",
        source="a.txt",
        text=BRIDGE,
        title="Bridge shut",
        outlet="Post",
        url="https://example.org/a",
        published="2026-03-03T10:00:00",
        removed=(Removal("Subscribe now", "subscription prompt", 0, 13),),
    )
    result = store.add_batch([article], [Rejection("bad.txt", "empty")])
    assert result.placements[0].new_story
    assert store.articles(["a1"]) == [article]
    assert store.rejections() == [Rejection("bad.txt", "empty")]


def test_a_roundup_item_keeps_its_roundup_in_the_store(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    item = Article(id="d#2", source="d.txt", text=BRIDGE, roundup="d", published="2026-03-03")
    store.add_batch([item, make(ELECTION, id="e")])
    assert store.articles(["d#2", "e"]) == [item, make(ELECTION, id="e")]
    assert store.articles(["d#2"])[0].roundup == "d"


def test_same_article_twice_is_stored_once(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    first = store.add_batch([make(BRIDGE, id="a1")])
    again = store.add_batch([make(BRIDGE, id="a1")])
    assert len(first.placements) == 1 and again.skipped == ("a1",)
    assert store.count()["articles"] == 1


def test_similar_articles_share_a_story_and_others_do_not(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    store.add_batch([make(reword(BRIDGE, i), id=f"b{i}", outlet=f"O{i}") for i in range(3)])
    store.add_batch([make(ELECTION, id="e1")])
    stories = {len(s.article_ids): s for s in store.stories()}
    assert set(stories) == {3, 1}
    assert set(stories[3].article_ids) == {"b0", "b1", "b2"}
    assert stories[3].outlets == ("O0", "O1", "O2")
    assert store.check() == []


def test_date_window_separates_events(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    store.add_batch([make(reword(BRIDGE, 1), id="x1", published="2026-03-03")])
    store.add_batch([make(reword(BRIDGE, 2), id="x2", published="2026-05-20")])
    assert len(store.stories()) == 2
    topics = open_store(tmp_path / "t.db", config=ClusterConfig.topics())
    topics.add_batch([make(reword(BRIDGE, 1), id="x1", published="2026-03-03")])
    topics.add_batch([make(reword(BRIDGE, 2), id="x2", published="2026-05-20")])
    assert len(topics.stories()) == 1


def test_late_arriving_article_joins_its_story(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    store.add_batch([make(reword(BRIDGE, 1), id="old1", published="2026-03-03")])
    store.add_batch([make(ELECTION, id="new", published="2026-04-10")])
    store.add_batch([make(reword(BRIDGE, 2), id="late", published="2026-03-04")])
    assert store.story("old1").article_ids == ("old1", "late")


def test_syndicated_copy_is_marked_near_duplicate(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    placements = store.add_batch(
        [
            make(BRIDGE, id="wire"),
            make(f"{BRIDGE} Copyright Agency.", id="copy"),
        ]
    ).placements
    assert placements[1].duplicate_of == "wire"
    assert store.story("wire").duplicates == ("copy",)


def test_merge_when_an_article_bridges_two_stories(tmp_path: Path) -> None:
    config = ClusterConfig(story_threshold=0.3, merge_threshold=0.3)
    store = open_store(tmp_path / "s.db", config=config)
    half_a = BRIDGE.split(". ")[0] + "."
    half_b = ". ".join(BRIDGE.split(". ")[1:])
    store.add_batch([make(half_a, id="a"), make(ELECTION, id="e")])
    store.add_batch([make(half_b, id="b")])
    before = store.count()["stories"]
    result = store.add_batch([make(BRIDGE, id="whole")])
    story = store.story("whole")
    if result.placements[0].merged:
        assert store.count()["stories"] == before - 1
        assert {"a", "b", "whole"} <= set(story.article_ids)
        gone = result.placements[0].merged[0]
        assert store.story(gone).id == story.id  # the old id still resolves
    assert store.check() == []


def test_story_ids_resolve_by_prefix_and_unknown_ids_raise(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    store.add_batch([make(BRIDGE, id="abcdef0123456789")])
    assert store.story("abcdef").id == "abcdef0123456789"
    with pytest.raises(KeyError):
        store.story("zzz")


def test_search_and_since_filter_stories(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    store.add_batch(
        [
            make(BRIDGE, id="b", published="2026-03-03"),
            make(ELECTION, id="e", published="2026-03-20"),
        ]
    )
    assert [s.id for s in store.stories(search="old mill")] == ["b"]
    from datetime import date

    assert [s.id for s in store.stories(since=date(2026, 3, 10))] == ["e"]
    assert store.stories(search="100%") == []


def test_ingest_korvan_example_is_idempotent_and_groups_the_main_story(tmp_path: Path) -> None:
    from storyline.ingest import load

    store = open_store(tmp_path / "s.db")
    raw, rejected = load([str(EXAMPLE)])
    first = ingest(store, [*rejected, *raw], batch_size=4)
    assert first.stored == 9
    second = ingest(store, [*rejected, *raw], batch_size=4)
    assert second.stored == 0 and second.skipped == 9
    stories = store.stories()
    sizes = sorted(len(s.article_ids) for s in stories)
    assert sizes == [1, 8]
    zhelin = next(s for s in stories if len(s.article_ids) == 1)
    assert "zhelin" in zhelin.sources[0]
    # The related earlier story belongs to the same storyline.
    assert len({s.storyline_id for s in stories}) == 1
    assert store.count()["duplicates"] >= 1


def test_ingest_with_worker_processes_matches_inline(tmp_path: Path) -> None:
    items = [
        RawInput(
            source=f"r{i}",
            text=reword(BRIDGE, i) + f" Item {i} closing words here.",
            published="2026-03-03",
        )
        for i in range(6)
    ]
    inline = open_store(tmp_path / "a.db")
    pooled = open_store(tmp_path / "b.db")
    one = ingest(inline, items, batch_size=2, jobs=1)
    two = ingest(pooled, items, batch_size=2, jobs=2)
    assert one.stored == two.stored == 6
    assert [s.article_ids for s in inline.stories()] == [s.article_ids for s in pooled.stories()]


# A lone article (X) and two later ones (A1, A2) that share the bridge report with it: X is
# less close to either alone than to their joined story, whose centroid leaves out what only
# one of them says.
EXTRA = " Engineers said the steel bearings had rusted and the deck sagged by several centimetres."
LONE = (
    BRIDGE + " The mayor blamed decades of neglected maintenance budgets and promised an audit "
    "of every crossing in the city."
)
LATER = (
    BRIDGE + EXTRA + " Fishermen below the piers worried that falling concrete would damage "
    "their moored boats.",
    BRIDGE + EXTRA + " Schoolchildren from the eastern suburbs faced longer bus journeys to "
    "their classes.",
)


def _recheck_config(lags: tuple[int, ...]) -> ClusterConfig:
    # Only the second look may join the lone article: no member evidence, no merges.
    return ClusterConfig(
        story_threshold=0.6, member_threshold=1.0, merge_threshold=0.99, recheck_lags=lags
    )


def test_lone_article_joins_a_story_that_formed_after_it(tmp_path: Path) -> None:
    sizes = {}
    for lags in ((), (2,)):
        store = open_store(tmp_path / f"s{len(lags)}.db", config=_recheck_config(lags))
        for i, text in enumerate((ELECTION, LONE, *LATER)):
            result = store.add_batch([make(text, id=f"a{i}")])
        sizes[lags] = sorted(len(s.article_ids) for s in store.stories())
        assert store.check() == []
    assert sizes[()] == [1, 1, 2]
    assert sizes[(2,)] == [1, 3]
    assert result.placements[0].merged == ("a1",)  # reported on the batch that merged it
    assert store.story("a1").id == store.story("a2").id  # the old story id resolves


def test_placements_name_live_stories_after_merges_in_the_batch(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db", config=_recheck_config((0,)))
    result = store.add_batch([make(t, id=f"a{i}") for i, t in enumerate((ELECTION, LONE, *LATER))])
    assert sorted(len(s.article_ids) for s in store.stories()) == [1, 3]
    for placement in result.placements:
        assert store.story(placement.article_id).id == placement.story_id
    assert sum(len(p.merged) for p in result.placements) == 1
    assert store.check() == []


def test_a_close_member_is_evidence_even_when_the_centroid_is_not(tmp_path: Path) -> None:
    stories = {}
    for member_threshold in (0.3, 1.0):
        config = ClusterConfig(story_threshold=0.99, member_threshold=member_threshold)
        store = open_store(tmp_path / f"m{member_threshold}.db", config=config)
        store.add_batch([make(LATER[0], id="b1"), make(ELECTION, id="e")])
        store.add_batch([make(LATER[1], id="b2")])
        stories[member_threshold] = len(store.stories())
    assert stories == {0.3: 2, 1.0: 3}


def test_reingesting_after_merges_stores_nothing_twice(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db", config=_recheck_config((2,)))
    batches = [[make(text, id=f"a{i}")] for i, text in enumerate((ELECTION, LONE, *LATER))]
    for batch in batches * 2:
        store.add_batch(batch)
    assert store.count()["articles"] == 4
    assert sorted(len(s.article_ids) for s in store.stories()) == [1, 3]
    assert store.check() == []


def _split_config(min_size: int) -> ClusterConfig:
    # Any shared word joins a story; only the split can tell the two events apart.
    return ClusterConfig(
        story_threshold=0.01,
        member_threshold=1.0,
        merge_threshold=0.3,
        recheck_lags=(),
        split_min_size=min_size,
    )


def test_split_groups_cuts_two_separated_groups_only() -> None:
    a = [{1: 0.8, 2: 0.6}, {1: 0.6, 2: 0.8}, {1: 0.7, 2: 0.7, 9: 0.1}]
    b = [{3: 0.8, 4: 0.6}, {3: 0.6, 4: 0.8}, {3: 0.7, 4: 0.7, 9: 0.1}]
    options = {"threshold": 0.3, "min_size": 3, "centroid_terms": 100}
    assert split_groups([a[0], b[0], a[1], b[1], a[2], b[2]], **options) == [1, 3, 5]
    assert split_groups(a + a, **options) is None
    assert split_groups(a + b[:2], **options) is None  # a group smaller than min_size stays


def test_a_story_of_two_events_is_split_when_it_grows(tmp_path: Path) -> None:
    texts = [reword(BRIDGE, 1), reword(ELECTION, 2), reword(BRIDGE, 3), reword(ELECTION, 4)]
    sizes = {}
    for min_size in (0, 2):
        store = open_store(tmp_path / f"s{min_size}.db", config=_split_config(min_size))
        batch = [make(t, id=f"a{i}", title="Province report") for i, t in enumerate(texts)]
        result = store.add_batch(batch)
        sizes[min_size] = sorted(len(s.article_ids) for s in store.stories())
        for placement in result.placements:
            found = store.article_placement(placement.article_id)
            assert found is not None and found[0] == placement.story_id
        assert store.check() == []
        store.add_batch(batch)  # re-ingest stores nothing and keeps the stories
        assert store.count()["articles"] == 4
        assert sorted(len(s.article_ids) for s in store.stories()) == sizes[min_size]
    assert sizes == {0: [4], 2: [2, 2]}
    assert {a for s in store.stories() for a in s.article_ids if "a1" in s.article_ids} == {
        "a1",
        "a3",
    }
