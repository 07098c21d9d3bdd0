"""Shape tests for single lines: what a line looks like, not what it says.

These predicates look at punctuation, case, digits, symbols and a few tiny closed word classes
(English function words, second-person pronouns, calendar words, the words that label a
picture). They feed the block classifier as features and name the reason of a removal; none
of them is a phrase taken from any one page.
"""

from __future__ import annotations

import re
from functools import lru_cache

WORD = re.compile(r"\w+")

# Closed word classes. Function words are what running prose is made of; menus, captions and
# credits have few of them.
FUNCTION_WORDS = frozenset(
    """a an the and or but nor so yet of in on at to for from by with about into over after
    before between under against during without within through than as that which who whom
    whose this these those it its is are was were be been being has have had do does did
    will would can could should may might must not no he she they we i his her their our them
    him us there here when where while if because also said says""".split()
)
SECOND_PERSON = frozenset("you your yours yourself you're you've you'll".split())
CALENDAR_WORDS = frozenset(
    """jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june
    july august september october november december mon tue tues wed thu thur thurs fri sat sun
    monday tuesday wednesday thursday friday saturday sunday am pm gmt utc est edt pst pdt bst
    cet ist updated published posted modified last""".split()
)
PICTURE_WORDS = frozenset(
    """photo photos photograph photographer image images picture pictures pic credit credits
    caption illustration graphic video file handout courtesy""".split()
)

SENTENCE_END = re.compile(r"[.!?。！？][\"'”’»)\]]*$")
_INNER_SENTENCE = re.compile(r"[.!?。！？][\"'”’»)\]]*(?=\s|$)")
_SEPARATORS = re.compile(r"[|•·»›«‹★►▶◆■●~/\\]")
# The lookaheads only make the search fail fast where a match cannot start (these run on
# every line of every page).
_LINKISH = re.compile(
    r"(?=[hw.@#])(?:https?://|www\.|\.(?:com|org|net|co|io|html?)\b|@\w|#\w)", re.IGNORECASE
)
_COPYRIGHT = re.compile(
    r"©|ⓒ|\(c\)\s*(?:19|20)\d\d|\bcopyright\b|\ball rights reserved\b", re.IGNORECASE
)
_LABEL = re.compile(r"^[^\s:|]{1,24}(?:\s+[^\s:|]{1,24}){0,2}\s*[:|]\s*\S")
_BYLINE = re.compile(r"^(?:\w+\s+)?by\s+[A-Z\u00c0-\u024f]", re.IGNORECASE)
_BRACKETED = re.compile(r"^[(\[{].*[)\]}]$")
_SLASH_CREDIT = re.compile(r"\w\s*/\s*[A-Z][\w.&-]*")
_BULLET = re.compile(r"^(?:[-–—*•·>]|\d{1,3}[.)])\s")
_TIME = re.compile(r"(?=\d)\b\d{1,2}[:.h]\d\d\b")
_QUOTE = re.compile(r"[\"“”«»„]")


@lru_cache(maxsize=1 << 16)
def _word_tuple(text: str) -> tuple[str, ...]:
    return tuple(WORD.findall(text))


def words(text: str) -> list[str]:
    """Word tokens (``\\w+`` runs), as the benchmark counts them (cached: every rule and
    feature asks for the same lines' words)."""
    return list(_word_tuple(text))


def ends_sentence(text: str) -> bool:
    """Whether the line ends like a sentence (full stop, question or exclamation mark)."""
    return SENTENCE_END.search(text) is not None


def sentence_count(text: str) -> int:
    """How many sentence ends the line has."""
    return len(_INNER_SENTENCE.findall(text))


def separator_count(text: str) -> int:
    """Menu and breadcrumb separators (pipes, bullets, chevrons, slashes)."""
    return len(_SEPARATORS.findall(text))


def link_count(text: str) -> int:
    """Addresses, e-mail addresses, handles and hashtags."""
    return len(_LINKISH.findall(text))


def is_copyright(text: str) -> bool:
    """A copyright notice (a copyright sign or the word)."""
    if text.isascii():
        # What every match holds, found faster than by the pattern (in ASCII text, where
        # case-insensitive matching is plain lower-casing).
        lower = text.lower()
        if "(c)" not in lower and "copyright" not in lower and "all rights reserved" not in lower:
            return False
    return _COPYRIGHT.search(text) is not None


