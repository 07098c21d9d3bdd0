"""Sentence-level features shared by alignment, comparison and summarization.

Words, stems and concepts (:mod:`.text`), sentence units with their TF-IDF rows (:mod:`.units`)
and independent-source groups (:mod:`.sources`), computed once per set of articles by
:func:`build_index`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.index.sources import source_groups
from storyline.index.text import concepts
from storyline.index.units import Unit, build_units, fit_tfidf
from storyline.records import Article

__all__ = ["SentenceIndex", "Unit", "build_index"]


@dataclass(frozen=True)
class SentenceIndex:
    """Every sentence of a set of articles, with features computed once."""

    articles: tuple[Article, ...]
    units: tuple[Unit, ...]
    matrix: sparse.csr_matrix  # L2-normalised TF-IDF row per unit
    groups: tuple[int, ...]  # independent-source group per article
    vectorizer: TfidfVectorizer | None = None

    def similarities(self, i: int) -> np.ndarray:
        """Cosine similarity of unit ``i`` to every unit."""
        return np.asarray((self.matrix @ self.matrix[i].T).todense()).ravel()

    def relevance(self, text: str) -> np.ndarray:
        """Cosine similarity of every unit to ``text`` (e.g. a focus question), in units' space."""
        if self.vectorizer is None or not self.units:
            return np.zeros(len(self.units))
        query = self.vectorizer.transform([list(concepts(text))])
        return np.asarray((self.matrix @ query.T).todense()).ravel()

    @cached_property
    def rarity(self) -> np.ndarray:
        """Per column of :attr:`matrix`: a single word's inverse document frequency over the
        units, 0.0 for a bigram."""
        if self.vectorizer is None:
            return np.zeros(self.matrix.shape[1])
        single = [" " not in f for f in self.vectorizer.get_feature_names_out()]
        return np.asarray(self.vectorizer.idf_, dtype=np.float64) * np.array(
            single, dtype=np.float64
        )

    def containment(self, i: int | str) -> tuple[np.ndarray, float]:
        """How much of what unit ``i`` (or a text) says every unit says too, however much else
        it says (which the cosine counts against it): the rarity-weighted sum of its content
        words that each unit holds, and the sum of all of them (0.0 when it has none)."""
        if isinstance(i, str):
            if self.vectorizer is None:
                return np.zeros(len(self.units)), 0.0
            row = self.vectorizer.transform([list(concepts(i))])
        else:
            row = self.matrix[i]
        weights = self.rarity[row.indices]
        present = (self.matrix[:, row.indices] > 0).astype(np.float64)
        return np.asarray(present @ weights).ravel(), float(weights.sum())


# The last few indexes built: a brief indexes all its articles, each story, the main story
# again and the summary's articles (the main story's, the same objects); articles are
# immutable, so a repeated call can reuse an index. Matched by identity, and few, so that a
# long-running process holds no more than a brief's worth.
_recent: list[SentenceIndex] = []
_RECENT = 4


def build_index(articles: Sequence[Article]) -> SentenceIndex:
    """Units, TF-IDF rows and source groups of ``articles``."""
    for last in _recent:
        if len(last.articles) == len(articles) and all(
            a is b for a, b in zip(last.articles, articles, strict=True)
        ):
            return last
    units = build_units(articles)
    vectorizer, matrix = fit_tfidf(units)
    index = SentenceIndex(
        articles=tuple(articles),
        units=tuple(units),
        matrix=matrix,
        groups=tuple(source_groups(articles)),
        vectorizer=vectorizer,
    )
    _recent.insert(0, index)
    del _recent[_RECENT:]
    return index
