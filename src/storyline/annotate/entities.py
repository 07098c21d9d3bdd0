"""Named entities merged across articles: one canonical entity per person, organisation, place
or group, with every spelling seen and the roles written next to its name.

Usage::

    mentions = find_mentions(articles)          # spaCy, one batched pass
    entities = merge_entities(articles, mentions)
    index = EntityIndex(entities, articles=articles)
    index.resolve(article.id, start, "the Mirovian leader")

How mentions become entities:

1. *Type by majority.* The recognizer's label of one spelling is pooled over the corpus; a
   single word counts as a person when full names ending in it were tagged PERSON ("Brandvik"
   tagged ORG in six sentences is still Ilona Brandvik's surname). A PERSON label right after
   "the" or before a common noun ("the Velna", "Zharsk reservoir") counts against a person.
2. *People.* Full names merge when first names and surnames are spellings of one name
   (:mod:`storyline.annotate.names`): Rouslan Khaïdarov = Ruslan Khaidarov. A bare surname
   goes to the full name it matches; when several share it (Anders Holm, Petra Holm) the role
   next to it decides, then the one most recently named in that article, then the only one named
   in that article, then the best known.
3. *Other entities* merge on equal or one-edit spellings of the same type, and a single word
   joins the only longer name of its type that starts with it ("Velna" -> "Velna River").
4. The canonical name is the best-supported spelling (most articles, then mentions), full names
   before surnames, and the entities come most important first.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from storyline import records
from storyline.annotate.mentions import Mention, analyse, find_mentions, lowercase_words
from storyline.annotate.merge import (
    Cluster,
    cluster_others,
    cluster_people,
    decide_types,
    name_words,
)
from storyline.annotate.names import GENDERED_PRONOUN, HONORIFIC_BEFORE, fold, key
from storyline.annotate.resolve import EntityIndex
from storyline.annotate.roles import RoleContext, roles_near
from storyline.pipeline import Progress
from storyline.records import Article

__all__ = ["Entity", "EntityIndex", "Mention", "find_entities", "find_mentions", "merge_entities"]

_TYPES = {"PERSON": "person", "ORG": "organisation", "NORP": "group"}
_ROLE_EDGE = re.compile(r"^(?:the|a|an|his|her|its|their)\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation, place or group, merged across articles.

    ``id`` is stable ("e-" and a short hash of type and canonical name); ``aliases`` holds every
    distinct spelling seen, the canonical ``name`` included; ``roles`` are the titles and
    appositions written next to the name ("Mirovian President", "Varenia's foreign minister").
    """

    id: str
    name: str
    type: str  # "person" | "organisation" | "place" | "group"
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    mentions: tuple[Mention, ...]
    article_ids: tuple[str, ...]

    def to_record(self) -> records.Entity:
        """The entity as the brief's record (mentions counted, not listed)."""
        return records.Entity(
            id=self.id,
            name=self.name,
            type=self.type,
            aliases=self.aliases,
            roles=self.roles,
            article_ids=self.article_ids,
            mentions=len(self.mentions),
        )


def entity_type(label: str) -> str:
    """The entity type for a spaCy label (GPE, LOC and FAC are places)."""
    return _TYPES.get(label, "place")


def find_entities(articles: Sequence[Article], progress: Progress | None = None) -> list[Entity]:
    """Mentions found and merged in one call: ``merge_entities(articles, find_mentions(...))``."""
    return merge_entities(articles, find_mentions(articles, progress=progress))


def merge_entities(articles: Sequence[Article], mentions: Sequence[Mention]) -> list[Entity]:
    """Canonical entities from ``mentions`` of ``articles``, most important first."""
    if not mentions:
        return []
    order = {a.id: i for i, a in enumerate(articles)}
    mentions = sorted(
        (m for m in mentions if m.article_id in order),
        key=lambda m: (order[m.article_id], m.start, m.end),
    )
    contexts = _contexts(articles, mentions)
    kinds = decide_types(articles, mentions, analyse(articles), contexts)
    people = [m for m in mentions if kinds[m] == "person"]
    by_id = {a.id: a for a in articles}
    passing = frozenset(
        m for m in people if any(q.start <= m.start < q.end for q in by_id[m.article_id].quotes)
    )
    clusters = cluster_people(people, contexts, passing, _genders(people, by_id)) + cluster_others(
        [m for m in mentions if kinds[m] != "person"], kinds
    )
    entities = [_entity(c, contexts, order) for c in clusters]
    entities.sort(key=lambda e: (-len(e.article_ids), -len(e.mentions), e.name))
    return entities


