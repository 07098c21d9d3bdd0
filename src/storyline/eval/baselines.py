"""Reference extractive summarizers that storyline is compared with in the same run.

- :class:`Lead`: the first sentence of each document, then the second of each, and so on;
- :class:`LexRank` and :class:`TextRank`: sumy's implementations, as people use them (sumy's
  English stemmer and stop words), fed sentences from :mod:`storyline.eval.tokenize` because
  sumy's own tokenizer needs NLTK data;
- :class:`CentroidMMR`: sentences close to the TF-IDF centroid of the cluster (and, when a topic
  is given, to the topic), picked greedily with maximal marginal relevance against redundancy.

All share one call shape, ``summarizer(documents, topic=..., words=...) -> str``, and fill the
word budget with whole sentences: in rank order, a sentence that would overflow the budget is
skipped and shorter ones further down may still fit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from storyline.eval.tokenize import SentenceSplitter, SumyTokenizer, split_sentences


def word_count(sentence: str) -> int:
    """Words as the DUC length limit counts them (whitespace-separated)."""
    return len(sentence.split())


def fill_budget(ranked: Iterable[int], sentences: Sequence[str], words: int) -> list[int]:
    """Indices of ``ranked`` sentences, in rank order, whose total length fits ``words``."""
    chosen, used = [], 0
    for index in ranked:
        length = word_count(sentences[index])
        if length and used + length <= words:
            chosen.append(index)
            used += length
    return chosen


class Lead:
    """First sentences of each document in the order given, then second sentences, and so on.

    Not NIST's DUC baseline 1, which took the leading sentences of the most recent document
    only (ROUGE-2 0.049 on DUC 2006, against 0.063 for this one).
    """

    def __init__(self, *, splitter: SentenceSplitter = split_sentences) -> None:
        self.splitter = splitter

    def __call__(
        self, documents: Sequence[str], *, topic: str | None = None, words: int = 250
    ) -> str:
        per_document = [self.splitter(d) for d in documents]
        sentences = [s for sents in per_document for s in sents]
        offsets = np.cumsum([0] + [len(s) for s in per_document])
        depth = max((len(s) for s in per_document), default=0)
        ranked = (
            int(offsets[d]) + k
            for k in range(depth)
            for d, sents in enumerate(per_document)
            if k < len(sents)
        )
        return " ".join(sentences[i] for i in fill_budget(ranked, sentences, words))


class _Sumy:
    """Runs a sumy summarizer over all documents of a cluster as one multi-paragraph text."""

    def __init__(self, *, splitter: SentenceSplitter = split_sentences) -> None:
        self.splitter = splitter

    def _summarizer(self) -> Any:
        raise NotImplementedError

    def __call__(
        self, documents: Sequence[str], *, topic: str | None = None, words: int = 250
    ) -> str:
        # Deferred imports: sumy is an optional (eval) dependency.
        from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
        from sumy.nlp.stemmers import Stemmer
        from sumy.utils import get_stop_words

        tokenizer = SumyTokenizer(splitter=self.splitter)
        paragraphs = [
            Paragraph([Sentence(s, tokenizer) for s in self.splitter(d)]) for d in documents
        ]
        document = ObjectDocumentModel(paragraphs)
        summarizer = self._summarizer()(Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")

        def budget(infos: list[Any]) -> list[Any]:
            # sumy hands over sentences sorted by rating; keep those that fit the budget.
            texts = [str(info.sentence) for info in infos]
            return [infos[i] for i in fill_budget(range(len(infos)), texts, words)]

        chosen = summarizer(document, budget) if document.sentences else ()
        return " ".join(str(sentence) for sentence in chosen)


class LexRank(_Sumy):
    """sumy's LexRank (Erkan and Radev 2004); generic, ignores the topic."""

    def _summarizer(self) -> Any:
        from sumy.summarizers.lex_rank import LexRankSummarizer

        return LexRankSummarizer


class TextRank(_Sumy):
    """sumy's TextRank (Mihalcea and Tarau 2004); generic, ignores the topic."""

    def _summarizer(self) -> Any:
        from sumy.summarizers.text_rank import TextRankSummarizer

        return TextRankSummarizer


class CentroidMMR:
    """TF-IDF centroid relevance with maximal marginal relevance (Carbonell and Goldstein 1998).

    ``relevance = (1 - topic_weight) * cos(s, centroid) + topic_weight * cos(s, topic)`` (no
    topic term without a topic), and each pick maximizes ``diversity * relevance - (1 -
    diversity) * max cos(s, already picked)``. Sentences shorter than ``min_words`` (datelines,
    fragments) are not candidates.
    """

    def __init__(
        self,
        *,
        diversity: float = 0.7,
        topic_weight: float = 0.5,
        min_words: int = 8,
        splitter: SentenceSplitter = split_sentences,
    ) -> None:
        self.diversity = diversity
        self.topic_weight = topic_weight
        self.min_words = min_words
        self.splitter = splitter

    def __call__(
        self, documents: Sequence[str], *, topic: str | None = None, words: int = 250
    ) -> str:
        from sklearn.feature_extraction.text import TfidfVectorizer

        sentences = list(
            dict.fromkeys(  # exact repeats (wire copies) add nothing
                s for d in documents for s in self.splitter(d) if word_count(s) >= self.min_words
            )
        )
        if not sentences:
            return ""
        vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True)
        try:
            matrix = vectorizer.fit_transform(sentences)
        except ValueError:  # nothing but stop words
            return " ".join(
                sentences[i] for i in fill_budget(range(len(sentences)), sentences, words)
            )
        centroid = np.asarray(matrix.mean(axis=0)).ravel()
        relevance = matrix @ (centroid / (np.linalg.norm(centroid) or 1.0))
        if topic:
            query = vectorizer.transform([topic])
            relevance = (1 - self.topic_weight) * relevance + self.topic_weight * (
                matrix @ query.T
            ).toarray().ravel()
        similarity = (matrix @ matrix.T).toarray()
        return " ".join(sentences[i] for i in self._select(relevance, similarity, sentences, words))

    def _select(
        self, relevance: np.ndarray, similarity: np.ndarray, sentences: list[str], words: int
    ) -> list[int]:
        lengths = np.array([word_count(s) for s in sentences])
        available = np.ones(len(sentences), dtype=bool)
        redundancy = np.zeros(len(sentences))
        chosen: list[int] = []
        used = 0
        while True:
            available &= used + lengths <= words
            if not available.any():
                return chosen
            gain = self.diversity * relevance - (1 - self.diversity) * redundancy
            best = int(np.argmax(np.where(available, gain, -np.inf)))
            chosen.append(best)
            used += int(lengths[best])
            available[best] = False
            redundancy = np.maximum(redundancy, similarity[best])
