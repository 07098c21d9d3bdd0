"""Ingest benchmark of the story store: a stream of generated articles, timed per 10,000.

Articles are generated from our own fictional example corpus (examples/korvan-talks): each
story gets invented names and places swapped into perturbed paragraphs of the examples plus
synthetic sentences, and its articles are spread over a few days; stories follow one another
in time, as a news stream does. No licensed text is used.

    .venv/bin/python benchmarks/store_ingest.py --n 100000 --jobs 2 --db /tmp/bench.db

Prints articles/s, seconds per 10,000 articles (to show the time per article stays flat as
the store grows), and peak memory (this process and the cleaning workers).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from storyline.records import RawInput
from storyline.store import ingest, open_store

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "korvan-talks"
_NAMES = ("Mirovia", "Varenia", "Korvan", "Dask", "Velna", "Zhelin", "Brandvik", "Khaidarov")
_SYLLABLES = "ka lo mi ra ven to sel dor an ik ul pe zar mon tis bel gra fen or us".split()


def _paragraphs() -> list[str]:
    found = []
    for path in sorted(EXAMPLE.glob("*.txt")):
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            if len(block.split()) > 25:
                found.append(" ".join(block.split()))
    return found


def _word(rng: random.Random, syllables: int = 3) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables)).capitalize()


def _sentence(rng: random.Random, vocabulary: list[str]) -> str:
    return " ".join(rng.choice(vocabulary) for _ in range(rng.randint(10, 18))).capitalize() + "."


def generate(n: int, *, seed: int = 0, per_story: int = 8) -> Iterator[RawInput]:
    """``n`` articles: stories of about ``per_story`` rewrites each, in publication order."""
    rng = random.Random(seed)
    pool = _paragraphs()
    common = [w.lower() for p in pool for w in p.split() if w.isalpha()]
    made = 0
    story = 0
    while made < n:
        names = {name: _word(rng) for name in _NAMES}
        topic = [_word(rng, 2).lower() for _ in range(12)]
        base = rng.sample(pool, 6)
        day = 1 + story // 40  # about 40 new stories a day
        for k in range(min(rng.randint(per_story // 2, per_story * 3 // 2), n - made)):
            parts = []
            for paragraph in rng.sample(base, 2):
                words = [w for w in paragraph.split() if rng.random() > 0.15]
                parts.append(" ".join(words))
            parts.append(_sentence(rng, topic + rng.sample(common, 20)))
            text = "\n\n".join(parts)
            for old, new in names.items():
                text = text.replace(old, new)
            yield RawInput(
                source=f"gen-{story}-{k}",
                text=text,
                title=f"{names['Korvan']} {topic[0]} {topic[1]}",
                outlet=f"Outlet {rng.randint(1, 60)}",
                published=f"2026-{1 + (day // 28) % 12:02d}-{1 + day % 28:02d}",
            )
            made += 1
        story += 1


def _peak_mib() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="articles to ingest")
    parser.add_argument("--jobs", type=int, default=2, help="cleaning worker processes")
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--every", type=int, default=10_000, help="report every N articles")
    parser.add_argument("--db", default="/tmp/storyline-bench.db")
    args = parser.parse_args(argv)
    for suffix in ("", "-wal", "-shm"):
        Path(args.db + suffix).unlink(missing_ok=True)
    store = open_store(args.db)
    started = last = time.perf_counter()
    marks: list[tuple[int, float]] = []
    next_mark = args.every

    def on_commit(_: object) -> None:
        nonlocal last, next_mark
        stored = store.count_articles()
        if stored >= next_mark:
            now = time.perf_counter()
            marks.append((stored, now - last))
            print(
                f"{stored:>8} articles  {now - last:7.1f}s for the last {args.every}"
                f"  ({args.every / (now - last):6.0f}/s)",
                flush=True,
            )
            last = now
            next_mark += args.every

    report = ingest(
        store, generate(args.n), batch_size=args.batch_size, jobs=args.jobs, on_commit=on_commit
    )
    elapsed = time.perf_counter() - started
    counts = store.count()
    store.close()
    own, children = _peak_mib()
    print(
        f"stored {report.stored} articles in {elapsed:.1f}s = {report.stored / elapsed:.0f}/s "
        f"(jobs={args.jobs}); {counts['stories']} stories, {counts['storylines']} storylines, "
        f"{counts['duplicates']} near-duplicates, {report.merges} merges"
    )
    print(f"peak memory: main {own:.0f} MiB, largest worker {children:.0f} MiB")
    print(f"db size {Path(args.db).stat().st_size / 2**20:.0f} MiB")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
