"""Name a person in full where the summary first mentions them by surname alone.

An article introduces "Ivo Tellen, the port's chief engineer," and later writes "Tellen will
lead the repairs"; a summary that takes only the later sentence leaves the reader asking
who Tellen is. At the summary's first mention of a person by surname (bare, after "Mr." or
"Dr.", or after a title: "Secretary Tellen"), the given names are put back as the article
itself wrote them: "Ivo Tellen will lead the repairs".

Only when the name is certain:

- the full name is written in the sentence's own article (or, when that article never gives
  one, it is the only full name with that surname in the input);
- no other person of the input shares the surname (a husband and wife, a father and son),
  and no organisation or place is called by it;
- the mention is outside quotation marks (a quotation stays as spoken), is not a modifier
  ("the Tellen family", "a Tellen aide"), not part of a longer name ("Tellen Street", "Anna
  Tellen", a lawsuit's "Tellen v. Dask"), and not after a woman's courtesy title (a "Mrs.
  Tellen" may be a wife the article never names in full).

The sentence's citations still point at its published wording.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from storyline.annotate.mentions import lowercase_words
from storyline.annotate.names import HONORIFICS, SUFFIXES, fold, is_title
from storyline.records import Article, Entity, SummarySentence
from storyline.summarize.select import quoted_spans

_CAPITALISED = re.compile(r"(?<![\w'’.-])[A-Z][\w'’-]*")
_POSSESSIVE = re.compile(r"['’]s?$")
# Before these a surname is a modifier ("the Tellen family"); not "that", which is more
# often a conjunction ("said that Tellen ...").
_DETERMINERS = frozenset({"the", "a", "an"})
_FEMALE = frozenset({"mrs", "ms", "miss", "mme", "mlle", "dame", "lady", "frau"})
# Courtesy titles that the full name replaces ("Mr. Tellen" -> "Ivo Tellen").
_REPLACED = frozenset({"mr", "dr", "prof"})
_WORD_BEFORE = re.compile(r"([\w.'’-]+)\s+$")
_NAME_WORD = re.compile(r"^[A-Z][\w'’.-]*$")
# What after a surname shows it is part of a longer name: "Tellen Street", "Tellen-led", or a
# lawsuit's title ("Tellen v. Dask", which is cited as it stands).
_NAME_GOES_ON = re.compile(r"\s+[A-Z]|-\w|\s+vs?\.?\s")
_OPENERS = " \"“‘'`("
# Where a sentence may end before a name, so that the name opens the next one.
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\"”’'\n]\s*)$")


class _Names:
    """The full names of an input's people, by folded surname."""

    def __init__(self, articles: Sequence[Article], entities: Sequence[Entity]) -> None:
        self.articles = {a.id: a for a in articles}
        self._lowercase: set[str] | None = None
        # folded surname -> person ids; (surname, person id) -> full forms, as written
        self.people: dict[str, set[str]] = defaultdict(set)
        self.forms: dict[tuple[str, str], list[str]] = defaultdict(list)
        # Words that also name an organisation or a place ("Tellen" the firm) are not certain.
        self.other: set[str] = set()
        for entity in entities:
            if entity.type != "person":
                self.other.update(fold(f) for f in (entity.name, *entity.aliases))
                continue
            for form in dict.fromkeys((entity.name, *entity.aliases)):
                parts = form.split()
                if not parts:
                    continue
                family = fold(parts[-1])
                self.people[family].add(entity.id)
                if _full(parts):
                    self.forms[family, entity.id].append(form)

    def lowercase(self) -> set[str]:
        """Words the input writes in lower case: a capitalised one of them opens a sentence."""
        if self._lowercase is None:
            self._lowercase = lowercase_words(a.text for a in self.articles.values())
        return self._lowercase

    def full_name(self, family: str, article_id: str) -> str | None:
        """The one full name of surname ``family``, as ``article_id`` writes it, or None."""
        people = self.people.get(family, set())
        if len(people) != 1 or family in self.other:
            return None
        (person,) = people
        forms = [f for f in self.forms.get((family, person), ()) if _given_ok(f, self)]
        if not forms:
            return None
        own = self.articles.get(article_id)
        if own is not None:
            written = [(own.text.find(f), f) for f in forms if f in own.text]
            if written:
                return min(written)[1]  # the article's introduction of the person
        anywhere = [f for f in forms if any(f in a.text for a in self.articles.values())]
        return anywhere[0] if anywhere else None


