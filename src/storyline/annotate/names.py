"""Name strings: transliteration-aware folding and matching, titles and honorifics.

Outlets spell one name in several ways: transliterations (Navalny / Navalnyy, Gaddafi / Qadhafi,
Khaidarov / Khaydarov / Khaïdarov), one-letter misspellings, with or without a first name or a
title. Two spellings match when their *keys* are equal, or, for names of six letters or more,
when the keys are one edit apart. The key folds accents (``unicodedata``), lowercases, and
rewrites letter groups that transliteration systems render differently (kh/h, dh/d, ou/u,
y/j/i, q/k, ph/f, a silent final h, doubled letters). No list of names is involved anywhere.

The word lists below are closed classes of English (honorifics, titles, determiners), the
language cues the mechanism needs; they are data, not special cases.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

# Letters that NFKD does not decompose into a base letter plus marks.
_SPECIAL = str.maketrans(
    {
        "ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
        "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
        "ı": "i", "’": "'", "‘": "'", "ʼ": "'", "‐": "-", "‑": "-",
    }
)  # fmt: skip
# Rewrites applied in order to a folded token; multi-letter groups first.
_TRANSLIT = (
    ("kh", "h"), ("dh", "d"), ("gh", "g"), ("th", "t"), ("ph", "f"), ("ck", "k"),
    ("ou", "u"), ("q", "k"), ("y", "i"), ("j", "i"), ("w", "v"), ("x", "ks"),
)  # fmt: skip
_DOUBLED = re.compile(r"(.)\1+")
# A silent final "h" after a vowel, which transliterations add or leave out (Abdullah /
# Abdulla, Sarah / Sara); not after a "y", which the key turns into a vowel ("-ayh" is no
# spelling of "-ay").
_FINAL_H = re.compile(r"(?<=[aeiou])h$")
_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")

HONORIFICS = frozenset(
    "mr mrs ms miss mx dr prof sir dame lord lady rev fr mme mlle herr frau".split()
)
# Title nouns that stand before a name ("President X") or head a role ("the foreign minister").
TITLES = frozenset(
    """president vice prime minister premier chancellor secretary senator sen rep representative
    congressman congresswoman governor gov mayor king queen prince princess emperor empress
    sheikh emir sultan pope cardinal bishop archbishop rabbi imam ayatollah patriarch general
    gen colonel col major captain capt lieutenant lt sergeant sgt admiral commander marshal
    judge justice speaker chairman chairwoman chair chief director ceo ambassador envoy
    spokesman spokeswoman spokesperson leader head commissioner deputy professor doctor
    minister-president chairperson mp adm cmdr cdr maj cpl pvt attorney sheriff prosecutor
    officer detective inspector constable trooper superintendent executive manager ombudsman
    ombudswoman""".split()
)
# Generic words for whoever leads ("the Mirovian leader", "the head of state"): they refer to
# the most prominent person of the place or article, not to a written role.
LEADERS = frozenset({"leader", "head", "chief", "ruler"})
DETERMINERS = frozenset("the a an his her its their our my your this that".split())
# A role after these introduces someone unnamed ("a ministry spokesman"), not someone known.
INDEFINITE = frozenset({"a", "an", "one", "another"})
#: A courtesy title right before a name ("Mrs. " at the end of a text), by the sex it gives.
HONORIFIC_BEFORE = re.compile(r"\b(?:(?P<m>Mr)|(?P<f>Mrs|Ms|Miss|Mme))\.?\s+$")
#: A third-person pronoun, by the sex it gives.
GENDERED_PRONOUN = re.compile(
    r"\b(?:(?P<m>he|him|his|himself)|(?P<f>she|her|hers|herself))\b", re.IGNORECASE
)


# Generational suffixes: part of a name, not its family name ("John Varga Jr." is a Varga).
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def surname(words: Sequence[str]) -> str:
    """The family name among a name's folded words: the last one, or the one before a suffix."""
    return words[-2] if len(words) > 1 and words[-1] in SUFFIXES else words[-1]


def suffix(words: Sequence[str]) -> str:
    """A name's generational suffix ("jr."), or ""."""
    return words[-1].rstrip(".") if len(words) > 1 and words[-1] in SUFFIXES else ""


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lowercase ``text`` and drop its accents (Khaïdarov -> khaidarov, Brandvík -> brandvik)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def words(text: str) -> list[str]:
    """The folded words of ``text`` (hyphenated and apostrophe words kept whole)."""
    return _WORD.findall(fold(text))


