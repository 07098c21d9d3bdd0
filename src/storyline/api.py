"""The one-call API: ``storyline.brief(inputs, ...) -> Brief``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from storyline.analyze import AnalysisConfig, AnalyzeStage
from storyline.errors import NoUsableInputError
from storyline.index.text import STOP_WORDS, stem, words
from storyline.ingest import DEFAULT_MAX_BYTES, InputLike, load
from storyline.ingest.prepare import PrepareStage
from storyline.pipeline import Batch, Pipeline, Progress
from storyline.records import Article, Brief, Rejection, Story, cut_short, shouted, usable_title
from storyline.segment import SegmentStage, segment_article
from storyline.summarize import SelectionConfig, SummarizeStage, SummaryConfig

_LEAD_CHARS = 1500


def _title(
    articles: tuple[Article, ...], stories: Sequence[Story], summary_first_source: str | None
) -> str | None:
    """The brief's title: of the main story's headlines, the one whose words its articles'
    leads hold most (not a sidebar's that happens to give the summary its first sentence); ties go
    to the article the summary opens with. A headline cut short by its feed or set in capitals
    comes last. Without a main story, that article's headline."""
    main = next((s for s in stories if s.main), None)
    if main is not None:
        ids = set(main.article_ids)
        members = [a for a in articles if a.id in ids]
        titled = [a for a in members if usable_title(a.title)]
        if titled:
            # An article's lead says what it is about (and reading it all costs time).
            texts = [{stem(w) for w in words(a.text[:_LEAD_CHARS])} for a in members]

            def score(a: Article) -> tuple[bool, bool, float, bool]:
                own = {stem(w) for w in words(a.title or "") if w not in STOP_WORDS and len(w) > 2}
                # Words the articles share count for a headline, words they lack against it;
                # one cut short by its feed or set in capitals only when no other is left.
                shared = sum(len(own & t) - 0.5 * len(own - t) for t in texts)
                return (
                    not cut_short(a.title),
                    not shouted(a.title),
                    shared,
                    a.id == summary_first_source,
                )

            return max(titled, key=score).title
    for article in articles:
        if article.id == summary_first_source and usable_title(article.title):
            return article.title
    return next((a.title for a in articles if usable_title(a.title)), None)


def build_pipeline(
    summary: SummaryConfig, analysis: AnalysisConfig | None = None, *, any_language: bool = False
) -> Pipeline:
    """The standard pipeline: clean, segment, analyze, summarize."""
    return Pipeline(
        [
            PrepareStage(any_language=any_language),
            SegmentStage(),
            AnalyzeStage(analysis),
            SummarizeStage(summary),
        ]
    )


def brief_articles(
    articles: Sequence[Article],
    *,
    words: int | None = 120,
    sentences: int | None = None,
    focus: str | None = None,
    verbatim: bool = False,
    selection: SelectionConfig | None = None,
    rejected: Sequence[Rejection] = (),
) -> Brief:
    """A brief of articles that are already cleaned (for example, read back from a store).

    Articles without sentence spans are segmented first. See :func:`brief` for the options.
    """
    if sentences is not None and words == 120:
        words = None
    config = SummaryConfig(
        words=words,
        sentences=sentences,
        focus=focus,
        verbatim=verbatim,
        selection=selection or SelectionConfig(),
    )
    if not articles:
        raise NoUsableInputError(rejected)
    segmented = tuple(a if a.sentences else segment_article(a) for a in articles)
    pipeline = Pipeline([AnalyzeStage(), SummarizeStage(config)], given=("articles", "sentences"))
    batch = pipeline(Batch(articles=segmented, rejected=tuple(rejected)))
    return _result(batch, focus, {"words": words, "sentences": sentences, "verbatim": verbatim})


def _result(batch: Batch, focus: str | None, options: dict[str, object]) -> Brief:
    if not batch.articles:
        raise NoUsableInputError(batch.rejected)
    first = batch.summary[0].citations[0].article_id if batch.summary else None
    return Brief(
        articles=batch.articles,
        rejected=batch.rejected,
        summary=batch.summary,
        title=_title(batch.articles, batch.analysis.stories if batch.analysis else (), first),
        focus=focus,
        options=options,
        analysis=batch.analysis,
    )


def brief(
    inputs: Iterable[InputLike] | InputLike,
    *,
    words: int | None = 120,
    sentences: int | None = None,
    focus: str | None = None,
    verbatim: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    selection: SelectionConfig | None = None,
    any_language: bool = False,
    progress: Progress | None = None,
) -> Brief:
    """Read, clean and summarize ``inputs`` into a cited :class:`Brief`.

    ``inputs`` are paths, folders, globs, ``"-"`` (standard input), :class:`RawInput` objects or
    dicts shaped like one JSON Lines record. ``words`` and ``sentences`` bound the summary (with
    ``sentences`` given, ``words`` is ignored unless also given explicitly). Summary sentences
    are trimmed of leading connectives, weekday references and datelines, and a person first
    mentioned by surname alone is named in full, unless ``verbatim``.
    The analysis reads English: articles clearly in another language are rejected unless
    ``any_language``. Unusable inputs end up in ``Brief.rejected``; if none is usable,
    :class:`NoUsableInputError` is raised.
    """
    if sentences is not None and words == 120:
        words = None
    config = SummaryConfig(
        words=words,
        sentences=sentences,
        focus=focus,
        verbatim=verbatim,
        selection=selection or SelectionConfig(),
    )
    raw, rejected = load(inputs, max_bytes=max_bytes)
    pipeline = build_pipeline(config, any_language=any_language)
    batch = pipeline(Batch(inputs=tuple(raw), rejected=tuple(rejected)), progress)
    options: dict[str, object] = {
        "words": words,
        "sentences": sentences,
        "verbatim": verbatim,
        "max_bytes": max_bytes,
        "any_language": any_language,
    }
    return _result(batch, focus, options)
