"""Budgeted selection of sentences that cover the most corroborated concepts.

The objective is weighted concept coverage (a monotone submodular function): a concept's weight
grows with the number of independent sources that mention it, so facts many outlets report
are preferred, and a concept already covered adds nothing, so redundant sentences lose.

Two solvers. ``"greedy"`` (the default) divides each sentence's gain by a power of its length,
the standard budgeted approximation; its position prior makes an article's lead, which says
what happened, an early choice. ``"ilp"`` states the coverage of corroborated concepts as an
integer linear program (Gillick and Favre 2009) and solves it approximately with HiGHS,
through SciPy (LP rounding, then branch and bound over what the rounding leaves open), the
greedy choice filling what it leaves of the budget. It weighs all sentences together and
packs more corroborated concepts into a short budget (more ROUGE at 120 words on DUC 2007),
but it lets any sentence carry a lead's facts, and in a blind reading of 16 real news
clusters its briefs lost to the greedy ones 3 to 11 (2 ties), mostly for opening mid-story;
see benchmarks/RESULTS.md.

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
from scipy.optimize import Bounds, LinearConstraint, milp

from storyline.errors import ConfigError
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
    # "greedy" or "ilp" (integer program over corroborated concepts, then greedy for the rest
    # of the budget; not for a budget in sentences): see the module's docstring.
    solver: str = "greedy"
    # With ``overflow``, the words the integer program leaves free for a last sentence that may
    # run past the budget (a scorer that cuts at N words counts that many of its words).
    overflow_reserve: int = 5

    def __post_init__(self) -> None:
        if self.solver not in ("ilp", "greedy"):
            raise ConfigError(f"solver must be 'ilp' or 'greedy', got {self.solver!r}")


# A quotation: from an opening mark (straight, curly, TeX-style or guillemet) to its closing
# mark, or to the end of a sentence that a longer quotation was cut from.
_QUOTED = re.compile(r"(?:\"|“|``|«)(.*?)(?:\"|”|''|»|$)")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """The character spans of ``text`` inside quotation marks (direct speech)."""
    return [m.span(1) for m in _QUOTED.finditer(text)]


def quoted_share(text: str) -> float:
    """The share of ``text``'s characters inside quotation marks (direct speech)."""
    inside = sum(b - a for a, b in quoted_spans(text))
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
    """Indices of the chosen units, the most valuable first.

    ``similarity`` holds the units' L2-normalised TF-IDF rows, used to refuse near-repeats.
    ``relevance`` (0..1 per unit) multiplies a unit's value when a focus question is given.
    With ``overflow`` the last sentence may run past ``budget_words`` (scorers that cut the
    summary at N words reward filling it).
    """
    position_weight = cfg.position_weight if relevance is None else cfg.focus_position_weight
    quoted = np.array([quoted_share(u.text) for u in units])
    prior = np.array(
        [
            (1.0 + position_weight * (1.0 - u.position) ** 2)
            * (cfg.dangling_penalty if u.dangling else 1.0)
            * (1.0 - (1.0 - cfg.quote_penalty) * quoted[i])
            * (1.0 + cfg.focus_weight * (relevance[i] if relevance is not None else 0.0))
            for i, u in enumerate(units)
        ]
    )
    eligible = [
        i
        for i, u in enumerate(units)
        if u.complete and cfg.min_words <= u.n_words <= cfg.max_words and prior[i] > 0.0
    ]
    concepts = [coverage_concepts(u.text) for u in units]
    # Each unit's value per word with nothing yet covered: the greedy choice's first scores,
    # and an upper bound on every later one.
    first = {
        i: sum(weights.get(c, 0.0) for c in concepts[i])
        * prior[i]
        / units[i].n_words ** cfg.length_exponent
        for i in eligible
    }
    problem = _Problem(units, concepts, weights, similarity, prior, quoted, cfg)
    chosen: list[int] = []
    if cfg.solver == "ilp" and budget_words is not None and budget_sentences is None:
        # The program weighs the units the greedy choice values most, as many as the budget
        # has words (20 or so per sentence it can hold): a larger pool changes few choices
        # on DUC 2007 and costs time on clusters full of near-repeats.
        pool = max(_ILP_MIN_POOL, budget_words)
        candidates = sorted(sorted(eligible, key=lambda i: -first[i])[:pool])
        reserve = cfg.overflow_reserve if overflow else 0
        chosen = _ilp(problem, candidates, budget_words - reserve)
    return _greedy(
        problem,
        first,
        chosen,
        budget_words=budget_words,
        budget_sentences=budget_sentences,
        overflow=overflow,
    )


