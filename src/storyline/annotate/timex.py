"""Time expressions in news text, resolved to calendar dates against the publication date.

Forms understood: absolute dates ("March 3", "Feb. 17", "3 March 2026", "Monday, March 16",
"2026-03-03"), weekdays ("Monday", "on Thursday", "last Friday", "next Monday", "Tuesday's"),
deictic days ("yesterday", "today", "tomorrow"), and coarser periods ("last week", "next month",
"September 2024"), which are found but carry no single day.

Relative days follow news-writing convention, read against the article's publication date:

* a bare weekday in a past-tense clause is the most recent such day on or before publication;
* a bare weekday in a future clause ("will", "is due to", "expected to", ...) is the coming one,
  on or after publication;
* a bare weekday in a clause with no tense to read ("Work resumes at 6 a.m. Saturday") is the
  coming one when that is a day or two ahead, otherwise the most recent;
* "next Monday" is the first Monday after publication, "last Monday" the last one before it;
* a day and month without a year take the year that puts the date closest to publication.

The word lists are English grammar (month and day names, auxiliaries), not corpus strings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: Names of days and months, lower case (full and abbreviated).
CALENDAR_WORDS = frozenset(_WEEKDAYS) | frozenset(_MONTHS)

_MONTH = (
    r"(?P<{g}>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?|"
    + "|".join(m.capitalize() for m in _MONTHS if len(m) > 3 or m == "may")
    + ")"
)
_WEEKDAY = r"(?P<{g}>" + "|".join(d.capitalize() for d in _WEEKDAYS) + ")"
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
# A year after a day: "Dec. 24, 1814" (a comma before an older year: "May 2 1500 people" is a
# count), "March 3 2026", "August 20 of 1993".
_YEAR = r"(?:(?:,\s+|\s+(?:of\s+)?(?=(?:19|20)\d\d))(?P<{g}>(?:1[0-9]|20)\d\d)(?!\d|,\d))?"

# Where an expression can start: a digit, a month's or a weekday's capital, or the first letter
# of "last", "next", "this", "coming", "past", "yesterday", "today" or "tomorrow". The
# lookahead lets the search pass over every other position at once.
_STARTS = "0-9" + "".join(
    sorted({w[0].upper() for w in (*_MONTHS, *_WEEKDAYS)} | set("LlNnTtCcPpYy"))
)
_PATTERN = re.compile(
    rf"(?<![\w-])(?=[{_STARTS}])(?:"
    # Monday, March 16[, 2026] / March 16[, 2026] / Feb. 17
    rf"(?:{_WEEKDAY.format(g='wd1')},?\s+)?{_MONTH.format(g='m1')}\s+{_DAY.format(g='d1')}"
    rf"(?!\d|:\d){_YEAR.format(g='y1')}"
    # [Thursday] 26 February[ 2026] / 3 March 2026 / 3rd of March
    rf"|(?:{_WEEKDAY.format(g='wd2')},?\s+)?{_DAY.format(g='d2')}\s+(?:of\s+)?"
    rf"{_MONTH.format(g='m2')}{_YEAR.format(g='y2')}"
    # ISO dates
    r"|(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)"
    # September 2024 (a month)
    rf"|{_MONTH.format(g='m3')}\s+(?P<y3>(?:1[0-9]|20)\d\d)(?!\d|,\d)"
    # last/next/this Monday, Monday
    rf"|(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Pp]ast)\s+)?{_WEEKDAY.format(g='wd3')}"
    r"|(?P<deictic>[Yy]esterday|[Tt]oday|[Tt]omorrow)"
    r"|(?P<prel>[Ll]ast|[Nn]ext|[Tt]his)\s+(?P<period>week|month|year)"
    r")(?![\w-])"
)
# Words that put the clause of a weekday in the future (reported speech included: "would").
_FUTURE = re.compile(
    r"\b(?:will|would|shall|won't|wouldn't|going to|(?:is|are|was|were) due|expected to|"
    r"scheduled|set to|set for|plans? to|planned|planning|intends? to|hopes? to|to be held|"
    r"upcoming|expects|expecting|(?:has|have) until|must|(?:has|have) to|"
    r"(?:is|are) to|as early as)\b"
    r"|'ll\b",
    re.IGNORECASE,
)
# Past forms: regular "-ed" verbs (not "-eed" words such as "need", "speed") and the common
# irregular ones that are not also present forms ("put", "cut" and "set" are both).
_PAST = re.compile(
    r"\b(?:was|were|had|did|been|[a-z]{2,}[^e\W]ed|[a-z]*(?:agreed|freed)|began|came|went|met|"
    r"took|made|gave|held|left|led|fell|rose|struck|won|lost|broke|spoke|sent|told|said|saw|"
    r"found|brought|kept|ran|stood|paid|fought|caught|chose|drove|flew|grew|knew|threw|wrote|"
    r"became|sold|bought|heard|sought|sank|shot|swore|woke)\b",
    re.IGNORECASE,
)
# A past verb right after its own subject: a clause of its own ("it introduced", "that was").
_OWN_PAST = re.compile(
    r"\b(?:it|he|she|they|we|I|you|that|which|who)\s+(?:" + _PAST.pattern[len(r"\b(?:") :],
    re.IGNORECASE,
)
# A plan told in the past ("was due to land Friday", "were scheduled to meet") may have
# happened by publication or not: no sign either way.
_FUTURE_IN_PAST = re.compile(
    r"\b(?:was|were)\s+(?:[a-z]+ly\s+)?(?:due|scheduled|expected|set|supposed|going|planned|to)\b"
    r"|\bhad\s+(?:[a-z]+ly\s+)?(?:planned|hoped|intended|expected|been\s+(?:due|scheduled|set))\b",
    re.IGNORECASE,
)
# A participle after a present "to be" is no past ("drivers are being warned ... from Saturday").
_PRESENT_PASSIVE = re.compile(r"\b(?:is|are|am|be|being)\s+(?:[a-z]+ly\s+)?[a-z]+ed\b", re.I)
_NEAR_FUTURE_DAYS = 2
# Points and colons between digits ("at 6:15 pm", "3.5 percent") are no clause edges.
_CLAUSE_EDGE = re.compile(
    r"[;!?\"“”«»]|(?<!\d)[.:]|[.:](?!\d)|\bthat\b|\bbut\b|\band\b(?=\s+(?:he|she|they|it)\b)"
)
# Abbreviation points are no clause edges ("at 6 a.m. Saturday", "Mr. Holm will ... Monday").
_ABBREVIATION = re.compile(
    r"\b(?:[A-Za-z]\.){2,}|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Gov|Sen|Rep|No|Jan|Feb|Mar|Apr|"
    r"Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\."
)
_WORDISH = re.compile(r"[A-Za-z]{2,}")
_LEFT_WORDS = 16


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression at ``[start, end)`` of a text and what it resolves to.

    ``date`` is the day (or the first day of the week, month or year for coarser periods);
    ``granularity`` is "day", "week", "month" or "year"; ``date`` is ``None`` when the
    expression cannot be resolved (no publication date for a relative one).
    """

    start: int
    end: int
    text: str
    date: date | None
    granularity: str


