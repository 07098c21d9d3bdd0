"""Roles written next to a person's name, read from part-of-speech tags (no parser needed).

Three patterns cover how news copy attaches a role to a name:

* a title before the name: "Mirovian President Ruslan Khaidarov", "fruit farmer Tomas Rudd";
* an apposition after it: "Anders Holm, Varenia's foreign minister, ...",
  "Marta Kovel, the mayor of Dask, ...";
* an apposition before it: "the President of Varenia, Ilona Brandvik, ...",
  "his Mirovian counterpart, Oleg Yermakov, ...".

The head noun of a role must be a common noun: a known title, or a word the corpus also writes
in lower case (so "Korvan, Dask, Ilona Brandvik" yields no role). Places and groups named inside
or next to a role ("Varenia's", "of Mirovia", "Mirovian") are returned as affiliations.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from storyline.annotate.mentions import Tokens
from storyline.annotate.names import TITLES, fold, is_honorific
from storyline.annotate.speech import SPEECH_VERBS

_NOUN = frozenset({"NN", "NNP"})
_NOUNS = frozenset({"NN", "NNS", "NNP", "NNPS"})
_MODIFIER = _NOUNS | {"JJ", "JJR", "JJS", "HYPH"}
_OPEN = frozenset({"DT", "PRP$"})
_LINKS = frozenset({"of", "for", "at"})
_CLOSE = frozenset({",", ".", ";", ":", "-RRB-", "NFP", "''", "_SP"})
_PLACE_ENTS = frozenset({"NORP", "GPE", "LOC"})
# Entity labels that cannot be part of a role (a date before a name is no title).
_NOT_MODIFIER_ENTS = frozenset(
    {"PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
)
_MAX_ROLE = 8
# Nouns that say nothing about who someone is ("the man Telu robbed" is no role "man").
_NO_ROLE = frozenset({"man", "woman", "person", "boy", "girl", "guy", "one", "someone"})


@dataclass(frozen=True, slots=True)
class RoleContext:
    """Roles found next to one mention, and folded names of places or groups tied to it."""

    roles: tuple[str, ...] = ()
    affiliations: tuple[str, ...] = ()


class _View:
    """Token access for one article, with the corpus' lower-case words as common-noun evidence."""

    def __init__(self, text: str, tokens: Tokens, lowercase: set[str]) -> None:
        self.text, self.t, self.lowercase = text, tokens, lowercase

    def word(self, i: int) -> str:
        return self.text[self.t.starts[i] : self.t.ends[i]]

    def ok(self, i: int) -> bool:
        return 0 <= i < len(self.t.starts)

    def joined(self, i: int, j: int) -> bool:
        """Whether tokens ``i`` and ``j = i + 1`` are on one line."""
        return "\n" not in self.text[self.t.ends[i] : self.t.starts[j]]

    def modifier(self, i: int) -> bool:
        if self.t.tags[i] not in _MODIFIER:
            return False
        # A common word the recognizer put in a name ("Minister of Atomic | Energy X") is
        # still a modifier.
        ent = self.t.ents[i]
        return ent not in _NOT_MODIFIER_ENTS or (
            ent == "PERSON" and self.word(i).lower() in self.lowercase
        )

    def common_head(self, i: int) -> bool:
        """A singular common noun: a title, or a word also written in lower case."""
        word = self.word(i)
        if self.t.tags[i] not in _NOUN or is_honorific(word) or word.lower() in _NO_ROLE:
            return False
        return word.islower() or fold(word) in TITLES or word.lower() in self.lowercase

    def span(self, i: int, j: int) -> str:
        return self.text[self.t.starts[i] : self.t.ends[j]]

    def places(self, i: int, j: int) -> list[str]:
        return [fold(self.word(k)) for k in range(i, j + 1) if self.t.ents[k] in _PLACE_ENTS]


def roles_near(text: str, tokens: Tokens, start: int, end: int, lowercase: set[str]) -> RoleContext:
    """Roles and affiliations written next to the name at ``[start, end)`` of ``text``."""
    view = _View(text, tokens, lowercase)
    first = bisect_left(tokens.starts, start)
    last = bisect_left(tokens.starts, end) - 1
    if not view.ok(first) or last < first:
        return RoleContext()
    roles: list[str] = []
    places: list[str] = []
    for found in (_title_before(view, first), _after(view, last), _before(view, first)):
        if found:
            # A list dash glued to the first word ("--Mirovian President") is layout.
            roles.append(view.span(*found).lstrip("-–—_*•· "))
            places.extend(view.places(*found))
    places.extend(_possessor(view, first - 1))
    places.extend(_of_place(view, last + 1))
    return RoleContext(tuple(roles), tuple(dict.fromkeys(places)))


def _title_before(view: _View, first: int) -> tuple[int, int] | None:
    """ "Mirovian President | Ruslan Khaidarov": modifiers ending in a common noun."""
    j = first - 1
    if not view.ok(j) or not view.joined(j, first) or not view.common_head(j):
        return None
    i = _modifiers_before(view, j, j)
    # "Secretary of State | Madeleine Kroll": a title tied by "of" to the noun before the name.
    while (
        view.ok(i - 2)
        and j - i < _MAX_ROLE - 2
        and view.word(i - 1) in {"of", "for"}
        and view.joined(i - 2, i - 1)
        and fold(view.word(i - 2)) in TITLES
    ):
        i = _modifiers_before(view, i - 2, j)
    head = view.word(j)
    if head.islower() and fold(head) not in TITLES and _doubtful(view, i, first):
        return None
    return i, j