@lru_cache(maxsize=200_000)
def key(word: str) -> str:
    """Transliteration key of one folded word: spellings of one name share it."""
    out = _FINAL_H.sub("", word.replace("-", "").replace("'", ""))
    for old, new in _TRANSLIT:
        out = out.replace(old, new)
    return _DOUBLED.sub(r"\1", out)


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one substitution, insertion, deletion or swap."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diff) == 1:
            return True
        i = diff[0]
        return len(diff) == 2 and diff[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((i for i, (x, y) in enumerate(zip(short, long_, strict=False)) if x != y), len(short))
    return short[i:] == long_[i + 1 :]


def same_word(a: str, b: str) -> bool:
    """Whether two folded words are spellings of one name.

    Equal keys always match; names of six letters or more also match one edit apart, except
    when one only adds a final letter (Petrov / Petrova are usually two people).
    """
    ka, kb = key(a), key(b)
    if ka == kb:
        return True
    if min(len(a), len(b)) < 6 or not _one_edit(ka, kb):
        return False
    return not (abs(len(ka) - len(kb)) == 1 and (ka.startswith(kb) or kb.startswith(ka)))


class Spellings:
    """Folded words that :func:`same_word` can look up without comparing with each one.

    Two words match only when their transliteration keys are equal or one substitution,
    insertion, deletion or swap apart, and then the keys share a variant with at most one
    letter deleted. A lookup compares with the words that share a variant, not with all of
    them (a thousand articles hold thousands of surnames).
    """

    def __init__(self, words: Iterable[str] = ()) -> None:
        self._words: list[str] = []
        self._by_variant: dict[str, list[int]] = defaultdict(list)
        for word in dict.fromkeys(words):
            for variant in _variants(key(word)):
                self._by_variant[variant].append(len(self._words))
            self._words.append(word)

    def matching(self, word: str) -> Iterator[str]:
        """The stored words that are spellings of ``word`` (``same_word``), in stored order."""
        found = {i for variant in _variants(key(word)) for i in self._by_variant.get(variant, ())}
        for i in sorted(found):
            if same_word(self._words[i], word):
                yield self._words[i]


def _variants(word_key: str) -> set[str]:
    return {word_key} | {word_key[:i] + word_key[i + 1 :] for i in range(len(word_key))}


# Short forms of English first names that are not their beginnings ("Tom" for "Thomas").
_SHORT_FORM_PAIRS = (
    ("thomas", "tom tommy"),
    ("william", "bill billy will willy"),
    ("robert", "bob bobby rob robbie bert"),
    ("richard", "dick rick ricky rich"),
    ("james", "jim jimmy jamie"),
    ("john", "jack johnny"),
    ("margaret", "maggie meg peggy"),
    ("elizabeth", "liz beth betty lizzie"),
    ("edward", "ted teddy ed eddie ned"),
    ("charles", "chuck charlie"),
    ("anthony", "tony"),
    ("henry", "hank harry"),
    ("katherine", "kate kathy katie"),
    ("catherine", "kate cathy"),
    ("joseph", "joe joey"),
    ("michael", "mike mick"),
    ("theodore", "ted teddy"),
    ("lawrence", "larry"),
    ("patricia", "pat patty trish"),
    ("rebecca", "becky"),
)
_SHORT_FORMS: dict[str, set[str]] = {}
for _full, _shorts in _SHORT_FORM_PAIRS:
    for _short in _shorts.split():
        _SHORT_FORMS.setdefault(_short, set()).add(_full)


def same_first_name(a: str, b: str) -> bool:
    """Whether two folded first names agree (an initial agrees with any name it starts, and a
    short form its full form: "Tom" and "Thomas", "Chris" and "Christopher")."""
    a, b = a.rstrip("."), b.rstrip(".")
    if len(a) == 1 or len(b) == 1:
        return a[:1] == b[:1]
    if same_word(a, b):
        return True
    short, long_ = sorted((a, b), key=len)
    if long_ in _SHORT_FORMS.get(short, ()):
        return True
    return len(short) >= 3 and len(long_) >= len(short) + 2 and long_.startswith(short)


def same_stem(a: str, b: str) -> bool:
    """Whether a place and its demonym, or two forms of one, share a stem (Mirovia/Mirovian)."""
    a, b = key(a), key(b)
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    common = 0
    for x, y in zip(short, long_, strict=False):
        if x != y:
            break
        common += 1
    return common >= max(4, len(short) - 1) and len(long_) - common <= 3


def is_title(word: str) -> bool:
    """Whether a word is a title or an honorific ("President", "Mr.", "Dr")."""
    w = fold(word).rstrip(".")
    return w in TITLES or w in HONORIFICS


def is_honorific(word: str) -> bool:
    """Whether a word is an honorific such as "Mr" or "Dr." (not a role)."""
    return fold(word).rstrip(".") in HONORIFICS
