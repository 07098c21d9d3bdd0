"""Trim what an extracted sentence cannot carry out of its article.

A sentence lifted into a summary loses its neighbours and its article's date, so some of its
words stop making sense:

- a leading connective ("But", "Meanwhile,", "In addition,") points at a sentence that is
  not there;
- a weekday ("on Tuesday", "said Friday"), "today", "yesterday" or "last week" was relative
  to the article's date, which a summary drawn from several days' articles does not show: it reads
  as the wrong day;
- an agency dateline ("LONDON (AP) _") is metadata, and "here" ("said here", "a statement
  issued here after ...") points at its place.

A wire's typed dash (" _ ") is written as a dash.

These are dropped, unless a participle would be left without them ("in a notice reaching
here Monday"); nothing that carries a claim, a number, a name or an attribution is. The
words saved go to another fact (on DUC 2007, R-2 +0.003; see benchmarks/RESULTS.md). The
original sentence stays what citations point at.
"""

from __future__ import annotations

import re
from functools import lru_cache

from storyline.index.units import strip_dateline, wire_dashes
from storyline.summarize.select import quoted_spans

_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?:\s+(?:night|morning|afternoon|evening))?"
_DEICTIC = r"(?:today|yesterday)"
_PAST_VERB = r"(?:[a-z]{2,}ed|said|told|made|gave|took|began|met|held|won|lost|sent|urged)\b"

# Connectives that only ever link to the previous sentence at the start of one.
_LINK_ALWAYS = r"But|And|However|Meanwhile|Moreover|Furthermore|Nevertheless|Nonetheless|Also"
# Words that start other constructions too ("So far", "Still unclear", "Yet another"): only
# when a comma follows.
_LINK_COMMA = (
    r"So|Still|Yet|Then|Now|Instead|Indeed|Thus|Besides|Earlier|Later|Separately|"
    r"Similarly|Likewise|"
    r"In addition|In fact|In turn|At the same time"
)
# "today" or "yesterday" before a clause's end ("... rose 3 percent yesterday.")
_TRAILING_DEICTIC = re.compile(rf"(?<=\w)\s+(?:late\s+|early\s+)?{_DEICTIC}(?=[.;]?$|,\s)")
# ... but not when it ends an opening phrase ("In a report published today, the council ..."),
# whose participle would be left hanging.
_OPENING_PHRASE_DEICTIC = re.compile(
    rf"^(?:In|At|On|During|After|Before|Under|With)\b[^,]*\s(?:late\s+|early\s+)?{_DEICTIC},"
)
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"^(?:(?:{_LINK_ALWAYS})\b,?|(?:{_LINK_COMMA}),)\s+(?=[\"“`'‘A-Za-z])"), ""),
    # "On Tuesday, the council ..." at the start.
    (re.compile(rf"^(?:(?:On|Late|Early|Last)\s+)?{_DAY}{_PART},\s+"), ""),
    # "The council, on Tuesday, voted ..."
    (re.compile(rf",\s+(?:on|late|early|last|this|next)\s+{_DAY}{_PART},(?=\s)"), ""),
    # "... voted on Tuesday to ...", "... late Friday night." (not "on Monday and Tuesday").
    (
        re.compile(
            rf"\s+(?:on|late|early|last|this|next)\s+{_DAY}{_PART}\b(?![’'-])"
            r"(?!\s+(?:and|or|through|to|night|morning|afternoon|evening)\b)"
        ),
        "",
    ),
    # "... said here Tuesday": "here" is the dateline's place, which the summary does not show.
    (
        re.compile(
            r"\b(said|says|announced|reported|added|stated|told reporters)\s+here\b"
            r"(?!['’]|\s+(?:is|are|was|were|comes?|came|goes)\b)"
        ),
        r"\1",
    ),
    # "... the minister said Friday." (not "by Friday", which changes the claim).
    (
        re.compile(rf"\b(said|says|announced|reported|added|stated)\s+{_DAY}{_PART}\b(?![’'-])"),
        r"\1",
    ),
    # "today" and "yesterday" are the article's day too: "said today", "The agency today
    # called on ...", "... rose 3 percent yesterday." (not "today's", nor "Today," for now).
    (re.compile(rf"\s+(?:late\s+|early\s+)?{_DEICTIC}\b(?=\s+{_PAST_VERB})"), ""),
    (re.compile(rf"\b(said|says|announced|reported|added|stated)\s+{_DEICTIC}\b(?![’'-])"), r"\1"),
    (_TRAILING_DEICTIC, ""),
    # "last week", "earlier this month" at a clause's end: relative to the article's date too.
    (
        re.compile(
            r"(?<=\w)\s+(?:last|earlier\s+this|this)\s+(?:week|month|weekend)(?=[.;]?$|,\s)"
        ),
        "",
    ),
)
# "issued here following ...", "diplomats here, ...", "talks here Tuesday on ...": "here" is
# the dateline's place wherever it follows what happened there; not after a verb of being or
# staying ("is here", "remain here"), nor a preposition ("from here"), nor in a quotation.
_HERE = re.compile(
    # (The lookahead first makes the search pass over every position not before " here".)
    r"(?=\s+here)(?<=[a-z])(?<!\bis)(?<!\bare)(?<!\bwas)(?<!\bwere)(?<!\bbe)(?<!\bbeen)"
    r"(?<!\bstay)(?<!\bstayed)(?<!\bremain)(?<!\bremained)(?<!\blive)(?<!\blived)"
    r"(?<!\bfrom)(?<!\bto)(?<!\bnear)(?<!\bof)(?<!\bout)(?<!\bover)(?<!\bin)"
    rf"\s+here(?:\s+{_DAY}{_PART})?"
    r"(?=[,;]|\.$|\s+(?:after|following|on|at|during|before|since|with|and)\b)"
)
# The rules that drop a weekday. A sentence that names two weekdays ("killed his wife on
# Tuesday night and his children on Wednesday night") keeps both: dropping one would move its
# event to the other's day.
_DAY_RULES = frozenset(i for i, (pattern, _) in enumerate(_RULES) if _DAY in pattern.pattern)
_WEEKDAY = re.compile(rf"\b{_DAY}\b")
# Every rule but the first needs one of these words: most sentences skip those rules.
# (The lookahead on the words' first letters lets the search skip most positions at once.)
_TRIGGER = re.compile(rf"(?=[MTWFSthywm])(?:{_DAY}|{_DEICTIC}|\b(?:here|week|month|weekend)\b)")
_FIRST_LETTER = re.compile(r"^([\"“'‘`(]*)([a-z])")
_DOUBLE_COMMA = re.compile(r",\s*,")
# A comma left before the end once what followed it is gone ("... and Ilse, on Monday.").
_COMMA_AT_END = re.compile(r",\s*(?=[.;!?][\"'”’»)]*$)")
# Spaces a removal left before punctuation (not before an ellipsis, which is spaced).
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,;:!?]|\.(?!\.))")
# A document or event named by what happened to it when ("in a notice reaching here Monday",
# "in a letter sent here today, citing ...", "a trade weekly due out Friday"): without
# its time and place the participle hangs, so those are kept.
_HANGING = re.compile(
    r"\b(?:in|to|by|from|with|of|on|for|under|at)\s+(?:a|an|the|its|his|her|their)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:[a-z]{2,}ing|[a-z]{2,}ed|due(?:\s+out)?|out|made public|sent|"
    r"given|held|shown|written|set)\s*(?=[,;:!?]|\.(?!\w)|$)"
)
# "However, she said, the ..." is not a sentence once "However," is gone.
_BARE_ATTRIBUTION = re.compile(r"^(?:he|she|they|it|officials)\s+(?:said|says|added),", re.I)


