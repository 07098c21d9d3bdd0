"""Time and peak memory of a brief as one story grows to hundreds of articles.

    python benchmarks/story_size.py [--articles 25 100 200 400 800] [--sets GLOB --one-story]

By default each story is ``N`` synthetic rewrites of the bundled fictional example (about 50
sentences each; see ``corpus.py``), so every article tells the same story and the number of
related sentence pairs grows with the square of the story. With ``--sets GLOB``, JSON Lines
files of your own are pooled instead, the first ``N`` files each time (so ``--articles`` counts
files there); ``--one-story`` keeps them as one story (story grouping off), the worst case for
the cross-source analysis. Each brief runs in a fresh process, which reports its wall time,
peak resident memory, the sentences of the story's index and the facts found.
"""

from __future__ import annotations

import argparse
import glob
import json
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from child import run_child

_CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from corpus import synthetic_cluster
from storyline.analyze import AnalysisConfig
from storyline.api import _result, build_pipeline
from storyline.ingest import load
from storyline.pipeline import Batch
from storyline.summarize import SummaryConfig

n, sets, one_story = int(sys.argv[2]), json.loads(sys.argv[3]), sys.argv[4] == "1"
inputs = sets[:n] if sets else synthetic_cluster(n)
start = time.perf_counter()
raw, rejected = load(inputs)
pipeline = build_pipeline(SummaryConfig(), AnalysisConfig(stories=not one_story))
batch = pipeline(Batch(inputs=tuple(raw), rejected=tuple(rejected)))
made = _result(batch, None, {})
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({
    "seconds": seconds, "peak_mib": peak, "articles": len(made.articles),
    "facts": len(made.analysis.facts), "conflicts": len(made.analysis.conflicts),
    "summary": len(made.summary),
}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[25, 100, 200, 400, 800])
    parser.add_argument("--sets", help="JSON Lines files to pool instead (a glob)")
    parser.add_argument("--one-story", action="store_true", help="no story grouping")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per brief")
    args = parser.parse_args()
    sets = sorted(glob.glob(args.sets)) if args.sets else []
    if args.sets and not sets:
        parser.error(f"no files match {args.sets!r}")
    here = str(Path(__file__).resolve().parent)
    python = sys.version.split()[0]
    print(f"machine: {platform.machine()} {platform.processor() or ''}, Python {python}")
    print(f"date: {time.strftime('%Y-%m-%d')}")
    print(f"input: {'files of ' + args.sets if sets else 'synthetic rewrites of the example'}")
    print(f"story grouping: {'off' if args.one_story else 'on'}\n")
    unit = "files" if sets else "articles"
    print(f"| {unit} | articles read | seconds | peak MiB | facts | conflicts | summary |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for n in args.articles:
        flag = "1" if args.one_story else "0"
        r = run_child(_CHILD, [here, str(n), json.dumps(sets), flag], timeout=args.timeout)
        if isinstance(r, str):
            print(f"| {n} | - | - | - | - | - | {r} |", flush=True)
            continue
        print(
            f"| {n} | {r['articles']:,} | {r['seconds']:.1f} | {r['peak_mib']:.0f} | "
            f"{r['facts']:,} | {r['conflicts']:,} | {r['summary']} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
