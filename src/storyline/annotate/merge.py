"""Grouping mentions into entities: the type vote, people, and everything else.

See :mod:`storyline.annotate.entities` for the rules; this module holds the mechanics.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from storyline.annotate.mentions import Mention, Tokens
from storyline.annotate.names import (
    TITLES,
    Spellings,
    fold,
    key,
    same_first_name,
    same_word,
    suffix,
    surname,
)
from storyline.annotate.roles import RoleContext
from storyline.ingest.metadata import dateline
from storyline.records import Article

_TYPES = {"PERSON": "person", "ORG": "organisation", "NORP": "group"}
# A person's name does not follow these words directly ("the Velna", "its Zharsk reservoir").
_NOT_BEFORE_PERSON = re.compile(r"(?:^|\W)(?:the|its|their|our)\s+$", re.IGNORECASE)
# Last words of place and building names, folded ("Melrose Avenue", "Hayden Lake").
_PLACE_HEADS = frozenset(
    key(w)
    for w in """avenue street road boulevard lane square park river lake mountain mountains
    county bay island islands bridge airport hospital harbour harbor valley canyon beach coast
    desert forest province district campground stadium arena center centre atoll
    peninsula drive highway parkway expressway freeway terrace plaza""".split()
)
# Last words of newspapers' names ("Lestra Courant", "Dask Herald"): organisations.
_PRESS_HEADS = frozenset(
    key(w)
    for w in """herald tribune courant gazette journal chronicle telegraph courier inquirer
    examiner dispatch times""".split()
)
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*\.?")
_COMPANY_SUFFIXES = frozenset(
    key(w) for w in "corp corporation co inc incorporated ltd plc llc gmbh company".split()
)
# Nouns that say a name is an organisation when they head the role beside it ("X, the
# political wing of Y", "X, a heavy metal band"): a person is never "a party".
_ORGANISATION_NOUNS = frozenset(
    """wing party coalition movement organization organisation group faction front alliance
    newspaper daily weekly magazine tabloid paper publication agency broadcaster network
    channel station company firm corporation bank union association federation
    militia band""".split()
)
# Of those, the ones seldom written just before a person's name ("an economist with the bank
# Ivo Telu" is one).
_ORGANISATION_BEFORE = re.compile(
    r"(?:^|\W)(?:newspaper|daily|weekly|magazine|tabloid|party|coalition|movement|group|faction"
    r"|front|alliance|militia|band|broadcaster|network|agency)\s+$"
)

# Plural nouns for kinds of place: the names listed before one are places ("Tarrow, Vesk,
# Holm and Van Hollen counties").
_PLACE_PLURALS = frozenset(
    """counties states provinces cities towns villages districts regions countries islands
    territories prefectures municipalities parishes boroughs neighborhoods neighbourhoods
    suburbs republics""".split()
)
_CAPITALISED = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
_LIST_TO_NOUN = re.compile(
    rf"(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+){_CAPITALISED})*\s+(?P<noun>[a-z]+)\b"
)
# Platforms the recognizer takes for people ("said on Twitter"): organisations.
_PLATFORMS = frozenset(
    (key(w),)
    for w in """twitter facebook instagram youtube tiktok linkedin whatsapp reddit snapchat
    telegram wechat weibo pinterest tumblr""".split()
)


def _in_place_list(m: Mention, text: str) -> bool:
    """Whether a list of names that ends on a plural kind of place follows ``m``."""
    found = _LIST_TO_NOUN.match(text[m.end : m.end + 300])
    return found is not None and found.group("noun") in _PLACE_PLURALS


_CAPITALS_ONLY = re.compile(r"[A-Z .'’-]*")


def _in_dateline(m: Mention, text: str) -> bool:
    """Whether ``m`` is written in capitals in the dateline that opens a paragraph ("ST.
    ORLIN, Vrn. (Wire) —", "PORT SKARRE, Vrn. –"): a place."""
    if not m.text.isupper():
        return False
    start = text.rfind("\n", 0, m.start) + 1
    if not _CAPITALS_ONLY.fullmatch(text, start, m.start):
        return False  # "By ROBERT VALE": a byline, whatever follows
    line = text[start : start + 200].split("\n", 1)[0]
    return m.end <= start + len(dateline(line))


@dataclass(slots=True)
class Cluster:
    """Mentions of one entity, in article and text order."""

    type: str
    mentions: list[Mention] = field(default_factory=list)


def name_words(text: str) -> tuple[str, ...]:
    """Folded words of a name, without leading lower-case particles ("de Gaulle" -> gaulle)."""
    found = _NAME_WORD.findall(text)
    while len(found) > 1 and found[0][0].islower():
        found.pop(0)
    return tuple(fold(w) for w in found)


def _key(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(key(w) for w in words)


def _label_type(label: str) -> str:
    return _TYPES.get(label, "place")


_TIME_NOUNS = frozenset({"today", "tonight", "yesterday", "tomorrow", "now", "earlier", "later"})


class _Votes:
    """Label votes per spelling key, with evidence against a person from the context."""

    def __init__(self) -> None:
        self.person: Counter[tuple[str, ...]] = Counter()
        self.against: Counter[tuple[str, ...]] = Counter()
        self.other: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
        # Spellings a role once called an organisation.
        self.organisation: set[tuple[str, ...]] = set()

    def add(
        self, m: Mention, words: tuple[str, ...], text: str, tokens: Tokens, roles: Iterable[str]
    ) -> None:
        k = _key(words)
        if any(_organisation_role(role) for role in roles):
            self.organisation.add(k)
        if m.type != "PERSON":
            if (
                m.type == "ORG"
                and len(words) > 1
                and any(
                    _role_head(fold(role)) in TITLES and not _organisation_role(role)
                    for role in roles
                )
            ):
                # "Prime Minister X Y" that the recognizer took for an organisation: a person's
                # title says otherwise (not for places: "Dask Mayor X" is no role of Dask).
                self.person[k] += 2
            else:
                self.other[k][_label_type(m.type)] += 1
        elif _ORGANISATION_BEFORE.search(text[max(0, m.start - 16) : m.start]):
            # "the daily X": one vote, since "the group X founded" may name a person.
            self.other[k]["organisation"] += 1
        elif _in_dateline(m, text) or _in_place_list(m, text):
            self.other[k]["place"] += 1
        elif _not_a_person_here(m, text, tokens):
            self.against[k] += 1
        else:
            self.person[k] += 2 if len(words) > 1 else 1


def _organisation_role(role: str) -> bool:
    """Whether a role's head is a common noun for an organisation ("political wing of Y").

    Written in capitals it is the name of an affiliation, as in "X, European Movement"."""
    return _role_head(role) in _ORGANISATION_NOUNS


def _not_a_person_here(m: Mention, text: str, tokens: Tokens) -> bool:
    """A determiner before, or a common noun after ("the Velna", "Zharsk reservoir")."""
    if _NOT_BEFORE_PERSON.search(text[max(0, m.start - 8) : m.start]):
        return True
    i = bisect_left(tokens.starts, m.end)
    if i < len(tokens.starts) and tokens.tags[i] in {"NN", "NNS"}:
        word = text[tokens.starts[i] : tokens.ends[i]]
        # "Prime Minister Ona Vell today reiterated": a time word is no head noun.
        return word.islower() and word not in _TIME_NOUNS
    return False


def decide_types(
    articles: Sequence[Article],
    mentions: Sequence[Mention],
    tokens: Sequence[Tokens],
    contexts: dict[Mention, RoleContext] | None = None,
) -> dict[Mention, str]:
    """The entity type of each mention, by the corpus-wide vote on its spelling.

    The input's outlets are organisations whatever the vote, and so is a spelling that a role
    once calls one ("X, the political wing of Y"), with its one-edit spellings; a word before
    it that names a kind of organisation ("the daily X") is one vote.
    """
    texts = {a.id: (a.text, t) for a, t in zip(articles, tokens, strict=True)}
    words = {m: name_words(m.text) for m in mentions}
    votes = _Votes()
    for m in mentions:
        if words[m]:
            roles = contexts[m].roles if contexts and m in contexts else ()
            votes.add(m, words[m], *texts[m.article_id], roles)
    surnames: Counter[str] = Counter()
    starts: dict[str, Counter[str]] = defaultdict(Counter)
    for k, n in votes.person.items():
        if len(k) > 1:
            surnames[surname(k)] += n
    for k, counter in votes.other.items():
        if len(k) > 1:
            starts[k[0]].update(counter)
    spellings = Spellings(surnames)
    full_names: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for k in votes.person:
        if len(k) > 1:
            full_names[surname(k)].append(k)
    full_spellings = Spellings(full_names)
    decided: dict[tuple[str, ...], str] = {}
    for k in {*votes.person, *votes.against, *votes.other}:
        other = votes.other.get(k, Counter())
        extension = starts.get(k[0], Counter()) if len(k) == 1 else Counter()
        support = votes.person[k] + (
            sum(surnames[s] for s in spellings.matching(k[0]))
            if len(k) == 1
            else _name_support(k, votes.person, full_spellings, full_names)
        )
        if support > votes.against[k] + sum(other.values()) + sum(extension.values()):
            decided[k] = "person"
        else:
            pool = other or extension
            decided[k] = pool.most_common(1)[0][0] if pool else "place"
    # A name whose last word says what kind of place it is ("Melrose Avenue") is none.
    for k, kind in decided.items():
        if len(k) > 1 and k[-1] in _PRESS_HEADS:
            decided[k] = "organisation"
        elif kind == "person" and len(k) > 1 and k[-1] in _PLACE_HEADS:
            decided[k] = "place"
    # A name written elsewhere with a company's suffix is the company ("Velder Marrow" and
    # "Velder Marrow Corp."), whatever the recognizer made of the short form.
    companies = {k[:-1] for k in decided if len(k) > 1 and k[-1].rstrip(".") in _COMPANY_SUFFIXES}
    for k in companies & decided.keys():
        decided[k] = "organisation"
    # Other spellings of a name a role called an organisation are one too.
    for k in decided:
        if any(len(o) == len(k) and all(map(same_word, o, k)) for o in votes.organisation):
            decided[k] = "organisation"
    for k in _PLATFORMS & decided.keys():
        decided[k] = "organisation"
    # The input's own outlets are organisations, whatever the recognizer made of a mention
    # ("data compiled by Coastline Wire" tagged PERSON).
    for article in articles:
        if article.outlet and name_words(article.outlet):
            decided[_key(name_words(article.outlet))] = "organisation"
    return {m: decided.get(_key(words[m]), _label_type(m.type)) for m in mentions}


def _name_support(
    name: tuple[str, ...],
    person: Counter[tuple[str, ...]],
    spellings: Spellings,
    by_surname: dict[str, list[tuple[str, ...]]],
) -> int:
    """PERSON votes of other spellings of one full name ("Aleksandr Navrotzky" tagged ORG).

    ``by_surname`` holds the full names of ``person`` by surname, ``spellings`` its surnames.
    """
    return sum(
        person[k]
        for s in spellings.matching(surname(name))
        for k in by_surname[s]
        if k != name and suffix(k) == suffix(name) and same_first_name(k[0], name[0])
    )


class _Union:
    def __init__(self) -> None:
        self.parent: dict[object, object] = {}

    def find(self, x: object) -> object:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: object, b: object) -> None:
        self.parent[self.find(a)] = self.find(b)


def _role_head(role: str) -> str:
    """The head noun of a role as written: its last word before "of", "for" or "at"."""
    core = re.split(r"\s+(?:of|for|at)\s+", role, maxsplit=1)[0].split()
    return core[-1] if core else ""


def role_heads(roles: Iterable[str]) -> set[str]:
    """Head nouns of roles: "leader of the opposition" -> leader, "foreign minister" -> minister."""
    return {head for head in (_role_head(fold(role)) for role in roles) if head}


class _Person:
    def __init__(self) -> None:
        self.mentions: list[Mention] = []
        self.surnames: set[str] = set()
        self.first_names: set[str] = set()
        self.heads: set[str] = set()
        self.articles: set[str] = set()
        self.sexes: Counter[str] = Counter()  # what the full name's honorifics, pronouns say

    def add(self, m: Mention, context: RoleContext) -> None:
        self.mentions.append(m)
        self.heads |= role_heads(context.roles)
        self.articles.add(m.article_id)

    def prominence(self) -> tuple[int, int]:
        return len(self.articles), len(self.mentions)


def cluster_people(
    people: Sequence[Mention],
    contexts: dict[Mention, RoleContext],
    passing: frozenset[Mention] = frozenset(),
    genders: dict[Mention, str] | None = None,
) -> list[Cluster]:
    """People: full names merged by spelling, then each bare surname given to one of them.

    A mention without a word of a name (a number the recognizer tagged) joins no one."""
    words = {m: name_words(m.text) for m in people}
    people = [m for m in people if words[m]]
    fulls = sorted({words[m] for m in people if len(words[m]) > 1})
    union = _Union()
    by_surname: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for a in fulls:
        by_surname[surname(a)].append(a)
    spellings = Spellings(by_surname)
    for a in fulls:
        union.find(a)
        for s in spellings.matching(surname(a)):
            for b in by_surname[s]:
                if b > a and suffix(a) == suffix(b) and same_first_name(a[0], b[0]):
                    union.union(a, b)
    # A name of two or more words that ends only one longer name is that name shortened, as
    # names with no surname are ("Suu Kyi" for "Aung San Suu Kyi").
    for a in fulls:
        longer = {union.find(b) for b in fulls if len(b) > len(a) and b[-len(a) :] == a}
        if len(longer) == 1:
            union.union(a, longer.pop())
    persons: dict[object, _Person] = defaultdict(_Person)
    for m in people:
        if len(words[m]) > 1:
            person = persons[union.find(words[m])]
            person.add(m, contexts[m])
            person.surnames.add(surname(words[m]))
            person.first_names.add(words[m][0])
            if genders and m in genders:
                person.sexes[genders[m]] += 1
    bare: dict[str, list[Mention]] = defaultdict(list)
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for m in people:
        by_article[m.article_id].append(m)
    known = _Known(list(persons.values()))
    for ms in by_article.values():
        _assign_bare(ms, words, contexts, known, persons, union, bare, passing, genders or {})
    found = [p for p in persons.values() if p.mentions] + _bare_people(bare, contexts)
    order = _order(people)
    return [Cluster("person", sorted(p.mentions, key=order)) for p in found]


class _Known:
    """The people known by a full name, and which of them a bare surname may be (cached)."""

    def __init__(self, people: list[_Person]) -> None:
        self.people = people
        self._spellings = Spellings(s for p in people for s in sorted(p.surnames))
        self._by_word: dict[str, list[_Person]] = {}

    def by_surname(self, word: str) -> list[_Person]:
        """The people with a surname that is a spelling of ``word``, in order."""
        if word not in self._by_word:
            matched = set(self._spellings.matching(word))
            self._by_word[word] = [p for p in self.people if p.surnames & matched]
        return self._by_word[word]


def _order(mentions: Sequence[Mention]) -> Callable[[Mention], int]:
    index = {m: i for i, m in enumerate(mentions)}
    return index.__getitem__


_FEMALE_HEADS = frozenset(
    """wife mother sister daughter widow woman girl girlfriend actress chairwoman spokeswoman
    congresswoman businesswoman policewoman queen princess grandmother aunt niece bride""".split()
)
_MALE_HEADS = frozenset(
    """husband father brother son widower man boy boyfriend actor chairman spokesman
    congressman businessman policeman king prince grandfather uncle nephew groom""".split()
)


def _gender(person: _Person) -> str | None:
    """ "f" or "m" when a person's roles say so ("wife", "father"), else None."""
    female, male = bool(person.heads & _FEMALE_HEADS), bool(person.heads & _MALE_HEADS)
    if female != male:
        return "f" if female else "m"
    (top, n), *rest = person.sexes.most_common() or [("", 0)]
    return top if n >= 2 and (not rest or n >= 2 * rest[0][1]) else None


def _assign_bare(
    ms: Sequence[Mention],
    words: dict[Mention, tuple[str, ...]],
    contexts: dict[Mention, RoleContext],
    known: _Known,
    persons: dict[object, _Person],
    union: _Union,
    bare: dict[str, list[Mention]],
    passing: frozenset[Mention] = frozenset(),
    genders: dict[Mention, str] | None = None,
) -> None:
    """Bare surnames of one article: role and sex, then recency, then presence, then
    prominence.

    ``known`` caches the people each surname may be, across articles. A full name
    in ``passing`` (inside a quotation: '"I killed Lena ...," Vale wrote') does not take the
    surname over. An honorific ("Mrs. Vale") picks the candidate of that sex, and in an
    article that writes "Mrs. Vale" for her, a bare "Vale" is someone else when it can be
    (agency copy titled women, not men).
    """
    genders = genders or {}
    present = {id(persons[union.find(words[m])]) for m in ms if len(words[m]) > 1}
    full_last: dict[int, int] = {}
    titled: dict[Mention, _Person] = {}
    for m in ms:
        w = words[m]
        if len(w) > 1:
            if m not in passing:
                full_last[id(persons[union.find(w)])] = m.start
        elif m in genders:
            found = _candidates(m, w[0], contexts, known, genders)
            if found:
                titled[m] = max(found, key=lambda p: _rank(p, full_last, present))
    # Only a woman's courtesy title marks her off: copy that writes "Mr." writes it for all.
    named_so = {id(p) for m, p in titled.items() if genders.get(m) == "f"}
    last: dict[int, int] = {}
    for m in ms:
        w = words[m]
        if len(w) > 1:
            if m not in passing:
                last[id(persons[union.find(w)])] = m.start
            continue
        if m in titled:
            # "Mrs. Vale" says who she is there and only there: no recency for the next one.
            titled[m].add(m, contexts[m])
            continue
        candidates = _candidates(m, w[0], contexts, known, genders)
        if not candidates:
            # A first name alone ("his wife, Marianne") is the one person of that first name.
            by_first = [p for p in known.people if w[0] in p.first_names]
            if len(by_first) == 1:
                by_first[0].add(m, contexts[m])
                continue
            bare[key(w[0])].append(m)
            continue
        chosen = max(candidates, key=lambda p: (id(p) not in named_so, *_rank(p, last, present)))
        chosen.add(m, contexts[m])
        last[id(chosen)] = m.start


def _candidates(
    m: Mention,
    word: str,
    contexts: dict[Mention, RoleContext],
    known: _Known,
    genders: dict[Mention, str],
) -> list[_Person]:
    """The known people a bare surname may be, narrowed by its role and its honorific."""
    candidates = known.by_surname(word)
    heads = role_heads(contexts[m].roles)
    candidates = [p for p in candidates if heads & p.heads] or candidates
    honorific = genders.get(m)
    if honorific:
        # "Mrs. Vale" is not the Vale whose roles or full name say he is a man.
        candidates = [p for p in candidates if _gender(p) in {None, honorific}] or candidates
    return candidates


def _rank(
    person: _Person, last: dict[int, int], present: set[int]
) -> tuple[int, bool, tuple[int, int]]:
    return last.get(id(person), -1), id(person) in present, person.prominence()


def _bare_people(
    bare: dict[str, list[Mention]], contexts: dict[Mention, RoleContext]
) -> list[_Person]:
    """Surnames never written with a first name: one person per spelling and compatible roles."""
    union = _Union()
    keys = sorted(bare)
    for i, a in enumerate(keys):
        union.find(a)
        for b in keys[i + 1 :]:
            if same_word(a, b):
                union.union(a, b)
    groups: dict[object, list[Mention]] = defaultdict(list)
    for k in keys:
        groups[union.find(k)].extend(bare[k])
    out: list[_Person] = []
    for ms in groups.values():
        people: list[_Person] = []
        per_article: dict[str, list[Mention]] = defaultdict(list)
        for m in ms:
            per_article[m.article_id].append(m)
        for article_ms in per_article.values():
            heads = role_heads(r for m in article_ms for r in contexts[m].roles)
            home = next((p for p in people if not heads or not p.heads or heads & p.heads), None)
            if home is None:
                home = _Person()
                people.append(home)
            for m in article_ms:
                home.add(m, contexts[m])
        out.extend(people)
    return out


def cluster_others(mentions: Sequence[Mention], kinds: dict[Mention, str]) -> list[Cluster]:
    """Organisations, places and groups: same type and same or one-edit spelling, word by word."""
    words = {m: _key(name_words(m.text)) for m in mentions}
    spellings = sorted({(kinds[m], words[m]) for m in mentions if words[m]})
    union = _Union()
    for i, (ta, a) in enumerate(spellings):
        union.find((ta, a))
        for tb, b in spellings[i + 1 :]:
            if ta == tb and len(a) == len(b) and all(map(same_word, a, b)):
                union.union((ta, a), (tb, b))
    # "Velder Marrow" is "Velder Marrow Corp." without its suffix.
    suffixed = {
        (t, b[:-1]): (t, b)
        for t, b in spellings
        if len(b) > 1 and b[-1].rstrip(".") in _COMPANY_SUFFIXES
    }
    for t, a in spellings:
        if (t, a) in suffixed:
            union.union((t, a), suffixed[(t, a)])
        if len(a) == 1:
            longer = {
                union.find((t, b))
                for tb, b in spellings
                if tb == t and len(b) > 1 and same_word(a[0], b[0])
            }
            if len(longer) == 1:
                union.union((t, a), longer.pop())
    clusters: dict[object, Cluster] = {}
    for m in mentions:
        if not words[m]:
            continue
        root = union.find((kinds[m], words[m]))
        clusters.setdefault(root, Cluster(kinds[m])).mentions.append(m)
    return list(clusters.values())
