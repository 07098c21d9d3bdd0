"""The embedded SQLite store (the default; no server needed).

The database runs in WAL mode with ``synchronous=FULL``: a batch reported as stored has been
committed and survives the process being killed (and a power cut). Reads never block the
writer. Use :func:`open_store` to get a migrated store.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from storyline.records import Article, Rejection, Removal
from storyline.store.model import BatchResult, ClusterConfig, StoredStory
from storyline.store.schema import migrate
from storyline.store.writer import BatchWriter

DEFAULT_DB = "storyline.db"
_ARTICLE_COLUMNS = "id, source, text, title, outlet, url, published, roundup"


def default_path() -> str:
    """The store used when none is given: ``$STORYLINE_DB``, else ``storyline.db`` here."""
    return os.environ.get("STORYLINE_DB") or DEFAULT_DB


def _day(value: int | None) -> date | None:
    return date.fromordinal(value) if value else None


def _like(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere (its wildcards escaped with ``\\``)."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _match(text: str) -> str | None:
    """An FTS5 query for the words of ``text`` in order, the last one possibly unfinished
    (``"old mill bri" *``), or ``None`` when it has no words. Only word characters reach the
    query, so user text cannot use FTS5's query syntax."""
    tokens = re.findall(r"\w+", text)
    return f'"{" ".join(tokens)}" *' if tokens else None


def _filters(
    *,
    since: date | None = None,
    until: date | None = None,
    search: str | None = None,
    outlet: str | None = None,
) -> tuple[str, list[Any]]:
    """The WHERE clause (over ``stories s``) and parameters of a story listing."""
    where = ["s.merged_into IS NULL"]
    params: list[Any] = []
    if since is not None:
        where.append("s.last_day >= ?")
        params.append(since.toordinal())
    if until is not None:
        where.append("s.first_day <= ?")
        params.append(until.toordinal())
    if outlet:
        where.append(
            "EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id "
            "AND a.outlet = ? COLLATE NOCASE)"
        )
        params.append(outlet)
    if search:
        # The story's title by substring; its articles' titles and texts by the full-text
        # index (a scan of every text took seconds on a store of 100,000 articles).
        match = _match(search)
        if match is None:
            where.append("s.title LIKE ? ESCAPE '\\'")
            params.append(_like(search))
        else:
            where.append(
                "(s.title LIKE ? ESCAPE '\\' OR s.id IN (SELECT a.story_id FROM articles a "
                "WHERE a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)))"
            )
            params += [_like(search), match]
    return " AND ".join(where), params


