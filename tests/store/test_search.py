"""Story search: the full-text index over articles, and its migration onto older stores."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.store import open_store
from storyline.store.schema import MIGRATIONS
from storyline.store.sqlite import SQLiteStore
from tests.store.test_store import BRIDGE, ELECTION, make


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    store = open_store(tmp_path / "s.db")
    store.add_batch(
        [
            make(BRIDGE, id="b", title="Old Mill bridge shut"),
            make(ELECTION + " The count ended in Zürich-Nord.", id="e", published="2026-03-20"),
        ]
    )
    yield store
    store.close()


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("old mill", ["b"]),  # words in order, in the text or the title
        ("Old Mill bri", ["b"]),  # the last word may be unfinished
        ("inspectors found", ["b"]),
        ("mill old", []),  # not in that order
        ("zurich", ["e"]),  # accents do not matter
        ("GOVERNOR", ["e"]),
        ("ferry", []),
    ],
)
def test_search_matches_words_of_titles_and_texts(
    store: SQLiteStore, query: str, found: list[str]
) -> None:
    assert [s.id for s in store.stories(search=query)] == found


@pytest.mark.parametrize("query", ['" OR *', "NEAR(a b)", "bridge AND -x", "%_\\", "'; DROP"])
def test_query_syntax_in_search_text_is_only_text(store: SQLiteStore, query: str) -> None:
    store.stories(search=query)  # never an FTS5 syntax error


def test_a_store_made_before_the_index_is_indexed_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    store = open_store(path)
    store.add_batch([make(BRIDGE, id="b")])
    store.close()
    # Make it look like a store of schema version 1: no index, no triggers.
    conn = sqlite3.connect(path)
    conn.executescript(
        "DROP TRIGGER articles_fts_insert; DROP TRIGGER articles_fts_delete; "
        "DROP TRIGGER articles_fts_update; DROP TABLE articles_fts; "
        "ALTER TABLE articles DROP COLUMN roundup; "
        "DELETE FROM schema_migrations WHERE version > 1;"
    )
    conn.close()
    store = open_store(path)
    assert store.schema_version == MIGRATIONS[-1].version
    assert [s.id for s in store.stories(search="old mill")] == ["b"]
    store.add_batch([make(ELECTION, id="e", published="2026-03-20")])
    assert [s.id for s in store.stories(search="governor")] == ["e"]
    store.close()


def test_check_reports_an_index_out_of_step_with_the_articles(store: SQLiteStore) -> None:
    assert store.check() == []
    store.conn.execute("DROP TRIGGER articles_fts_update")
    store.conn.execute("UPDATE articles SET text = 'nothing the index has seen'")
    assert any("full-text index" in problem for problem in store.check())
