"""Synthetic news clusters for benchmarks, made from our own fictional example corpus.

No licensed text is needed: paragraphs of the bundled articles are recombined and perturbed
(words dropped or swapped for near-synonyms, figures changed, paragraphs reordered) into as many
articles as a benchmark needs, each a plausible rewrite by another outlet.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import storyline
from storyline.records import RawInput

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "korvan-talks"
_SWAPS = {
    "said": "stated",
    "agreed": "decided",
    "reopen": "open again",
    "talks": "negotiations",
    "crossing": "checkpoint",
    "river": "waterway",
    "presidents": "leaders",
    "deal": "agreement",
    "officials": "authorities",
    "Tuesday": "Tuesday",
    "trade": "commerce",
    "trucks": "lorries",
}


def _paragraphs() -> list[str]:
    brief = storyline.brief([str(EXAMPLE)])
    return [
        p.of(a.text) for a in brief.articles for p in a.paragraphs if len(p.of(a.text).split()) > 12
    ]


def _perturb(paragraph: str, rng: random.Random) -> str:
    words = paragraph.split()
    out = []
    for word in words:
        bare = word.strip(',.;:"“”')
        if bare in _SWAPS and rng.random() < 0.4:
            word = word.replace(bare, _SWAPS[bare])
        elif re.fullmatch(r"\d+", bare) and rng.random() < 0.2:
            word = word.replace(bare, str(int(bare) + rng.randint(1, 9)))
        elif rng.random() < 0.03 and len(words) > 15:
            continue
        out.append(word)
    return " ".join(out)


def synthetic_cluster(
    n_articles: int = 25, sentences_per_article: int = 52, seed: int = 0
) -> list[RawInput]:
    """``n_articles`` perturbed rewrites of the example story, each of about that many sentences."""
    rng = random.Random(seed)
    pool = _paragraphs()
    articles = []
    for i in range(n_articles):
        chosen: list[str] = []
        while (
            sum(len(storyline.segment.split_sentences(p)) for p in chosen) < sentences_per_article
        ):
            chosen.append(_perturb(rng.choice(pool), rng))
        articles.append(
            RawInput(
                source=f"synthetic-{i}",
                text="\n\n".join(chosen),
                outlet=f"Outlet {i % 17}",
                published=f"2026-03-0{3 + i % 2}",
            )
        )
    return articles
