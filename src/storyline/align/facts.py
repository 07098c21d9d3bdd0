"""Facts: sentences from different articles that state the same thing, grouped.

Greedy leader clustering over the sentence index: sentences are visited from the most widely
echoed to the least; each unassigned sentence founds a fact and takes, from every other
article, its most similar unassigned sentence that states it (one per article, and none that
gives a different figure; the test citations use too, :mod:`storyline.index.support`). A
sentence that states two facts ("Fire gutted the ferry, and 14 died") goes to the first, and
counts for the second too. Corroboration counts independent sources, so an outlet's two
articles or a wire story and its syndicated copies count once.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Sequence

import numpy as np
from scipy import sparse

from storyline.index import SentenceIndex, Unit
from storyline.index.support import NEAR, RELATED_THRESHOLD, main_clause, name_stems, supporters
from storyline.index.text import YEAR, numbers_conflict, same_figure, stem
from storyline.records import Citation, Fact, content_id

SAME_FACT_THRESHOLD = 0.5
# A sentence that holds this share of a fact's content words (weighted by rarity) may be the
# fact reworded ("Lindqvist quit the Dask board on Friday" / a long sentence that ends "...,
# Lindqvist quit the board, her office said on Friday"), however low its cosine.
CONTAINED = 0.5
# Another source's sentence this similar (below SAME_FACT_THRESHOLD) often says the same in
# other words ("Salt baths eased ferry sickness, Holm doctors found" / "A trial by Holm
# doctors shows that sea-salt baths are a good remedy for ferry sickness"). Too
# loose to group as one fact, close enough that "reported by one outlet only" may be false.
ECHO_THRESHOLD = 0.25
# Two articles' opening statements about one story tell its news: this similar, the same news
# from two angles (hand-judged on real newswire: 7 of 9 pairs from 0.2 report the same news,
# 4 of 15 from 0.15 to 0.2).
LEDE_ECHO_THRESHOLD = 0.2
MIN_WORDS, MAX_WORDS = 6, 60
# A single-source sentence is a reportable fact when it carries specifics: a figure or a name.
_SPECIFIC = re.compile(r"\d|(?<=[a-z,;] )[A-Z][a-z]")
# An interview's or a reader Q&A's labels: "Q. ...", "Q: ...".
_QUESTION_LABEL = re.compile(r"Q[.:]\s")
# A sentence about the page it is printed on ("The pilots' statement, reproduced below,
# ...") is no fact about the story.
_PAGE_REFERENCE = re.compile(
    r"\b(?:excerpted|printed|reproduced|listed|shown|pictured)\s+(?:below|above)\b"
    r"|\bsee (?:below|above|page)\b",
    re.IGNORECASE,
)


def _reportable_alone(unit: Unit) -> bool:
    """Whether one source's sentence can be listed as a fact of its own: it carries specifics,
    states something (a question, "Q. Are the lights on?", does not) and needs no sentence
    before it ("He added that ...")."""
    text = unit.text.rstrip("\"”'’) ")
    return (
        bool(_SPECIFIC.search(unit.text))
        and not unit.dangling
        and not text.endswith("?")
        and not _QUESTION_LABEL.match(unit.text)
        and not _PAGE_REFERENCE.search(unit.text)
    )


def _eligible(unit: Unit) -> bool:
    return unit.complete and MIN_WORDS <= unit.n_words <= MAX_WORDS


#: Rows of the similarity matrix made (or read) at once.
BLOCK_ROWS = 512
#: The least similarity kept in :func:`similarity_matrix`: below every threshold that reads it.
SIMILARITY_FLOOR = 0.1


def similarity_matrix(index: SentenceIndex, floor: float = SIMILARITY_FLOOR) -> sparse.csr_matrix:
    """Cosine similarities between all units, sparse and in single precision: those below
    ``floor`` (which no reader of the matrix looks at) are left out, so a story of tens of
    thousands of sentences needs megabytes, not the gigabytes of a dense matrix (its pairs
    grow with the square of its sentences, its related pairs far slower).

    Made a block of rows at a time: the product of all rows at once holds every pair that
    shares a word, however faintly."""
    matrix = index.matrix
    n = matrix.shape[0]
    transposed = matrix.T.tocsc()
    counts, columns, values = [np.zeros(1, dtype=np.int64)], [], []
    for start in range(0, n, BLOCK_ROWS):
        block = sparse.csr_matrix(matrix[start : start + BLOCK_ROWS] @ transposed)
        block.data[block.data < floor] = 0.0
        block.eliminate_zeros()
        block.sort_indices()
        counts.append(np.diff(block.indptr))
        columns.append(block.indices.astype(np.int32))
        values.append(block.data.astype(np.float32))
        del block
    indptr = np.cumsum(np.concatenate(counts))
    # Joined one array at a time, each block's part let go as it is copied: the whole
    # matrix is never held twice over.
    data = _joined(values, np.float32)
    indices = _joined(columns, np.int32)
    return sparse.csr_matrix((data, indices, indptr), shape=(n, n))


def _joined(parts: list[np.ndarray], dtype: type) -> np.ndarray:
    out: np.ndarray = np.empty(sum(len(p) for p in parts), dtype=dtype)
    at = 0
    while parts:
        part = parts.pop(0)
        out[at : at + len(part)] = part
        at += len(part)
    return out


def row_of(sims: sparse.csr_matrix, i: int) -> dict[int, float]:
    """Row ``i`` of a sparse similarity matrix: column -> similarity, the kept ones only."""
    start, stop = sims.indptr[i], sims.indptr[i + 1]
    return dict(zip(sims.indices[start:stop].tolist(), sims.data[start:stop].tolist(), strict=True))


def as_sparse(sims: sparse.spmatrix | np.ndarray) -> sparse.csr_matrix:
    """``sims`` as a CSR matrix with sorted column indices (a dense matrix is accepted)."""
    out = sparse.csr_matrix(sims)
    if not out.has_sorted_indices:
        out = out.sorted_indices()
    return out


def align_facts(
    index: SentenceIndex,
    *,
    threshold: float = SAME_FACT_THRESHOLD,
    sims: sparse.spmatrix | np.ndarray | None = None,
) -> list[Fact]:
    """Every corroborated fact, and every specific single-source fact, most corroborated first."""
    units = index.units
    matrix = similarity_matrix(index) if sims is None else as_sparse(sims)
    eligible = [i for i, u in enumerate(units) if _eligible(u)]
    if not eligible:
        return []
    mask = np.zeros(len(units), dtype=bool)
    mask[eligible] = True
    article = np.array([u.article for u in units])
    echo = np.zeros(len(units), dtype=np.int64)
    for first in range(0, len(units), BLOCK_ROWS):
        pairs = matrix[first : first + BLOCK_ROWS].tocoo()
        rows = pairs.row + first
        echoes = pairs.data >= threshold
        echoes &= (article[rows] != article[pairs.col]) & mask[pairs.col]
        echo += np.bincount(rows[echoes], minlength=len(units))
    order = sorted(eligible, key=lambda i: (-echo[i], units[i].position, i))
    assigned = np.zeros(len(units), dtype=bool)
    grouped: list[list[int]] = []  # each fact's sentences, its seed first
    for seed in order:
        if not assigned[seed]:
            row = row_of(matrix, seed)
            members = _members(seed, index, row, assigned | ~mask, threshold)
            assigned[members] = True
            grouped.append(members)
    _share_taken(grouped, units, matrix, threshold)
    facts: list[Fact] = []
    founded: dict[str, int] = {}
    for members in grouped:
        seed = members[0]
        fact = _fact(index, members)
        if fact.independent_outlets > 1 or _reportable_alone(units[seed]):
            repeats = founded.get(fact.id, 0)
            founded[fact.id] = repeats + 1
            if repeats:  # the same wording founding two facts (rare)
                fact = dataclasses.replace(fact, id=f"{fact.id}x{repeats}")
            facts.append(fact)
    facts.sort(key=lambda f: (-f.independent_outlets, -len(f.citations)))
    return facts


def _members(
    seed: int, index: SentenceIndex, row: dict[int, float], taken: np.ndarray, threshold: float
) -> list[int]:
    """The seed, and of each other article the sentence that best states the same
    (:func:`~storyline.index.support.supporters`)."""
    units = index.units
    own = units[seed].article
    # Below the cosine that settles it, only a main clause reaches down to NEAR.
    near = min(NEAR if main_clause(units[seed].text) else RELATED_THRESHOLD, threshold)
    candidates: list[int] = []
    weak: list[int] = []
    for i, value in row.items():
        if value >= near and i != seed and not taken[i] and units[i].article != own:
            (candidates if value >= threshold else weak).append(i)
    best = _best_per_article(seed, candidates, units, row)
    # A less similar sentence is only wanted where no sentence settles it by its cosine.
    settled = {units[i].article for i in best}
    weak = [i for i in weak if units[i].article not in settled]
    if weak:
        ok = supporters(index, seed, weak, threshold=threshold)
        candidates += [i for i, keep in zip(weak, ok.tolist(), strict=True) if keep]
        best = _best_per_article(seed, candidates, units, row)
    return [seed, *best]


def _best_per_article(
    seed: int, candidates: Sequence[int], units: Sequence[Unit], row: dict[int, float]
) -> list[int]:
    """Of ``candidates``, each article's sentence most similar to ``seed`` (``row``) that
    gives no other figure and shares more than names with it, most similar first."""
    best: dict[int, int] = {}
    own = units[seed]
    # Most similar first, so each article's first sentence that qualifies is its best (a
    # text that repeats one sentence a thousand times checks one per article, not all).
    for i in sorted(candidates, key=lambda i: (-row[i], i)):
        unit = units[i]
        if unit.article in best:
            continue
        if numbers_conflict(own.numbers, unit.numbers) or not _share_more_than_names(own, unit):
            continue
        best[unit.article] = i
    return sorted(best.values(), key=lambda i: (-row[i], i))


def _share_taken(
    grouped: list[list[int]], units: Sequence[Unit], sims: sparse.csr_matrix, threshold: float
) -> None:
    """Add to each fact the sentences of other articles that state it but that another fact
    took: one sentence can state two facts ("The ferry burned on Monday and 14 died"), and a
    source that reports a fact counts for it. Only a sentence that alone, of its fact, comes
    near this fact's seed: when more do, the two facts are one fact seen twice."""
    fact_of = {i: k for k, members in enumerate(grouped) for i in members}
    added: list[list[int]] = []
    for k, members in enumerate(grouped):
        row = row_of(sims, members[0])
        articles = {units[i].article for i in members}
        candidates = [
            i
            for i, value in row.items()
            if value >= threshold
            and (other := fact_of.get(i)) is not None
            and other != k
            and units[i].article not in articles
            and sum(row.get(j, 0.0) >= threshold for j in grouped[other]) == 1
        ]
        added.append(_best_per_article(members[0], candidates, units, row))
    for members, extra in zip(grouped, added, strict=True):
        members.extend(extra)


