"""What the pages show, as plain data for the templates (which escape every value).

Keeping the shaping here, not in templates, keeps the templates free of logic and lets tests
check the content of a page without parsing HTML.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit

from storyline.records import Article, Brief, Citation
from storyline.render.common import corroborated, coverage, day, numbered, title
from storyline.store.model import StoredStory


@dataclass(frozen=True, slots=True)
class Marker:
    """A citation marker: the source's number and the cited sentence it reveals."""

    key: str
    number: int
    article_id: str
    outlet: str
    sentence: str
    start: int
    end: int


@dataclass(slots=True)
class StoryView:
    """Everything the story page shows."""

    story: StoredStory
    title: str
    coverage: str
    summary: list[dict[str, Any]] = field(default_factory=list)
    outlets: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)
    unique: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    related: list[StoredStory] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)


class _Markers:
    """Makes markers with page-unique keys (a sentence may be cited in several sections)."""

    def __init__(self, brief: Brief) -> None:
        self.numbers = numbered(brief)
        self.by_id = {a.id: a for a in brief.articles}
        self.count = 0

    def _one(self, article_id: str, start: int, end: int) -> Marker | None:
        article = self.by_id.get(article_id)
        if article is None:
            return None
        self.count += 1
        return Marker(
            key=f"c{self.count}",
            number=self.numbers[article_id],
            article_id=article_id,
            outlet=article.outlet or "unknown outlet",
            sentence=article.text[start:end].strip() if end > start else "",
            start=start,
            end=end,
        )

    def cite(self, citations: Iterable[Citation]) -> list[Marker]:
        """One marker per cited article (its first cited sentence), in source order."""
        first: dict[str, Citation] = {}
        for c in citations:
            first.setdefault(c.article_id, c)
        made = [self._one(c.article_id, c.start, c.end) for c in first.values()]
        return sorted((m for m in made if m), key=lambda m: m.number)

    def articles(self, article_ids: Iterable[str]) -> list[Marker]:
        """Markers for articles cited as a whole (no particular sentence)."""
        made = [self._one(i, 0, 0) for i in dict.fromkeys(article_ids)]
        return sorted((m for m in made if m), key=lambda m: m.number)


def path_segment(ident: str) -> str:
    """``ident`` as one segment of a link's path, every reserved character escaped."""
    return quote(ident, safe="")


def safe_url(url: str | None) -> str | None:
    """``url`` if it is a plain http(s) address, else ``None`` (never link ``javascript:``)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def story_view(brief: Brief, story: StoredStory, related: list[StoredStory]) -> StoryView:
    """Shape a story's brief and storyline for the story page."""
    marks = _Markers(brief)
    a = brief.analysis
    view = StoryView(
        story=story,
        title=story.title or title(brief),
        coverage=coverage(brief),
        related=[s for s in related if s.id != story.id],
    )
    view.summary = [{"text": s.text, "markers": marks.cite(s.citations)} for s in brief.summary]
    by_outlet: dict[str, list[Article]] = {}
    for article in sorted(brief.articles, key=lambda x: marks.numbers[x.id]):
        by_outlet.setdefault(article.outlet or "unknown outlet", []).append(article)
    duplicates = set(story.duplicates)
    view.outlets = [
        {
            "name": name,
            "articles": [
                {
                    "id": x.id,
                    "number": marks.numbers[x.id],
                    "title": x.title or "untitled",
                    "day": day(x),
                    "duplicate": x.id in duplicates,
                }
                for x in articles
            ],
        }
        for name, articles in sorted(by_outlet.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]
    speakers: dict[str, list[dict[str, Any]]] = {}
    for q in a.quotes:
        speakers.setdefault(q.speaker_name or "Unattributed", []).append(
            {
                "text": q.text,
                "markers": marks.cite(Citation(v.article_id, v.start, v.end) for v in q.variants),
                "variants": [v.text for v in q.variants[1:] if v.text != q.text],
            }
        )
    view.quotes = [{"speaker": k, "quotes": v} for k, v in speakers.items()]
    view.facts = [
        {"text": f.text, "outlets": f.independent_outlets, "markers": marks.cite(f.citations)}
        for f in corroborated(a.facts)
    ]
    facts = {f.id: f for f in a.facts}
    shown: set[str] = set()
    for article_id, ids in sorted(a.unique.items(), key=lambda kv: marks.numbers.get(kv[0], 0)):
        fresh = [i for i in ids if i not in shown and i in facts]
        source = marks.by_id.get(article_id)
        if source is None or not fresh:
            continue
        shown.update(fresh)
        view.unique.append(
            {
                "outlet": source.outlet or "unknown outlet",
                "facts": [
                    {"text": facts[i].text, "markers": marks.cite(facts[i].citations)}
                    for i in fresh
                ],
            }
        )
    view.conflicts = [
        {
            "description": c.description,
            "kind": c.kind,
            "sides": [
                {"value": s.value, "text": s.text, "markers": marks.articles(s.article_ids)}
                for s in c.sides
            ],
        }
        for c in a.conflicts
    ]
    view.timeline = [
        {"date": t.date, "text": t.text, "markers": marks.cite(t.citations)} for t in a.timeline
    ]
    view.entities = [
        {
            "name": e.name,
            "type": e.type,
            "roles": list(e.roles),
            "aliases": [x for x in e.aliases if x != e.name],
            "articles": len(e.article_ids),
        }
        for e in a.entities
    ]
    view.sources = [
        {
            "id": x.id,
            "number": marks.numbers[x.id],
            "outlet": x.outlet or "unknown outlet",
            "title": x.title or "untitled",
            "day": day(x),
        }
        for x in sorted(brief.articles, key=lambda x: marks.numbers[x.id])
    ]
    return view


def paragraphs(text: str, mark: tuple[int, int] | None = None) -> list[list[dict[str, Any]]]:
    """The text's paragraphs (split at line breaks), each a list of ``{"text", "mark"}`` runs;
    the run inside ``mark`` (character offsets) is flagged so the page can highlight it."""
    found: list[list[dict[str, Any]]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            runs: list[dict[str, Any]] = []
            if mark and mark[0] < end and mark[1] > start and mark[1] > mark[0]:
                lo, hi = max(mark[0], start), min(mark[1], end)
                for piece, flag in (
                    (text[start:lo], False),
                    (text[lo:hi], True),
                    (text[hi:end], False),
                ):
                    if piece:
                        runs.append({"text": piece, "mark": flag})
            else:
                runs.append({"text": line, "mark": False})
            found.append(runs)
        start = end + 1
    return found
