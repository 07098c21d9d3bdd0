"""How often a brief's citations are right, and how many supporting articles they miss.

    python benchmarks/citation_check.py make SET.jsonl... --out PAIRS.jsonl [--sample N]
    python benchmarks/citation_check.py score PAIRS.jsonl LABELS.jsonl...

``make`` builds the brief of each input and, for each summary sentence (or, with ``--sample
N``, for N sentences of the main story drawn at random per input) and each other article of
the main story, writes the article's candidate supporters: its sentence most similar to the
summary sentence (TF-IDF cosine) and the one that holds most of its content words (weighted by
rarity), with both measures, whether the two give different figures, and whether the shipped
test (:func:`storyline.index.support.supporters`) takes it as support. Articles where
neither comes near (cosine under 0.12 and under a quarter of the content words) are left
out: they state something else. With ``--sample`` only the pairs that the looser rule alone
decides are written (cosine from ``RELATED_THRESHOLD`` to ``COSINE_THRESHOLD``).

A reader (a person, or a helper given only the sentences) writes LABELS: one JSON line per
pair, ``{"id": ..., "labels": ["yes"|"partial"|"no", ...]}``, one label per candidate: "yes"
when the candidate states the sentence's main claim, "partial" when it states only a
secondary part of it (one of two facts, a background clause), "no" otherwise.

``score`` prints, for the shipped test (as it was when ``make`` ran) and for a cosine
threshold alone, how many articles each cites, how many of those the reader judged "yes",
"partial" or "no", and how many articles with a "yes" candidate it misses. Among the labelled
candidates each rule takes the one it would cite (the more similar of those it accepts).

The nineteenth session's figures in ``benchmarks/RESULTS.md`` ("Citations") were made this way
on DUC 2007 sets converted to JSON Lines; that data is licensed and not in the repository.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import storyline
from storyline.index import SentenceIndex, build_index
from storyline.index.support import COSINE_THRESHOLD, RELATED_THRESHOLD, supporters
from storyline.index.text import numbers_conflict

Candidate = dict[str, object]


def _main_index(path: str) -> tuple[storyline.Brief, SentenceIndex]:
    brief = storyline.brief([path])
    main = next((s for s in brief.analysis.stories if s.main), None)
    ids = set(main.article_ids) if main is not None else {a.id for a in brief.articles}
    return brief, build_index(tuple(a for a in brief.articles if a.id in ids))


def _pairs(index: SentenceIndex, i: int, name: str, only_loose: bool) -> list[dict[str, object]]:
    sims = index.similarities(i)
    held, total = index.containment(i)
    share = held / total if total > 0 else held
    own = index.units[i]
    out: list[dict[str, object]] = []
    for a in range(len(index.articles)):
        rows = [j for j, u in enumerate(index.units) if u.article == a]
        if a == own.article or not rows:
            continue
        by_cosine = max(rows, key=lambda j: sims[j])
        by_words = max(rows, key=lambda j: share[j])
        if sims[by_cosine] < 0.12 and share[by_words] < 0.25:
            continue
        if only_loose and not RELATED_THRESHOLD <= sims[by_cosine] < COSINE_THRESHOLD:
            continue
        shown = list(dict.fromkeys((by_cosine, by_words)))
        accepted = supporters(index, i, shown)
        candidates = [
            {
                "text": index.units[j].text,
                "cosine": round(float(sims[j]), 3),
                "held": round(float(share[j]), 3),
                "conflict": numbers_conflict(own.numbers, index.units[j].numbers),
                "supports": bool(ok),
            }
            for j, ok in zip(shown, accepted.tolist(), strict=True)
        ]
        out.append(
            {
                "id": f"{name}-u{i}-a{a}",
                "sentence": own.text,
                "article": index.articles[a].id,
                "candidates": candidates,
            }
        )
    return out


def make(inputs: list[str], out: Path, *, sample: int, seed: int) -> None:
    rng = random.Random(seed)
    written = 0
    with out.open("w", encoding="utf-8") as f:
        for path in inputs:
            brief, index = _main_index(path)
            where = {(index.articles[u.article].id, u.start): i for i, u in enumerate(index.units)}
            if sample:
                rows = [
                    i
                    for i, u in enumerate(index.units)
                    if u.complete and not u.dangling and 8 <= u.n_words <= 50
                ]
                rng.shuffle(rows)
                rows = rows[:sample]
            else:
                first = (s.citations[0] for s in brief.summary)
                rows = [i for c in first if (i := where.get((c.article_id, c.start))) is not None]
            for i in rows:
                for pair in _pairs(index, i, Path(path).stem, only_loose=bool(sample)):
                    f.write(json.dumps(pair) + "\n")
                    written += 1
    print(f"{written} pairs written to {out}")


def _shipped(c: Candidate, sentence: str) -> bool:
    return bool(c["supports"])


def _rule_row(
    name: str,
    accepts: Callable[[Candidate, str], bool],
    pairs: dict[str, dict[str, Any]],
    labels: dict[str, list[str]],
) -> str:
    counts = {"yes": 0, "partial": 0, "no": 0}
    missed = 0
    for pair_id, judged in labels.items():
        pair = pairs[pair_id]
        candidates = pair["candidates"]
        taken = [
            k
            for k, c in enumerate(candidates)
            if accepts(c, pair["sentence"]) and not c["conflict"]
        ]
        if taken:
            k = max(taken, key=lambda k: candidates[k]["cosine"])
            counts[judged[k]] += 1
        elif "yes" in judged:
            missed += 1
    cited = sum(counts.values())
    right = counts["yes"]
    precision = right / cited if cited else 0.0
    recall = right / (right + missed) if right + missed else 0.0
    return (
        f"| {name} | {cited} | {counts['yes']} | {counts['partial']} | {counts['no']} | {missed} "
        f"| {precision:.3f} | {recall:.3f} |"
    )


def score(pairs_path: Path, label_paths: list[Path]) -> None:
    pairs = {}
    for line in pairs_path.read_text(encoding="utf-8").splitlines():
        pair = json.loads(line)
        pairs[pair["id"]] = pair
    labels = {}
    for path in label_paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            judged = json.loads(line)
            labels[judged["id"]] = judged["labels"]
    print(f"{len(labels)} labelled pairs\n")
    print("| rule | cited | yes | partial | no | missed | precision | recall |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    print(_rule_row("shipped", _shipped, pairs, labels))
    cosine_only = lambda c, _: float(c["cosine"]) >= COSINE_THRESHOLD  # noqa: E731
    print(_rule_row(f"cosine >= {COSINE_THRESHOLD} alone", cosine_only, pairs, labels))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("make")
    m.add_argument("inputs", nargs="+")
    m.add_argument("--out", type=Path, required=True)
    m.add_argument("--sample", type=int, default=0)
    m.add_argument("--seed", type=int, default=11)
    s = sub.add_parser("score")
    s.add_argument("pairs", type=Path)
    s.add_argument("labels", type=Path, nargs="+")
    args = parser.parse_args()
    if args.command == "make":
        make(args.inputs, args.out, sample=args.sample, seed=args.seed)
    else:
        score(args.pairs, args.labels)


if __name__ == "__main__":
    main()