@dataclass(frozen=True)
class _Problem:
    """What both solvers read: the units, each one's concepts, prior and quoted share, the
    concept weights, the similarity rows and the configuration."""

    units: Sequence[Unit]
    concepts: Sequence[frozenset[str]]
    weights: dict[str, float]
    similarity: sparse.csr_matrix
    prior: np.ndarray
    quoted: np.ndarray
    cfg: SelectionConfig

    def parts(
        self,
    ) -> tuple[
        Sequence[Unit], Sequence[frozenset[str]], dict[str, float], np.ndarray, SelectionConfig
    ]:
        """The units, their concepts, the concept weights, the priors and the configuration."""
        return self.units, self.concepts, self.weights, self.prior, self.cfg


def _greedy(
    problem: _Problem,
    first: dict[int, float],
    chosen: list[int],
    *,
    budget_words: int | None,
    budget_sentences: int | None,
    overflow: bool,
) -> list[int]:
    """``chosen`` and then, while the budget lasts, the unit of the best gain per word.

    ``first`` holds the eligible units' scores with nothing covered.
    """
    units, concepts, weights, prior, cfg = problem.parts()
    chosen = list(chosen)
    covered: set[str] = set().union(*(concepts[i] for i in chosen))
    used_words = sum(units[i].n_words for i in chosen)
    if budget_words is not None and used_words >= budget_words:
        return chosen

    def score(i: int) -> float:
        gain = sum(weights.get(c, 0.0) for c in concepts[i] if c not in covered)
        return float(gain * prior[i] / units[i].n_words ** cfg.length_exponent)

    # Lazy greedy (Minoux): coverage gains only shrink as coverage grows, so a stale score is
    # an upper bound and only the top of the heap needs recomputing.
    taken = set(chosen)
    heap = [(-value, i) for i, value in first.items() if i not in taken]
    heapq.heapify(heap)
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
        if chosen and _clashes(problem, best, chosen):
            continue
        chosen.append(best)
        covered |= concepts[best]
        used_words += unit.n_words
        if budget_words is not None and used_words >= budget_words:
            break
    return chosen


def _clashes(problem: _Problem, i: int, chosen: list[int]) -> bool:
    """Whether unit ``i`` repeats a chosen one: too similar, or the same figures."""
    units, similarity, cfg = problem.units, problem.similarity, problem.cfg
    if (similarity[chosen] @ similarity[i].T).max() > cfg.max_similarity:
        return True
    return bool(cfg.same_fact_numbers) and any(
        len(units[i].numbers & units[c].numbers) >= cfg.same_fact_numbers for c in chosen
    )


# A concept counts in the integer program when two sources (or one source twice) mention it;
# the rest of the budget goes to the greedy choice, which also values the others.
_ILP_MIN_WEIGHT = 2.0

# The fewest units the program weighs, however small the budget.
_ILP_MIN_POOL = 100

# A bound on each of the two solves, for pathological input only: on a cluster of 25 articles
# they take a few hundredths of a second. A relaxation cut short leaves the choice to the
# greedy one; a branching cut short keeps its best answer.
_ILP_SECONDS = 5.0