_FIRST_WORD = re.compile(r"[A-Z][\w'’-]*")


def _share_more_than_names(a: Unit, b: Unit) -> bool:
    """Whether two sentences share a content word that is not part of a name: two things
    said of one person ("Judge Vale ordered ..." / "Judge Vale found ...") are two facts,
    however rare the name that makes them look alike."""
    names = name_stems(a.text) | name_stems(b.text)
    # A capitalised first word is a name when both sentences write it so ("Vale ordered ...").
    first = [_FIRST_WORD.match(unit.text) for unit in (a, b)]
    if first[0] and first[1] and first[0].group(0) == first[1].group(0):
        names.add(stem(first[0].group(0).lower()))
    return any(" " not in c and c not in names for c in a.concepts & b.concepts)


def _fact(index: SentenceIndex, members: list[int]) -> Fact:
    units = [index.units[i] for i in members]
    articles = [index.articles[u.article] for u in units]
    dated = [a for a in articles if a.published]
    first = min(dated, key=lambda a: a.published or "").id if dated else None
    return Fact(
        id="f-" + content_id(units[0].text)[:10],
        text=units[0].text,
        citations=tuple(
            Citation(a.id, u.start, u.end) for a, u in zip(articles, units, strict=True)
        ),
        independent_outlets=len({index.groups[u.article] for u in units}),
        first_reporter=first,
    )


