"""Word-level features shared by the summarizer: tokens, stems, concepts.

Concepts are the units whose coverage the summarizer maximises: stemmed content words and
bigrams of adjacent non-stop words. They are computed once per sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import snowballstemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+(?:['’][^\W_]+)*")
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | frozenset(
    {
        "said",
        "says",
        "say",
        "told",
        "tells",
        "according",
        "also",
        "would",
        "could",
        "will",
        "mr",
        "mrs",
        "ms",
        "s",
        "t",
        "year",
        "years",
        "just",
        "like",
    }
)


def words(text: str) -> list[str]:
    """Lower-cased word tokens; numbers keep their decimal point and lose thousands separators."""
    return [
        w.replace(",", "") if w[0].isdigit() else w.lower().replace("’", "'")
        for w in _WORD.findall(text)
    ]


_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=500_000)
def stem(word: str) -> str:
    """The Snowball (Porter 2) stem of a lower-cased word, cached."""
    return str(_STEMMER.stemWord(word))


def content_stems(text: str) -> list[str]:
    """Stems of the non-stop words of ``text``, in order."""
    return [stem(w) for w in words(text) if w not in STOP_WORDS and len(w) > 1]


def concepts(text: str, tokens: Sequence[str] | None = None) -> set[str]:
    """Content stems plus bigrams of adjacent content words (joined by a space).

    ``tokens``, when given, are ``words(text)`` already computed."""
    tokens = words(text) if tokens is None else tokens
    out: set[str] = set()
    previous: str | None = None
    for token in tokens:
        if token in STOP_WORDS or len(token) < 2:
            previous = None
            continue
        current = stem(token)
        out.add(current)
        if previous is not None:
            out.add(f"{previous} {current}")
        previous = current
    return out


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


# Counts written as words, as digits ("one" is left out: "one of the", "no one").
_NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate(
        "_ _ two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
    if w != "_"
} | {"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70",
     "eighty": "80", "ninety": "90"}  # fmt: skip
# Any word of a count word's length, looked up (an alternation of the count words is slower).
_COUNT_WORD = re.compile(r"\b[A-Za-z]{3,9}\b(?!-)")


def numbers(text: str) -> frozenset[str]:
    """The numbers in ``text``: in digits (thousands separators removed) or as a count word
    ("Four people" gives "4"), so "Four ... dead" and "five minutes" are told apart."""
    found = {n.replace(",", "") for n in _NUMBER.findall(text)}
    for word in _COUNT_WORD.findall(text):
        value = _NUMBER_WORDS.get(word.lower())
        if value is not None:
            found.add(value)
    return frozenset(found)


def numbers_conflict(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two sentences give different figures (each has a number the other lacks)."""
    return bool(a) and bool(b) and not (a <= b or b <= a)


# A year in digits ("1998", "2026"): when, not how many.
YEAR = re.compile(r"(?:1[89]|20)\d\d")
# Two figures are one when equal, when one is the other rounded to a whole ("nearly 61" /
# "60.7"), or when they differ by at most this share ("4 million" / "3.9 million").
ROUNDING = 0.03


def same_figure(x: float, y: float) -> bool:
    """Whether ``x`` and ``y`` are one figure, maybe rounded in one of them."""
    return x == y or bool((x % 1 or y % 1) and abs(x - y) < 1) or abs(x - y) <= ROUNDING * max(x, y)
