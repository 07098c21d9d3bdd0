"""Sure-fire removals and the reason given for each removed block.

The classifier decides most removals; the rules here catch lines whose *shape* alone settles
it (a copyright notice, a bare date, a ``By ...`` byline, a short photo credit), whatever the
classifier thinks, and name the reason of every removal from the features that fired (an
``Also read: ...``-style link is left to the classifier: the same shape is also a subheading or
an interview answer). The headline is found here too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from storyline.clean import shapes
from storyline.clean.blocks import Block, normalise
from storyline.index.units import strip_dateline

HEADLINE = "headline"
DUPLICATE = "duplicate paragraph"
SITE_BOILERPLATE = "site boilerplate (repeated across articles)"
COPYRIGHT = "copyright line"
DATE = "date header"
BYLINE = "byline"
PHOTO_CREDIT = "photo credit"
PHOTO_CAPTION = "photo caption"
RELATED = "read-more/related link"
PROMO = "promo/appeal (subscribe, donate, follow, newsletter)"
NAVIGATION = "navigation/link list"
OUTSIDE = "outside the main text (comments, teasers, footer)"
ABOUT = "about the article (sign-off, syndication note, author)"
EMBED = "signature of an embedded social-media post"
SHORT = "short non-sentence line"
LOW_SCORE = "boilerplate (low text score)"

_MAX_HEADLINE_WORDS = 30
_HEADLINE_SEARCH = 4
_NUMERIC_DATE = re.compile(r"\b(?:\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4})\b")
_SHORT_LINE_WORDS = 12


def _words(text: str) -> list[str]:
    return shapes.words(text.lower())


def _share(tokens: Sequence[str], vocabulary: frozenset[str]) -> float:
    return sum(t in vocabulary for t in tokens) / max(len(tokens), 1)


def is_date_line(text: str) -> bool:
    """A line that is (almost) only a date or time, optionally labelled ``Updated``.

    It needs real calendar evidence (a month or weekday name, a clock time or a numeric date);
    digits alone are table rows or prices, not dates.
    """
    tokens = _words(text)
    if not tokens or len(tokens) > _SHORT_LINE_WORDS or shapes.separator_count(text) > 2:
        return False
    named = any(t in shapes.CALENDAR_WORDS and not t.isdigit() for t in tokens)
    if not (named or shapes.has_time(text) or _NUMERIC_DATE.search(text)):
        return False
    calendar = sum(t.isdigit() or t in shapes.CALENDAR_WORDS for t in tokens)
    return any(t.isdigit() for t in tokens) and calendar / len(tokens) >= 0.6


def is_byline(text: str) -> bool:
    """``By Jane Doe``, ``By Jane Doe | Agency``, ``(Reporting by ...)``."""
    tokens = shapes.words(text)
    if not shapes.is_byline_shaped(text):
        return False
    return len(tokens) <= _SHORT_LINE_WORDS or (shapes.is_bracketed(text) and len(tokens) <= 40)


def is_photo_credit(text: str) -> bool:
    """A short line naming a picture's source: ``Photo: Agency``, ``(Image credit: X/Y)``."""
    tokens = _words(text)
    if not tokens or len(tokens) > _SHORT_LINE_WORDS or shapes.ends_sentence(text):
        return False
    pictured = _share(tokens, shapes.PICTURE_WORDS) > 0
    return pictured and (":" in text or shapes.has_slash_credit(text) or shapes.is_bracketed(text))


def is_copyright_line(text: str) -> bool:
    """A copyright notice no longer than a short sentence."""
    return shapes.is_copyright(text) and len(shapes.words(text)) <= 40


def is_related_link(text: str) -> bool:
    """``Also read: Some Other Headline``: a short label, then a headline-like rest."""
    if not shapes.has_label(text) or shapes.ends_sentence(text) or shapes.has_quote(text):
        return False
    rest = text.split(":", 1)[-1] if ":" in text else text.split("|", 1)[-1]
    tokens = shapes.words(rest)
    if not tokens or len(tokens) > 20:
        return False
    cased = [t for t in tokens if t[0].isalpha()]
    return bool(cased) and sum(t[0].isupper() for t in cased) / len(cased) >= 0.5


