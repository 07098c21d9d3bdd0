"""Quotations as spans, in any of the common quote-mark styles.

Double quotes pair within a paragraph. Single quotes are only taken as quotation marks where
they cannot be apostrophes: an opening mark after a space or bracket, a closing one before a
space or punctuation. Spans cover the quoted words without the marks.
"""

from __future__ import annotations

import re

from storyline.records import Span

# opening mark -> closing marks that may end it
_PAIRS: dict[str, str] = {
    "“": '”“"',
    "„": '“”"',
    "«": "»",
    "»": "«",
    "‹": "›",
    '"': '"”',
    "‘": "’",
    "'": "'’",
}
_SINGLE = frozenset("‘'")
_DOUBLED = frozenset({"``", "''", "‘‘"})
# Two single closing marks typed for a double one ("“It was a trick,’’ he said").
_DOUBLED_CLOSERS = frozenset({"’’", "''"})
_OPEN_CONTEXT = re.compile(r"(?:^|[\s(\[—–-])$")
# Any character that can open a quotation (a backquote only as half of ``): the scan jumps
# from one to the next.
_MARK = re.compile("[" + re.escape("".join(_PAIRS)) + "`]")


def _closes_here(text: str, pos: int, end: int) -> bool:
    """Whether a single quote at ``pos`` can close a quotation (not an apostrophe)."""
    nxt = text[pos + 1 : pos + 2] if pos + 1 < end else ""
    return not nxt or not nxt.isalnum()


def find_quotes(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Spans of quoted content inside each line of ``text[start:end]``."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    for block in re.finditer(r"[^\n]+", text[start:end]):
        spans.extend(_quotes_in(text, start + block.start(), start + block.end()))
    return spans


def _quotes_in(text: str, start: int, end: int) -> list[Span]:
    found: list[Span] = []
    pos = start
    while pos < end:
        next_mark = _MARK.search(text, pos, end)
        if next_mark is None:
            break
        pos = next_mark.start()
        mark = text[pos]
        closers = _PAIRS.get(mark)
        doubled = text[pos : pos + 2] in _DOUBLED
        if doubled:
            # ``…'' or ''…'' (typewriter copy): the pair is one mark, closed by '' (or ').
            mark, closers = "'", "'’"
            pos += 1
        if closers is None or not _OPEN_CONTEXT.search(
            text[max(start, pos - 1 - doubled) : pos - doubled]
        ):
            pos += 1
            continue
        close = _find_close(text, pos + 1, end, closers, single=mark in _SINGLE)
        if close is None:
            pos += 1
            continue
        raw = text[pos + 1 : close]
        # The comma of '"We go," he said' belongs to the attribution, not the quote.
        lead = len(raw) - len(raw.lstrip())
        trail = len(raw) - len(raw.rstrip().rstrip(","))
        if sum(ch.isalpha() for ch in raw) >= 2:
            found.append(Span(pos + 1 + lead, close - trail))
        pos = close + 1
    return found


def _find_close(text: str, pos: int, end: int, closers: str, *, single: bool) -> int | None:
    while pos < end:
        ch = text[pos]
        closes = not single or (_closes_here(text, pos, end) and not text[pos - 1].isspace())
        if ch in closers and closes:
            return pos
        if not single and text[pos : pos + 2] in _DOUBLED_CLOSERS:
            return pos
        pos += 1
    return None
