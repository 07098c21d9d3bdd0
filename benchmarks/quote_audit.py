"""A random sample of inferred quote speakers on real newswire, printed for checking by hand.

    python benchmarks/quote_audit.py --duc DUC2007_DIR [--n 20] [--seed 23]

Quote attribution is scored automatically on the small annotated set in ``tests/data``
(``storyline eval quotes``); this covers what that set is too small to show: speakers found
through a role ("the minister said"), a pronoun ("he said") or the context, on real agency and
newspaper copy. Each DUC 2007 main-task cluster (25 documents, licensed, not in the repository)
is annotated as one brief would be; every quotation whose speaker was inferred (not written as
a name) goes into the pool, and ``--n`` of them are printed with their context, for a reader
to mark right or wrong. The figures in RESULTS.md come from such a reading.
"""

from __future__ import annotations

import argparse
import random
import sys

from storyline.annotate.entities import find_entities
from storyline.annotate.people import People
from storyline.annotate.quotes import attribute_quotes
from storyline.eval.duc import read_duc
from storyline.records import Article
from storyline.segment import segment_article


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duc", required=True, help="the DUC2007 folder")
    parser.add_argument("--n", type=int, default=20, help="how many to print")
    parser.add_argument("--seed", type=int, default=23)
    args = parser.parse_args(argv)
    pool = []
    clusters = read_duc(args.duc, task="main")
    for number, cluster in enumerate(clusters, 1):
        print(f"\rannotating cluster {number}/{len(clusters)}", end="", file=sys.stderr)
        articles = [
            segment_article(Article(id=d.id, source=d.id, text=d.text, published=d.published))
            for d in cluster.documents
        ]
        people = People(find_entities(articles), articles=articles)
        for article in articles:
            for quote in attribute_quotes(article, people):
                speaker = quote.speaker
                if speaker is None or speaker.how == "name" or speaker.name == speaker.text:
                    continue
                context = article.text[max(0, quote.start - 160) : quote.end + 120]
                pool.append((cluster.id, speaker.how, speaker.text, speaker.name, context))
    print(file=sys.stderr)
    random.seed(args.seed)
    sample = random.sample(pool, min(args.n, len(pool)))
    for k, (cluster_id, how, written, name, context) in enumerate(sample, 1):
        print(f"{k:>3}. {cluster_id} {how}: {written!r} -> {name}")
        print("     " + " ".join(context.split()))
        print()
    print(f"{len(sample)} of {len(pool)} inferred speakers shown")
    return 0


if __name__ == "__main__":
    sys.exit(main())
