"""Split plain text into blocks: the units that cleaning keeps or removes.

A block is one non-empty line, because scraped text and HTML-to-text output put every
paragraph, menu item, caption or credit on a line of its own. Text that is hard-wrapped
(paragraphs broken into lines of similar width, separated by blank lines) is the exception:
there a block is a whole blank-line-separated paragraph, so that a wrapped sentence is never
cut in two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE = re.compile(r"[^\n]+")
_BLANK = re.compile(r"\n[ \t\r\f\v]*\n")
_SENTENCE_END = re.compile(r"[.!?。！？…:;][\"'”’»)\]]*$")

# A text counts as hard-wrapped when at least this many inner lines of multi-line paragraphs
# reach most of the widest line's width: a wrapping editor fills lines to a fixed width.
_MIN_WRAPPED_LINES = 4
_MAX_WRAP_WIDTH = 110
_WRAP_FILL = 0.6
_WRAP_SHARE = 0.7


@dataclass(frozen=True, slots=True)
class Block:
    """A unit of text with its offsets into the original.

    ``group`` numbers the blank-line-separated paragraph the block belongs to, and
    ``group_size`` says how many blocks that paragraph has (lists and menus come as
    paragraphs of many one-line blocks).
    """

    start: int
    end: int
    text: str
    group: int
    group_size: int


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Offsets of the non-blank lines in ``text[start:end]``, stripped of outer whitespace."""
    spans = []
    for match in _LINE.finditer(text, start, end):
        line = match.group()
        stripped = line.strip()
        if stripped:
            left = match.start() + len(line) - len(line.lstrip())
            spans.append((left, left + len(stripped)))
    return spans


def _groups(text: str) -> list[list[tuple[int, int]]]:
    """Lines grouped by blank-line-separated paragraph."""
    groups = []
    cursor = 0
    for match in [*_BLANK.finditer(text), None]:
        stop = match.start() if match else len(text)
        lines = _lines(text, cursor, stop)
        if lines:
            groups.append(lines)
        cursor = match.end() if match else len(text)
    return groups


def is_hard_wrapped(text: str, groups: list[list[tuple[int, int]]]) -> bool:
    """Whether paragraphs of ``text`` look broken into lines by a fixed-width editor."""
    widths = [end - start for group in groups for start, end in group]
    if not widths or max(widths) > _MAX_WRAP_WIDTH:
        return False
    widest = max(widths)
    inner = [
        (end - start, text[start:end])
        for group in groups
        if len(group) > 1
        for start, end in group[:-1]
    ]
    if len(inner) < _MIN_WRAPPED_LINES:
        return False
    filled = sum(
        1
        for width, line in inner
        if width >= _WRAP_FILL * widest and not _SENTENCE_END.search(line)
    )
    return filled >= _WRAP_SHARE * len(inner)


def split_blocks(text: str) -> list[Block]:
    """The blocks of ``text`` in reading order (see the module docstring)."""
    groups = _groups(text)
    blocks: list[Block] = []
    if is_hard_wrapped(text, groups):
        for number, group in enumerate(groups):
            start, end = group[0][0], group[-1][1]
            blocks.append(Block(start, end, text[start:end], number, 1))
        return blocks
    for number, group in enumerate(groups):
        for start, end in group:
            blocks.append(Block(start, end, text[start:end], number, len(group)))
    return blocks


def normalise(text: str) -> str:
    """Whitespace collapsed to single spaces: the form in which kept blocks are output."""
    return " ".join(text.split())