# Cached because a brief compresses every sentence of its main story twice (its one-line
# summary and its summary); bounded for a long-running server.
@lru_cache(maxsize=16_384)
def compress(sentence: str) -> str:
    """``sentence`` without leading connectives, weekday references and agency datelines.

    >>> compress("But officials said on Tuesday that the bridge would reopen.")
    'Officials said that the bridge would reopen.'
    """
    text = strip_dateline(sentence)
    several_days = len(set(_WEEKDAY.findall(text))) > 1
    for i, (pattern, replacement) in enumerate(_RULES if _TRIGGER.search(text) else _RULES[:1]):
        if (several_days and i in _DAY_RULES) or (
            pattern is _TRAILING_DEICTIC and _OPENING_PHRASE_DEICTIC.match(text)
        ):
            continue
        shorter = pattern.sub(replacement, text)
        if not _BARE_ATTRIBUTION.match(shorter) and not _leaves_hanging(text, shorter):
            text = shorter
    if "here" in text:
        quotes = quoted_spans(text)
        shorter = _HERE.sub(
            lambda m: m.group() if any(a <= m.start() < b for a, b in quotes) else "", text
        )
        if not _leaves_hanging(text, _strip_days(shorter)):
            text = shorter
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", _DOUBLE_COMMA.sub(",", text)).strip()
    text = wire_dashes(_COMMA_AT_END.sub("", text))
    # A shortening that leaves almost nothing (a headline "Tuesday's vote") is not one.
    if len(text.split()) < 3:
        return sentence
    return _FIRST_LETTER.sub(lambda m: m.group(1) + m.group(2).upper(), text, count=1)


def _leaves_hanging(before: str, after: str) -> bool:
    """Whether a removal left a participle without its complement (see ``_HANGING``)."""
    return len(_HANGING.findall(after)) > len(_HANGING.findall(before))


def _strip_days(text: str) -> str:
    """``text`` without the weekdays that the rules drop anywhere (" on Monday")."""
    return _RULES[3][0].sub("", text)