def find_time_expressions(
    text: str,
    published: date | None,
    start: int = 0,
    end: int | None = None,
    *,
    known_years: Mapping[tuple[int, int], int] | None = None,
) -> list[TimeExpression]:
    """Every time expression in ``text[start:end]``, resolved against ``published``.

    ``known_years`` gives the year of a day and month that the text writes elsewhere with
    its year ("Dec. 22, 1997" earlier in the article makes a later "Dec. 22" that day); a
    list entry that opens on a year ("1980: On Nov. 21 ...") gives its own.
    """
    end = len(text) if end is None else end
    entry = _YEAR_ENTRY.match(text, start)
    found = []
    for match in _PATTERN.finditer(text, start, end):
        if match.group("wd3") and _generic_weekday(text, match):
            continue
        if match.group("deictic") and _nowadays(text, match, start):
            continue
        if _AGO_AFTER.match(text, match.end()):
            # "the pact signed here today ten years ago": that day years back, not this one.
            continue
        if (match.group("m1") or match.group("m2")) and (
            _HABIT_DATE.search(text, max(start, match.start() - 8), match.start())
            or (
                not (match.group("wd1") or match.group("wd2"))
                and _COUNTED_DATE.search(text, max(start, match.start() - 15), match.start())
            )
        ):
            continue
        try:
            resolved, granularity = _resolve(match, text, published, known_years,
                                             int(entry.group(1)) if entry else None)  # fmt: skip
        except (OverflowError, ValueError):
            # A day beyond the calendar's ends ("next week" of a 9999-12-31 placeholder).
            resolved, granularity = None, match.group("period") or "day"
        found.append(TimeExpression(match.start(), match.end(), match.group(0), resolved,
                                    granularity))  # fmt: skip
    return found


