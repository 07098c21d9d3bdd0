"""Segmentation: paragraphs, sentences and quotations as spans into an article's text."""

from __future__ import annotations

import dataclasses
import re

from storyline.pipeline import Batch, Progress
from storyline.records import Article, Span
from storyline.segment.quotes import find_quotes
from storyline.segment.sentences import split_sentences

__all__ = [
    "SegmentStage",
    "find_quotes",
    "segment_article",
    "split_paragraphs",
    "split_sentences",
]


def split_paragraphs(text: str) -> list[Span]:
    """Paragraph spans: runs of text separated by blank lines (or single lines, if no blanks)."""
    separator = r"\n\s*\n" if re.search(r"\n\s*\n", text) else r"\n"
    spans: list[Span] = []
    cursor = 0
    for match in [*re.finditer(separator, text), None]:
        stop = match.start() if match else len(text)
        chunk = text[cursor:stop]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append(Span(cursor + lead, cursor + len(chunk.rstrip())))
        if match:
            cursor = match.end()
    return spans


def segment_article(article: Article) -> Article:
    """The article with its paragraphs, sentences and quotations filled in."""
    paragraphs = split_paragraphs(article.text)
    sentences: list[Span] = []
    quotes: list[Span] = []
    for paragraph in paragraphs:
        sentences.extend(split_sentences(article.text, paragraph.start, paragraph.end))
        quotes.extend(find_quotes(article.text, paragraph.start, paragraph.end))
    return dataclasses.replace(
        article, paragraphs=tuple(paragraphs), sentences=tuple(sentences), quotes=tuple(quotes)
    )


class SegmentStage:
    """Pipeline stage: split every article into paragraphs, sentences and quotations."""

    name = "segment"
    requires = frozenset({"articles"})
    provides = frozenset({"paragraphs", "sentences", "quotes"})

    def __call__(self, batch: Batch, progress: Progress | None = None) -> Batch:
        articles = tuple(segment_article(a) for a in batch.articles)
        return batch.replace(articles=articles, provides=self.provides)
