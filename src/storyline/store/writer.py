"""Writing a batch into a SQLite store: articles, clustering decisions, index upkeep.

One batch is one transaction (``BEGIN IMMEDIATE`` … ``COMMIT``): either every article of the
batch is stored with its story, postings and counters, or nothing is. In-memory caches (story
centroids) are only trusted while the store's write generation is the one this process wrote
last; any other writer, or a rollback, empties them.
"""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime

import numpy as np

from storyline.records import Article, Rejection
from storyline.store import online
from storyline.store.model import BatchResult, ClusterConfig, Placement
from storyline.store.online import StoryState
from storyline.store.placing import Placing

_CACHE_SIZE = 20_000
_CHUNK = 500  # bound on SQL variables per statement


class BatchWriter(Placing):
    """Places articles into stories and writes them, one transaction per batch."""

    def __init__(self, conn: sqlite3.Connection, config: ClusterConfig) -> None:
        self.conn = conn
        self.config = config
        self._stories: OrderedDict[str, StoryState] = OrderedDict()
        self._generation = -1
        self._touched: dict[str, None] = {}  # stories that gained articles this batch, in order
        self._redirect: dict[str, str] = {}  # story merged this batch -> the story it went into
        self._moved: dict[str, str] = {}  # member of a story split this batch -> its story
        self._sizes: dict[str, int] = {}  # story -> its size when this batch first grew it

    # --- meta and caches ------------------------------------------------------------------
    def _meta(self, key: str, default: int) -> int:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return int(row[0]) if row else default

    def _set_meta(self, key: str, value: int) -> None:
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, str(value)),
        )

    def _state(self, story_id: str) -> StoryState:
        state = self._stories.get(story_id)
        if state is not None:
            self._stories.move_to_end(story_id)
            return state
        row = self.conn.execute(
            "SELECT storyline_id, title, first_day, last_day, n_articles, centroid, version, "
            "created_seq FROM stories WHERE id = ?",
            (story_id,),
        ).fetchone()
        state = StoryState(
            story_id,
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            online.decode_vector(row[5]),
            row[6],
            row[7],
        )
        self._remember(state)
        return state

    def _remember(self, state: StoryState) -> None:
        self._stories[state.id] = state
        while len(self._stories) > _CACHE_SIZE:
            _, old = next(iter(self._stories.items()))
            if old.dirty:  # never drop an unsaved state: save it first
                self._save(old)
            self._stories.popitem(last=False)

    def _save(self, s: StoryState) -> None:
        self.conn.execute(
            "INSERT INTO stories (id, storyline_id, title, first_day, last_day, n_articles, "
            "centroid, version, merged_into, created_seq) VALUES (?,?,?,?,?,?,?,?,NULL,?) "
            "ON CONFLICT (id) DO UPDATE SET storyline_id = excluded.storyline_id, "
            "title = excluded.title, first_day = excluded.first_day, "
            "last_day = excluded.last_day, n_articles = excluded.n_articles, "
            "centroid = excluded.centroid, version = excluded.version",
            (
                s.id,
                s.storyline_id,
                s.title,
                s.first_day,
                s.last_day,
                s.n_articles,
                online.encode_vector(s.centroid),
                s.version,
                s.created_seq,
            ),
        )
        s.dirty = False

    def reset(self) -> None:
        """Forget cached state (after a rollback, or when another process wrote)."""
        self._stories.clear()
        self._generation = -1

    # --- the batch ------------------------------------------------------------------------
    def add_batch(
        self, articles: Sequence[Article], rejected: Sequence[Rejection] = ()
    ) -> BatchResult:
        """Store and cluster ``articles`` and record ``rejected``, all in one transaction."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            result = self._add(articles, rejected)
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            self.reset()
            raise
        return result

    def _add(self, articles: Sequence[Article], rejected: Sequence[Rejection]) -> BatchResult:
        generation = self._meta("generation", 0)
        if generation != self._generation:
            self._stories.clear()
        known = self._known([a.id for a in articles])
        fresh: list[Article] = []
        skipped: list[str] = []
        for article in articles:
            if article.id in known:
                skipped.append(article.id)
            else:
                known.add(article.id)
                fresh.append(article)
        counts = [online.term_counts(a.title, a.text) for a in fresh]
        df = self._df({t for c in counts for t in c})
        n = self._meta("n_articles", 0)
        n_before = n
        # Undated articles are placed on the latest publication day seen (else today).
        last_day = self._meta("last_day", date.today().toordinal())
        dated = self._meta("dated", 0)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        placements = []
        self._touched = {}
        self._redirect = {}
        self._moved = {}
        self._sizes = {}
        for article, count in zip(fresh, counts, strict=True):
            for term in count:
                df[term] = df.get(term, 0) + 1
            n += 1
            published = article.published_date
            day = published.toordinal() if published else last_day
            if published:
                last_day = max(last_day, day) if dated else day
                dated = 1
            placements.append(self._place(article, day, count, df, n, now))
        merges: dict[str, list[str]] = {}
        for lag in self.config.recheck_lags:
            for story_id, gone in self._recheck(n_before - lag, n - lag, df).items():
                merges.setdefault(story_id, []).extend(gone)
        for story_id, gone in self._remerge().items():
            merges.setdefault(story_id, []).extend(gone)
        self._split_grown()
        self._reassign_grown()
        placements = self._redirected(placements, merges)
        self.conn.executemany(
            "INSERT INTO term_df (term, df) VALUES (?, ?) "
            "ON CONFLICT (term) DO UPDATE SET df = excluded.df",
            [(t, v) for t, v in df.items()],
        )
        for state in self._stories.values():
            if state.dirty:
                self._save(state)
        self.conn.executemany(
            "INSERT INTO rejections (source, reason, rejected_at) VALUES (?, ?, ?) "
            "ON CONFLICT (source, reason) DO NOTHING",
            [(r.source, r.reason, now) for r in rejected],
        )
        self._set_meta("n_articles", n)
        self._set_meta("last_day", last_day)
        self._set_meta("dated", dated)
        self._set_meta("generation", generation + 1)
        self._generation = generation + 1
        return BatchResult(tuple(placements), tuple(skipped), tuple(rejected))

    def _known(self, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            found.update(
                r[0]
                for r in self.conn.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk)
            )
        return found

    def _df(self, terms: set[int]) -> dict[int, int]:
        listed = list(terms)
        df: dict[int, int] = {}
        for i in range(0, len(listed), _CHUNK):
            chunk = listed[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            df.update(
                self.conn.execute(f"SELECT term, df FROM term_df WHERE term IN ({marks})", chunk)
            )
        return df

    # --- merges and rows ----------------------------------------------------------------
    def _redirected(
        self, placements: list[Placement], merges: dict[str, list[str]]
    ) -> list[Placement]:
        """Placements with their stories followed through merges; each batch-end merge is
        reported on the last placement into the surviving story."""
        found = [
            replace(p, story_id=self._resolve(self._moved.get(p.article_id, p.story_id)))
            if p.story_id in self._redirect or p.article_id in self._moved
            else p
            for p in placements
        ]
        for i in range(len(found) - 1, -1, -1):
            late = merges.pop(found[i].story_id, None)
            if late:
                found[i] = replace(found[i], merged=found[i].merged + tuple(late))
        return found

    def _merge(self, gone: StoryState, into: StoryState) -> None:
        """Fold story ``gone`` into ``into``: members, postings, centroid; keep a redirect."""
        cfg = self.config
        self.conn.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", (into.id, gone.id))
        self.conn.execute(
            "INSERT INTO postings (term, day, story_id) SELECT term, day, ? FROM postings "
            "WHERE story_id = ? ON CONFLICT (term, day, story_id) DO NOTHING",
            (into.id, gone.id),
        )
        self.conn.execute("DELETE FROM postings WHERE story_id = ?", (gone.id,))
        self.conn.execute("DELETE FROM briefs WHERE story_id IN (?, ?)", (gone.id, into.id))
        into.centroid = online.add_into(into.centroid, gone.centroid, cfg.centroid_terms)
        into.n_articles += gone.n_articles
        into.first_day = min(into.first_day, gone.first_day)
        into.last_day = max(into.last_day, gone.last_day)
        into.version += 1
        into.title = into.title or gone.title
        into.members = (self._members(into) + self._members(gone))[-cfg.member_checks :]
        into.dirty = True
        self._redirect[gone.id] = into.id
        self._save(gone)
        self.conn.execute(
            "UPDATE stories SET merged_into = ?, n_articles = 0 WHERE id = ? OR merged_into = ?",
            (into.id, gone.id, gone.id),
        )
        self._stories.pop(gone.id, None)

    def _insert(
        self,
        article: Article,
        day: int,
        story_id: str,
        duplicate_of: str | None,
        vector: online.Vector,
        shingles: np.ndarray,
        now: str,
    ) -> None:
        self.conn.execute(
            "INSERT INTO articles (id, source, title, outlet, url, published, day, text, "
            "story_id, duplicate_of, vector, shingles, ingested_at, roundup) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                article.id,
                article.source,
                article.title,
                article.outlet,
                article.url,
                article.published,
                day if article.published_date else None,
                article.text,
                story_id,
                duplicate_of,
                online.encode_vector(vector),
                shingles.tobytes(),
                now,
                article.roundup,
            ),
        )
        self.conn.executemany(
            "INSERT INTO removals (article_id, n, text, reason, start_offset, end_offset) "
            "VALUES (?,?,?,?,?,?)",
            [
                (article.id, i, r.text, r.reason, r.start, r.end)
                for i, r in enumerate(article.removed)
            ],
        )