def has_label(text: str) -> bool:
    """Starts with a short label and a colon or bar: ``Also read: ...``, ``Photo: ...``."""
    return _LABEL.match(text) is not None


def is_byline_shaped(text: str) -> bool:
    """``By Name`` at the start, or ``(Reporting by ...)``-style credit lines."""
    stripped = text.strip("([{ ")
    return _BYLINE.match(stripped) is not None


def is_bracketed(text: str) -> bool:
    """The whole line is inside brackets or parentheses."""
    return _BRACKETED.match(text) is not None


def has_slash_credit(text: str) -> bool:
    """``Agency/Photographer``-style credits."""
    return "/" in text and _SLASH_CREDIT.search(text) is not None


def is_bullet(text: str) -> bool:
    """Starts like a list item."""
    return _BULLET.match(text) is not None


def has_time(text: str) -> bool:
    """Contains a clock time such as ``11:03``."""
    return _TIME.search(text) is not None


def has_quote(text: str) -> bool:
    """Contains a quotation mark (reported speech is typical of article text)."""
    return _QUOTE.search(text) is not None


# Calls to action: the verbs with which a page addresses its reader ("Subscribe now", "Sign up
# for our newsletter", "Read more: ..."). A closed class of interface verbs, not phrases of any
# one site; most count only with the word that makes them a command ("sign up", "make a").
_CALL_VERBS = frozenset(
    """subscribe download donate join listen read click tap register tune chip contribute
    install upgrade unlock watch stay get follow""".split()
)
_CALL_PAIRS = frozenset(
    {
        ("sign", "up"),
        ("sign", "in"),
        ("make", "a"),
        ("check", "out"),
        ("see", "also"),
        ("see", "more"),
        ("see", "our"),
        ("turn", "on"),
        ("help", "us"),
        ("support", "us"),
        ("support", "our"),
        ("give", "now"),
        ("log", "in"),
        ("share", "this"),
    }
)
# Commands that are also ordinary speech ("Start your engines"): calls to action only in a
# block where the page speaks as "we" (``is_call_to_action(clauses=True)``).
_PAGE_CALL_PAIRS = frozenset({("start", "your"), ("claim", "your"), ("try", "our")})
# A call verb followed by one of these words is a statement, not a command ("Read was ...").
_NOT_A_COMMAND = FUNCTION_WORDS - frozenset(
    "the to on us a also our more now up in here with for from at by this it".split()
)
FIRST_PERSON_PLURAL = frozenset("we our ours us we're we've".split())
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|«[^»]*»|„[^“”]*[“”]|'[^']{3,}'(?!\w)|‘[^’]*’(?!\w)")
_SENTENCE_START = re.compile(
    r"(?:^|[.!?…:]\s+)(?:also\s+)?([A-Za-z']+)(?:\s+([A-Za-z']+))?", re.IGNORECASE
)
_CLAUSE_START = re.compile(
    r"(?:^|[.!?…:,;]\s+)(?:also\s+)?([A-Za-z']+)(?:\s+([A-Za-z']+))?", re.IGNORECASE
)


def outside_quotes(text: str) -> str:
    """The text with quoted passages removed (what the page says in its own voice)."""
    return _QUOTED.sub(" ", text)


def first_person_plural(text: str) -> bool:
    """The text speaks as "we" outside quotation marks ("US", the country, does not count)."""
    return any(
        word.lower() in FIRST_PERSON_PLURAL and word != "US" for word in words(outside_quotes(text))
    )


def is_call_to_action(text: str, *, clauses: bool = False) -> bool:
    """Some sentence (or the part after a label; with ``clauses``, any clause) starts as a
    command to the reader: ``Subscribe now``, ``Sign up to ...``, ``Read more: ...``."""
    pattern = _CLAUSE_START if clauses else _SENTENCE_START
    for match in pattern.finditer(outside_quotes(text)):
        first = match.group(1).lower()
        second = (match.group(2) or "").lower()
        if first in _CALL_VERBS and second not in _NOT_A_COMMAND:
            return True
        if (first, second) in _CALL_PAIRS or (clauses and (first, second) in _PAGE_CALL_PAIRS):
            return True
    return False
