"""Whether one sentence states what another says: the test behind citations and facts.

A sentence supports another when their TF-IDF cosine (over stems and bigrams) is at least
:data:`COSINE_THRESHOLD`, or, reworded at more length (which the cosine counts against it),
when it is at least :data:`RELATED_THRESHOLD` similar, holds :data:`CONTAINED` of the other's
content words, weighted by their rarity, and :data:`SAID` of those that are not names ("Lestra
and Varenia agreed to reopen the Dask crossing and to share the Velna under a joint
commission" / "Lestra and Varenia agreed on Tuesday to reopen their main border crossing at
Dask and to manage water from the Velna through a joint commission, ending a standoff that
..."), and denies nothing the other affirms, or the reverse ("Two men held in Lestra were not
working for Varenia, police said" / "Varenia was silent on the two men held in Lestra"). A
sentence with a trailing clause (", ending ...", ", which ...", ", after ...") is also
supported by what states its main clause by the same tests: the clause adds detail that other
outlets word their own way.

The looser thresholds were read off hand-judged pairs of real newswire (a summary sentence
and another article's sentence; ``benchmarks/RESULTS.md``, "Citations"): sharing the story's
recurring words and names, many sentences hold half of a sentence's content words without
stating it. Whether two sentences give different figures (a conflict, not support) is left to
the caller.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from storyline.index.text import concepts, stem

if TYPE_CHECKING:
    from storyline.index import SentenceIndex

COSINE_THRESHOLD = 0.5
#: With :data:`CONTAINED` of the sentence's content words, a sentence this similar supports it.
RELATED_THRESHOLD = 0.35
CONTAINED = 0.7
#: ... and this share of those that are not names.
SAID = 0.5
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
# A capitalised word past a sentence's first: a name, a title or an organisation's word.
_NAME_WORD = re.compile(r"(?<=[\w,;:)\"”'’] )[A-Z][\w'’-]*")
#: Sentences less similar than this to a whole sentence are not candidates to support it: none
#: of the hand-judged supporters by its main clause alone was under 0.3.
NEAR = 0.2


def name_stems(text: str) -> set[str]:
    """Stems of the capitalised words past ``text``'s first: names, titles, organisations."""
    return {stem(w.lower()) for w in _NAME_WORD.findall(text)}


def main_clause(text: str) -> str | None:
    """``text`` up to its first trailing clause, if that leaves a clause of its own (six
    words or more); ``None`` when it has none."""
    for match in _TRAILING.finditer(text):
        head = text[: match.start()]
        if len(head.split()) >= _MAIN_CLAUSE_WORDS:
            return head
    return None


def supporters(
    index: SentenceIndex,
    i: int,
    candidates: Sequence[int],
    *,
    threshold: float = COSINE_THRESHOLD,
) -> np.ndarray:
    """Which of ``candidates`` (units of ``index``) support unit ``i``, as a boolean array.

    ``threshold`` is the cosine at which a sentence supports by itself; the reworded tests
    apply from :data:`RELATED_THRESHOLD` (or ``threshold``, if lower)."""
    rows = np.asarray(candidates, dtype=np.int64)
    if not len(rows):
        return np.zeros(0, dtype=bool)
    own = index.units[i]
    related = min(RELATED_THRESHOLD, threshold)
    matrix = index.matrix
    # The candidates' stored entries, flat, each with the candidate it belongs to: a few
    # array operations instead of a sparse product per test (this runs once per fact).
    starts, stops = matrix.indptr[rows], matrix.indptr[rows + 1]
    flat = np.concatenate([np.arange(a, b) for a, b in zip(starts, stops, strict=True)])
    owner = np.repeat(np.arange(len(rows)), stops - starts)
    columns_at, values_at = matrix.indices[flat], matrix.data[flat]

    def per_candidate(columns: np.ndarray, weights: np.ndarray, by_value: bool) -> np.ndarray:
        """For each candidate, the sum over its entries in ``columns`` (sorted) of their
        ``weights``, times the entry's value if ``by_value``."""
        at = np.minimum(np.searchsorted(columns, columns_at), len(columns) - 1)
        w = np.where(columns[at] == columns_at, weights[at], 0.0)
        if by_value:
            w = w * values_at
        return np.bincount(owner, weights=w, minlength=len(rows))

    start, stop = matrix.indptr[i], matrix.indptr[i + 1]
    whole_columns, whole_values = matrix.indices[start:stop], matrix.data[start:stop]
    if not len(whole_columns):
        return np.zeros(len(rows), dtype=bool)
    order = np.argsort(whole_columns)
    whole_columns, whole_values = whole_columns[order], np.asarray(whole_values[order])
    cosine = per_candidate(whole_columns, whole_values, True)
    supported = cosine >= threshold
    if index.vectorizer is None:
        return supported
    vocabulary = index.vectorizer.vocabulary_
    names = np.array(
        sorted(vocabulary[s] for s in name_stems(own.text) if s in vocabulary), dtype=np.int64
    )
    tests = [(whole_columns, cosine)]
    head = main_clause(own.text)
    if head is not None:
        columns = np.array(
            sorted({vocabulary[c] for c in concepts(head) if c in vocabulary}), dtype=np.int64
        )
        # A main clause that is only a name ("Meanwhile, the Safety Board, which ...") says
        # nothing yet.
        if np.count_nonzero((index.rarity[columns] > 0) & ~np.isin(columns, names)) >= 2:
            weights = np.asarray(index.vectorizer.idf_)[columns]
            head_cosine = per_candidate(columns, weights / np.linalg.norm(weights), True)
            supported |= head_cosine >= threshold
            tests.append((columns, head_cosine))
    reworded = np.zeros(len(rows), dtype=bool)
    for columns, similar in tests:
        rarity = index.rarity[columns]
        # Names weigh heavily (they are rare) but a sentence about the same people may say
        # something else: what is said of them must be held too.
        said = np.where(np.isin(columns, names), 0.0, rarity)
        if said.sum() <= 0:
            continue
        held = per_candidate(columns, rarity, False)
        held_said = per_candidate(columns, said, False)
        reworded |= (
            (similar >= related)
            & (held >= CONTAINED * rarity.sum())
            & (held_said >= SAID * said.sum())
        )
    reworded &= ~supported
    if reworded.any():
        denies = bool(NEGATION.search(own.text))
        for k in np.flatnonzero(reworded).tolist():
            reworded[k] = bool(NEGATION.search(index.units[rows[k]].text)) == denies
    return supported | reworded
