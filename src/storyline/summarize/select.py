"""Greedy, budgeted selection of sentences that cover the most corroborated concepts.

The objective is weighted concept coverage (a monotone submodular function): a concept's weight
grows with the number of independent sources that mention it, so facts many outlets report
are preferred, and a concept already covered adds nothing, so redundant sentences lose. The
greedy choice divides the gain by a power of the sentence length, which is the standard
budgeted approximation.

The concepts covered are a sentence's stemmed word bigrams, except those of two stop words
(Gillick and Favre 2009): a bigram such as "the ceasefire" or "killed in" pins down a fact
better than its content words alone, and a pair of stop words ("of the") says nothing. They
differ from the index's concepts (content stems and content bigrams), which serve similarity
and citation.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

import numpy as np
from scipy import sparse

from storyline.index.text import STOP_WORDS, stem, words
from storyline.index.units import Unit


@dataclass(frozen=True, kw_only=True)
class SelectionConfig:
    """Weights of the selection objective (tuned on DUC 2007; see benchmarks/RESULTS.md)."""

    min_words: int = 6
    max_words: int = 55
    length_exponent: float = 0.9
    source_exponent: float = 1.0
    position_weight: float = 1.0
    focus_weight: float = 1.0
    # A sentence that opens on a pronoun ("He added that ...") or quotes an unnamed speaker
    # ("..., he said.") does not say who: out of its article it misleads, so by default it is
    # not chosen at all (on DUC 2007 this costs 0.0001 R-2 against the tuned 0.6).
    dangling_penalty: float = 0.0
    max_similarity: float = 0.5
    single_source_weight: float = 0.3
    # The position prior with a focus question: a question's answer is often not in the lead.
    focus_position_weight: float = 0.0
    # Direct speech is an outlet's colour, not a reported fact, and outlets repeat a quotation
    # word for word, so its bigrams look more corroborated than a paraphrased fact's: a
    # sentence's value shrinks by this factor in proportion to its share inside quotes.
    quote_penalty: float = 0.5
    # Two sentences that share this many figures report the same fact in other words ("a 5%
    # rise and 3.5% in 2027" / "rises of 5% this year and 3.5% next year"), which bigram
    # coverage cannot see.
    same_fact_numbers: int = 2


# A quotation: from an opening mark (straight, curly, TeX-style or guillemet) to its closing
# mark, or to the end of a sentence that a longer quotation was cut from.
_QUOTED = re.compile(r"(?:\"|“|``|«)(.*?)(?:\"|”|''|»|$)")


def quoted_share(text: str) -> float:
    """The share of ``text``'s characters inside quotation marks (direct speech)."""
    inside = sum(len(m.group(1)) for m in _QUOTED.finditer(text))
    return inside / len(text) if text else 0.0


# Cached because concept_weights and select both need every unit's bigrams; the bound keeps
# a long-running server's memory small (a brief has a few thousand sentences at most).
@lru_cache(maxsize=16_384)
def coverage_concepts(text: str) -> frozenset[str]:
    """Stemmed bigrams of adjacent words of ``text``, but not those of two stop words."""
    tokens = words(text)
    stems = [stem(w) for w in tokens]
    stop = [w in STOP_WORDS or len(w) < 2 for w in tokens]
    return frozenset(
        f"{stems[k]} {stems[k + 1]}"
        for k in range(len(tokens) - 1)
        if not (stop[k] and stop[k + 1])
    )


def concept_weights(
    units: Sequence[Unit], groups: Sequence[int], cfg: SelectionConfig
) -> dict[str, float]:
    """Weight of each concept: independent sources mentioning it, to a power.

    A concept only one source mentions keeps a small weight (``single_source_weight`` per
    mention), so that once the corroborated content is covered the budget is filled with the
    rest. With a single source there is no corroboration to count and mentions count alone.
    """
    by_group: dict[int, list[frozenset[str]]] = defaultdict(list)
    for unit in units:
        by_group[groups[unit.article]].append(coverage_concepts(unit.text))
    counts = Counter(chain.from_iterable(chain.from_iterable(by_group.values())))
    if len(set(groups)) <= 1:
        return {c: float(n) for c, n in counts.items()}
    # The number of sources of a concept: in how many groups' sets of concepts it is.
    sources = Counter(chain.from_iterable(set().union(*sets) for sets in by_group.values()))
    return {
        c: float(n) ** cfg.source_exponent if n > 1 else cfg.single_source_weight * counts[c]
        for c, n in sources.items()
    }


def select(
    units: Sequence[Unit],
    weights: dict[str, float],
    similarity: sparse.csr_matrix,
    *,
    budget_words: int | None,
    budget_sentences: int | None,
    relevance: np.ndarray | None,
    cfg: SelectionConfig,
    overflow: bool = False,
) -> list[int]:
    """Indices of the chosen units, in the order they were chosen.

    ``similarity`` holds the units' L2-normalised TF-IDF rows, used to refuse near-repeats.
    ``relevance`` (0..1 per unit) multiplies a unit's value when a focus question is given.
    With ``overflow`` the last sentence may run past ``budget_words`` (scorers that cut the
    summary at N words reward filling it).
    """
    position_weight = cfg.position_weight if relevance is None else cfg.focus_position_weight
    prior = np.array(
        [
            (1.0 + position_weight * (1.0 - u.position) ** 2)
            * (cfg.dangling_penalty if u.dangling else 1.0)
            * (1.0 - (1.0 - cfg.quote_penalty) * quoted_share(u.text))
            * (1.0 + cfg.focus_weight * (relevance[i] if relevance is not None else 0.0))
            for i, u in enumerate(units)
        ]
    )
    eligible = [
        i for i, u in enumerate(units) if u.complete and cfg.min_words <= u.n_words <= cfg.max_words
    ]
    concepts = [coverage_concepts(u.text) for u in units]
    covered: set[str] = set()

    def score(i: int) -> float:
        gain = sum(weights.get(c, 0.0) for c in concepts[i] if c not in covered)
        return float(gain * prior[i] / units[i].n_words ** cfg.length_exponent)

    # Lazy greedy (Minoux): coverage gains only shrink as coverage grows, so a stale score is
    # an upper bound and only the top of the heap needs recomputing.
    heap = [(-score(i), i) for i in eligible]
    heapq.heapify(heap)
    chosen: list[int] = []
    used_words = 0
    while heap:
        if budget_sentences is not None and len(chosen) >= budget_sentences:
            break
        _, best = heapq.heappop(heap)
        fresh = score(best)
        if fresh <= 0.0:
            continue
        if heap and fresh < -heap[0][0]:
            heapq.heappush(heap, (-fresh, best))
            continue
        unit = units[best]
        if budget_words is not None and used_words + unit.n_words > budget_words and not overflow:
            continue
        if chosen:
            sims = similarity[chosen] @ similarity[best].T
            if sims.max() > cfg.max_similarity:
                continue
            if cfg.same_fact_numbers and any(
                len(unit.numbers & units[c].numbers) >= cfg.same_fact_numbers for c in chosen
            ):
                continue
        chosen.append(best)
        covered |= concepts[best]
        used_words += unit.n_words
        if budget_words is not None and used_words >= budget_words:
            break
    return chosen
