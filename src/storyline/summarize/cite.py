"""Citations: every article that states a summary sentence's content, not only its source.

For a chosen sentence we take, in each other article, its most similar sentence that states
the same fact (:func:`storyline.index.support.supporters`: similar enough, or holding its
content words, or those of its main clause) and gives no different figure (that is a conflict
between accounts, not support).
"""

from __future__ import annotations

import numpy as np

from storyline.index import SentenceIndex
from storyline.index.support import COSINE_THRESHOLD, NEAR, supporters
from storyline.index.text import numbers_conflict
from storyline.records import Citation

__all__ = ["COSINE_THRESHOLD", "citations_for"]


def citations_for(
    chosen: int, index: SentenceIndex, *, threshold: float = COSINE_THRESHOLD
) -> tuple[Citation, ...]:
    """The chosen unit's own sentence first, then the best supporting sentence of each article.

    ``threshold`` is the cosine at which a sentence supports the chosen one by itself."""
    units = index.units
    own = units[chosen]
    sims = index.similarities(chosen)
    best: dict[int, tuple[float, int]] = {}
    weak: list[int] = []
    for i in np.flatnonzero(sims >= min(NEAR, threshold)).tolist():
        article = units[i].article
        if article == own.article or numbers_conflict(own.numbers, units[i].numbers):
            continue
        if sims[i] < threshold:
            weak.append(i)
        elif article not in best or sims[i] > best[article][0]:
            best[article] = (float(sims[i]), i)
    # A less similar sentence is only wanted where no sentence settles it by its cosine.
    weak = [i for i in weak if units[i].article not in best]
    for i, ok in zip(weak, supporters(index, chosen, weak, threshold=threshold), strict=True):
        article = units[i].article
        if ok and (article not in best or sims[i] > best[article][0]):
            best[article] = (float(sims[i]), i)
    cited = [own, *(units[i] for _, i in sorted(best.values(), reverse=True))]
    return tuple(Citation(index.articles[u.article].id, u.start, u.end) for u in cited)
