"""The two sentence choices side by side, at a brief's own budget (no sentence past it).

    python benchmarks/selection_ab.py --duc DUC2007_DIR [--words 120] [--task main|update]

`storyline eval summaries` lets the last sentence run past the budget, as DUC's scorer cuts
it at N words; a brief never does. This script summarizes every cluster with references with
``SelectionConfig(solver="ilp")`` and ``solver="greedy"`` (the default), the last sentence
kept within ``--words``, with and without the topic as focus, and prints the mean ROUGE-2
recall (references pooled, first N words) of each, the per-cluster difference, a bootstrap
95 % interval of its mean, and the seconds per cluster of each (segmentation caches warm).
The DUC data is licensed and not in the repository; tune on 2007 only.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from storyline.eval.duc import read_duc
from storyline.eval.rouge import Profile, pooled_recall
from storyline.summarize import SelectionConfig, summarize_texts


def _bootstrap(diffs: list[float], rounds: int = 5000, seed: int = 0) -> tuple[float, float]:
    rng = random.Random(seed)
    means = sorted(statistics.fmean(rng.choices(diffs, k=len(diffs))) for _ in range(rounds))
    return means[int(0.025 * rounds)], means[int(0.975 * rounds) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--duc", required=True, help="a DUC folder (DUC 2007: tuning only)")
    parser.add_argument("--words", type=int, default=120)
    parser.add_argument("--task", choices=("main", "update"), default="main")
    args = parser.parse_args()
    clusters = [c for c in read_duc(args.duc, task=args.task) if c.references]
    print(f"# {len(clusters)} clusters, first {args.words} words, no overflow")
    print(
        "setting    ilp R-2  greedy R-2  mean diff  better  worse  95 % interval    ilp s  greedy s"
    )
    pooled: list[float] = []
    for focus in (True, False):
        scores: dict[str, list[float]] = {"ilp": [], "greedy": []}
        seconds = dict.fromkeys(scores, 0.0)
        for cluster in clusters:
            documents = [d.text for d in cluster.documents]
            references = [Profile.from_text(r) for r in cluster.references]
            # Untimed, so that both choices find the sentence caches warm.
            summarize_texts(documents, words=args.words, overflow=False)
            for solver in scores:
                start = time.perf_counter()
                text = summarize_texts(
                    documents,
                    topic=cluster.topic if focus else None,
                    words=args.words,
                    overflow=False,
                    selection=SelectionConfig(solver=solver),
                )
                seconds[solver] += time.perf_counter() - start
                peer = Profile.from_text(text, words=args.words)
                scores[solver].append(pooled_recall(peer, references).rouge_2)
        diffs = [a - b for a, b in zip(scores["ilp"], scores["greedy"], strict=True)]
        pooled += diffs
        low, high = _bootstrap(diffs)
        print(
            f"{'focus' if focus else 'no focus':9s}  {statistics.fmean(scores['ilp']):7.4f}"
            f"  {statistics.fmean(scores['greedy']):10.4f}  {statistics.fmean(diffs):+9.4f}"
            f"  {sum(d > 0 for d in diffs):6d}  {sum(d < 0 for d in diffs):5d}"
            f"  {low:+.4f} .. {high:+.4f}  {seconds['ilp'] / len(clusters):6.3f}"
            f"  {seconds['greedy'] / len(clusters):8.3f}"
        )
    low, high = _bootstrap(pooled)
    print(
        f"both       mean diff {statistics.fmean(pooled):+.4f},"
        f" better {sum(d > 0 for d in pooled)}, worse {sum(d < 0 for d in pooled)},"
        f" interval {low:+.4f} .. {high:+.4f}"
    )


if __name__ == "__main__":
    main()
