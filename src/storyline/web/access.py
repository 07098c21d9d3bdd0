"""Store access for the web app: one SQLite connection per worker thread, one writer.

FastAPI runs plain ``def`` endpoints in a thread pool. SQLite connections must not be shared
between threads that use them at once, so each thread opens its own (WAL mode lets readers run
beside the writer). Writes (ingest) go through one connection under a lock, and a brief that
is not cached yet is computed once per story while other requests for it wait for the cache.
Making a brief costs CPU (tens of milliseconds to seconds): at most ``max_briefs`` are made at
once, and a request that waits ``brief_wait`` seconds for a turn is turned away with
:class:`Busy` (HTTP 503), so questions nobody has asked before cannot starve the cached pages.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from storyline.records import Article, Brief, RawInput, Rejection, content_id
from storyline.store.ingest import ingest
from storyline.store.model import BatchResult, Placement
from storyline.store.sqlite import SQLiteStore, open_store

DEFAULT_MAX_BRIEFS = 2
DEFAULT_BRIEF_WAIT = 10.0


class Busy(Exception):
    """Every slot for making briefs stayed taken for the whole wait."""


class StoreAccess:
    """Per-thread read connections, a locked writer and single-flight brief computation."""

    def __init__(
        self,
        path: str | Path,
        *,
        max_briefs: int = DEFAULT_MAX_BRIEFS,
        brief_wait: float = DEFAULT_BRIEF_WAIT,
    ) -> None:
        self.path = str(path)
        self._making = threading.BoundedSemaphore(max_briefs)
        self.brief_wait = brief_wait
        self._local = threading.local()
        self._opened: list[SQLiteStore] = []
        self._guard = threading.Lock()
        self._write_lock = threading.Lock()
        self._brief_locks: dict[str, threading.Lock] = {}
        open_store(self.path).close()  # create and migrate once, before any request

    def reader(self) -> SQLiteStore:
        """This thread's connection (opened on first use)."""
        store: SQLiteStore | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.path)
            self._local.store = store
            with self._guard:
                self._opened.append(store)
        return store

    @contextmanager
    def _story_lock(self, story_id: str) -> Iterator[None]:
        with self._guard:
            lock = self._brief_locks.setdefault(story_id, threading.Lock())
        with lock:
            yield

    def brief(
        self,
        story_id: str,
        *,
        words: int | None = 120,
        sentences: int | None = None,
        focus: str | None = None,
    ) -> Brief:
        """The story's brief (``KeyError`` if no such story), cached in the store."""
        return Brief.from_dict(
            json.loads(self.brief_json(story_id, words=words, sentences=sentences, focus=focus))
        )

    def brief_json(
        self,
        story_id: str,
        *,
        words: int | None = 120,
        sentences: int | None = None,
        focus: str | None = None,
    ) -> str:
        """The brief's JSON text, made on first use and then served from the store's cache.

        Only briefs with the default options are kept: other lengths and focus questions are
        made on each request, so clients cannot fill the store with one brief per question.
        """
        from storyline.store.briefs import brief_options, story_brief

        store = self.reader()
        resolved = store.resolve(story_id)
        options = brief_options(words=words, sentences=sentences, focus=focus)
        cached = store.cached_brief_json(resolved, options)
        if cached is not None:
            return cached
        with self._story_lock(resolved):  # one thread makes it; the others then read it
            cached = store.cached_brief_json(resolved, options)
            if cached is not None:
                return cached
            default = words == 120 and sentences is None and focus is None
            if not self._making.acquire(timeout=self.brief_wait):
                raise Busy(f"{self.brief_wait:g} s without a free slot")
            try:
                made = story_brief(
                    store, resolved, words=words, sentences=sentences, focus=focus, cache=default
                )
            finally:
                self._making.release()
            return json.dumps(made.to_dict())

    def article(self, article_id: str) -> tuple[Article, str, str | None] | None:
        """An article with its story id and the article it duplicates, or ``None``."""
        store = self.reader()
        placement = store.article_placement(article_id)
        found = store.articles([article_id])
        if placement is None or not found:
            return None
        return found[0], placement[0], placement[1]

    def add(
        self, items: Sequence[RawInput | Rejection], *, any_language: bool = False
    ) -> tuple[list[Placement], list[str], list[Rejection]]:
        """Clean, store and cluster ``items`` (one writer at a time); articles in a
        language other than English are rejected unless ``any_language``.

        Returns where each new article went, the ids of inputs already stored (or repeated
        in ``items``), and the inputs rejected.
        """
        results: list[BatchResult] = []
        ids = [i.id or content_id(i.content) for i in items if isinstance(i, RawInput)]
        with self._write_lock:
            store = self.reader()
            known = store.known_ids(ids)
            report = ingest(store, items, on_commit=results.append, any_language=any_language)
        placements = [p for r in results for p in r.placements]
        seen: set[str] = set()
        skipped = []
        for i in ids:
            if i in known or i in seen:
                skipped.append(i)
            seen.add(i)
        return placements, skipped, list(report.rejections)

    def close(self) -> None:
        """Close every connection opened so far."""
        with self._guard:
            for store in self._opened:
                store.close()
            self._opened.clear()