def unique_facts(
    facts: Sequence[Fact],
    index: SentenceIndex | None = None,
    *,
    echo_threshold: float = ECHO_THRESHOLD,
    contained: float = CONTAINED,
    ledes: Collection[tuple[str, int]] = (),
) -> dict[str, list[str]]:
    """Fact ids reported by one independent source only, listed under each of its articles.

    Given an ``index`` that holds the facts' sentences (the one they were aligned on, or one of
    every article of the input, so that other stories' articles count too), a fact is left out
    when a sentence of another source may be the same fact reworded: one that comes within
    ``echo_threshold`` of it (TF-IDF cosine), or that holds ``contained`` of its content words,
    weighted by their rarity ("Lindqvist quit the Dask board on Friday" / a long sentence
    that ends "..., Lindqvist quit the board on Friday"), or that gives two of its figures
    (maybe rounded). A sentence already grouped into another fact counts too: a false "only
    one outlet reports this" misleads more than a missing one. ``ledes`` (article id and
    start of each article's opening statement) mark the sentences that tell an article's
    news: an opening statement within ``LEDE_ECHO_THRESHOLD`` of another source's is the
    same news told from another angle.
    """
    echoed = _echoed(facts, index, echo_threshold, contained, ledes) if index is not None else set()
    out: dict[str, list[str]] = {}
    for fact in facts:
        if fact.independent_outlets == 1 and fact.id not in echoed:
            for article_id in fact.article_ids:
                out.setdefault(article_id, []).append(fact.id)
    return out