class SQLiteStore:
    """A story store in one SQLite file (or ``":memory:"``)."""

    def __init__(
        self, path: str | Path, *, config: ClusterConfig | None = None, timeout: float = 60.0
    ) -> None:
        self.path = str(path)
        self.config = config or ClusterConfig()
        self.conn = sqlite3.connect(
            self.path, isolation_level=None, timeout=timeout, check_same_thread=False
        )
        if self.path != ":memory:":
            self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = FULL")
        self.conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        self.schema_version = migrate(self.conn)
        self._writer = BatchWriter(self.conn, self.config)

    # --- writing --------------------------------------------------------------------------
    def add_batch(
        self, articles: Sequence[Article], rejected: Sequence[Rejection] = ()
    ) -> BatchResult:
        """Store and cluster ``articles`` in one transaction; returns once committed."""
        return self._writer.add_batch(articles, rejected)

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        """Those of ``ids`` already stored."""
        return self._writer._known(list(ids))

    # --- reading --------------------------------------------------------------------------
    def count(self) -> dict[str, int]:
        """Numbers of articles, live stories, storylines and rejections."""
        one = self.conn.execute
        return {
            "articles": one("SELECT COUNT(*) FROM articles").fetchone()[0],
            "stories": one("SELECT COUNT(*) FROM stories WHERE merged_into IS NULL").fetchone()[0],
            "storylines": one(
                "SELECT COUNT(DISTINCT storyline_id) FROM stories WHERE merged_into IS NULL"
            ).fetchone()[0],
            "duplicates": one(
                "SELECT COUNT(*) FROM articles WHERE duplicate_of IS NOT NULL"
            ).fetchone()[0],
            "rejections": one("SELECT COUNT(*) FROM rejections").fetchone()[0],
        }

    def count_articles(self) -> int:
        """Number of stored articles (cheap)."""
        return int(self.conn.execute("SELECT MAX(seq) FROM articles").fetchone()[0] or 0)

    def stories(
        self, *, since: date | None = None, search: str | None = None, limit: int | None = None
    ) -> list[StoredStory]:
        """Live stories, the most recent last day first.

        ``since`` keeps stories with an article on or after that day; ``search`` keeps those
        with a member whose title or text has its words in that order (the last one may be
        unfinished; case and accents do not matter), or whose own title contains it.
        """
        clause, params = _filters(since=since, search=search)
        return self._heads(clause, params, limit=limit)

    def story_page(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        search: str | None = None,
        outlet: str | None = None,
        offset: int = 0,
        limit: int = 20,
    ) -> tuple[list[StoredStory], int]:
        """One page of live stories (newest last day first) and how many match in all.

        ``since``/``until`` keep stories whose time span overlaps those days; ``outlet`` keeps
        stories with an article from that outlet (case-insensitive); ``search`` is as in
        :meth:`stories`.
        """
        clause, params = _filters(since=since, until=until, search=search, outlet=outlet)
        total = self.conn.execute(f"SELECT COUNT(*) FROM stories s WHERE {clause}", params)
        count = int(total.fetchone()[0])
        return self._heads(clause, params, limit=limit, offset=offset), count

    def _heads(
        self, clause: str, params: list[Any], *, limit: int | None, offset: int = 0
    ) -> list[StoredStory]:
        sql = (
            "SELECT s.id, s.title, s.storyline_id, s.first_day, s.last_day FROM stories s "
            f"WHERE {clause} ORDER BY s.last_day DESC, s.created_seq DESC"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        heads = self.conn.execute(sql, params).fetchall()
        members = self._members([h[0] for h in heads])
        return [self._story(head, members.get(head[0], [])) for head in heads]

    def storyline_stories(
        self, storyline_id: str, *, near: date | None = None, limit: int | None = None
    ) -> list[StoredStory]:
        """The live stories of one storyline, oldest first.

        With ``limit``, only that many: those whose first day is closest to ``near`` (a long
        storyline can hold thousands of stories).
        """
        sql = (
            "SELECT id, title, storyline_id, first_day, last_day FROM stories "
            "WHERE storyline_id = ? AND merged_into IS NULL"
        )
        params: list[Any] = [storyline_id]
        if limit is not None:
            sql += " ORDER BY ABS(COALESCE(first_day, 0) - ?), created_seq LIMIT ?"
            params += [near.toordinal() if near else 0, int(limit)]
        heads = sorted(self.conn.execute(sql, params).fetchall(), key=lambda h: (h[3] or 0, h[0]))
        members = self._members([h[0] for h in heads])
        return [self._story(head, members.get(head[0], [])) for head in heads]

    def storyline_ids(self, storyline_id: str) -> list[str]:
        """Ids of the live stories of one storyline, oldest first."""
        rows = self.conn.execute(
            "SELECT id FROM stories WHERE storyline_id = ? AND merged_into IS NULL "
            "ORDER BY first_day, created_seq",
            (storyline_id,),
        )
        return [r[0] for r in rows]

    def storyline_size(self, storyline_id: str) -> int:
        """Number of live stories in one storyline."""
        row = self.conn.execute(
            "SELECT COUNT(*) FROM stories WHERE storyline_id = ? AND merged_into IS NULL",
            (storyline_id,),
        ).fetchone()
        return int(row[0])

    def outlets(self, limit: int = 500) -> list[str]:
        """Outlet names in the store, most articles first."""
        rows = self.conn.execute(
            "SELECT outlet FROM articles WHERE outlet IS NOT NULL GROUP BY outlet "
            "ORDER BY COUNT(*) DESC, outlet LIMIT ?",
            (limit,),
        )
        return [r[0] for r in rows]

    def article_placement(self, article_id: str) -> tuple[str, str | None] | None:
        """The story holding an article and the article it duplicates, or ``None``."""
        row = self.conn.execute(
            "SELECT story_id, duplicate_of FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def _members(
        self, story_ids: list[str]
    ) -> dict[str, list[tuple[str, str, str | None, str | None]]]:
        found: dict[str, list[tuple[str, str, str | None, str | None]]] = {}
        for i in range(0, len(story_ids), 500):
            chunk = story_ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for story_id, *row in self.conn.execute(
                "SELECT story_id, id, source, outlet, duplicate_of FROM articles "
                f"WHERE story_id IN ({marks}) ORDER BY seq",
                chunk,
            ):
                found.setdefault(story_id, []).append(tuple(row))
        return found

    @staticmethod
    def _story(
        head: tuple[Any, ...], rows: list[tuple[str, str, str | None, str | None]]
    ) -> StoredStory:
        return StoredStory(
            id=head[0],
            title=head[1],
            storyline_id=head[2],
            article_ids=tuple(r[0] for r in rows),
            sources=tuple(r[1] for r in rows),
            outlets=tuple(dict.fromkeys(r[2] for r in rows if r[2])),
            first_day=_day(head[3]),
            last_day=_day(head[4]),
            duplicates=tuple(r[0] for r in rows if r[3]),
        )

    def resolve(self, story_id: str) -> str:
        """The live story named by an id, a unique id prefix or a member article's id.

        Ids of stories merged into another resolve to the surviving story.
        """
        rows = self.conn.execute(
            "SELECT id, merged_into FROM stories WHERE id = ?", (story_id,)
        ).fetchall()
        if not rows:
            pattern = story_id.replace("%", "").replace("_", "") + "%"
            rows = self.conn.execute(
                "SELECT id, merged_into FROM stories WHERE id LIKE ? LIMIT 2", (pattern,)
            ).fetchall()
        if not rows:  # an article id names the story that holds the article
            rows = self.conn.execute(
                "SELECT story_id, NULL FROM articles WHERE id = ?", (story_id,)
            ).fetchall()
        if len(rows) != 1:
            raise KeyError(
                f"no story {story_id!r}" if not rows else f"story id {story_id!r} is ambiguous"
            )
        return str(rows[0][1] or rows[0][0])

    def story(self, story_id: str) -> StoredStory:
        """One live story by id, id prefix or member article id (``KeyError`` if none)."""
        resolved = self.resolve(story_id)
        head = self.conn.execute(
            "SELECT id, title, storyline_id, first_day, last_day FROM stories WHERE id = ?",
            (resolved,),
        ).fetchone()
        return self._story(head, self._members([resolved]).get(resolved, []))

    def story_version(self, story_id: str) -> int:
        row = self.conn.execute("SELECT version FROM stories WHERE id = ?", (story_id,)).fetchone()
        return int(row[0]) if row else -1

    def articles(self, ids: Sequence[str]) -> list[Article]:
        """Stored articles rebuilt as records (segmentation is recomputed when needed)."""
        found: dict[str, Article] = {}
        listed = list(ids)
        for i in range(0, len(listed), 500):
            chunk = listed[i : i + 500]
            marks = ",".join("?" * len(chunk))
            removed: dict[str, list[Removal]] = {}
            for article_id, text, reason, start, end in self.conn.execute(
                "SELECT article_id, text, reason, start_offset, end_offset FROM removals "
                f"WHERE article_id IN ({marks}) ORDER BY article_id, n",
                chunk,
            ):
                removed.setdefault(article_id, []).append(Removal(text, reason, start, end))
            for row in self.conn.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id IN ({marks})", chunk
            ):
                found[row[0]] = Article(
                    id=row[0],
                    source=row[1],
                    text=row[2],
                    title=row[3],
                    outlet=row[4],
                    url=row[5],
                    published=row[6],
                    roundup=row[7],
                    removed=tuple(removed.get(row[0], ())),
                )
        return [found[i] for i in listed if i in found]

    def iter_articles(self) -> Iterator[tuple[Article, str, str | None]]:
        """Every article with its story id and the article it duplicates, in ingest order."""
        last = 0
        while True:
            rows = self.conn.execute(
                "SELECT seq, id, story_id, duplicate_of FROM articles WHERE seq > ? "
                "ORDER BY seq LIMIT 500",
                (last,),
            ).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            by_id = {a.id: a for a in self.articles([r[1] for r in rows])}
            for _, article_id, story_id, duplicate_of in rows:
                yield by_id[article_id], story_id, duplicate_of

    def rejections(self) -> list[Rejection]:
        """Every input rejected so far, oldest first."""
        return [
            Rejection(s, r)
            for s, r in self.conn.execute("SELECT source, reason FROM rejections ORDER BY seq")
        ]

    # --- cached briefs --------------------------------------------------------------------
    def cached_brief(self, story_id: str, options: dict[str, Any]) -> dict[str, Any] | None:
        """The brief cached for this story and options, if the story has not changed since."""
        text = self.cached_brief_json(story_id, options)
        return json.loads(text) if text is not None else None

    def cached_brief_json(self, story_id: str, options: dict[str, Any]) -> str | None:
        """The cached brief's JSON text, as stored (for serving it without re-encoding)."""
        row = self.conn.execute(
            "SELECT b.brief FROM briefs b JOIN stories s ON s.id = b.story_id "
            "WHERE b.story_id = ? AND b.options = ? AND b.version = s.version",
            (story_id, json.dumps(options, sort_keys=True)),
        ).fetchone()
        return str(row[0]) if row else None

    def cache_brief(self, story_id: str, options: dict[str, Any], brief: dict[str, Any]) -> None:
        """Keep a brief (its JSON form) for this story version and options."""
        self.conn.execute(
            "INSERT INTO briefs (story_id, options, version, brief) VALUES (?, ?, "
            "(SELECT version FROM stories WHERE id = ?), ?) ON CONFLICT (story_id, options) "
            "DO UPDATE SET version = excluded.version, brief = excluded.brief",
            (story_id, json.dumps(options, sort_keys=True), story_id, json.dumps(brief)),
        )

    def check(self) -> list[str]:
        """Problems found by SQLite's integrity check and the store's own invariants."""
        problems = [r[0] for r in self.conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        bad = self.conn.execute(
            "SELECT s.id, s.n_articles, COUNT(a.id) FROM stories s LEFT JOIN articles a "
            "ON a.story_id = s.id WHERE s.merged_into IS NULL GROUP BY s.id "
            "HAVING s.n_articles != COUNT(a.id)"
        ).fetchall()
        problems += [f"story {s} counts {n} articles but holds {m}" for s, n, m in bad]
        orphans = self.conn.execute(
            "SELECT COUNT(*) FROM articles a LEFT JOIN stories s ON s.id = a.story_id "
            "WHERE s.id IS NULL OR s.merged_into IS NOT NULL"
        ).fetchone()[0]
        if orphans:
            problems.append(f"{orphans} articles belong to no live story")
        try:  # the full-text index must hold exactly the articles' current titles and texts
            self.conn.execute(
                "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)"
            )
        except sqlite3.DatabaseError as error:
            problems.append(f"full-text index: {error}")
        return problems

    def close(self) -> None:
        """Release the connection."""
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(
    path: str | Path | None = None, *, config: ClusterConfig | None = None
) -> SQLiteStore:
    """Open the store at ``path`` (default: :func:`default_path`), creating and migrating it."""
    return SQLiteStore(path if path is not None else default_path(), config=config)
