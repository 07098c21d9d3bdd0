"""News roundups: one input that carries several unrelated stories, each under its own dateline.

Agencies send digests ("Top news at 2 a.m.", "World briefs") whose items each open on a
dateline ("LESTRA (Agency) -- ..."), usually under a short headline of their own. Read as one
article, a digest joins unrelated stories: its facts land in the wrong story and its dates in
the wrong timeline. Split, each item is an article of its own, with the digest's outlet and
date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.index.units import strip_dateline

__all__ = ["MIN_ITEMS", "RoundupItem", "roundup_items"]

# Fewer datelined paragraphs than this are an article with a dateline (or a quoted one).
MIN_ITEMS = 3
# An item's own headline: a short paragraph that does not end like a sentence.
_HEADLINE_WORDS = 14
_SENTENCE_END = re.compile(r"[.!?…:;,][\"'”’»)\]]*$")
_PARAGRAPH = re.compile(r"[^\n]+")
# Material before the first item shorter than this is the digest's own header, not a story.
_MIN_PREAMBLE_WORDS = 15


@dataclass(frozen=True, slots=True)
class RoundupItem:
    """One story of a roundup: a span of its text and the item's own headline, if it has one."""

    start: int
    end: int
    title: str | None


def _opens_item(paragraph: str) -> bool:
    """Whether a paragraph opens on an agency-style dateline ("LESTRA (Agency) -- The ...").

    A label followed by a colon ("NOTE:", a transcript's "HOLM:") is not a dateline here.
    """
    body = strip_dateline(paragraph)
    return body != paragraph and not paragraph[: len(paragraph) - len(body)].rstrip().endswith(":")


def _is_headline(paragraph: str) -> bool:
    words = paragraph.split()
    return 0 < len(words) <= _HEADLINE_WORDS and not _SENTENCE_END.search(paragraph.rstrip())


def roundup_items(text: str) -> list[RoundupItem]:
    """The items of ``text`` if it is a roundup (at least :data:`MIN_ITEMS` paragraphs opening
    on a dateline after the first), else an empty list.

    An item runs from its headline (the short line just before its dateline, when there is
    one) to the next item's start. Text before the first item is an item of its own only when
    it is long enough to be a story.
    """
    paragraphs = [(m.start(), m.group()) for m in _PARAGRAPH.finditer(text)]
    opens = [k for k, (_, p) in enumerate(paragraphs) if _opens_item(p.strip())]
    if len([k for k in opens if k > 0]) < MIN_ITEMS:
        return []
    heads: list[tuple[int, int | None]] = []  # (first paragraph of the item, its headline)
    for k in opens:
        previous = k - 1
        if previous >= 0 and previous not in opens and _is_headline(paragraphs[previous][1]):
            heads.append((previous, previous))
        else:
            heads.append((k, None))
    items = []
    first = paragraphs[heads[0][0]][0]
    if len(text[:first].split()) >= _MIN_PREAMBLE_WORDS:
        items.append(RoundupItem(0, first, None))
    for n, (k, headline) in enumerate(heads):
        body = k + 1 if headline is not None else k
        end = paragraphs[heads[n + 1][0]][0] if n + 1 < len(heads) else len(text)
        title = " ".join(paragraphs[headline][1].split()) if headline is not None else None
        items.append(RoundupItem(paragraphs[body][0], end, title))
    return items