def _genders(people: Sequence[Mention], articles: dict[str, Article]) -> dict[Mention, str]:
    """What each mention says of its person's sex: an honorific before it ("Mrs. Vale"), or
    for a full name the first personal pronoun after it ("Ivo Vale ... his ship")."""
    out = {}
    for m in people:
        text = articles[m.article_id].text
        found = HONORIFIC_BEFORE.search(text, max(0, m.start - 6), m.start)
        if found:
            out[m] = "m" if found.group("m") else "f"
        elif " " in m.text.strip():
            pronoun = GENDERED_PRONOUN.search(text, m.end, m.end + 150)
            if pronoun:
                out[m] = "m" if pronoun.group("m") else "f"
    return out


def _contexts(
    articles: Sequence[Article], mentions: Sequence[Mention]
) -> dict[Mention, RoleContext]:
    """Roles next to each mention the recognizer or the majority vote may call a person."""
    lowercase = lowercase_words(a.text for a in articles)
    by_id = {a.id: (a, t) for a, t in zip(articles, analyse(articles), strict=True)}
    out = {}
    for m in mentions:
        article, tokens = by_id[m.article_id]
        out[m] = roles_near(article.text, tokens, m.start, m.end, lowercase)
    return out


def _entity(
    cluster: Cluster, contexts: dict[Mention, RoleContext], order: dict[str, int]
) -> Entity:
    mentions = tuple(cluster.mentions)
    name = _canonical(mentions)
    return Entity(
        id="e-" + hashlib.sha256(f"{cluster.type}:{name}".encode()).hexdigest()[:12],
        name=name,
        type=cluster.type,
        aliases=_aliases(mentions, name),
        roles=_roles(mentions, contexts) if cluster.type == "person" else (),
        mentions=mentions,
        article_ids=tuple(sorted({m.article_id for m in mentions}, key=order.__getitem__)),
    )


def _display(mentions: Sequence[Mention]) -> dict[str, tuple[str, set[str], int]]:
    """Spellings by folded-case form: the usual casing, its articles and its mention count."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[m.text.casefold()].append(m)
    out = {}
    for form, ms in groups.items():
        casings = Counter(m.text for m in ms)
        best = max(casings, key=lambda s: (not s.isupper(), casings[s]))
        out[form] = (best, {m.article_id for m in ms}, len(ms))
    return out


def _canonical(mentions: Sequence[Mention]) -> str:
    """The best-supported spelling.

    Full names before bare surnames; then the most articles for the spelling's transliteration
    family (Khaidarov and Khaydarov count together against a one-off Khaidorov), then for the
    exact spelling, then mentions; normal case before capitals; ties go to the first seen.
    """
    display = _display(mentions)
    family: dict[tuple[str, ...], set[str]] = defaultdict(set)
    surname: dict[tuple[str, ...], set[str]] = defaultdict(set)
    first_seen: dict[str, int] = {}
    for i, m in enumerate(mentions):
        k = _spelling_key(m.text)
        family[k].add(m.article_id)
        surname[k[-1:]].add(m.article_id)
        first_seen.setdefault(m.text.casefold(), i)

    def rank(form: str) -> tuple[bool, bool, int, int, int, int, int]:
        text, articles, count = display[form]
        k = _spelling_key(text)
        return (
            not text.isupper(),
            len(k) > 1,
            len(family[k]),
            len(articles),
            len(surname[k[-1:]]),
            count,
            -first_seen[form],
        )

    return display[max(display, key=rank)][0]


def _spelling_key(text: str) -> tuple[str, ...]:
    return tuple(key(w) for w in name_words(text))


def _aliases(mentions: Sequence[Mention], name: str) -> tuple[str, ...]:
    display = _display(mentions)
    ordered = sorted(display.values(), key=lambda v: (-len(v[1]), -v[2], v[0]))
    return (name, *(text for text, _, _ in ordered if text.casefold() != name.casefold()))


def _roles(mentions: Sequence[Mention], contexts: dict[Mention, RoleContext]) -> tuple[str, ...]:
    """Roles by how often they were written, one spelling per role (case and accents folded)."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        for role in contexts[m].roles:
            role = _ROLE_EDGE.sub("", role.strip())
            seen[fold(role)][role] += 1
    ranked = sorted(seen.values(), key=lambda c: -sum(c.values()))
    return tuple(c.most_common(1)[0][0] for c in ranked)
