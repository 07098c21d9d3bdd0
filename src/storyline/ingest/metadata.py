"""Infer an article's outlet and publication date from its text.

Scraped text often has no metadata, but carries it in lines that cleaning removes: copyright
lines (``© 2026 Some Outlet``), "updated" headers, agency datelines (``CITY, March 3 (Agency) -``)
and photo credits. The patterns here are about the *shape* of such lines (a copyright sign, a
parenthesised name before a dash, a date), not about any particular outlet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_DATE_PATTERNS = [
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
]
_MONTH_DAY = (
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_MONTH}\b", re.IGNORECASE),
)
_YEAR_ONLY = re.compile(r"\b((?:19|20)\d\d)\b")

_NAME = r"[A-Z][\w&'’.-]*(?:[ -](?:for |of |the )?[A-Z0-9&][\w&'’.-]*){0,6}"
_COPYRIGHT = re.compile(
    rf"(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d\d\s*[-–]?\s*(?:(?:19|20)\d\d)?\s*)?,?\s*"
    rf"(?:by\s+)?(?:the\s+)?(?P<name>{_NAME})",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    rf"^[A-Z][A-Za-z .'’-]{{1,40}},(?:[^()\n]{{0,40}})\((?P<name>{_NAME})\)\s*[-–—:]"
)
_CREDIT = re.compile(
    rf"\b(?:photo|photograph|image|picture|credit)s?\b[^:\n]{{0,30}}:\s*[^/|\n]{{1,60}}[/|]\s*"
    rf"(?P<name>{_NAME})",
    re.IGNORECASE,
)
_TRAILING = re.compile(r"[\s.,;:]+$")
_NOT_NAMES = {"all", "all rights reserved", "rights", "reserved", "ltd", "inc"}


def _to_date(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    try:
        month = int(groups["mnum"]) if groups.get("mnum") else _MONTHS[groups["month"].lower()]
        return date(int(groups["year"]), month, int(groups["day"]))
    except (KeyError, ValueError, TypeError):
        return None


def find_date(text: str) -> date | None:
    """The first complete calendar date written in ``text`` (several common styles)."""
    best: tuple[int, date] | None = None
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            found = _to_date(match)
            if found and (best is None or match.start() < best[0]):
                best = (match.start(), found)
                break
    return best[1] if best else None


def find_month_day(text: str, year: int) -> date | None:
    """A date written without its year (as in datelines), completed with ``year``."""
    matches = [m for pattern in _MONTH_DAY for m in pattern.finditer(text)]
    for match in sorted(matches, key=lambda m: m.start()):
        groups = match.groupdict()
        try:
            return date(year, _MONTHS[groups["month"].lower()], int(groups["day"]))
        except (KeyError, ValueError, TypeError):
            continue
    return None


def _clean_name(name: str) -> str | None:
    name = _TRAILING.sub("", name.strip())
    # "© Jane Doe for Some Outlet": the outlet is the one the work was made for.
    name = re.split(r"\s+for\s+", name)[-1]
    name = re.sub(r"[\s,]+(?:19|20)\d\d$", "", name)  # "Outlet 2026"
    name = re.split(r"\s+(?:all rights|ltd\b|inc\b|llc\b)", name, flags=re.IGNORECASE)[0]
    name = _TRAILING.sub("", name)
    if len(name) < 2 or name.lower() in _NOT_NAMES:
        return None
    return name


def find_outlet(lines: Iterable[str], lead: str = "") -> str | None:
    """The outlet named by a copyright line, else an agency dateline, else a photo credit."""
    lines = list(lines)
    for pattern, texts in ((_COPYRIGHT, lines), (_DATELINE, [lead]), (_CREDIT, lines)):
        for text in texts:
            match = pattern.search(text)
            if match:
                name = _clean_name(match.group("name"))
                if name:
                    return name
    return None


def infer_published(
    header_lines: Iterable[str], lead: str, tail_lines: Iterable[str]
) -> date | None:
    """Publication date from header lines, then the dateline, completed with a year if needed.

    ``header_lines`` are removed header/date/byline lines, ``lead`` is the article's first
    paragraph and ``tail_lines`` are other removed lines (copyright, credits) that may give a year.
    """
    header_lines = list(header_lines)
    lead = dateline(lead)
    for text in [*header_lines, lead]:
        found = find_date(text)
        if found:
            return found
    years = [int(y) for text in [*header_lines, *tail_lines] for y in _YEAR_ONLY.findall(text)]
    if years:
        return find_month_day(lead, max(years))
    return None


def dateline(lead: str) -> str:
    """The dateline of a first paragraph: the text before an early dash (``CITY, Date (Agency) -``).

    Dates later in the paragraph are about events, not about publication, so they are ignored.
    """
    match = re.search(r"\s[-–—]+\s|[-–—]{2}|—", lead[:160])
    return lead[: match.start()] if match else ""
