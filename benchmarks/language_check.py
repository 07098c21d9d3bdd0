"""How the English check sorts real pages: the article-extraction benchmark's gold bodies,
and optionally the DUC 2007 newswire (all English).

    python benchmarks/language_check.py [--data ../shared/data/article-extraction-benchmark]
                                        [--duc DUC2007_DIR]

The benchmark's 181 pages carry no language label. The opening of every page whose share of
English function words is low was read by hand once; those not in English are ``READ_AS``
(by the first ten characters of the page's id), and every other page is English. The table
counts English pages set aside (the costly mistake: an article lost) and other-language
pages let through (their entities and quotes are noise), then lists the pages the check
named.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from storyline.ingest.language import foreign_language

# Pages of the benchmark not in English, read by hand (first ten characters of the id).
READ_AS = {
    "0ec95c7261": "Korean",
    "11ea381ad9": "Portuguese",
    "20b2b64916": "Italian",
    "21486419bb": "Indonesian",
    "23aaecd141": "Portuguese",
    "3252222e61": "Portuguese",
    "3c6d3381ef": "Russian",
    "57b4dafd18": "German",
    "7837c9d66c": "Indonesian",
    "85439e26c4": "Japanese",
    "9da36ae471": "Korean",
    "b3c19dd5f0": "Portuguese",
    "b6fb53e9fb": "Italian",
    "ba07d1e647": "German",
    "c4a3637c66": "Russian",
    "c82b3d1d54": "Russian",
    "cc03ddb5ef": "Portuguese",
    "f105de6e63": "Japanese",
    "f6ac15a4d9": "Portuguese",
    "ff0f958ade": "Russian",
}
_DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
_DEFAULT = _DEFAULT / "article-extraction-benchmark"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=_DEFAULT.resolve())
    parser.add_argument("--duc", type=Path, help="a DUC 2007 folder, whose documents are English")
    args = parser.parse_args(argv)
    truth = json.loads((args.data / "ground-truth.json").read_text(encoding="utf-8"))
    cells: Counter[tuple[bool, bool]] = Counter()
    named = []
    for page, record in sorted(truth.items()):
        found = foreign_language(record.get("articleBody") or "")
        other = page[:10] in READ_AS
        cells[other, found is not None] += 1
        if found is not None or other:
            named.append((page[:10], READ_AS.get(page[:10], "English"), found or "-"))
    print(f"article-extraction benchmark, {len(truth)} gold bodies\n")
    print("| read by hand | kept as English | set aside |")
    print("| --- | --- | --- |")
    print(f"| English | {cells[False, False]} | {cells[False, True]} |")
    print(f"| another language | {cells[True, False]} | {cells[True, True]} |")
    print("\n| page | read as | the check says |\n| --- | --- | --- |")
    for row in named:
        print("| " + " | ".join(row) + " |")
    if args.duc:
        from storyline.eval.duc import read_duc

        documents = [d for c in read_duc(args.duc, task="main") for d in c.documents]
        flagged = [d.id for d in documents if foreign_language(d.text) is not None]
        print(f"\nDUC 2007 main task: {len(flagged)} of {len(documents)} documents set aside")
        for doc in flagged:
            print(f"  {doc}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