def written_years(text: str) -> dict[tuple[int, int], int]:
    """The year written with each day and month of ``text`` ("Dec. 22, 1997"), for
    ``find_time_expressions(known_years=...)``; a day and month written with two years has none.
    """
    years: dict[tuple[int, int], int] = {}
    ambiguous: set[tuple[int, int]] = set()
    for match in _PATTERN.finditer(text):
        for m, d, y in (("m1", "d1", "y1"), ("m2", "d2", "y2")):
            if match.group(m) and match.group(y):
                key = (_month(match.group(m)), int(match.group(d)))
                if years.setdefault(key, int(match.group(y))) != int(match.group(y)):
                    ambiguous.add(key)
    return {k: v for k, v in years.items() if k not in ambiguous}


def names_an_issue(text: str, end: int) -> bool:
    """Whether the weekday ending at ``end`` names an issue of a publication ("Thursday's
    Lestra Journal of Medicine", "Wednesday's edition")."""
    return _PUBLICATION_AFTER.match(text, end) is not None


#: How far an agency dateline's day may lie before publication and still be the day of writing.
DATELINE_LAG_DAYS = 7


def dateline_date(dateline: str, published: date | None) -> date | None:
    """The day written in an agency ``dateline`` ("LIMA, Feb. 2 (Agency) --"), if any.

    Wire copy is often published a day or more after its dateline, and its "today" and
    weekdays are the dateline's: this is the day to read them against. A day after
    publication, or more than ``DATELINE_LAG_DAYS`` before it, is not a dateline's.

    >>> dateline_date("LIMA, February 2 (Agency) --", date(1996, 2, 3))
    datetime.date(1996, 2, 2)
    """
    if published is None:
        return None
    for match in _PATTERN.finditer(dateline):
        found, granularity = _resolve(match, dateline, published)
        if found is not None and granularity == "day" and (match.group("m1") or match.group("m2")):
            lag = (published - found).days
            return found if 0 <= lag <= DATELINE_LAG_DAYS else None
    return None


_DAY_NAMES = "|".join(d.capitalize() for d in _WEEKDAYS)
# "every Saturday and Sunday", "most Fridays", "recent Sunday services": no one day.
_HABIT_BEFORE = re.compile(
    rf"\b(?:every|each|recent|most|many|some|all|usual|regular|the\s+following)\s+"
    rf"(?:(?:{_DAY_NAMES})(?:\s*,\s*|\s+(?:and|or)\s+))*$",
    re.IGNORECASE,
)
# "On a Sunday evening in May, ...", "one Friday": some such day, not a particular one
# ("a Wednesday night concert" is one).
_SOME_BEFORE = re.compile(r"\b(?:[Aa]|[Oo]ne)\s+$")
_NO_NOUN_AFTER = re.compile(
    r"(?:\s+(?:night|morning|afternoon|evening))?(?:\s*[,.;:!?)]|\s+(?:in|when|and|or|of|that|at)\b)"
)
# A weekday before a plural noun is a kind of thing ("Sunday services", "Friday prayers").
_PLURAL_AFTER = re.compile(r"\s+([a-z]{3,}[^su\W]s)\b")
_VERBS_IN_S = frozenset(
    """says marks sees brings begins comes looks makes gets opens means seems remains takes
    starts ends goes follows offers gives shows""".split()
)
# A possessive weekday after a capitalised word with no noun after it is a name ("a venture
# with TGI Friday's."); "Monday's vote" and AP's "in Dask Thursday" are days.
_NAME_BEFORE = re.compile(r"[A-Z][\w'’&.-]*\s+$")
_POSSESSIVE_ALONE = re.compile(r"['’]s(?!\s+[a-z])")


