"""Typed records that flow through the pipeline.

Every record is a frozen dataclass. Annotations are character spans into one text (the article's
cleaned ``text``), never copied strings, so a citation can always be checked against its source.
``to_dict`` gives the JSON form used by ``storyline.brief/1``; ``from_dict`` reads it back.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

SCHEMA = "storyline.brief/1"


#: Publication years taken at their word. Content systems write placeholders at the ends of the
#: calendar ("0001-01-01", "9999-12-31") for an unknown date, and date arithmetic there fails.
PLAUSIBLE_YEARS = range(1600, 2600)


def plausible_day(day: date) -> bool:
    """Whether ``day`` can be a real publication day rather than a placeholder."""
    return day.year in PLAUSIBLE_YEARS


def content_id(content: str) -> str:
    """Stable id of a piece of content: the first 16 hex digits of SHA-256 over its words.

    Whitespace is normalised first, so re-wrapping a file does not change its id.
    """
    normalised = " ".join(content.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` into one text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def of(self, text: str) -> str:
        """The slice of ``text`` this span covers."""
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Removal:
    """A piece of the input that cleaning removed, with the reason (for auditing)."""

    text: str
    reason: str
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "reason": self.reason, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class RawInput:
    """One article as read from a source, before cleaning: plain text or HTML plus metadata."""

    source: str
    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    id: str | None = None

    @property
    def content(self) -> str:
        return self.text if self.text is not None else (self.html or "")


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not be used, and why. Rejections are data, not exceptions."""

    source: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Article:
    """One cleaned article with its segmentation.

    ``paragraphs``, ``sentences`` and ``quotes`` are spans into ``text``; ``published`` is an
    ISO 8601 date or date-time string.
    """

    id: str
    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    removed: tuple[Removal, ...] = ()
    # The id of the wire roundup this article is one item of (see storyline.ingest.roundup).
    roundup: str | None = None
    paragraphs: tuple[Span, ...] = ()
    sentences: tuple[Span, ...] = ()
    quotes: tuple[Span, ...] = ()

    @property
    def published_date(self) -> date | None:
        """The publication day, when known."""
        if not self.published:
            return None
        try:
            day = datetime.fromisoformat(self.published).date()
        except ValueError:
            return None
        return day if plausible_day(day) else None

    def sentence_text(self, index: int) -> str:
        return self.sentences[index].of(self.text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "outlet": self.outlet,
            "title": self.title,
            "url": self.url,
            "published": self.published,
            "text": self.text,
            "removed": [r.to_dict() for r in self.removed],
            "roundup": self.roundup,
            "paragraphs": [[s.start, s.end] for s in self.paragraphs],
            "sentences": [[s.start, s.end] for s in self.sentences],
            "quotes": [[s.start, s.end] for s in self.quotes],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        def spans(key: str) -> tuple[Span, ...]:
            return tuple(Span(int(a), int(b)) for a, b in data.get(key, ()))

        return cls(
            id=data["id"],
            source=data["source"],
            text=data["text"],
            title=data.get("title"),
            outlet=data.get("outlet"),
            url=data.get("url"),
            published=data.get("published"),
            roundup=data.get("roundup"),
            removed=tuple(
                Removal(r["text"], r["reason"], r.get("start", 0), r.get("end", 0))
                for r in data.get("removed", ())
            ),
            paragraphs=spans("paragraphs"),
            sentences=spans("sentences"),
            quotes=spans("quotes"),
        )


@dataclass(frozen=True, slots=True)
class Citation:
    """A pointer to the sentence of one article that supports a summary sentence."""

    article_id: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """One sentence of the summary, with every article that states the same content."""

    text: str
    citations: tuple[Citation, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "citations": [c.to_dict() for c in self.citations]}


@dataclass(frozen=True, slots=True)
class Fact:
    """One statement, as made by one or more articles (each supporting sentence is cited)."""

    id: str
    text: str
    citations: tuple[Citation, ...]
    independent_outlets: int
    first_reporter: str | None = None  # article id of the earliest supporting article

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.article_id for c in self.citations))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "article_ids": list(self.article_ids),
            "independent_outlets": self.independent_outlets,
            "first_reporter": self.first_reporter,
            "citations": [c.to_dict() for c in self.citations],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Fact:
        return cls(
            id=data["id"],
            text=data["text"],
            citations=tuple(Citation(**c) for c in data["citations"]),
            independent_outlets=data["independent_outlets"],
            first_reporter=data.get("first_reporter"),
        )


