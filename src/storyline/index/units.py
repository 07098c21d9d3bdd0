"""Summary candidates: the sentences of a set of articles with the features selection needs."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.index.text import concepts, numbers, words
from storyline.records import Article

# A leading agency dateline ("KORVAN, March 3 (Agency) - ") is metadata, not content. The
# place is in capitals, maybe with a lower-case particle ("PORT d'ARVEN") or its country in
# parentheses ("DASK (Varenia), May 2 (Agency) --"); wire copy often types the dash as an
# underscore ("NAME, State _ ").
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’-]+(?:\s+(?:[a-z]{1,3}['’])?[A-Z][A-Z.'’-]*){0,4}(?:\s*\([^()\n]{1,30}\))?"
    r"(?:,[^\n–—_-]{0,40})?\s*(?:\([^()\n]{1,40}\))?"
    # A hyphen is a dash when set off by a space or doubled, or after a parenthesis, a full
    # stop or capitals ("PARIS -- The", "PARIS--The", "(Agency)-The", "BUDGET-The"); one
    # glued to a word in lower case is a hyphen ("VTL, the owner of Dask-Holm Lines, said").
    # Wire copy's "_" is a dash.
    r"(?:\s+(?:[-–—]{1,2}|_)\s*|(?:[-–—]{1,2}|_)\s+|--|(?:(?<=[).])|(?<=[A-Z]{2}))-|_|[–—]|:\s+)"
)
# A dateline whose place is in title case ("Lestra, May 2 (Agency) --") needs the agency in
# parentheses, or "Lestra, which ... - " would be one.
_TITLED_DATELINE = re.compile(
    r"^[A-Z][a-z'’.-]+(?:\s+[A-Z][a-z'’.-]+){0,3},[^()\n–—_]{0,40}\([A-Z][^()\n]{0,39}\)"
    r"\s*(?:[-–—]{1,2}|_)\s+"
)
# What starts the sentence after a dateline: a capital or a figure, maybe quoted.
_AFTER_DATELINE = re.compile(r"[\"“‘'`«(]*[A-Z0-9]")
# A leading list bullet is layout, not content.
_BULLET = re.compile(r"^(?:--\s*|[-–—•*·_]\s+)")
# A sentence is complete when it ends in terminal punctuation (maybe inside closing quotes);
# headlines, captions and list stubs usually do not.
_COMPLETE = re.compile(r"[.!?…][\"'”’»)\]]*$")
# Sentences opening with these lean on an earlier sentence for their meaning.
_DANGLING = frozenset(
    """he she it they this that these those his her its their him them such another
    he's she's it's they're they've they'd that's""".split()
)
# A connective before the sentence's subject ("But he added ...", "And yet, this ..."): what
# leans on context is what follows it (a summary trims the connective).
_CONNECTIVE = re.compile(
    r"^(?:(?:But|And|Yet|So|Or|However|Meanwhile|Moreover|Also|Still|Now|Then|Besides|"
    r"Furthermore|Nevertheless|Nonetheless),?\s+)+(?=[A-Za-z])",
    re.IGNORECASE,
)
# A sentence wholly in parentheses is an aside on the one before ("(It airs an hour later in
# the west.)").
_ASIDE = re.compile(r"^\([^()]*\)[.!?]?$")
# So do those opening on a consequence of it, which trimming would turn into a bare claim
# ("As a result, the south is fatter" is not "The south is fatter"), or on a time or a point
# it set ("Since then, the pilots have ...", "Indeed, ...").
_CONSEQUENCE = re.compile(
    r"^(?:As a result|As a consequence|Consequently|Therefore|Hence|Thus"
    r"|Since then|By then|At the time|Even so|Indeed|Instead|In turn),"
)
# A first person outside quotation marks is a letter or a columnist speaking, not a fact the
# brief can state.
_FIRST_PERSON = frozenset("i we my our".split())
# ... and so do those whose subject is a pronoun after a short opening ("Hours later, he ..."),
# unless the opening names whom it means ("If the Lestra team wins, they ...").
_LATE_PRONOUN = re.compile(
    r"^[^\s,\"“”'‘`]+(?:\s+[^\s,\"“”A-Z][^\s,]*){0,6},\s+(?:he|she|they|it|his|her|their)\s"
)
# and those whose subject, after an aside, ends on a verb whose action is in an earlier sentence
# ("The old pier, long a rival of the quay, does."; not "... than interferon did.").
_ELLIPSIS = re.compile(
    r",\s*(?:does|do|did|is|are|was|were|has|have|had|can|could|will|would|should|may|might)"
    r"(?:\s+(?:not|too|so|now))?\s*[.!?]$"
)
# "Most Dask pilots were similarly cautious": compared with what the sentence before said.
_COMPARED = re.compile(r"\b(?:similarly|likewise)\b(?!,)", re.IGNORECASE)
# A quotation whose speaker is only a pronoun ("..., he said.") does not say who is speaking.
_PRONOUN_SPEAKER = re.compile(
    r"[\"”'’,]\s*(?:he|she|they|it)\s+(?:said|says|added|adds|told|asked|stated)\b"
    r"|\b(?:said|says|added)\s+(?:he|she|they)\s*[.,]"
    # nor does one that is a whole sentence of its own.
    r"|^(?:\"|“|``|«)[^\"“”«»]*(?:\"|”|''|»)$"
    # A quotation that goes on from an earlier one: it opens on a connective ('"But ...') or
    # its speaker "continued" / "went on".
    r"|^(?:\"|“|``|«)\s*(?:But|And|So|Yet|Or|Still|Also)\b"
    r"|(?:\"|”|''|»)\s*[^\"“”«»]{1,60}?\b(?:continued|went\s+on)\s*[.!]?$"
)