# "the Sunday Courier", "The Saturday Review": a weekday between "the" and a capitalised word
# (not a month) is part of a name. ("Tuesday's Senate vote" has no "the" and stays a day.)
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_CAPITALISED_AFTER = re.compile(
    r"\s+(?!(?:" + "|".join(m.capitalize() for m in _MONTHS) + r")\b)[A-Z][a-z]"
)


# "Monday through Thursday", "Monday to Friday": a span of days, most often a routine.
_RANGE_AFTER = re.compile(rf"\s*(?:through|thru|to|-|–)\s*(?:{_DAY_NAMES})\b", re.IGNORECASE)
_RANGE_BEFORE = re.compile(rf"\b(?:{_DAY_NAMES})\s*(?:through|thru|to|-|–)\s*$", re.IGNORECASE)
# "today" meaning nowadays: "today's students", "the workers of today", a sentence opening on
# "Today," or "today there are".
_NOWADAYS_AFTER = re.compile(r"['’]s\s+[a-z]|\s+there\s+(?:is|are)\b", re.IGNORECASE)
_CONTRAST_BEFORE = re.compile(
    r"\b(?:then|ago|once|used to|at the time|in the past|"
    r"(?:in|from|since|until|by|the)\s+(?:early\s+|late\s+|mid-?)?(?:1[89]|20)\d\d(?:s|['’]s)?)\b",
    re.IGNORECASE,
)
_PRESENT_AFTER = re.compile(
    r"\s*(?:[,.;]|$)|\s+(?:[\w'’]+\s+){0,3}?(?:is|are|has|have|remains?|stands?)\b|['’]s\b",
    re.IGNORECASE,
)
# "..., officials said here today": the day of the report.
_REPORTED_BEFORE = re.compile(
    r"\b(?:said|says|announced|reported|stated|added|told)\s+(?:\S+\s+){0,8}$"
)
# "today ten years ago", "Monday a year ago": counted back from that day.
_AGO_AFTER = re.compile(
    r",?\s+(?:\w+|a|an)\s+(?:years?|months?|weeks?|days?)\s+ago\b",
    re.IGNORECASE,
)
# "each March 21", "every Dec. 25": a date that comes back every year.
_HABIT_DATE = re.compile(r"\b(?:each|every)\s+$", re.IGNORECASE)
# "The following May 26, they married": in a story told in the past, a year after another
# that the sentence does not give ("the following Monday, Feb. 15" names its day).
_COUNTED_DATE = re.compile(r"\bthe\s+(?:following|next)\s+$", re.IGNORECASE)
# A list entry that opens on its year: "1980: On Nov. 21, ..."
_YEAR_ENTRY = re.compile(r"\s*((?:1[0-9]|20)\d\d):\s")


def year_entry_end(text: str, start: int = 0) -> int:
    """Where the year label of a list entry ("1980: On Nov. 21, ...") at ``start`` ends, or
    ``start`` when there is none."""
    m = _YEAR_ENTRY.match(text, start)
    return m.end() if m else start


# "Thursday's Lestra Journal of Medicine", "Wednesday's edition", "Monday's Lestra Courier".
_PUBLICATION_AFTER = re.compile(
    r"['’]s\s+(?:(?:editions?|issues?|journal|newspapers?|paper|magazine)\b"
    r"|(?:[A-Z][\w.&-]*\s+(?:of\s+(?:the\s+)?)?){0,5}"
    r"(?:Journal|Archives|Lancet|Gazette|Herald|Tribune|Times|Post|Review|Courier|Bulletin)\b)"
)
_NOWADAYS_BEFORE = re.compile(r"\bof\s+$|(?:^|[.!?\n][\"”’']?\s+)$", re.IGNORECASE)


def _nowadays(text: str, match: re.Match[str], start: int = 0) -> bool:
    """Whether "today" means these days, not the day of writing."""
    if match.group("deictic").lower() != "today":
        return False
    if _NOWADAYS_AFTER.match(text, match.end()):
        return True
    # "from 90 in 1985 to 400 today", "Then it was a protest; today, it is a habit": set against
    # another time, in a clause that ends on it or goes on in the present.
    if (
        _CONTRAST_BEFORE.search(text, max(start, match.start() - 200), match.start())
        and _PRESENT_AFTER.match(text, match.end())
        and not _REPORTED_BEFORE.search(text, max(start, match.start() - 40), match.start())
    ):
        return True
    before = text[max(0, match.start() - 8) : match.start()]
    opens = _NOWADAYS_BEFORE.search(before)
    if opens is None:
        return False
    return opens.group(0).strip().lower() == "of" or text[match.end() : match.end() + 1] == ","