@dataclass(frozen=True, slots=True)
class ConflictSide:
    """One account in a conflict: what it says and which articles say it."""

    text: str
    article_ids: tuple[str, ...]
    value: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "article_ids": list(self.article_ids), "value": self.value}


@dataclass(frozen=True, slots=True)
class Conflict:
    """Outlets that report the same thing differently (a figure, a date, a name, a wording)."""

    id: str
    kind: str  # "number" | "date" | "quote"
    description: str
    sides: tuple[ConflictSide, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "description": self.description,
            "sides": [side.to_dict() for side in self.sides],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Conflict:
        return cls(
            id=data["id"],
            kind=data["kind"],
            description=data["description"],
            sides=tuple(
                ConflictSide(s["text"], tuple(s["article_ids"]), s.get("value"))
                for s in data["sides"]
            ),
        )


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation, place or group, merged across articles with its spellings."""

    id: str
    name: str
    type: str  # "person" | "organisation" | "place" | "group"
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()
    mentions: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "roles": list(self.roles),
            "article_ids": list(self.article_ids),
            "mentions": self.mentions,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls(
            id=data["id"],
            name=data["name"],
            type=data["type"],
            aliases=tuple(data.get("aliases", ())),
            roles=tuple(data.get("roles", ())),
            article_ids=tuple(data.get("article_ids", ())),
            mentions=int(data.get("mentions", 0)),
        )


@dataclass(frozen=True, slots=True)
class QuoteVariant:
    """One article's wording of a quote; ``start``/``end`` are offsets in its cleaned text."""

    article_id: str
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation, with its speaker and the wording each article printed."""

    id: str
    text: str
    speaker_name: str | None
    speaker_entity_id: str | None
    variants: tuple[QuoteVariant, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "speaker_entity_id": self.speaker_entity_id,
            "speaker_name": self.speaker_name,
            "text": self.text,
            "variants": [v.to_dict() for v in self.variants],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        return cls(
            id=data["id"],
            text=data["text"],
            speaker_name=data.get("speaker_name"),
            speaker_entity_id=data.get("speaker_entity_id"),
            variants=tuple(QuoteVariant(**v) for v in data["variants"]),
        )


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """Something that happened on a day, as stated (and cited) by one or more articles."""

    date: str  # YYYY-MM-DD
    text: str
    citations: tuple[Citation, ...]

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.article_id for c in self.citations))

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "text": self.text,
            "article_ids": list(self.article_ids),
            "citations": [c.to_dict() for c in self.citations],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TimelineEvent:
        return cls(
            date=data["date"],
            text=data["text"],
            citations=tuple(Citation(**c) for c in data["citations"]),
        )


_LETTERS = re.compile(r"[^\W\d_]{2,}")
# A dateline glued to the end of a sentence, which some wire feeds give as the headline
# ("HALDMOOR, Vale: officials said Sunday."): no headline opens in lower case after a colon
# or ends in a full stop.
_DATELINE_TAIL = re.compile(
    r"[A-Z][A-Z .'-]*[A-Z](?:, [A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*)?: [a-z].*\."
)


# A wire desk's category given as the headline ("OPED/EDITORIAL", "WASHINGTON/POLITICS").
_DESK_CATEGORY = re.compile(r"[A-Z]+(?:/[A-Z]+)+")


# A headline some feeds cut at a fixed length ends where no headline does: on an article, a
# preposition, a conjunction, a possessive or a colon ("Security Council weighs curbs in").
_CUT_SHORT = re.compile(
    r"(?:\b(?:a|an|the|of|in|to|for|and|with|by|at|from|as|into)|['’]s|[:,;-])\s*$", re.IGNORECASE
)


def cut_short(title: str | None) -> bool:
    """Whether a headline was cut at a fixed length by its feed ("Council weighs curbs in")."""
    return bool(_CUT_SHORT.search(title or ""))


def shouted(title: str | None) -> bool:
    """Whether a headline is set in capitals, as a wire's slug line ("FERRIES SAIL AGAIN")."""
    return (title or "").isupper()


def usable_title(title: str | None) -> bool:
    """Whether a headline says something: two words of letters, not a code such as "&HT;",
    a desk's category or a dateline with a sentence's last words."""
    return (
        title is not None
        and not title.lstrip().startswith("&")
        and len(_LETTERS.findall(title)) >= 2
        and not _DATELINE_TAIL.fullmatch(title.strip())
        and not _DESK_CATEGORY.fullmatch(title.strip())
    )


@dataclass(frozen=True, slots=True)
class Story:
    """Articles of the input that cover one event; ``main`` marks the one the brief is about."""

    id: str
    title: str | None
    article_ids: tuple[str, ...]
    main: bool
    summary: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "article_ids": list(self.article_ids),
            "main": self.main,
            "summary": self.summary,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Story:
        return cls(
            id=data["id"],
            title=data.get("title"),
            article_ids=tuple(data["article_ids"]),
            main=bool(data["main"]),
            summary=data["summary"],
        )


@dataclass(frozen=True, slots=True)
class Analysis:
    """How the articles' accounts relate: entities, quotes, facts, conflicts, timeline, stories."""

    stories: tuple[Story, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    facts: tuple[Fact, ...] = ()
    unique: dict[str, tuple[str, ...]] = field(default_factory=dict)
    conflicts: tuple[Conflict, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "stories": [s.to_dict() for s in self.stories],
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
            "facts": [f.to_dict() for f in self.facts],
            "unique": {k: list(v) for k, v in self.unique.items()},
            "conflicts": [c.to_dict() for c in self.conflicts],
            "timeline": [t.to_dict() for t in self.timeline],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        return cls(
            stories=tuple(Story.from_dict(s) for s in data.get("stories", ())),
            entities=tuple(Entity.from_dict(e) for e in data.get("entities", ())),
            quotes=tuple(Quote.from_dict(q) for q in data.get("quotes", ())),
            facts=tuple(Fact.from_dict(f) for f in data.get("facts", ())),
            unique={k: tuple(v) for k, v in data.get("unique", {}).items()},
            conflicts=tuple(Conflict.from_dict(c) for c in data.get("conflicts", ())),
            timeline=tuple(TimelineEvent.from_dict(t) for t in data.get("timeline", ())),
        )


@dataclass(frozen=True, slots=True)
class Brief:
    """The result of a run: the articles used, those rejected, and the cited summary."""

    articles: tuple[Article, ...]
    rejected: tuple[Rejection, ...] = ()
    summary: tuple[SummarySentence, ...] = ()
    title: str | None = None
    focus: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    analysis: Analysis = field(default_factory=Analysis)

    def article(self, article_id: str) -> Article:
        """The article with this id (``KeyError`` if absent)."""
        for article in self.articles:
            if article.id == article_id:
                return article
        raise KeyError(article_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "title": self.title,
            "focus": self.focus,
            "options": dict(self.options),
            "articles": [a.to_dict() for a in self.articles],
            "rejected": [r.to_dict() for r in self.rejected],
            "summary": [s.to_dict() for s in self.summary],
            **self.analysis.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Brief:
        if data.get("schema") != SCHEMA:
            raise ValueError(f"not a {SCHEMA} document: schema={data.get('schema')!r}")
        return cls(
            articles=tuple(Article.from_dict(a) for a in data["articles"]),
            rejected=tuple(Rejection(r["source"], r["reason"]) for r in data["rejected"]),
            summary=tuple(
                SummarySentence(
                    s["text"],
                    tuple(Citation(c["article_id"], c["start"], c["end"]) for c in s["citations"]),
                )
                for s in data["summary"]
            ),
            title=data.get("title"),
            focus=data.get("focus"),
            options=dict(data.get("options") or {}),
            analysis=Analysis.from_dict(data),
        )


def roundup_item_ids(articles: Sequence[Article]) -> set[str]:
    """Ids of the articles that are items of a wire roundup."""
    return {a.id for a in articles if a.roundup}


def off_topic(stories: Sequence[Story], articles: Sequence[Article]) -> set[str]:
    """Ids of the stories other than the main one told only by roundup items (a digest's other
    subjects): not related to the brief's story, so not listed with it."""
    items = roundup_item_ids(articles)
    return {s.id for s in stories if not s.main and all(i in items for i in s.article_ids)}