def _ilp(problem: _Problem, candidates: list[int], budget_words: int) -> list[int]:
    """The ``candidates`` that cover the most weight of corroborated concepts within
    ``budget_words``.

    Integer program: choose units x (0/1) and covered concepts z (0..1), maximise the sum of
    z_c times the concept's weight times the best prior among the units that hold it, such
    that each covered concept is in a chosen unit, the words fit the budget, and no two chosen
    units repeat each other (see :func:`_clashes`); a unit that quotes pays for it as in the
    greedy choice. A concept is valued by its best unit and not by the one chosen, so that a
    short sentence can carry a lead's facts.

    Solved in two steps: the LP relaxation, whose units taken whole or left out are fixed,
    then branch and bound over the units it takes in part, to within 1 % of that problem's
    optimum. This is LP rounding, not an exact solution: on DUC 2007 it reaches 98 % of the
    optimum's objective on average (76 % at worst) in a tenth of the time, and solving to
    the optimum did not give better summaries there (see benchmarks/RESULTS.md). Returns []
    when there is nothing to choose or the solver gives no answer, so that the greedy choice
    takes over.
    """
    if budget_words <= 0 or not candidates:
        return []
    units, concepts, weights, prior, cfg = problem.parts()
    index: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for j, i in enumerate(candidates):
        # Sorted: a set's order changes between processes, and so would the solver's choice
        # among near-optimal answers.
        for c in sorted(concepts[i]):
            if weights.get(c, 0.0) >= _ILP_MIN_WEIGHT:
                rows.append(j)
                cols.append(index.setdefault(c, len(index)))
    n_units, n_concepts = len(candidates), len(index)
    if not n_concepts:
        return []
    holds = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n_units, n_concepts))
    best_prior = np.zeros(n_concepts)
    np.maximum.at(best_prior, cols, prior[candidates][rows])
    value = np.zeros(n_concepts)
    for c, k in index.items():
        value[k] = weights[c]
    value *= best_prior

    lengths = np.array([units[i].n_words for i in candidates], dtype=float)
    pairs = _clashing_pairs(problem, candidates)
    matrix = sparse.vstack(
        [
            sparse.hstack([-holds.T, sparse.identity(n_concepts)]),  # z_c <= sum of x_i
            sparse.hstack([sparse.csr_matrix(lengths), sparse.csr_matrix((1, n_concepts))]),
            sparse.csr_matrix(
                (np.ones(2 * len(pairs)), (np.repeat(np.arange(len(pairs)), 2), pairs.ravel())),
                shape=(len(pairs), n_units + n_concepts),
            ),
        ]
    ).tocsr()
    upper = np.concatenate([np.zeros(n_concepts), [budget_words], np.ones(len(pairs))])
    constraints = LinearConstraint(matrix, -np.inf, upper)
    # A unit that quotes costs the share of its concepts' value that the quote penalty takes
    # off its gain in the greedy choice.
    penalty = (1.0 - cfg.quote_penalty) * problem.quoted[candidates] * (holds @ value)
    cost = np.concatenate([penalty, -value])
    relaxed = milp(
        cost, constraints=constraints, bounds=Bounds(0, 1), options={"time_limit": _ILP_SECONDS}
    )
    if relaxed.x is None:
        return []
    low, high = np.zeros(n_units + n_concepts), np.ones(n_units + n_concepts)
    x = relaxed.x[:n_units]
    low[:n_units][x > 1 - 1e-6] = 1
    high[:n_units][x < 1e-6] = 0
    integrality = np.concatenate([np.ones(n_units), np.zeros(n_concepts)])
    result = milp(
        cost,
        constraints=constraints,
        integrality=integrality,
        bounds=Bounds(low, high),
        options={"mip_rel_gap": 0.01, "time_limit": _ILP_SECONDS},
    )
    if result.x is None:
        return []
    picked = [candidates[j] for j in np.flatnonzero(result.x[:n_units] > 0.5)]
    return sorted(picked, key=lambda i: -prior[i])


def _clashing_pairs(problem: _Problem, candidates: list[int]) -> np.ndarray:
    """Pairs of positions in ``candidates`` whose units repeat each other (see
    :func:`_clashes`), as an (n, 2) array."""
    units, cfg = problem.units, problem.cfg
    rows = problem.similarity[candidates]
    cosine = sparse.triu(rows @ rows.T, k=1).tocoo()
    close = cosine.data > cfg.max_similarity
    found = set(zip(cosine.row[close].tolist(), cosine.col[close].tolist(), strict=True))
    if cfg.same_fact_numbers:
        by_number: dict[str, list[int]] = defaultdict(list)
        for j, i in enumerate(candidates):
            if len(units[i].numbers) >= cfg.same_fact_numbers:
                for number in units[i].numbers:
                    by_number[number].append(j)
        shared: Counter[tuple[int, int]] = Counter(
            (a, b) for js in by_number.values() for a in js for b in js if a < b
        )
        found |= {pair for pair, n in shared.items() if n >= cfg.same_fact_numbers}
    return np.array(sorted(found), dtype=int).reshape(-1, 2)
