"""Sentence boundaries as character spans, for news prose.

A rule-based splitter: a boundary is terminal punctuation (optionally followed by closing quotes
or brackets), then whitespace, then something that can start a sentence. The exceptions are
general properties of written English (abbreviations, initials, decimal numbers), not of any
source. It is fast (one regex pass) and keeps quotes like ``"We will go," he said.`` whole.
"""

from __future__ import annotations

import re

from storyline.records import Span

# Abbreviations after which a period does not end a sentence when a capital follows.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm maj pres rev st jr sr hon fr
    messrs mmes drs profs sens reps govs gens
    mt ft no nos vs etc inc ltd co corp dept univ assn bros est approx fig vol pp
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    u.s u.k u.n e.u a.m p.m i.e e.g al
    """.split()
)
# Abbreviations that also end sentences ("... in the U.S. The ...") when a typical
# sentence-initial word follows.
_CAN_END = frozenset("etc u.s u.k u.n e.u inc ltd co corp jr sr a.m p.m al b.c a.d".split())
_SENTENCE_STARTERS = frozenset(
    """the a an he she it they we i you but and in on at this that these those there his her
    their its our after before when while some many most officials however meanwhile both each
    all although during despite according""".split()
)

_CLOSERS = "\"'”’»)]"
_OPENERS = "\"'`“‘«([¿¡"
# A typed rule ("--------", "* * *", "=====") that separates a story from what follows it.
_RULE = r"(?:[-_=*~#]\s?){3,}"
_BOUNDARY = re.compile(
    rf"(?P<punct>[.!?…]+|\.\.\.)(?P<close>[{re.escape(_CLOSERS)}]*)(?P<space>\s+)"
    rf"(?=[{re.escape(_OPENERS)}]*[\w]|{_RULE})"
)
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_AGENCY = re.compile(r"\([^()\n]{1,40}\)\s*(?:[-–—]{1,2}|_)\s")


def _word_before(text: str, pos: int) -> re.Match[str] | None:
    # Search a short window only: anchoring at the end of the whole prefix is quadratic.
    return _WORD_BEFORE.search(text[max(0, pos - 40) : pos])


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the period at ``text[dot]`` belongs to an abbreviation or an initial."""
    match = _word_before(text, dot)
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    if word in ABBREVIATIONS:
        return True
    # Single letters ("J. Smith") and dotted acronyms ("U.S.") are initials.
    return (len(word) == 1 and word.isalpha()) or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", word))


def _after_lower_word(text: str, pos: int) -> bool:
    """Whether the word before ``text[pos]`` (after one space) is in lower case."""
    match = re.search(r"([A-Za-z]+)\s+$", text[max(0, pos - 30) : pos])
    return match is not None and match.group(1).islower()


def _next_is_lower(text: str, pos: int) -> bool:
    stripped = text[pos : pos + 3].lstrip(_OPENERS)
    return bool(stripped) and stripped[0].islower()


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans within ``text[start:end]`` (offsets are into ``text``).

    Leading and trailing whitespace is excluded from each span. A single newline does not end
    a sentence (wrapped text); call this once per paragraph so that a paragraph break does.
    """
    end = len(text) if end is None else end
    spans: list[Span] = []
    _split_block(text, start, end, spans)
    return spans


def _split_block(text: str, start: int, end: int, out: list[Span]) -> None:
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        punct, close = match.group("punct"), match.group("close")
        after = match.end()
        dot = match.start("punct")
        if punct == "." and close in ("", ")") and _is_abbreviation(text, dot):
            before = _word_before(text, dot)
            word = before.group(1).lower().rstrip(".") if before else ""
            following = re.match(r"[\w']+", text[after : after + 30].lstrip(_OPENERS))
            starter = following.group(0).lower() if following else ""
            # "short of vitamin C. The ferry ...": a letter after a lower-case word is no initial
            # (those follow a name or open one: "John F. Kennedy", "by J. Holm").
            letter_ends = len(word) == 1 and _after_lower_word(text, dot - 1)
            # "The Dask (V.R.) Courier": an abbreviation in brackets goes on, too.
            if not ((word in _CAN_END or letter_ends) and starter in _SENTENCE_STARTERS):
                continue
        if _AGENCY.match(text, after):
            # "MARIETTA, Ga. (AP) -- The ...": the agency of a dateline, not a new sentence.
            continue
        if _next_is_lower(text, after):
            # '"We will go," he said', "e.g. this", "3 p.m. local time": a lower-case word
            # after the punctuation continues the sentence.
            continue
        _emit(text, cursor, match.end("close"), out)
        cursor = after
    _emit(text, cursor, end, out)


_RULE_AT_START = re.compile(rf"{_RULE}(?=\s|$)")
_RULE_AT_END = re.compile(rf"(?:^|(?<=\s)){_RULE}$")


def _emit(text: str, start: int, end: int, out: list[Span]) -> None:
    start, end = _stripped(text, start, end)
    # A rule is no part of a sentence: cut it off either end (a span of nothing else is dropped).
    rule = _RULE_AT_START.match(text, start, end)
    if rule:
        start = rule.end()
    rule = _RULE_AT_END.search(text, start, end)
    if rule:
        end = rule.start()
    start, end = _stripped(text, start, end)
    if end > start:
        out.append(Span(start, end))


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without leading and trailing whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