def _full(parts: Sequence[str]) -> bool:
    """Whether a name form has given names and a surname, and no title or suffix.

    A surname may be a title's word ("Ivo King"); a given name may not ("President Tellen").
    """
    return (
        len(parts) >= 2
        and all(_NAME_WORD.match(p) for p in parts)
        and not any(is_title(p) for p in parts[:-1])
        and fold(parts[-1]) not in SUFFIXES
        and len(parts[-1]) >= 2
    )


def _given_ok(form: str, names: _Names) -> bool:
    """Whether ``form``'s first word is a given name, not a sentence's first word.

    The recognizer sometimes takes a sentence's opening word into a name ("Describing Tellen",
    "Said Tellen"). A first word the input also writes in lower case must be seen inside a
    sentence before the surname ("President Bill Tellen") to count as a given name.
    """
    if form.split()[0].lower() not in names.lowercase():
        return True
    for article in names.articles.values():
        at = article.text.find(form)
        while at != -1:
            if not _SENTENCE_END.search(article.text[max(0, at - 3) : at]):
                return True
            at = article.text.find(form, at + 1)
    return False


def _names_someone(prev: str, opens: bool, names: _Names) -> bool:
    """Whether the word before a surname shows who is meant without the summary's help.

    A given name or another name's word ("Anna Tellen", "Tellen" of "Port Tellen", "Pro" of
    "iPad Pro") does, and so does a woman's courtesy title ("Mrs. Tellen", who may be a wife
    never named in full). A title does not ("Secretary Tellen"), nor an ordinary word opening
    the sentence.
    """
    if fold(prev).rstrip(".") in _FEMALE:
        return True
    if prev[:1].islower() and any(c.isupper() for c in prev[1:]):
        return True  # "iPad Pro": the word of a product's or a firm's name
    if not prev[:1].isupper() or is_title(prev):
        return False
    return not (opens and prev.lower() in names.lowercase())


def _introduce(text: str, article_id: str, names: _Names, named: set[str]) -> str:
    quotes = quoted_spans(text)
    out: list[str] = []
    last = 0
    for match in _CAPITALISED.finditer(text):
        word = _POSSESSIVE.sub("", match.group())  # "Tellen's" is Tellen
        family = fold(word)
        if family not in names.people:
            continue
        start = match.start()
        end = start + len(word)
        previous = _WORD_BEFORE.search(text[:start])
        prev = previous.group(1) if previous else ""
        opens = previous is not None and not text[: previous.start(1)].strip(_OPENERS)
        if _names_someone(prev, opens, names):
            named.add(family)
            continue
        prev_key = fold(prev).rstrip(".")
        if (
            family in named
            or any(a <= start < b for a, b in quotes)
            or _NAME_GOES_ON.match(text, end)
            or prev_key in _DETERMINERS  # "the Tellen family"
        ):
            continue
        full = names.full_name(family, article_id)
        named.add(family)
        if full is None or not full.endswith(word):
            continue
        if previous is not None and prev_key in HONORIFICS:
            if prev_key not in _REPLACED:
                continue
            start = previous.start(1)  # "Mr. Tellen" -> "Ivo Tellen"
        out.extend((text[last:start], full))
        last = end
    out.append(text[last:])
    return "".join(out)


def introduce_people(
    summary: Sequence[SummarySentence],
    articles: Sequence[Article],
    entities: Sequence[Entity],
) -> tuple[SummarySentence, ...]:
    """``summary`` with each person's first mention by bare surname given the full name."""
    people = [e for e in entities if e.type == "person"]
    if not summary or not people:
        return tuple(summary)
    names = _Names(articles, entities)
    named: set[str] = set()
    out = []
    for sentence in summary:
        own = sentence.citations[0].article_id if sentence.citations else ""
        text = _introduce(sentence.text, own, names, named)
        out.append(sentence if text == sentence.text else replace(sentence, text=text))
    return tuple(out)
