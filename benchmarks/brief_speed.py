"""Speed of a whole brief against sumy's LexRank alone, on the same 25-article cluster.

    python benchmarks/brief_speed.py [--duc DUC2007_DIR] [--repeats 3]

The cluster is synthetic by default (rewrites of the bundled fictional example, about 1,300
sentences); with ``--duc`` the DUC 2007 main-task clusters (25 documents each, licensed, not in
the repository) are timed as well. storyline runs its whole pipeline (cleaning, segmentation,
cross-source analysis, summary with citations); LexRank only ranks pre-split sentences. Both run
in this process after a warm-up (which loads the spaCy model once); every timed brief starts
with empty per-text caches (entities, units, cleaning, summary), and the table reports the
median of the repeats.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import synthetic_cluster

import storyline
from storyline.records import RawInput


def _median_seconds(run: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _cold_brief(docs: list[RawInput]) -> object:
    """A brief as of text never seen: the caches keyed by a sentence's, a line's or an
    article's text are emptied first (the spaCy model itself stays loaded, as in any long-running
    process)."""
    from storyline.annotate import mentions
    from storyline.clean import rules, shapes
    from storyline.index import sources, units
    from storyline.summarize import compress
    from storyline.summarize.select import coverage_concepts

    mentions._cache.clear()
    units._article_units.cache_clear()
    sources._article_shingles.cache_clear()
    # Caches keyed by a line's or a sentence's text, which a new cluster would not hit.
    for cached in (rules.sure_reason, shapes._word_tuple, coverage_concepts, compress):
        cached.cache_clear()
    return storyline.brief(docs)


def _clusters(duc: str | None) -> list[tuple[str, list[RawInput]]]:
    clusters = [("synthetic-25", synthetic_cluster(25, sentences_per_article=60))]
    if duc:
        from storyline.eval.duc import read_duc

        for cluster in read_duc(duc)[:3]:
            docs = [RawInput(source=d.id, text=d.text) for d in cluster.documents]
            clusters.append((f"duc-{cluster.id}", docs))
    return clusters


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duc", help="DUC 2007 folder (optional, licensed data)")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    from storyline.eval.baselines import LexRank

    lexrank = LexRank()
    storyline.brief(synthetic_cluster(3))  # warm-up: imports, caches
    print(
        f"# brief speed, {platform.node()} ({platform.processor() or platform.machine()}), "
        f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}"
    )
    print(
        f"{'cluster':<14} {'articles':>8} {'sentences':>9} {'storyline s':>12} "
        f"{'LexRank s':>10} {'ratio':>7}"
    )
    for name, docs in _clusters(args.duc):
        result = storyline.brief(docs)
        n_sentences = sum(len(a.sentences) for a in result.articles)
        texts = [a.text for a in result.articles]
        ours = _median_seconds(lambda docs=docs: _cold_brief(docs), args.repeats)
        theirs = _median_seconds(lambda texts=texts: lexrank(texts, words=120), args.repeats)
        print(
            f"{name:<14} {len(docs):>8} {n_sentences:>9} {ours:>12.3f} {theirs:>10.2f} "
            f"{theirs / ours:>6.1f}x"
        )


if __name__ == "__main__":
    main()
