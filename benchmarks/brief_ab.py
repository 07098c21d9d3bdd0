"""Blind side-by-side reading of two sentence choices in real briefs.

    python benchmarks/brief_ab.py make SET.jsonl... --out DIR [--limit 16] [--seed 7]
    python benchmarks/brief_ab.py score DIR

``make`` builds the brief of each input twice, with ``SelectionConfig(solver="greedy")`` and
``solver="ilp"``, and for each input where the two summaries differ writes ``DIR/NAME.md``:
the two summaries as "Summary A" and "Summary B" in a random order, each sentence with the
ids of the articles it cites, and the path of the articles. The order is kept in
``DIR/key.json``, which the reader must not see. A reader (a person, or a helper given only
the .md files) writes ``DIR/verdicts.md``, one line per input, ``NAME: A|B|tie — reason``.
``score`` maps the verdicts back to the solvers and prints the tally.

This is how the ninth session's reading (greedy 11, integer program 3, tie 2) was made; the
inputs were DUC 2007 sets, which are licensed and not in the repository.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

import storyline
from storyline.summarize import SelectionConfig

SOLVERS = ("greedy", "ilp")
_VERDICT = re.compile(r"^(\S+?):\s*(A|B|tie)\b")


def make(inputs: list[str], out: Path, *, limit: int, seed: int) -> None:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    key: dict[str, list[str]] = {}
    for path in inputs:
        briefs = {s: storyline.brief([path], selection=SelectionConfig(solver=s)) for s in SOLVERS}
        texts = {s: [x.text for x in b.summary] for s, b in briefs.items()}
        if texts["greedy"] == texts["ilp"]:
            continue
        name = Path(path).stem
        order = list(SOLVERS)
        rng.shuffle(order)
        key[name] = order
        lines = [f"# Set {name}", "", f"Articles: {path}", ""]
        for label, solver in zip("AB", order, strict=True):
            lines += [f"## Summary {label}", ""]
            for sentence in briefs[solver].summary:
                cited = ", ".join(c.article_id for c in sentence.citations)
                lines.append(f"- {sentence.text} [{cited}]")
            lines.append("")
        (out / f"{name}.md").write_text("\n".join(lines), encoding="utf-8")
        if len(key) >= limit:
            break
    (out / "key.json").write_text(json.dumps(key, indent=2), encoding="utf-8")
    print(f"{len(key)} inputs with different summaries written to {out}")


def score(out: Path) -> None:
    key = json.loads((out / "key.json").read_text(encoding="utf-8"))
    tally = dict.fromkeys((*SOLVERS, "tie"), 0)
    for line in (out / "verdicts.md").read_text(encoding="utf-8").splitlines():
        match = _VERDICT.match(line.strip())
        if not match or match.group(1) not in key:
            continue
        verdict = match.group(2)
        winner = "tie" if verdict == "tie" else key[match.group(1)]["AB".index(verdict)]
        tally[winner] += 1
    print(", ".join(f"{name} {n}" for name, n in tally.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    commands = parser.add_subparsers(dest="command", required=True)
    making = commands.add_parser("make")
    making.add_argument("inputs", nargs="+", help="JSON Lines files, one set of articles each")
    making.add_argument("--out", type=Path, required=True)
    making.add_argument("--limit", type=int, default=16)
    making.add_argument("--seed", type=int, default=7)
    scoring = commands.add_parser("score")
    scoring.add_argument("out", type=Path)
    args = parser.parse_args()
    if args.command == "make":
        make(args.inputs, args.out, limit=args.limit, seed=args.seed)
    else:
        score(args.out)


if __name__ == "__main__":
    main()