_MAX_APPEAL_WORDS = 80
_MAX_CAPTION_WORDS = 30
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def appeal_reason(text: str) -> str | None:
    """``RELATED`` or ``PROMO`` for a block that addresses the reader in the page's own voice
    (outside quotation marks): a block that opens with a command (``Subscribe ...``,
    ``Sign up ...``, ``Read more: ...``), or a page speaking as "we" that asks the reader to do
    something (``... help us keep it free. Make a donation``)."""
    tokens = _words(text)
    if not tokens or len(tokens) > _MAX_APPEAL_WORDS:
        return None
    first = re.split(r"(?<=[.!?…])\s+", text, maxsplit=1)[0]
    if shapes.is_call_to_action(first):
        return RELATED if shapes.has_label(text) and len(tokens) <= 25 else PROMO
    speaking = shapes.first_person_plural(text)
    if speaking and shapes.is_call_to_action(text, clauses=True):
        return PROMO
    if speaking and shapes.has_label(text) and len(tokens) <= _SHORT_LINE_WORDS:
        return PROMO
    return None


def is_credit(text: str) -> bool:
    """A short picture credit: ``Photo: X``, ``(Name / Outlet)``, ``© Name for Outlet``
    (a copyright sign without a year: a notice for the whole page carries the year)."""
    if is_photo_credit(text):
        return True
    tokens = _words(text)
    if not tokens or len(tokens) > 10 or shapes.ends_sentence(text):
        return False
    if shapes.is_bracketed(text) and shapes.has_slash_credit(text):
        return True
    return shapes.is_copyright(text) and _YEAR.search(text) is None


def is_tag_list(text: str) -> bool:
    """``Topics: Water, Diplomacy, Trade``: a label, then three or more short items."""
    if not shapes.has_label(text) or shapes.ends_sentence(text) or shapes.has_quote(text):
        return False
    rest = text.split(":", 1)[-1] if ":" in text else text.split("|", 1)[-1]
    items = [item.strip() for item in re.split(r"[,;|•·]", rest) if item.strip()]
    return len(items) >= 3 and all(len(shapes.words(item)) <= 4 for item in items)


_NAME_AFTER = re.compile(
    r"(?:©|ⓒ|\(c\)|\bcopyright\b|\bby\b|\bfor\b)\s*(?:(?:19|20)\d\d\s*)?,?\s*"
    r"((?:the\s+)?[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3})",
    re.IGNORECASE,
)


def own_names(lines: Sequence[str]) -> set[str]:
    """Names a page gives itself in its credit, copyright and byline lines (the outlet, the
    author, the agency), lowercased: ``© 2026 Daily Meridian`` gives ``daily meridian``."""
    names = set()
    for line in lines:
        for match in _NAME_AFTER.finditer(line):
            words = [w.strip(".") for w in match.group(1).split()]
            words = [w for w in words if (w and w[0].isupper()) or w.lower() == "the"]
            name = " ".join(words).lower().removeprefix("the ").strip()
            if len(name) >= 4 and name not in shapes.FUNCTION_WORDS:
                names.add(name)
    return names


def names_itself(text: str, names: set[str]) -> bool:
    """Whether a short line outside quotation marks names the page's outlet or author (a
    sign-off, a syndication note, an author's biography)."""
    if not names or len(_words(text)) > 40 or shapes.outside_quotes(text) != text:
        return False
    # A dateline naming the agency ("LESTRA (Northline) -- Ferries ...") opens a report, as
    # each item of a wire roundup does.
    lowered = strip_dateline(text).lower()
    # "..., he told the Daily Meridian" is reporting, not the page speaking of itself.
    return any(
        re.search(rf"(?<!told )(?<!told the )(?<!to the )\b{re.escape(name)}\b", lowered)
        for name in names
    )


def may_be_caption(text: str) -> bool:
    """Short enough, and without quotation marks, to be the caption beside a credit."""
    tokens = _words(text)
    return 0 < len(tokens) <= _MAX_CAPTION_WORDS and not shapes.has_quote(text)


