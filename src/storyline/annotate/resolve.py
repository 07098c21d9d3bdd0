"""Which entity a name or a role phrase at a place in an article refers to.

Used by quote attribution: "Khaidorov told reporters" and "said the Mirovian leader" must both
point at one canonical entity. Pronouns are not resolved here (that needs the quote's context).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from storyline.annotate.merge import name_words, role_heads
from storyline.annotate.names import (
    DETERMINERS,
    INDEFINITE,
    LEADERS,
    TITLES,
    fold,
    is_honorific,
    is_title,
    same_first_name,
    same_stem,
    same_word,
    suffix,
    surname,
)
from storyline.records import Article

if TYPE_CHECKING:
    from storyline.annotate.entities import Entity

_WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*")
_LINKS = frozenset({"of", "for", "at"})
_WINDOW = 80  # characters around a mention in which a role counts as written "here"


@dataclass(slots=True)
class _Role:
    """One role of a person: content words, head noun, and the place/group words in it."""

    words: frozenset[str]
    head: str
    places: frozenset[str]


@dataclass(slots=True)
class _Known:
    """What the index knows about one entity."""

    entity: Entity
    fulls: list[tuple[str, ...]] = field(default_factory=list)
    singles: set[str] = field(default_factory=set)
    roles: dict[str, _Role] = field(default_factory=dict)
    places: set[str] = field(default_factory=set)
    positions: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))


class EntityIndex:
    """Look-up of entities by name or role at a position of an article.

    ``articles`` (optional) lets a role written next to a name in the same article count more
    than one written elsewhere ("the foreign minister" after "Foreign Minister Anders Holm").
    """

    def __init__(self, entities: Sequence[Entity], *, articles: Sequence[Article] = ()) -> None:
        self.entities_ = tuple(entities)
        # One-word names of places, groups and organisations qualify roles ("Mirovian",
        # "Kremlin"); words of longer names ("State Assembly") are too often common nouns.
        self.places_ = {
            w
            for e in entities
            if e.type != "person"
            for a in e.aliases
            for w in name_words(a)
            if len(name_words(a)) == 1
        }
        self._place_memo: dict[str, bool] = {}
        self._at: dict[str, list[tuple[int, int, str, Entity]]] = defaultdict(list)
        self._known: list[_Known] = [self._learn(e) for e in entities]
        self._local: dict[tuple[str, str], set[str]] = defaultdict(set)
        texts = {a.id: a.text for a in articles}
        self._texts = texts
        for known in self._known:
            for m in known.entity.mentions:
                if m.article_id in texts:
                    for role in _adjacent(texts[m.article_id], m.start, m.end, known.roles):
                        self._local[(known.entity.id, m.article_id)].add(role)
        self._heads = {k.entity.id: {r.head for r in k.roles.values()} for k in self._known}
        self.role_heads_ = {h for heads in self._heads.values() for h in heads}
        self._role_words = {w for k in self._known for r in k.roles.values() for w in r.words}

    def _learn(self, entity: Entity) -> _Known:
        known = _Known(entity)
        for alias in entity.aliases:
            words = name_words(alias)
            if len(words) > 1:
                known.fulls.append(words)
            if words:
                known.singles.add(surname(words) if entity.type == "person" else " ".join(words))
        for role in entity.roles:
            found = [w for w in _WORD.findall(fold(role)) if w not in DETERMINERS]
            plain = [w[:-2] if w.endswith(("'s", "’s")) else w for w in found]
            places = frozenset(w for w in plain if self._is_place(w))
            content = frozenset(w for w in plain if w not in places and w not in _LINKS)
            heads = role_heads([role])
            known.roles[fold(role)] = _Role(content, heads.pop() if heads else "", places)
            known.places |= places
        for m in entity.mentions:
            self._at[m.article_id].append((m.start, m.end, m.text, entity))
            known.positions[m.article_id].append(m.start)
        return known

    def _is_place(self, word: str) -> bool:
        known = self._place_memo.get(word)
        if known is None:
            known = self._place_memo[word] = any(same_stem(word, p) for p in self.places_)
        return known

    def resolve(self, article_id: str, start: int, text: str) -> Entity | None:
        """The entity that ``text`` at offset ``start`` of article ``article_id`` refers to.

        ``text`` is a name ("Khaidarov", a misspelling such as "Khaidorov", "Mr Khaidarov's")
        or a role phrase ("the Mirovian leader", "the foreign minister"); ``None`` when nothing
        fits (pronouns included).
        """
        found = self._written(article_id, start, text)
        if found is not None:
            return found
        words = _WORD.findall(text)
        if words and fold(words[0]) in INDEFINITE:
            # "a Foreign Office spokesman" introduces someone unnamed, not a known person.
            return None
        while words and fold(words[0]) in DETERMINERS:
            words.pop(0)
        words = [re.sub(r"['’]s?$", "", w) for w in words]
        if not words:
            return None
        roles = self._role_words
        names = [
            w
            for w in words
            if w[:1].isupper()
            and not is_title(w)
            and fold(w) not in roles
            and not self._is_place(fold(w))
        ]
        if names:
            found = self._by_name(article_id, start, [fold(w) for w in names])
            if found is not None or not any(is_title(w) or fold(w) in roles for w in words):
                return found
        return self._by_role(article_id, start, [fold(w) for w in words])

    def _written(self, article_id: str, start: int, text: str) -> Entity | None:
        """The entity of a mention inside ``text`` at ``start``: a person, or a name that is all
        of ``text`` but for determiners and a possessive ("the Velna", "the Kremlin's")."""
        end = start + len(text)
        for s, e, written, entity in self._at.get(article_id, ()):
            if start <= s and e <= end and text[s - start : e - start] == written:
                rest = _WORD.findall(text[: s - start] + " " + text[e - start :])
                extra = [w for w in rest if fold(w) not in DETERMINERS and not is_honorific(w)]
                if entity.type == "person" or all(w == "s" for w in extra):
                    return entity
        return None

    def _by_name(self, article_id: str, start: int, names: list[str]) -> Entity | None:
        people = [k for k in self._known if k.entity.type == "person"]
        if len(names) > 1:
            full = [
                k
                for k in people
                if any(
                    same_word(surname(f), surname(names))
                    and suffix(f) == suffix(names)
                    and same_first_name(f[0], names[0])
                    for f in k.fulls
                )
            ]
            if full:
                return self._pick(full, article_id, start)
        last = surname(names)
        candidates = [k for k in people if any(same_word(last, s) for s in k.singles)]
        if not candidates:
            joined = " ".join(names)
            candidates = [
                k
                for k in self._known
                if k.entity.type != "person"
                and any(s == joined or (len(s) >= 6 and same_word(s, joined)) for s in k.singles)
            ]
        return self._pick(candidates, article_id, start) if candidates else None

    def _pick(self, candidates: list[_Known], article_id: str, start: int) -> Entity:
        """Named last before ``start``, else named in the article, else the best known."""

        def rank(k: _Known) -> tuple[int, bool, int, int]:
            here = k.positions.get(article_id, [])
            before = max((p for p in here if p <= start), default=-1)
            return before, bool(here), len(k.entity.article_ids), len(k.entity.mentions)

        return max(candidates, key=rank).entity

    def _unnamed_before(self, article_id: str, start: int, head: str) -> bool:
        """Whether the article introduced an unnamed one ("a ministry spokesman") before
        ``start`` and named nobody with that role since: "the spokesman" is that one."""
        text = self._texts.get(article_id)
        if text is None:
            return False
        intros = list(_indefinite_role(head).finditer(text, 0, start))
        if not intros:
            return False
        last = intros[-1]
        return not any(
            last.start() <= s < start and head in self._heads[entity.id]
            for s, _, _, entity in self._at.get(article_id, ())
        )

    def _by_role(self, article_id: str, start: int, words: list[str]) -> Entity | None:
        places = {w for w in words if self._is_place(w)}
        content = [w for w in words if w not in places]
        core = content[: next((i for i, w in enumerate(content) if w in _LINKS), len(content))]
        if not core:
            return None
        head = core[-1]
        if head not in TITLES and head not in self.role_heads_:
            return None
        if self._unnamed_before(article_id, start, head):
            return None
        asked = frozenset(w for w in content if w not in _LINKS)
        best: tuple[tuple[int, float, bool, float, int, int, int, int], Entity] | None = None
        for k in self._known:
            if k.entity.type != "person":
                continue
            if places:
                matched = any(same_stem(q, p) for q in places for p in k.places)
                if not matched and k.places:
                    continue
                affinity = int(matched)
            else:
                affinity = 0
            here = k.positions.get(article_id, [])
            if not here and not places and len(asked) <= 1:
                # A bare "the minister" means one this article names, not one named elsewhere
                # (other articles of a cluster may be about other countries' ministers).
                continue
            local = self._local.get((k.entity.id, article_id), set())
            scores = {name: _score(asked, head, places, r) for name, r in k.roles.items()}
            near = max((scores[name] for name in local), default=0.0)
            anywhere = max(scores.values(), default=0.0)
            if not here and not affinity and anywhere < 2.0:
                # Someone this article does not name needs all of the role's words ("the
                # Commission spokesman" is not another body's spokesman named elsewhere).
                continue
            # A place alone ("the Mirovian spokesman") is no match for any Mirovian: only
            # for a generic leader word ("the Mirovian leader" for the Mirovian President).
            if not (near or anywhere or ((affinity or here) and head in LEADERS)):
                continue
            before = max((p for p in here if p <= start), default=-1)
            key = (
                affinity, near, bool(here), anywhere, before if anywhere else -1,
                len(k.entity.article_ids), len(k.entity.mentions), before,
            )  # fmt: skip
            if best is None or key > best[0]:
                best = (key, k.entity)
        return best[1] if best else None


@lru_cache(maxsize=256)
def _indefinite_role(head: str) -> re.Pattern[str]:
    """ "a Foreign Office spokesman", "one observer": someone unnamed with the role ``head``."""
    return re.compile(rf"\b(?:an?|one|another)\s+(?:[\w'’.-]+\s+){{0,4}}{re.escape(head)}\b", re.I)


def _adjacent(text: str, start: int, end: int, roles: dict[str, _Role]) -> list[str]:
    """Roles written right before the name or in an apposition right after it."""
    before = fold(text[max(0, start - _WINDOW) : start]).rstrip(" ,")
    after = fold(text[end : end + _WINDOW]).lstrip(" ,")
    after = re.sub(r"^(?:the|a|an|his|her|its|their)\s+", "", after)
    return [r for r in roles if before.endswith(r) or after.startswith(r)]


def _score(asked: frozenset[str], head: str, places: set[str], role: _Role) -> float:
    """How well a role phrase fits one role: 3 exact, 2 same head and words, 1 same head."""
    if role.head != head:
        return 0.0
    same_places = (not places and not role.places) or any(
        same_stem(q, p) for q in places for p in role.places
    )
    if asked == role.words and same_places:
        return 3.0
    return 2.0 if asked <= role.words else 1.0
