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
from storyline.store.online import StoryState, window
from storyline.store.recheck import Rechecks

_CACHE_SIZE = 20_000
_CHUNK = 500  # bound on SQL variables per statement


class BatchWriter(Rechecks):
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

    # --- clustering -----------------------------------------------------------------------
    def _candidates(self, terms: list[int], window: tuple[int, int]) -> list[str]:
        """Stories with postings of ``terms`` on days in ``window``, most postings first."""
        if not terms:
            return []
        lo, hi = window
        marks = ",".join("?" * len(terms))
        rows = self.conn.execute(
            f"SELECT story_id, COUNT(*) AS c FROM postings WHERE term IN ({marks}) "
            "AND day BETWEEN ? AND ? GROUP BY story_id ORDER BY c DESC, story_id LIMIT ?",
            (*terms, lo, hi, self.config.candidates),
        ).fetchall()
        return [r[0] for r in rows]

    def _members(self, state: StoryState) -> list[online.Vector]:
        """The vectors of the story's latest members (at most ``member_checks``)."""
        if state.members is None:
            rows = self.conn.execute(
                "SELECT vector FROM articles WHERE story_id = ? ORDER BY seq DESC LIMIT ?",
                (state.id, self.config.member_checks),
            ).fetchall()
            state.members = [online.decode_vector(r[0]) for r in reversed(rows)]
        return state.members

    def _score(self, vector: online.Vector, candidates: list[str]) -> list[tuple[str, float]]:
        """Candidates with their evidence of holding the article, best first.

        The evidence is the larger margin over its threshold of the similarity to the story's
        centroid and to its nearest member: a story that drifted (a long topic, an event that
        developed) can have a member much closer than its centroid. Only the stories closest
        by centroid are searched for a near member, which keeps the work per article bounded.
        """
        cfg = self.config
        by_centroid = sorted(
            ((sid, online.cosine(vector, self._state(sid).centroid)) for sid in candidates),
            key=lambda kv: kv[1],
            reverse=True,
        )
        scored = []
        for rank, (sid, centroid) in enumerate(by_centroid):
            margin = centroid - cfg.story_threshold
            if rank < cfg.member_candidates and cfg.member_threshold < 1.0:
                near = online.nearest(vector, self._members(self._state(sid)))
                margin = max(margin, near - cfg.member_threshold)
            scored.append((sid, margin))
        scored.sort(key=lambda kv: kv[1], reverse=True)
        return scored

    def _place(
        self,
        article: Article,
        day: int,
        counts: dict[int, int],
        df: dict[int, int],
        n: int,
        now: str,
    ) -> Placement:
        cfg = self.config
        vector = online.weigh(counts, df, n, cfg.vector_terms)
        query = online.query_terms(vector, counts, df, cfg.query_terms)
        scored = self._score(vector, self._candidates(query, window(day, cfg.story_window_days)))
        shingles = online.shingles(article.text)
        merged: list[str] = []
        duplicate_of = None
        if scored and scored[0][1] >= 0.0:
            target = self._state(scored[0][0])
            # Stories that turn out to be one: the article's other candidates whose centroid
            # is close to the joined story's (checked after the article is added).
            target.centroid = online.add_into(target.centroid, vector, cfg.centroid_terms)
            for other_id, _ in scored[1:]:
                other = self._state(other_id)
                if online.cosine(target.centroid, other.centroid) >= cfg.merge_threshold:
                    target, other = (
                        (target, other)
                        if target.n_articles >= other.n_articles
                        else (other, target)
                    )
                    self._merge(other, target)
                    merged.append(other.id)
            duplicate_of = self._duplicate(target.id, shingles)
            target.n_articles += 1
            target.first_day = min(target.first_day, day)
            target.last_day = max(target.last_day, day)
            target.version += 1
            target.title = target.title or article.title
            target.dirty = True
            new_story = False
        else:
            target = StoryState(
                article.id,
                self._storyline(article, vector, query, day),
                article.title,
                day,
                day,
                1,
                dict(vector),
                1,
                n,
                dirty=True,
                members=[],
            )
            self._remember(target)
            new_story = True
        self._sizes.setdefault(target.id, target.n_articles - 1)
        members = self._members(target)
        members.append(vector)
        del members[: -cfg.member_checks]
        self._touched[target.id] = None
        self._insert(article, day, target.id, duplicate_of, vector, shingles, now)
        top = sorted(vector, key=vector.__getitem__, reverse=True)[: cfg.query_terms]
        self.conn.executemany(
            "INSERT INTO postings (term, day, story_id) VALUES (?, ?, ?) "
            "ON CONFLICT (term, day, story_id) DO NOTHING",
            [(t, day, target.id) for t in top],
        )
        if not new_story:
            self.conn.execute("DELETE FROM briefs WHERE story_id = ?", (target.id,))
        return Placement(article.id, target.id, new_story, duplicate_of, tuple(merged))

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

    def _storyline(
        self, article: Article, vector: online.Vector, query: list[int], day: int
    ) -> str:
        """The storyline of a new story: that of the most similar recent story, if close."""
        cfg = self.config
        found, score = online.best(
            (sid, online.cosine(vector, self._state(sid).centroid))
            for sid in self._candidates(query, window(day, cfg.storyline_window_days))
        )
        if found is not None and score >= cfg.storyline_threshold:
            return self._state(found).storyline_id
        self.conn.execute(
            "INSERT INTO storylines (id, title, created_seq) VALUES (?, ?, "
            "(SELECT COALESCE(MAX(seq), 0) + 1 FROM articles)) ON CONFLICT (id) DO NOTHING",
            (article.id, article.title),
        )
        return article.id

    def _duplicate(self, story_id: str, shingles: np.ndarray) -> str | None:
        """The member of the story this article copies (containment of shingles), if any."""
        rows = self.conn.execute(
            "SELECT id, duplicate_of, shingles FROM articles WHERE story_id = ? "
            "ORDER BY seq DESC LIMIT ?",
            (story_id, self.config.duplicate_checks),
        ).fetchall()
        for article_id, original, blob in rows:
            other = np.frombuffer(blob, dtype="<u4")
            if online.containment(shingles, other) >= self.config.duplicate_containment:
                return str(original or article_id)
        return None

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
            "story_id, duplicate_of, vector, shingles, ingested_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
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