def _modifiers_before(view: _View, i: int, j: int) -> int:
    """The first of the modifiers that run back from token ``i`` (a role ending at ``j``)."""
    while i - 1 >= 0 and j - i < _MAX_ROLE and view.joined(i - 1, i) and view.modifier(i - 1):
        if is_honorific(view.word(i - 1)):
            break
        i -= 1
    if i < j and view.t.tags[i] == "HYPH":
        # "Oscar-winner": the compound's first part belongs to the role whatever the
        # recognizer made of it (it had tagged "Oscar" a person, leaving "-winner").
        glued = i - 1 >= 0 and view.t.ends[i - 1] == view.t.starts[i]
        i = i - 1 if glued else i + 1
    return i


def _doubtful(view: _View, i: int, first: int) -> bool:
    """A lower-case noun before a name is no title after a preposition or "a" ("after the
    meeting Holm said", "a step Holm's office took"), nor before a possessive name."""
    before = i - 1
    if view.ok(before) and view.word(before).lower() in {"a", "an"}:
        return True
    before -= view.ok(before) and view.t.tags[before] in _OPEN
    if view.ok(before) and view.t.tags[before] in {"IN", "TO"}:
        return True
    k = first
    while view.ok(k) and view.t.tags[k] in {"NNP", "NNPS"}:
        k += 1
    return view.ok(k) and view.t.tags[k] == "POS"


def _after(view: _View, last: int) -> tuple[int, int] | None:
    """ "Anders Holm, | Varenia's foreign minister | ,": an apposition closed by punctuation."""
    k = last + 1
    if not view.ok(k + 1) or view.word(k) != ",":
        return None
    i = k + 1
    if view.t.tags[i] in _OPEN:
        i += 1
    start = i
    while view.ok(i + 1) and view.t.ents[i] in _PLACE_ENTS and view.t.ents[i + 1] in _PLACE_ENTS:
        i += 1
    if view.ok(i + 1) and view.t.ents[i] in _PLACE_ENTS and view.t.tags[i + 1] == "POS":
        i += 2
    end = _phrase(view, i)
    if end is None or (view.ok(end + 1) and view.t.tags[end + 1] not in _CLOSE):
        return None
    return start, end


def _phrase(view: _View, i: int) -> int | None:
    """Last token of a role noun phrase starting at ``i`` ("leader of the opposition League").

    The head, the last noun before any "of"/"for", must be a singular common noun.
    """
    j, head = i, None
    while view.ok(j) and view.modifier(j) and (j == i or view.joined(j - 1, j)):
        head, j = j, j + 1
    if head is None or j - i > _MAX_ROLE or not view.common_head(head):
        return None
    end = head
    while view.ok(j + 1) and view.word(j).lower() in _LINKS and j - i < 2 * _MAX_ROLE:
        k = j + 1 + (view.t.tags[j + 1] == "DT")
        m = k
        while view.ok(m) and view.joined(m - 1, m) and (view.modifier(m) or _name_and(view, m)):
            m += 1
        if m == k:
            break
        end, j = m - 1, m
    return end


def _name_and(view: _View, m: int) -> bool:
    """ "Reef and Harbour": "and" or "&" between two capitalised words of one name."""
    return (
        view.word(m) in {"and", "&"}
        and view.ok(m + 1)
        and m > 0
        and view.t.tags[m - 1] in {"NNP", "NNPS"}
        and view.t.tags[m + 1] in {"NNP", "NNPS"}
    )


def _before(view: _View, first: int) -> tuple[int, int] | None:
    """ "the President of Varenia, | Ilona Brandvik, |": the name itself closes the apposition."""
    comma = first - 1
    if not view.ok(comma - 1) or view.word(comma) != ",":
        return None
    i = comma - 1
    while i - 1 >= 0 and comma - i < _MAX_ROLE and view.joined(i - 1, i):
        prev = i - 1
        if view.t.tags[prev] in _OPEN:
            # "the leader of the opposition, X" is one role; in "the wedding of his (or a)
            # cousin, X" the name stands beside "cousin" alone.
            linked = prev - 1 >= 0 and view.word(prev - 1).lower() in _LINKS
            if view.word(prev).lower() == "the" and linked:
                i = prev
                continue
            break
        if not (view.modifier(prev) or view.word(prev).lower() in _LINKS):
            break
        i = prev
    if i - 1 < 0 or view.t.tags[i - 1] not in _OPEN:
        return None
    end = _phrase(view, i)
    if end != comma - 1:
        return None
    after = _closing(view, first)
    if after == "verb" and fold(view.word(end)) not in TITLES:
        return None  # "After the trial, Telu said": only a title is sure to be a role here
    return (i, end) if after else None


def _closing(view: _View, first: int) -> str | None:
    """What follows the name starting at token ``first``: closing punctuation ("punct"), a
    reporting verb ("verb": "the foreign minister, Ivo Brenn said"), or neither (None)."""
    k = first
    while view.ok(k) and view.t.tags[k] in {"NNP", "NNPS"}:
        k += 1
    if not view.ok(k) or view.t.tags[k] in _CLOSE:
        return "punct"
    if view.t.tags[k] in {"VBD", "VBZ"} and view.word(k).lower() in SPEECH_VERBS:
        return "verb"
    return None


def _possessor(view: _View, i: int) -> list[str]:
    """ "Varenia's | Anders Holm": a place possessor right before the name."""
    if view.ok(i - 1) and view.t.tags[i] == "POS" and view.t.ents[i - 1] in _PLACE_ENTS:
        return [fold(view.word(i - 1))]
    return []


def _of_place(view: _View, k: int) -> list[str]:
    """ "Anders Holm | of Varenia": a place right after the name."""
    if view.ok(k + 1) and view.word(k) == "of" and view.t.ents[k + 1] in _PLACE_ENTS:
        return [fold(view.word(k + 1))]
    return []
