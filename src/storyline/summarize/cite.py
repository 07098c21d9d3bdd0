"""Citations: every article that states a summary sentence's content, not only its source.

For a chosen sentence we look, in each other article, for its most similar sentence. That
sentence supports the summary sentence when the TF-IDF cosine of their concepts (stems and
bigrams) is at least a threshold chosen so that a cited sentence states the same fact, and when
it gives no different figure (that is a conflict between accounts, not support).
"""

from __future__ import annotations

from storyline.index import SentenceIndex
from storyline.index.text import numbers_conflict
from storyline.records import Citation

COSINE_THRESHOLD = 0.5


def citations_for(
    chosen: int, index: SentenceIndex, *, threshold: float = COSINE_THRESHOLD
) -> tuple[Citation, ...]:
    """The chosen unit's own sentence first, then the best supporting sentence of each article."""
    units = index.units
    own = units[chosen]
    sims = index.similarities(chosen)
    best: dict[int, tuple[float, int]] = {}
    for i, unit in enumerate(units):
        if unit.article == own.article or sims[i] < threshold:
            continue
        if numbers_conflict(own.numbers, unit.numbers):
            continue  # a different figure: a conflicting account, not support
        if unit.article not in best or sims[i] > best[unit.article][0]:
            best[unit.article] = (float(sims[i]), i)
    cited = [own, *(units[i] for _, i in sorted(best.values(), reverse=True))]
    return tuple(Citation(index.articles[u.article].id, u.start, u.end) for u in cited)