_CONTACT_WORD = re.compile(r"\b(?:reached|reach|contact|contacted|write|e-?mail)\b", re.IGNORECASE)
_ADDRESS = re.compile(
    r"[\w.+-]+(?:@|\s?\(at\)\s?)[\w-]+(?:\.[\w-]+)+|\(?\b\d{3}\)?[-.\s]\d{3}[-.\s]\d{4}\b"
)


def is_contact_line(text: str) -> bool:
    """How to reach the writer: ``Ivo Telu can be reached at 555-0100 or ivo@example.com``
    (a reach or contact word with an e-mail address or a phone number, in a short line)."""
    return (
        len(_words(text)) <= 40
        and _CONTACT_WORD.search(text) is not None
        and _ADDRESS.search(text) is not None
        and not shapes.has_quote(text)
    )


# "— Ivo Telu (@ivotelu) November 19, 2026": the line a page's embed of a post ends with.
_EMBED_SIGNATURE = re.compile(
    r"[—–-]{1,2}\s*[^\n]{1,80}?\(@\w{1,30}\)\s*"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4})"
)


def is_embed_signature(text: str) -> bool:
    """The signature line under an embedded post: a dash, a name, a handle, a date."""
    return _EMBED_SIGNATURE.fullmatch(text.strip()) is not None


@lru_cache(maxsize=1 << 15)
def sure_reason(text: str) -> str | None:
    """The reason to remove a line whatever the classifier says, or ``None``."""
    if is_embed_signature(text):
        return EMBED
    if is_credit(text):
        return PHOTO_CREDIT
    if is_tag_list(text):
        return NAVIGATION
    if is_copyright_line(text):
        return COPYRIGHT
    if is_date_line(text):
        return DATE
    if is_byline(text):
        return BYLINE
    if is_contact_line(text):
        return ABOUT
    return appeal_reason(text)


def reason_for(text: str, *, group_size: int, outside: bool) -> str:
    """A human-readable reason for a block the classifier removed."""
    sure = sure_reason(text)
    if sure:
        return sure
    tokens = _words(text)
    sentence = shapes.ends_sentence(text)
    if _share(tokens, shapes.PICTURE_WORDS) > 0 and len(tokens) <= 40:
        return PHOTO_CAPTION
    if _share(tokens, shapes.SECOND_PERSON) > 0 or shapes.link_count(text):
        return PROMO
    if is_related_link(text) or (shapes.has_label(text) and not sentence):
        return RELATED
    if not sentence and len(tokens) <= _SHORT_LINE_WORDS and group_size > 2:
        return NAVIGATION
    if outside and len(tokens) > _SHORT_LINE_WORDS:
        return OUTSIDE
    if not sentence and len(tokens) <= _SHORT_LINE_WORDS:
        return SHORT
    return OUTSIDE if outside else LOW_SCORE


def _comparable(text: str) -> str:
    return " ".join(_words(text))


def find_headline(blocks: Sequence[Block], title: str | None) -> int | None:
    """Index of the headline block: the block that repeats the given ``title``, else the first
    block when it is shaped like a headline (short, not ending like a sentence, more follows)."""
    if title:
        wanted = _comparable(title)
        for index, block in enumerate(blocks[:10]):
            have = _comparable(block.text)
            if not have:
                continue
            shorter, longer = sorted((have, wanted), key=len)
            if shorter in longer and len(shorter) >= 0.6 * len(longer):
                return index
        return None
    if len(blocks) < 2:
        return None
    # Date lines, bylines and section labels ("WORLD") may come before the headline.
    for index, block in enumerate(blocks[: min(_HEADLINE_SEARCH, len(blocks) - 1)]):
        text = normalise(block.text)
        tokens = shapes.words(text)
        if sure_reason(text) or (len(tokens) <= 2 and not any(c.islower() for c in text)):
            continue
        if not 2 <= len(tokens) <= _MAX_HEADLINE_WORDS or text.endswith((".", ":", ",", ";")):
            return None
        return None if shapes.is_bullet(text) else index
    return None
