"""Extractive, cited summaries of a set of articles about one event."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from storyline.errors import ConfigError
from storyline.index import SentenceIndex, build_index
from storyline.pipeline import Batch, Progress
from storyline.records import Article, SummarySentence
from storyline.summarize.cite import COSINE_THRESHOLD, citations_for
from storyline.summarize.compress import compress
from storyline.summarize.people import introduce_people
from storyline.summarize.select import SelectionConfig, concept_weights, select

__all__ = [
    "SelectionConfig",
    "SummarizeStage",
    "SummaryConfig",
    "compress",
    "introduce_people",
    "summarize",
    "summarize_texts",
]


@dataclass(frozen=True, kw_only=True)
class SummaryConfig:
    """What summary to make: its budget, an optional focus question, and selection weights.

    With ``verbatim`` summary sentences are shown exactly as published; otherwise leading
    connectives, weekday references and datelines are trimmed (:func:`compress`), and in a
    brief's pipeline a person first mentioned by surname alone is named in full
    (:func:`introduce_people`).
    """

    words: int | None = 120
    sentences: int | None = None
    focus: str | None = None
    cite_threshold: float = COSINE_THRESHOLD
    overflow: bool = False
    verbatim: bool = False
    selection: SelectionConfig = field(default_factory=SelectionConfig)

    def __post_init__(self) -> None:
        if self.words is None and self.sentences is None:
            raise ConfigError("give a budget: words or sentences")
        for name in ("words", "sentences"):
            value = getattr(self, name)
            if value is not None and value < 1:
                raise ConfigError(f"{name} must be at least 1, got {value}")


def _order(chosen: list[int], index: SentenceIndex) -> list[int]:
    """Narrative order: facts that lead their articles first, then by publication."""

    def key(i: int) -> tuple[float, str, int]:
        unit = index.units[i]
        return (unit.position, index.articles[unit.article].published or "", unit.sentence)

    return sorted(chosen, key=key)


def summarize(
    articles: Sequence[Article] | SentenceIndex, config: SummaryConfig | None = None
) -> tuple[SummarySentence, ...]:
    """A summary of ``articles`` within the budget, each sentence citing its supporters.

    Pass a prebuilt :class:`SentenceIndex` to share its features with other stages.
    """
    config = config or SummaryConfig()
    index = articles if isinstance(articles, SentenceIndex) else build_index(articles)
    if not index.units:
        return ()
    relevance = None
    if config.focus:
        sims = index.relevance(config.focus)
        top = float(sims.max()) if sims.size else 0.0
        relevance = sims / top if top > 0 else sims
    units = index.units
    if not config.verbatim:
        # Selection sees the trimmed sentences, so the words saved can go to another fact.
        units = tuple(
            replace(u, text=short, n_words=len(short.split())) if short != u.text else u
            for u in units
            for short in (compress(u.text),)
        )
    weights = concept_weights(units, index.groups, config.selection)
    chosen = select(
        units,
        weights,
        index.matrix,
        budget_words=config.words,
        budget_sentences=config.sentences,
        relevance=relevance,
        cfg=config.selection,
        overflow=config.overflow,
    )
    return tuple(
        SummarySentence(units[i].text, citations_for(i, index, threshold=config.cite_threshold))
        for i in _order(chosen, index)
    )


def summarize_texts(
    documents: Sequence[str],
    *,
    topic: str | None = None,
    words: int = 250,
    overflow: bool = True,
    selection: SelectionConfig | None = None,
) -> str:
    """Summarize plain, already clean documents (as in DUC) into one text of about ``words``."""
    from storyline.segment import segment_article

    articles = [
        segment_article(Article(id=str(i), source=str(i), text=text))
        for i, text in enumerate(documents)
    ]
    config = SummaryConfig(
        words=words, focus=topic, overflow=overflow, selection=selection or SelectionConfig()
    )
    return " ".join(s.text for s in summarize(articles, config))


class SummarizeStage:
    """Pipeline stage: the cited summary of the batch's articles."""

    name = "summarize"
    requires = frozenset({"articles", "sentences"})
    provides = frozenset({"summary"})

    def __init__(self, config: SummaryConfig | None = None) -> None:
        self.config = config or SummaryConfig()

    def __call__(self, batch: Batch, progress: Progress | None = None) -> Batch:
        # When the input holds several stories, the summary is about the main one.
        main = next((s for s in batch.analysis.stories if s.main), None)
        articles = batch.articles
        if main is not None:
            ids = set(main.article_ids)
            articles = tuple(a for a in articles if a.id in ids)
        summary = summarize(articles, self.config)
        if not self.config.verbatim:
            summary = introduce_people(summary, batch.articles, batch.analysis.entities)
        return batch.replace(summary=summary, provides=self.provides)
