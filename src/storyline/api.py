"""The one-call API: ``storyline.brief(inputs, ...) -> Brief``."""

from __future__ import annotations

from collections.abc import Iterable

from storyline.analyze import AnalysisConfig, AnalyzeStage
from storyline.errors import NoUsableInputError
from storyline.ingest import DEFAULT_MAX_BYTES, InputLike, load
from storyline.ingest.prepare import PrepareStage
from storyline.pipeline import Batch, Pipeline, Progress
from storyline.records import Article, Brief
from storyline.segment import SegmentStage
from storyline.summarize import SelectionConfig, SummarizeStage, SummaryConfig


def _title(articles: tuple[Article, ...], summary_first_source: str | None) -> str | None:
    """The brief's title: the headline of the article the summary opens with, if it has one."""
    for article in articles:
        if article.id == summary_first_source and article.title:
            return article.title
    return next((a.title for a in articles if a.title), None)


def build_pipeline(summary: SummaryConfig, analysis: AnalysisConfig | None = None) -> Pipeline:
    """The standard pipeline: clean, segment, analyze, summarize."""
    return Pipeline(
        [PrepareStage(), SegmentStage(), AnalyzeStage(analysis), SummarizeStage(summary)]
    )


def brief(
    inputs: Iterable[InputLike] | InputLike,
    *,
    words: int | None = 120,
    sentences: int | None = None,
    focus: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    selection: SelectionConfig | None = None,
    progress: Progress | None = None,
) -> Brief:
    """Read, clean and summarize ``inputs`` into a cited :class:`Brief`.

    ``inputs`` are paths, folders, globs, ``"-"`` (standard input), :class:`RawInput` objects or
    dicts shaped like one JSON Lines record. ``words`` and ``sentences`` bound the summary (with
    ``sentences`` given, ``words`` is ignored unless also given explicitly). Unusable inputs end
    up in ``Brief.rejected``; if none is usable, :class:`NoUsableInputError` is raised.
    """
    if sentences is not None and words == 120:
        words = None
    config = SummaryConfig(
        words=words, sentences=sentences, focus=focus, selection=selection or SelectionConfig()
    )
    raw, rejected = load(inputs, max_bytes=max_bytes)
    batch = build_pipeline(config)(Batch(inputs=tuple(raw), rejected=tuple(rejected)), progress)
    if not batch.articles:
        raise NoUsableInputError(batch.rejected)
    first = batch.summary[0].citations[0].article_id if batch.summary else None
    return Brief(
        articles=batch.articles,
        rejected=batch.rejected,
        summary=batch.summary,
        title=_title(batch.articles, first),
        focus=focus,
        options={"words": words, "sentences": sentences, "max_bytes": max_bytes},
        analysis=batch.analysis,
    )
