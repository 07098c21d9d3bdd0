"""Time and peak memory of a brief of hostile or degenerate inputs (three copies of each).

    python benchmarks/hostile_inputs.py [--timeout 300] [CASE ...]

Each case is a generated text (no real article): no punctuation, a run of capitalised words,
quote marks only, one quotation opened and never closed, digits, date words, a chain of
"X said", nested parentheses, one long word, 1 MB of one repeated sentence, dashes,
abbreviations, and a text of many similar sentences with figures. Three inputs of the text
(each with a different last line, so none is a duplicate) go through the whole pipeline in a
fresh process, which reports its wall time and peak resident memory; a case that runs past
``--timeout`` is reported as such. storyline reads the first 150,000 characters of an input,
so no case should grow with the size of its input past that.
"""

from __future__ import annotations

import argparse
import platform
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from child import run_child

_CHILD = r"""
import json, resource, sys, time
import storyline
from storyline.records import RawInput
text = sys.stdin.read()
start = time.perf_counter()
try:
    inputs = [RawInput(f"c{i}", text=f"{text} Variant {i}.", outlet=f"O{i}") for i in range(3)]
    made = storyline.brief(inputs)
    for fmt in ("md", "json", "html"):
        storyline.render.render(made, fmt)
    result = f"{len(made.summary)} summary sentences"
except storyline.NoUsableInputError:
    result = "no usable input (rejected)"
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mib": peak, "result": result}))
"""


def _similar_sentences(rng: random.Random, n: int) -> str:
    subjects = ["Ines Varga", "The mayor", "The council", "Telu Dask", "The union", "Mira Vale"]
    verbs = ["said", "voted on", "approved", "rejected", "announced", "questioned"]
    objects = ["the harbour plan", "a new budget", "the strike", "night-shift pay", "talks"]
    out = []
    for k in range(n):
        out.append(
            f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.choice(objects)} on Monday after "
            f"{rng.randint(2, 900)} {rng.choice(['workers', 'ships', 'days'])} waited."
        )
        if k % 4 == 3:
            out.append("\n\n")
    return " ".join(out)


def cases() -> dict[str, str]:
    rng = random.Random(0)
    words = ["harbour", "council", "vote", "plan", "mayor", "city"]
    sentence = "The council voted on Monday to approve the harbour plan, the mayor said. "
    return {
        "no punctuation": " ".join(rng.choice(words) for _ in range(40_000)),
        "capitalised run": " ".join(rng.choice(words).title() for _ in range(20_000)) + ".",
        "quote marks only": "\u201c" * 20_000 + " said " + "\u201d" * 20_000,
        "quote never closed": "\u201c" + sentence * 2_000,
        "digits": " ".join(str(rng.randint(0, 10**6)) for _ in range(30_000)),
        "date words": " ".join(
            rng.choice(["Monday", "March 3", "next week", "yesterday", "1999", "on Friday"])
            for _ in range(20_000)
        ),
        "said chain": ", ".join("Ines Varga said" for _ in range(5_000)) + ".",
        "nested parentheses": "(" * 5_000 + "Varga" + ")" * 5_000 + ".",
        "one long word": "x" * 500_000 + ".",
        "1 MB, one sentence": sentence * 14_000,
        "dashes": " -- ".join("Varga" for _ in range(20_000)),
        "abbreviations": " ".join(
            rng.choice(["Mr.", "Dr.", "U.S.", "Jan.", "St.", "a.m.", "Inc.", "No."])
            for _ in range(30_000)
        ),
        "similar sentences": _similar_sentences(rng, 2_000),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", metavar="CASE", help="cases to run (default: all)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per case")
    args = parser.parse_args()
    table = cases()
    unknown = [n for n in args.names if n not in table]
    if unknown:
        parser.error(f"unknown case(s) {unknown}; known: {', '.join(table)}")
    python = sys.version.split()[0]
    print(f"machine: {platform.machine()} {platform.processor() or ''}, Python {python}")
    print(f"date: {time.strftime('%Y-%m-%d')}\n")
    print("| case | input chars | seconds | peak MiB | result |")
    print("| --- | --- | --- | --- | --- |")
    for name in args.names or list(table):
        text = table[name]
        report = run_child(_CHILD, [], stdin=text, timeout=args.timeout)
        if isinstance(report, str):
            print(f"| {name} | {len(text):,} | - | - | {report} |", flush=True)
            continue
        print(
            f"| {name} | {len(text):,} | {report['seconds']:.1f} | {report['peak_mib']:.0f} "
            f"| {report['result']} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
