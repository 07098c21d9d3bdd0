"""Citations: every article that states a summary sentence's content, not only its source.

For a chosen sentence we look, in each other article, for its most similar sentence that
states the same fact: one whose TF-IDF cosine with it (over stems and bigrams) is at least
:data:`COSINE_THRESHOLD`, or, reworded at more length (which the cosine counts against it),
one at least :data:`RELATED_THRESHOLD` similar that holds :data:`CONTAINED` of its content
words, weighted by their rarity ("Lestra and Varenia agreed to reopen the Dask crossing and to
share the Velna under a joint commission" / "Lestra and Varenia agreed on Tuesday to reopen
their main border crossing at Dask and to manage water from the Velna through a joint
commission, ending a standoff that ..."), and that denies nothing the other affirms, or the
reverse ("Two men held in Lestra were not working for Varenia, police said" / "Varenia was
silent on the two men held in Lestra"). A sentence with a trailing clause (", ending ...",
", which ...", ", after ...") is also supported by what states its main clause by the same
tests: the clause adds detail that other outlets word their own way. A sentence that gives a
different figure is a conflict between accounts, not support.

The two looser thresholds were read off hand-judged pairs of real newswire (a summary sentence
and another article's sentence; ``benchmarks/RESULTS.md``, "Citations"): sharing the story's
recurring words, many sentences hold half of a sentence's content words without stating it.
"""

from __future__ import annotations

import re

import numpy as np

from storyline.index import SentenceIndex
from storyline.index.text import numbers_conflict
from storyline.records import Citation

COSINE_THRESHOLD = 0.5
#: With :data:`CONTAINED` of the sentence's content words, a sentence this similar supports it.
RELATED_THRESHOLD = 0.35
CONTAINED = 0.7
#: A word that denies: a supporter by content words must deny what the sentence denies.
NEGATION = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|neither|nor|without)\b|n['’]t\b", re.IGNORECASE
)
# Where a trailing clause that adds detail to a main clause begins.
_TRAILING = re.compile(
    r",\s+(?:[a-z]+ing|which|who|whose|where|when|while|after|before|as|amid|despite"
    r"|following|according)\b"
)
_MAIN_CLAUSE_WORDS = 6


def main_clause(text: str) -> str | None:
    """``text`` up to its first trailing clause, if that leaves a clause of its own (six
    words or more); ``None`` when it has none."""
    for match in _TRAILING.finditer(text):
        head = text[: match.start()]
        if len(head.split()) >= _MAIN_CLAUSE_WORDS:
            return head
    return None


def citations_for(
    chosen: int, index: SentenceIndex, *, threshold: float = COSINE_THRESHOLD
) -> tuple[Citation, ...]:
    """The chosen unit's own sentence first, then the best supporting sentence of each article.

    ``threshold`` is the cosine at which a sentence supports the chosen one by itself."""
    units = index.units
    own = units[chosen]
    related = min(RELATED_THRESHOLD, threshold)
    denies = bool(NEGATION.search(own.text))
    tests = [(index.similarities(chosen), *index.containment(chosen))]
    head = main_clause(own.text)
    if head is not None:
        tests.append((index.relevance(head), *index.containment(head)))
    supported = np.zeros(len(units), dtype=bool)
    for cosine, held, total in tests:
        supported |= cosine >= threshold
        if total > 0:
            supported |= (cosine >= related) & (held >= CONTAINED * total)
    sims = tests[0][0]
    best: dict[int, tuple[float, int]] = {}
    for i in np.flatnonzero(supported).tolist():
        unit = units[i]
        if unit.article == own.article:
            continue
        if sims[i] < threshold and bool(NEGATION.search(unit.text)) != denies:
            continue  # by its words alone, and one of the two denies what the other says
        if numbers_conflict(own.numbers, unit.numbers):
            continue  # a different figure: a conflicting account, not support
        if unit.article not in best or sims[i] > best[unit.article][0]:
            best[unit.article] = (float(sims[i]), i)
    cited = [own, *(units[i] for _, i in sorted(best.values(), reverse=True))]
    return tuple(Citation(index.articles[u.article].id, u.start, u.end) for u in cited)
