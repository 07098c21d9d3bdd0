"""Incremental ingest into a store: read, skip what is stored, clean, cluster, commit.

Inputs are processed in batches (``batch_size`` inputs per transaction). An input whose
content-hash id is already stored is skipped before cleaning, so re-running the same command
changes nothing and costs little. Cleaning can run in worker processes (``jobs``) while the
main process clusters and writes the previous batch; batches are still committed in input
order, and a batch counts as stored only once its transaction has committed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from itertools import islice

from storyline.ingest.prepare import prepare
from storyline.pipeline import Progress
from storyline.records import Article, RawInput, Rejection, content_id
from storyline.store.model import BatchResult, IngestReport, StoryStore

DEFAULT_BATCH = 200
Prepared = tuple[list[Article], list[Rejection]]


def _prepare(inputs: list[RawInput], any_language: bool = False) -> Prepared:
    return prepare(inputs, any_language=any_language)


def _batches(
    items: Iterable[RawInput | Rejection], size: int
) -> Iterator[tuple[list[RawInput], list[Rejection], int]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        raw = [i for i in chunk if isinstance(i, RawInput)]
        rejected = [i for i in chunk if isinstance(i, Rejection)]
        yield raw, rejected, len(chunk)


def ingest(
    store: StoryStore,
    items: Iterable[RawInput | Rejection],
    *,
    batch_size: int = DEFAULT_BATCH,
    jobs: int = 1,
    total: int | None = None,
    progress: Progress | None = None,
    on_commit: Callable[[BatchResult], None] | None = None,
    any_language: bool = False,
) -> IngestReport:
    """Store every usable input of ``items`` (raw inputs, or rejections made while reading).

    ``on_commit`` is called after each batch's transaction has committed; only then are its
    articles stored. ``progress`` gets ``("ingest", inputs done, total)``.
    """
    report = IngestReport()
    started = time.perf_counter()
    seen: set[str] = set()
    done = 0
    pool: Executor | None = ProcessPoolExecutor(jobs) if jobs > 1 else None
    pending: list[tuple[Future[Prepared] | Prepared, list[Rejection], int, int]] = []

    def submit(raw: list[RawInput], rejected: list[Rejection], n: int) -> None:
        ids = [r.id or content_id(r.content) for r in raw]
        known = store.known_ids(ids)
        fresh: list[RawInput] = []
        for r, article_id in zip(raw, ids, strict=True):
            if article_id in known or article_id in seen:
                report.skipped += 1
            else:
                seen.add(article_id)
                fresh.append(r)
        work: Future[Prepared] | Prepared = (
            pool.submit(_prepare, fresh, any_language)
            if pool is not None and fresh
            else _prepare(fresh, any_language)
        )
        pending.append((work, rejected, n, len(raw) - len(fresh)))

    def finish() -> None:
        nonlocal done
        work, rejected, n, _ = pending.pop(0)
        articles, more = work.result() if isinstance(work, Future) else work
        result = store.add_batch(articles, [*rejected, *more])
        report.stored += len(result.placements)
        report.skipped += len(result.skipped)
        report.rejected += len(result.rejected)
        report.rejections.extend(result.rejected)
        report.new_stories += sum(p.new_story for p in result.placements)
        report.merges += sum(len(p.merged) for p in result.placements)
        report.duplicates += sum(p.duplicate_of is not None for p in result.placements)
        done += n
        if on_commit is not None:
            on_commit(result)
        if progress is not None:
            progress("ingest", done, max(total or 0, done))

    try:
        for raw, rejected, n in _batches(items, batch_size):
            submit(raw, rejected, n)
            # Keep one batch more in flight than there are workers, so cleaning never waits.
            while len(pending) > (jobs if pool is not None else 0):
                finish()
        while pending:
            finish()
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    report.seconds = time.perf_counter() - started
    return report