@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence of one article, as a summary candidate."""

    article: int  # index into the articles
    sentence: int  # index into that article's sentences
    start: int
    end: int
    text: str  # the sentence as shown in a summary (dateline stripped)
    n_words: int
    position: float  # 0.0 for an article's first sentence, towards 1.0 for its last
    concepts: frozenset[str]
    numbers: frozenset[str]
    dangling: bool
    complete: bool


def layout_before(sentence: str, first: bool) -> int:
    """How many characters at the start of ``sentence`` are layout, not words: a list bullet
    ("-- The institute ..."), and in an article's ``first`` sentence its dateline."""
    rest = strip_dateline(sentence) if first else sentence
    bullet = _BULLET.match(rest)
    return len(sentence) - len(rest) + (bullet.end() if bullet else 0)


def strip_dateline(sentence: str) -> str:
    """``"PARIS, May 2 (Agency) - The talks ..."`` -> ``"The talks ..."``."""
    match = _DATELINE.match(sentence) or _TITLED_DATELINE.match(sentence)
    if match and _AFTER_DATELINE.match(sentence, match.end()):
        return sentence[match.end() :]
    return sentence


_DOUBLE_QUOTES = re.compile(r"[\"“”«»„]")
# Older agency copy types quotation marks as doubled backticks and apostrophes (``...''), and
# sometimes opens with '' too.
_TEX_OPEN = re.compile(r"``|(?:(?<=^)|(?<=[\s(\[—–-]))''(?=\w)")
# ... and single ones as a backtick and an apostrophe (`...'), the closing one before no letter.
_TEX_SINGLE = re.compile(r"`(?=\w)((?:[^`'\n]|'(?=\w))*)'(?!\w)")


# Older wire copy types a dash as an underscore between spaces ("the talks _ the first in
# years _ ended"); Markdown would show it as an underscore.
_WIRE_DASH = re.compile(r"(?<=\S) _ (?=\S)")


def wire_dashes(text: str) -> str:
    """``text`` with a wire's typed dashes (" _ ") as dashes (" — ")."""
    return _WIRE_DASH.sub(" — ", text) if " _ " in text else text


def typographic_quotes(sentence: str) -> str:
    """``sentence`` with typewriter quotation marks as curly ones: ``...'' as “...”, and
    `...' as ‘...’."""
    if "``" in sentence or "''" in sentence:
        sentence = _TEX_OPEN.sub("“", sentence).replace("''", "”")
    if "`" in sentence:
        sentence = _TEX_SINGLE.sub(r"‘\1’", sentence)
    return sentence


def balance_quotes(sentence: str) -> str:
    """Restore the quotation mark a sentence lost when it was cut out of a longer quotation:
    the opening one when the quotation began in an earlier sentence, the closing one when it
    goes on in a later one.

    ``We came to open a door," he said.`` becomes ``"We came to open a door," he said.``, and
    ``He said: “We came to open a door.`` ends in ``”``.
    """
    marks = list(_DOUBLE_QUOTES.finditer(sentence))
    if len(marks) % 2 == 0:
        return sentence
    opened: list[str] = []
    for mark in marks:
        char, at = mark.group(), mark.start()
        if char == '"':
            # A straight mark opens after a space (or nothing) and before a word.
            before = sentence[at - 1] if at else " "
            after = sentence[at + 1 : at + 2]
            opens = (before.isspace() or before in "([—–-") and bool(after) and not after.isspace()
        else:
            opens = char in "“«„"
        if opens:
            opened.append(char)
        elif opened:
            opened.pop()
        else:  # closes a quotation opened before this sentence
            return {"”": "“", "»": "«"}.get(char, '"') + sentence
    if opened:  # a quotation that goes on in the next sentence
        return sentence + {"“": "”", "„": "“", "«": "»"}.get(opened[-1], '"')
    return sentence


