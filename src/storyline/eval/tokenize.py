"""Sentence and word splitting for the reference summarizers, and a sumy tokenizer adapter.

The reference tools need sentences and words but not NLTK's Punkt model (a data download), so
this module provides a one-pass regex sentence splitter with the abbreviation conventions of
English news prose (titles, months, AP state abbreviations, initials, dotted acronyms) and a
word regex. ``pysbd`` is available as an alternative splitter (:func:`pysbd_splitter`); it
is about 70 times slower on DUC newswire and splits LaTeX-style closing quotes (``...'') wrongly.
"""

from __future__ import annotations

import re
from collections.abc import Callable

SentenceSplitter = Callable[[str], list[str]]

# A period after one of these does not end a sentence (when followed by a capital).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms messrs dr prof sen sens rep reps gov gen lt col maj capt cmdr adm sgt cpl pvt
    pres supt rev fr sr jr st mt ft hon amb det insp
    no nos vs etc inc corp co ltd bros assn dept univ approx est fig vol pp ed eds
    jan feb mar apr jun jul aug sep sept oct nov dec
    ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo
    mont neb nev okla ore pa penn tenn tex va vt wash wis wyo
    """.split()
)
# ...but these, and dotted acronyms ("U.S."), also often end one ("... Acme Inc. The company
# ..."): there the period ends a sentence when a closed-class word that typically opens a
# sentence follows.
_MAY_END = frozenset({"etc", "inc", "corp", "co", "ltd", "bros", "jr", "sr"})
_OPENING_WORDS = frozenset(
    """the a an he she it they we i you but and or so yet in on at as by for from to of with
    this that these those there his her their its our my after before when while if although
    though however meanwhile still also""".split()
)

_OPENERS = "\"'“‘`([«"
_BOUNDARY = re.compile(
    r"""(?P<end>[.!?]+|…)(?P<close>["'”’»)\]]*)\s+(?=[""" + re.escape(_OPENERS) + r"""]*\S)"""
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _next_word(text: str, position: int) -> str:
    match = re.match(r"[" + re.escape(_OPENERS) + r"]*(\S+)", text[position : position + 40])
    return match.group(1) if match else ""


def _continues(text: str, boundary: re.Match[str]) -> bool:
    """Whether the period at this candidate boundary belongs to an abbreviation."""
    following = _next_word(text, boundary.end())
    if not following or following[0].islower() or following[0] in ",;:":
        return True  # a sentence does not start in lowercase or with punctuation
    if boundary.group("end") != "." or boundary.group("close"):
        return False
    before = _WORD_BEFORE.search(text, 0, boundary.start() + 1)
    if not before:
        return False
    word = before.group(1)
    lower = word.lower()
    opens = re.sub(r"\W", "", following).lower() in _OPENING_WORDS
    if lower in ABBREVIATIONS:
        return lower not in _MAY_END or not opens
    if len(word) == 1 and word.isupper():
        return True  # an initial: "John F. Kennedy"
    return bool(_ACRONYM.fullmatch(word)) and not opens


def split_paragraph(paragraph: str) -> list[str]:
    """Sentences of one paragraph (whitespace inside is collapsed)."""
    text = " ".join(paragraph.split())
    sentences, start = [], 0
    for boundary in _BOUNDARY.finditer(text):
        if _continues(text, boundary):
            continue
        end = boundary.start("close") + len(boundary.group("close"))
        sentences.append(text[start:end])
        start = boundary.end()
    if start < len(text):
        sentences.append(text[start:])
    return [s for s in sentences if s.strip()]


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text``; blank lines are paragraph breaks and always end a sentence."""
    return [s for paragraph in re.split(r"\n\s*\n", text) for s in split_paragraph(paragraph)]


def split_words(text: str) -> list[str]:
    """Words of ``text``: letter runs, keeping inner apostrophes and hyphens; no numbers."""
    return _WORD.findall(text)


def pysbd_splitter(language: str = "en") -> SentenceSplitter:
    """A splitter backed by pysbd (rule-based, no data download; slower)."""
    import pysbd  # deferred: optional dependency, and slow to import

    segmenter = pysbd.Segmenter(language=language, clean=False)

    def split(text: str) -> list[str]:
        return [
            s.strip()
            for paragraph in re.split(r"\n\s*\n", text)
            for s in segmenter.segment(" ".join(paragraph.split()))
            if s.strip()
        ]

    return split


class SumyTokenizer:
    """A sumy tokenizer that needs no NLTK data (sumy's own needs Punkt).

    sumy only calls ``to_sentences``, ``to_words`` and reads ``language``.
    """

    def __init__(
        self, *, language: str = "english", splitter: SentenceSplitter | None = None
    ) -> None:
        self.language = language
        self.splitter = splitter

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        """Sentences of a paragraph."""
        return tuple((self.splitter or split_sentences)(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """Words of a sentence (no punctuation, as sumy expects)."""
        return tuple(split_words(sentence))