def _generic_weekday(text: str, match: re.Match[str]) -> bool:
    """Whether a bare weekday names no particular day: a habit, a kind of thing, or a name."""
    before = text[max(0, match.start() - 60) : match.start()]
    if _HABIT_BEFORE.search(before):
        return True
    if _SOME_BEFORE.search(before) and _NO_NOUN_AFTER.match(text, match.end()):
        return True
    if _RANGE_AFTER.match(text, match.end()) or _RANGE_BEFORE.search(before):
        return True
    if _THE_BEFORE.search(before) and _CAPITALISED_AFTER.match(text, match.end()):
        return True
    after = _PLURAL_AFTER.match(text, match.end())
    if after and after.group(1) not in _VERBS_IN_S:
        return True
    return bool(
        not match.group("rel")
        and _POSSESSIVE_ALONE.match(text, match.end())
        and _NAME_BEFORE.search(before)
    )


def _resolve(
    match: re.Match[str],
    text: str,
    published: date | None,
    years: Mapping[tuple[int, int], int] | None = None,
    entry_year: int | None = None,
) -> tuple[date | None, str]:
    g = match.groupdict()
    if g["iy"]:
        return _safe_date(int(g["iy"]), int(g["im"]), int(g["id"])), "day"
    for m, d, y in (("m1", "d1", "y1"), ("m2", "d2", "y2")):
        if g[m]:
            year = g[y]
            known = (years or {}).get((_month(g[m]), int(g[d])), entry_year)
            if year is None and known is not None:
                year = str(known)
            said = _YEAR_AFTER.match(text, match.end()) or _YEAR_BEFORE.search(
                text, max(0, match.start() - 20), match.start()
            )
            if year is None and said and published is not None:
                # "took effect on March 1 last year", "last year's May 2 collision"
                year = str(
                    published.year + {"last": -1, "this": 0, "next": 1}[said.group(1).lower()]
                )
            side = _SIDE_BEFORE.search(text, max(0, match.start() - 12), match.start())
            if year is None and side and published is not None:
                # "since last January 12": the last one before publication; "next May 1"
                return _day_month(g[m], int(g[d]), None, published, side.group(1).lower()), "day"
            tense = _tense(text, match) if year is None else None
            return _day_month(g[m], int(g[d]), year, published, tense), "day"
    if g["m3"]:
        return _safe_date(int(g["y3"]), _month(g["m3"]), 1), "month"
    if published is None:
        return None, "day" if not g["period"] else g["period"]
    if g["deictic"]:
        offset = {"yesterday": -1, "today": 0, "tomorrow": 1}[g["deictic"].lower()]
        return published + timedelta(days=offset), "day"
    if g["period"]:
        return _period(g["prel"].lower(), g["period"], published), g["period"]
    weekday = _WEEKDAYS.index(g["wd3"].lower())
    rel = (g["rel"] or "").lower()
    tense = _tense(text, match) if rel in {"this", "coming", ""} else None
    if rel == "" and names_an_issue(text, match.end()):
        # "published in Thursday's journal": an issue or edition near publication, whichever
        # side (copy about a journal is often filed the day before it appears).
        ahead = (weekday - published.weekday()) % 7
        tense = "future" if ahead <= 3 else "past"
    elif rel == "" and tense is None:
        # No tense to go by ("Work resumes at 6 a.m. on Saturday", a headline's "Dockers back
        # Saturday"): the nearer day, the coming one only when it is a day or two ahead.
        ahead = (weekday - published.weekday()) % 7
        tense = "future" if 1 <= ahead <= _NEAR_FUTURE_DAYS else "past"
    if rel == "next" or (rel in {"this", "coming", ""} and tense == "future"):
        strict = rel == "next"
        return _coming(published, weekday, strict=strict), "day"
    return _recent(published, weekday, strict=rel in {"last", "past"}), "day"