def build_units(articles: Sequence[Article]) -> list[Unit]:
    """Every sentence of every article, with its concepts and position."""
    units: list[Unit] = []
    for a, article in enumerate(articles):
        own = _article_units(article)
        units.extend(own if a == 0 else (_moved(u, a) for u in own))
    return units


def _moved(u: Unit, article: int) -> Unit:
    """``u`` as a unit of the ``article``-th article (what ``replace`` does, several times
    faster: a brief builds thousands of these)."""
    return Unit(article, u.sentence, u.start, u.end, u.text, u.n_words, u.position, u.concepts,
                u.numbers, u.dangling, u.complete)  # fmt: skip


# A brief indexes the same articles several times (all of them, each story, the main story,
# the summary); an article's units depend on the article alone, so they are made once.
@lru_cache(maxsize=1024)
def _article_units(article: Article) -> tuple[Unit, ...]:
    units = []
    count = len(article.sentences)
    for s, span in enumerate(article.sentences):
        raw = " ".join(span.of(article.text).split())
        text = raw[layout_before(raw, s == 0) :]
        text = balance_quotes(typographic_quotes(wire_dashes(text)))
        tokens = words(text)
        units.append(
            Unit(
                article=0,
                sentence=s,
                start=span.start,
                end=span.end,
                text=text,
                n_words=len(text.split()),
                position=s / count if count else 0.0,
                concepts=frozenset(concepts(text, tokens)),
                numbers=numbers(text),
                dangling=bool(tokens) and _leans_on_context(text, tokens[0]),
                complete=bool(_COMPLETE.search(text)),
            )
        )
    return tuple(units)


def leans_on_context(text: str) -> bool:
    """Whether the sentence ``text`` needs an earlier one to be understood: it opens on a
    pronoun ("They wed in May"), quotes an unnamed speaker, is an aside, and so on."""
    tokens = words(text)
    return bool(tokens) and _leans_on_context(text, tokens[0])


def _leans_on_context(text: str, first_word: str) -> bool:
    """Whether ``text`` needs an earlier sentence to be understood (see the patterns above)."""
    connective = _CONNECTIVE.match(text)
    if connective:
        text = text[connective.end() :]
        first_word = next(iter(words(text)), "")
    return (
        first_word in _DANGLING
        or bool(_ASIDE.match(text))
        or (first_word in _FIRST_PERSON and text[:1] not in "\"“'‘`«")
        or bool(_PRONOUN_SPEAKER.search(text))
        or bool(_LATE_PRONOUN.match(text))
        or bool(_CONSEQUENCE.match(text))
        or bool(_ELLIPSIS.search(text))
        or bool(_COMPARED.search(text, 1))
        or (bool(_OPENING_QUOTE.match(text)) and not _ATTRIBUTION.search(text))
    )


# A sentence that opens on a quotation and names no speaker ('"We're only starting" to
# study it.') quotes someone named in an earlier sentence.
_OPENING_QUOTE = re.compile(r"(?:\"|“|``|«)\s*[A-Za-z]")
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|asked|asks|stated|states|according|wrote|writes"
    r"|declared|announced|insisted|argued|explained|noted|recalled|recalls|quoted|testified"
    r"|replied|warned|cautioned|claimed|conceded|admitted|acknowledged|predicted|promised|vowed"
    r"|complained|observed|remarked|responded|exclaimed|continued|reported|urged|suggested)\b",
    re.IGNORECASE,
)


def fit_tfidf(units: Sequence[Unit]) -> tuple[TfidfVectorizer | None, sparse.csr_matrix]:
    """A TF-IDF model over the units' concepts and its L2-normalised rows (one per unit)."""
    # The vectorizer sorts its vocabulary itself, so a unit's concepts need no order here.
    docs = [u.concepts for u in units]
    if not any(docs):
        return None, sparse.csr_matrix((len(docs), 1), dtype=np.float64)
    vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, norm="l2")
    return vectorizer, sparse.csr_matrix(vectorizer.fit_transform(docs))


def _identity(doc: Collection[str]) -> Collection[str]:
    return doc