def _echoed(
    facts: Sequence[Fact],
    index: SentenceIndex,
    threshold: float,
    contained: float,
    ledes: Collection[tuple[str, int]],
) -> set[str]:
    """Ids of the single-source facts that another source's sentence comes close to."""
    where = {(index.articles[u.article].id, u.start, u.end): i for i, u in enumerate(index.units)}
    single: list[tuple[str, int]] = []
    for fact in facts:
        first = fact.citations[0]
        row = where.get((first.article_id, first.start, first.end))
        if fact.independent_outlets == 1 and row is not None:
            single.append((fact.id, row))
    if not single:
        return set()
    rows = np.array([row for _, row in single])
    groups = np.array([index.groups[u.article] for u in index.units])
    near = _near_other_source(index, rows, groups, threshold, contained)
    # Two figures in common, maybe rounded in one ("nearly 41 percent ... 17 percent" /
    # "40.6 percent ... 16.8 percent"): the same measurement, however it is worded.
    figures = [_figures(u.numbers) for u in index.units]
    with_figures = [j for j, values in enumerate(figures) if values]
    for k, row in enumerate(rows.tolist()):
        if len(figures[row]) > 1 and not near[k]:
            near[k] = any(
                groups[j] != groups[row] and _common_figures(figures[row], figures[j]) > 1
                for j in with_figures
            )
    starts = {(article_id, start): i for (article_id, start, _), i in where.items()}
    opening = [starts[key] for key in ledes if key in starts]
    for k, row in enumerate(rows.tolist()):
        if not near[k] and row in opening:
            sims = index.similarities(row)
            near[k] = any(
                groups[j] != groups[row] and sims[j] >= LEDE_ECHO_THRESHOLD for j in opening
            )
    return {fact_id for (fact_id, _), hit in zip(single, near, strict=True) if hit}


def _near_other_source(
    index: SentenceIndex, rows: np.ndarray, groups: np.ndarray, threshold: float, contained: float
) -> np.ndarray:
    """For each of ``rows``, whether a sentence of another source comes within ``threshold``
    of it (TF-IDF cosine) or holds ``contained`` of its rare content words; a block of rows
    at a time, each kept sparse."""
    near = np.zeros(len(rows), dtype=bool)
    matrix = index.matrix
    transposed = matrix.T.tocsc()
    if index.vectorizer is not None:
        rarity = index.rarity
        present = sparse.csr_matrix((matrix > 0).astype(np.float64)).T.tocsc()
    for first in range(0, len(rows), BLOCK_ROWS):
        block = rows[first : first + BLOCK_ROWS]
        mine = matrix[block]
        cosine = sparse.csr_matrix(mine @ transposed)
        hits = [_entries_at_least(cosine, np.full(len(block), threshold))]
        if index.vectorizer is not None:
            # The share of each fact's rare content words that each other sentence holds.
            query = sparse.csr_matrix((mine > 0).multiply(rarity[None, :]))
            total = np.asarray(query.sum(axis=1)).ravel()
            held = sparse.csr_matrix(query @ present)
            hits.append(_entries_at_least(held, contained * total))
            # A fact without rare words is held in full by every sentence.
            for empty in np.flatnonzero(contained * total <= 0).tolist():
                near[first + empty] = bool((groups != groups[block[empty]]).any())
        for k, j in hits:
            other = groups[j] != groups[block[k]]
            near[first + np.unique(k[other])] = True
    return near


def _entries_at_least(
    product: sparse.csr_matrix, least: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Rows and columns of the stored entries of ``product`` at least ``least`` of their row."""
    coo = product.tocoo()
    keep = coo.data >= least[coo.row]
    return coo.row[keep], coo.col[keep]


def _figures(numbers: frozenset[str]) -> list[float]:
    """A sentence's telling figures: not years (two stories of one year share it) nor small
    whole numbers ("two lawyers")."""
    values = [float(n) for n in numbers if not YEAR.fullmatch(n) and n.count(".") < 2]
    return [v for v in values if v >= 10 or v % 1]


def _common_figures(a: Sequence[float], b: Sequence[float]) -> int:
    """How many of ``a``'s figures ``b`` gives too, maybe rounded ("41" / "40.6")."""
    return sum(any(same_figure(x, y) for y in b) for x in a)
