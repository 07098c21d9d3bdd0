"""People an attribution can point at: entities by name or role, pronouns by context.

:class:`People` wraps the canonical entities (and their mentions) for quote attribution:

* ``resolve`` turns a name or role phrase at a place in an article into a :class:`Person`
  (through :class:`~storyline.annotate.resolve.EntityIndex`);
* ``antecedent`` turns "he"/"she" into the person that the sentences before are about: the
  first person named, or quoted, in each earlier sentence, nearest sentence first, skipping
  people whose pronoun gender the corpus shows to be the other one;
* ``subject_before`` does the same for a quote that stands alone.

Gender is read from the text, never from a list of first names: "Mr"/"Mrs"/"Ms" before a
mention, and the first he/him/his or she/her after a person who opens a sentence (before any
other person is named). Without entities (no spaCy), runs of capitalised words stand in for
person mentions, so attribution degrades instead of failing.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.annotate import speech
from storyline.annotate.names import GENDERED_PRONOUN, HONORIFIC_BEFORE, fold, is_title
from storyline.index.units import strip_dateline
from storyline.records import Article

if TYPE_CHECKING:
    from storyline.annotate.entities import Entity
    from storyline.annotate.resolve import EntityIndex

_CAPITALISED = re.compile(r"\b[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)+")
_MAX_SENTENCES_BACK = 4
# What may come before a name that opens a sentence: quote marks, or a subordinating word
# ("When Ana Bessel found out ..., she ...").
_OPENING = re.compile(
    r"[\s\"“'‘`]*(?:(?:When|After|As|Before|Although|Though|While|Since|If|Once|Until)\s+)?"
)


def _before_name(text: str, name: str) -> str:
    """What comes before ``name`` at the end of ``text``, past an agency dateline."""
    rest = strip_dateline(text)
    return rest[: len(rest) - len(name)] if rest.endswith(name) else rest


# Capitalised only because they open a sentence: not part of a name.
_FUNCTION = frozenset(
    "the a an in on at after before when while for from with by but and as if of to this that "
    "these those his her their its our".split()
)


@dataclass(frozen=True, slots=True)
class Person:
    """A speaker: the words written for them, the canonical name and entity id if known."""

    text: str
    name: str | None
    entity_id: str | None
    start: int = -1
    end: int = -1


class People:
    """Person look-up for quote attribution over one set of articles (see module docs)."""

    def __init__(self, entities: Sequence[Entity] = (), *, articles: Sequence[Article] = ()):
        from storyline.annotate.resolve import EntityIndex

        self.index_: EntityIndex | None = (
            EntityIndex(entities, articles=articles) if entities else None
        )
        self._names = {e.id: e.name for e in entities}
        self._people = {e.id for e in entities if e.type == "person"}
        self._places = {e.id for e in entities if e.type == "place"}
        self._mentions: dict[str, list[Person]] = defaultdict(list)
        for e in entities:
            if e.type == "person":
                for m in e.mentions:
                    self._mentions[m.article_id].append(
                        Person(m.text, e.name, e.id, m.start, m.end)
                    )
        if not entities:
            for a in articles:
                for match in _CAPITALISED.finditer(a.text):
                    words = match.group(0).split()
                    while words and (words[0].lower() in _FUNCTION or is_title(words[0])):
                        words.pop(0)
                    if len(words) >= 2:
                        name = " ".join(words)
                        end = match.end()
                        self._mentions[a.id].append(Person(name, name, None, end - len(name), end))
        for ms in self._mentions.values():
            ms.sort(key=lambda p: p.start)
        self._gender = _genders(articles, self._mentions)

    @classmethod
    def empty(cls) -> People:
        return cls()

    def note(self, article_id: str, person: Person) -> None:
        """Count a resolved speaker phrase as a mention (a role can be an antecedent too)."""
        ms = self._mentions[article_id]
        if person.start >= 0 and not any(p.start == person.start for p in ms):
            ms.insert(bisect_left([p.start for p in ms], person.start), person)

    def resolve(self, article_id: str, start: int, phrase: str) -> Person | None:
        """The entity a name or role phrase at ``start`` refers to."""
        if self.index_ is None:
            return None
        entity = self.index_.resolve(article_id, start, phrase)
        if entity is None:
            return None
        return Person(phrase, entity.name, entity.id, start, start + len(phrase))

    @staticmethod
    def plain_name(phrase: str) -> str:
        """A written name without titles, portfolio and possessive ("President Ilona
        Brandvik's", "Minister for Ports Ivo Telu")."""
        words = phrase.split()
        titles = [i for i, w in enumerate(words) if is_title(w)]
        if titles and titles[-1] + 1 < len(words):
            words = words[titles[-1] + 1 :]
            if words[0] in {"of", "for"} and len(words) > 3:
                # "Secretary of State Lena Strand": the portfolio runs up to the name, which
                # is most often two words.
                words = words[-2:]
        name = " ".join(w for w in words if not is_title(w)) or phrase
        return re.sub(r"['’]s?$", "", name)

    def antecedent(self, article: Article, pos: int, pronoun: str) -> Person | None:
        """Who "he" / "she" at ``pos`` most likely is ("they", "we", "I": nobody named)."""
        gender = {"he": "m", "she": "f"}.get(pronoun)
        if gender is None:
            return None
        return self._back(article, pos, gender, pronoun)

    def subject_before(self, article: Article, pos: int, starts: Sequence[int]) -> Person | None:
        """The person the sentences before ``pos`` are about (for a quote standing alone)."""
        return self._back(article, pos, None)

    def only_one_named(self, article: Article, pos: int) -> Person | None:
        """The one person named (outside quotes) from the sentence before ``pos``'s up to
        ``pos``, if exactly one is, and a sentence opens on the name: "Ana Bessel won on
        Sunday. '...,' the 24-year-old said" (but not "... sacked by Dask United. '...,' the
        56-year-old said", where the one named is no subject)."""
        sentences = article.sentences
        k = bisect_right([s.start for s in sentences], pos) - 1
        if k < 0:
            return None
        window = sentences[max(k - 1, 0) : k + 1]
        found = {
            p.entity_id: p
            for p in self._mentions.get(article.id, [])
            if window[0].start <= p.start < pos
            and p.entity_id in self._people
            and not any(q.start <= p.start < q.end for q in article.quotes)
        }
        if len(found) != 1:
            return None
        person = next(iter(found.values()))
        opens = any(
            s.start <= person.start < s.end
            and _OPENING.fullmatch(_before_name(article.text[s.start : person.end], person.text))
            for s in window
        )
        return person if opens else None

    def is_person(self, entity_id: str | None) -> bool:
        """Whether ``entity_id`` is a person's (not an organisation's, a place's, a group's)."""
        return entity_id in self._people

    def is_place(self, entity_id: str | None) -> bool:
        """Whether ``entity_id`` is a place's."""
        return entity_id in self._places

    def may_be(self, key: str | None, pronoun: str) -> bool:
        """Whether "he" or "she" can refer to the person ``key`` (entity id or name)."""
        gender = {"he": "m", "she": "f"}.get(pronoun)
        if gender is None:
            return False
        known = self._gender.get(key or "")
        return known is None or known == gender

    def _back(
        self, article: Article, pos: int, gender: str | None, pronoun: str | None = None
    ) -> Person | None:
        sentences = article.sentences
        if not sentences:
            return None
        k = bisect_right([s.start for s in sentences], pos) - 1
        mentions = self._mentions.get(article.id, [])
        starts = [p.start for p in mentions]
        quotes = article.quotes
        for j in range(k - 1, max(-1, k - 1 - _MAX_SENTENCES_BACK), -1):
            s = sentences[j]
            speaks = speech.PRONOUN_SPEAKS.get(pronoun or "")
            if speaks is not None and speaks.search(article.text, s.start, s.end):
                # "…the ferry company, he said.": that sentence's speaker is this "he" too, so the
                # names in it are not the antecedent; look further back.
                continue
            lo, hi = bisect_left(starts, s.start), bisect_left(starts, s.end)
            # "They said he left a toy on Jonas's bed": a name owning something after the
            # pronoun (outside quotes) in its own sentence is someone else, not who "he" is.
            same = None
            if pronoun in _PRONOUN_WORD:
                same = next(
                    (
                        m.start()
                        for m in _PRONOUN_WORD[pronoun].finditer(article.text, s.start, s.end)
                        if not any(q.start <= m.start() < q.end for q in quotes)
                    ),
                    None,
                )
            fitting = []
            for person in mentions[lo:hi]:
                if any(q.start <= person.start < q.end for q in quotes):
                    continue
                if (
                    same is not None
                    and person.start > same
                    and article.text[person.end : person.end + 2] in ("'s", "’s")
                ):
                    continue
                if gender is not None and person.entity_id and person.entity_id not in self._people:
                    continue  # a speaker noted as an organisation is no "he" or "she"
                known = self._gender.get(person.entity_id or person.name or "")
                if gender is None or known is None or known == gender:
                    fitting.append(person)
            if fitting:
                # "… not captured Telu, but …, Pavlo told lawmakers.": the one who speaks in
                # that sentence, else the first named.
                text = article.text
                speaking = [
                    p
                    for p in fitting
                    if speech.SPEAKS_AFTER.match(text, p.end)
                    or speech.SPEAKS_BEFORE.search(text[max(0, p.start - 20) : p.start])
                ]
                return (speaking or fitting)[0]
        return None


_PRONOUN_WORD = {p: re.compile(rf"\b{p}\b", re.IGNORECASE) for p in ("he", "she")}


def _genders(articles: Sequence[Article], mentions: dict[str, list[Person]]) -> dict[str, str]:
    """Pronoun gender per person (entity id, or name without entities) where the text shows it."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for article in articles:
        ms = mentions.get(article.id, [])
        text = article.text
        starts = [s.start for s in article.sentences]
        first_in_sentence: set[int] = set()
        for i, person in enumerate(ms):
            key = person.entity_id or person.name or ""
            honorific = HONORIFIC_BEFORE.search(text[max(0, person.start - 6) : person.start])
            if honorific:
                votes[key]["m" if honorific.group("m") else "f"] += 2
            k = bisect_right(starts, person.start) - 1
            if k in first_in_sentence:
                continue
            first_in_sentence.add(k)
            stop = ms[i + 1].start if i + 1 < len(ms) else len(text)
            if k + 2 < len(starts):
                stop = min(stop, starts[k + 2])
            found = GENDERED_PRONOUN.search(text, person.end, stop)
            if found:
                votes[key]["m" if found.group("m") else "f"] += 1
    out = {}
    for key, counter in votes.items():
        (top, n), *rest = counter.most_common()
        if not rest or n >= 2 * rest[0][1]:
            out[key] = top
    return out


def fold_name(name: str) -> str:
    """A name folded for comparison (accents and case)."""
    return fold(name)