def _month(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


_YEAR_AFTER = re.compile(r",?\s+(last|this|next)\s+year\b", re.IGNORECASE)
_YEAR_BEFORE = re.compile(r"\b(last|this|next)\s+year['’]s\s+$", re.IGNORECASE)
_SIDE_BEFORE = re.compile(r"\b(last|next)\s+$", re.IGNORECASE)


def _day_month(
    month_name: str, day: int, year: str | None, published: date | None, tense: str | None = None
) -> date | None:
    """The date of a day and month; without a year, the one a past clause ("On Jan. 1 the
    board approved") puts on or before publication, a future one on or after it, else the
    nearest."""
    month = _month(month_name)
    if year:
        return _safe_date(int(year), month, day)
    if published is None:
        return None
    candidates = [_safe_date(published.year + k, month, day) for k in (-1, 0, 1)]
    valid = [c for c in candidates if c is not None]
    # News leaves out the year of dates within months of publication: a tense can choose
    # between the two sides only among those (an inquiry "has been set for Sept. 29",
    # written in late August, is next month, not eleven months ago).
    near = [c for c in valid if abs((c - published).days) <= _YEARLESS_REACH_DAYS]
    if tense == "last":
        return max((c for c in valid if c < published), default=None)
    if tense == "next":
        return min((c for c in valid if c > published), default=None)
    if tense == "past":
        valid = [c for c in near if c <= published] or valid
    elif tense == "future":
        valid = [c for c in near if c >= published] or valid
    return min(valid, key=lambda c: abs((c - published).days)) if valid else None


#: How far from publication a day and month without a year may lie when a tense says which side.
_YEARLESS_REACH_DAYS = 270


def _coming(published: date, weekday: int, *, strict: bool) -> date:
    ahead = (weekday - published.weekday()) % 7
    if ahead == 0 and strict:
        ahead = 7
    return published + timedelta(days=ahead)


def _recent(published: date, weekday: int, *, strict: bool) -> date:
    back = (published.weekday() - weekday) % 7
    if back == 0 and strict:
        back = 7
    return published - timedelta(days=back)


def _period(rel: str, period: str, published: date) -> date:
    step = {"last": -1, "next": 1, "this": 0}[rel]
    if period == "week":
        monday = published - timedelta(days=published.weekday())
        return monday + timedelta(weeks=step)
    if period == "month":
        month0 = published.year * 12 + published.month - 1 + step
        return date(month0 // 12, month0 % 12 + 1, 1)
    return date(published.year + step, 1, 1)


def _tense(text: str, match: re.Match[str]) -> str | None:
    """Whether the clause of a bare weekday speaks of the future or the past (None: no sign).

    The words before the weekday, back to the clause edge, decide when they hold a future
    auxiliary ("will meet on Monday") or a past form ("agreed on Tuesday"); a clause that
    opens with the weekday is read from the words after it ("On Thursday the assembly will
    vote"). A present tense says nothing by itself: news uses it for both ("walk out
    Monday" in a headline, "talks resume Monday").
    """
    left = _unpoint(text[max(0, match.start() - 160) : match.start()])
    edges = list(_CLAUSE_EDGE.finditer(left))
    if edges:
        left = left[edges[-1].end() :]
    words = _WORDISH.findall(left)[-_LEFT_WORDS:]
    sign = _sign(" ".join(words))
    if sign is not None:
        return sign or None
    if len([w for w in words if w.lower() not in {"on", "by", "from", "since", "until"}]) >= 2:
        return None
    right = _unpoint(text[match.end() : match.end() + 80])
    cut = _CLAUSE_EDGE.search(right)
    return _sign(" ".join(_WORDISH.findall(right[: cut.start()] if cut else right)[:8])) or None


def _sign(words: str) -> str | None:
    """ "future" or "past" as the words say; "" for a plan told in the past; None: no sign."""
    if _FUTURE_IN_PAST.search(words):
        return ""
    futures = list(_FUTURE.finditer(words))
    if futures:
        future = futures[-1]
        # A clause of its own in the past after the future one ("would keep the surcharge
        # it introduced on Wednesday") tells of its own day.
        past = _OWN_PAST.search(words, future.end())
        return "past" if past is not None else "future"
    if _PAST.search(_PRESENT_PASSIVE.sub("", words)):
        return "past"
    return None


def _unpoint(text: str) -> str:
    """``text`` with abbreviation points blanked, so that they do not end a clause."""
    return _ABBREVIATION.sub(lambda m: m.group(0).replace(".", " "), text)
