"""A timeline of dated events: sentences with a resolved day, merged across articles.

Every sentence that holds a time expression resolving to one day (see
:mod:`storyline.annotate.timex`) is a dated statement. Statements of the same day from several
articles that share enough content words are one event, cited to all of them; the event's text
is the statement most like the others (the medoid) of those that stand on their own: one that
leans on the sentence before ("They wed on May 5.") supports an event but cannot tell it.
Days come in order; within a day, the events most articles report come first.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.annotate.timex import (
    TimeExpression,
    dateline_date,
    find_time_expressions,
    names_an_issue,
    written_years,
    year_entry_end,
)
from storyline.index.units import (
    balance_quotes,
    layout_before,
    leans_on_context,
    typographic_quotes,
    wire_dashes,
)
from storyline.records import Article, Citation, TimelineEvent

_WORD = re.compile(r"[^\W\d_]{3,}|\d+")
# Function words carry no event content; the list is closed-class English.
_STOP = frozenset(
    """the and for that with from this was were has have had are its their his her they
    she him them who which what when where will would said says told also after before into
    than then over about been being not but all any our out one two on in at by of to""".split()
)


@dataclass(frozen=True, kw_only=True)
class TimelineConfig:
    """How the timeline is built.

    ``same_event`` is the word overlap (shared content words over the smaller set) above which
    two statements of one day are one event; ``per_day`` caps the events kept for one day
    (the best supported); ``min_words`` skips headings and fragments.
    """

    same_event: float = 0.35
    per_day: int = 4
    min_words: int = 5


@dataclass(frozen=True, slots=True)
class _Statement:
    article: int
    start: int
    end: int
    text: str
    words: frozenset[str]
    # It leans on an earlier sentence ("They wed on May 5."): it supports an event but
    # cannot tell it.
    dangling: bool


def build_timeline(
    articles: Sequence[Article], config: TimelineConfig | None = None
) -> list[TimelineEvent]:
    """Dated events of ``articles`` in date order (articles without a known date are skipped)."""
    config = config or TimelineConfig()
    by_day: dict[str, list[_Statement]] = defaultdict(list)
    for i, article in enumerate(articles):
        published = article.published_date
        if published is None:
            continue
        quoted = article.quotes
        years = written_years(article.text)
        # Relative days ("today", "on Monday") are read against the dateline's day when the
        # copy carries one: wire copy is often published the day after it was written.
        if article.sentences:
            first = article.sentences[0].of(article.text)
            published = dateline_date(first[: layout_before(first, True)], published) or published
        for s, span in enumerate(article.sentences):
            raw = span.of(article.text)
            # An agency dateline ("HALDMOOR, May 15 (Agency) -") dates the article, not the
            # sentence's event; a list bullet is layout.
            start = span.start + layout_before(raw, s == 0)
            # Quoted speech keeps the speaker's "today": only the reporter's dates count.
            found = [
                t
                for t in find_time_expressions(
                    article.text, published, start, span.end, known_years=years
                )
                if t.granularity == "day"
                and t.date is not None
                and not any(q.start <= t.start < q.end for q in quoted)
                and not _aside(article.text, start, t)
            ]
            if not found:
                continue
            days = {t.date.isoformat() for t in found if t.date is not None}
            # The entry's year label is the timeline's date already ("1980: On Nov. 21, ...").
            text = " ".join(article.text[year_entry_end(article.text, start) : span.end].split())
            text = balance_quotes(typographic_quotes(wire_dashes(text)))
            dated = {w.lower() for t in found for w in _WORD.findall(t.text)}
            words = frozenset(w.lower() for w in _WORD.findall(text)) - _STOP - dated
            if (
                len(text.split()) < config.min_words
                or text.rstrip().endswith(":")
                or _NO_COMMENT.search(text)
            ):
                # A lead-in ("The Courier wrote in its leader of Friday, Jan. 16:") is no event.
                continue
            for day in days:
                by_day[day].append(
                    _Statement(i, span.start, span.end, text, words, leans_on_context(text))
                )
    events: list[TimelineEvent] = []
    for day in sorted(by_day):
        # A statement that leans on the one before ("He was re-elected Monday") says not who
        # or what out of its article: it counts as support, but an event needs one that tells.
        groups = [
            g for g in _group(by_day[day], config.same_event) if not all(s.dangling for s in g)
        ]
        groups.sort(key=lambda g: (-len({s.article for s in g}), g[0].article, g[0].start))
        events.extend(_event(day, g, articles) for g in groups[: config.per_day])
    return events


# Dates of something the sentence only mentions, not of what it tells:
# "families hit by the May 3 flood", "smoke from Sunday's blaze" (a date before a noun);
_NOUN_AFTER = re.compile(
    r"\s+(?!(?:of|to|in|at|on|and|or|as|is|was|were|when|that|which)\b)[a-z]{3,}"
)
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_MONTH_NAMED = re.compile(r"[A-Z][a-z]+\.?\s+\d|\d\s+[A-Z]")
_OWNER_AFTER = re.compile(r"['’]s\s+[A-Za-z]")
_FROM_BEFORE = re.compile(r"\b(?:of|by|from|after|since|following)\s+$")
# A cut-off, not an event: "82 late ferries through May 4", "claims as of June 1", "a rise
# backdated to April 1".
_CUTOFF_BEFORE = re.compile(
    r"\b(?:through|thru|as of|(?:backdated|retroactive)\s+to)\s+$", re.IGNORECASE
)
# Reporting routine is no event: "the mayor did not return calls Sunday", "could not be reached".
_NO_COMMENT = re.compile(
    r"\b(?:did not|didn't|could not|couldn't)\s+(?:immediately\s+)?(?:return|be reached)\b"
    r"|\b(?:unavailable|not available) for comment\b|\bdeclined (?:to|further) comment\b",
    re.IGNORECASE,
)
# "... bought the library after a flood in 1911, which ended with a deal signed May 2, 1912",
# "searching the hills where the van was found Monday": a clause on the side, opened after
# the sentence has said what it tells.
_SIDE_CLAUSE = re.compile(
    r",\s+(?:which|who|whom|where|when)\b|\s(?:where|wherever)\s|\s(?:that|which)\s+"
    r"(?:(?:was|were|had|has|have)\s+(?:been\s+)?)?(?:[a-z]+ly\s+)?"
    r"(?:[a-z]{2,}ed|struck|hit|took|taken|began|begun|came|fell|broke|broken|shook|shaken|"
    r"swept|held|built|won|seen)\b"
)
_SIDE_AFTER_WORDS = 6
_FRAME_WORDS = 2


def _aside(text: str, sentence_start: int, t: TimeExpression) -> bool:
    """Whether the time expression ``t`` dates something its sentence mentions on the side
    (a modifier or a trailing relative clause) rather than the sentence's own news."""
    before = text[max(sentence_start, t.start - 40) : t.start]
    head = text[sentence_start : t.start]
    if (
        _MONTH_NAMED.search(t.text)
        and _THE_BEFORE.search(before)
        and _NOUN_AFTER.match(text, t.end)
        and len(head.split()) > _FRAME_WORDS  # "In the June 18 sale, ..." is the sentence's
    ):
        return True
    if _OWNER_AFTER.match(text, t.end) and (
        _FROM_BEFORE.search(before)
        # "rivals may cite Monday's verdict": a thing of that day, after the verb
        or (len(head.split()) > _FRAME_WORDS + 1 and not names_an_issue(text, t.end))
    ):
        return True
    if _CUTOFF_BEFORE.search(before):
        return True
    for clause in _SIDE_CLAUSE.finditer(head):
        if len(head[: clause.start()].split()) >= _SIDE_AFTER_WORDS and "," not in head[
            clause.end() :
        ].rstrip(", "):
            return True
    return False


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _group(statements: list[_Statement], threshold: float) -> list[list[_Statement]]:
    """Leader clustering: a statement joins the first group whose founder it overlaps enough.

    Comparing with the founder, not with any member, keeps a chain of loosely related
    statements of a busy day from collapsing into one event.
    """
    ordered = sorted(statements, key=lambda s: -len(s.words))
    groups: list[list[_Statement]] = []
    for s in ordered:
        home = next((g for g in groups if _overlap(g[0].words, s.words) >= threshold), None)
        if home is None:
            groups.append([s])
        elif all(o.article != s.article for o in home):
            home.append(s)
        else:
            groups.append([s])
    return [sorted(g, key=lambda s: (s.article, s.start)) for g in groups]


def _event(day: str, group: list[_Statement], articles: Sequence[Article]) -> TimelineEvent:
    medoid = max(
        (s for s in group if not s.dangling),
        key=lambda s: (sum(_overlap(s.words, o.words) for o in group), -len(s.text)),
    )
    citations = tuple(Citation(articles[s.article].id, s.start, s.end) for s in group)
    return TimelineEvent(date=day, text=medoid.text, citations=citations)
