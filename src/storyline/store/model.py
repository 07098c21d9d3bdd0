"""The store's data model, independent of the database that holds it.

These records are what the store returns; the SQL schema in :mod:`storyline.store.schema` is
written so the same tables work in SQLite (the embedded default) and PostgreSQL. A backend
implements :class:`StoryStore`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from storyline.records import Article, Rejection


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusterConfig:
    """Settings of online clustering (thresholds are cosine similarities of TF-IDF vectors).

    An article joins the candidate story whose centroid is at least ``story_threshold`` close,
    or one of whose latest ``member_checks`` members is at least ``member_threshold`` close
    (searched in the ``member_candidates`` stories closest by centroid); the larger margin over
    its threshold ranks the candidates. Two stories merge when their centroids are at least
    ``merge_threshold`` close. A story still made of one article is looked at again when each
    of ``recheck_lags`` more articles have been stored after it (0: at the end of its own
    batch, so a small input gets its second look too), since stories that formed or moved in
    the meantime may hold it now. A story that grows past a power of two members (up
    to ``split_max_size``) is cut in two by average link and split when both groups have at
    least ``split_min_size`` members and their centroids are less than ``merge_threshold``
    close (0 turns splitting off). At a recheck a lone article may also join a story whose
    evidence falls short of the threshold by at most ``recheck_relax`` times it, when that story
    leads the runner-up by a factor of ``recheck_lead`` (a clear nearest story). A story of at
    least ``reassign_min_size`` members that grew past a checkpoint (sizes ``review_growth``
    times apart) moves each member whose closest other story is ``reassign_ratio`` times as
    close as the rest of its own story (0 turns this off). ``story_window_days`` bounds how
    far apart (in publication days) articles of one story may be; ``None`` means no bound
    (topic-level clustering, as in DUC's topic clusters).
    """

    story_threshold: float = 0.24
    merge_threshold: float = 0.45
    storyline_threshold: float = 0.14
    story_window_days: int | None = 3
    storyline_window_days: int | None = 45
    duplicate_containment: float = 0.5
    query_terms: int = 12
    vector_terms: int = 120
    centroid_terms: int = 400
    candidates: int = 24
    duplicate_checks: int = 40
    member_threshold: float = 0.5
    member_candidates: int = 4
    member_checks: int = 8
    recheck_lags: tuple[int, ...] = (0, 50, 200, 600)
    split_min_size: int = 8
    split_max_size: int = 1024
    recheck_relax: float = 0.2
    recheck_lead: float = 1.4
    reassign_ratio: float = 1.5
    reassign_min_size: int = 4
    review_growth: float = 1.5

    @classmethod
    def topics(cls) -> ClusterConfig:
        """Topic-level clustering (no date bound), as tuned on DUC 2007's topic clusters."""
        return cls(
            story_threshold=0.15,
            merge_threshold=0.3,
            story_window_days=None,
            storyline_window_days=None,
            vector_terms=60,
        )


@dataclass(frozen=True, slots=True)
class StoredStory:
    """A story as read from the store."""

    id: str
    title: str | None
    storyline_id: str
    article_ids: tuple[str, ...]
    sources: tuple[str, ...]
    outlets: tuple[str, ...]
    first_day: date | None
    last_day: date | None
    duplicates: tuple[str, ...] = ()  # ids of members marked as near-duplicates

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "storyline_id": self.storyline_id,
            "article_ids": list(self.article_ids),
            "sources": list(self.sources),
            "outlets": list(self.outlets),
            "first_day": self.first_day.isoformat() if self.first_day else None,
            "last_day": self.last_day.isoformat() if self.last_day else None,
            "duplicates": list(self.duplicates),
        }


@dataclass(frozen=True, slots=True)
class Placement:
    """Where online clustering put one stored article."""

    article_id: str
    story_id: str
    new_story: bool
    duplicate_of: str | None = None
    merged: tuple[str, ...] = ()  # stories merged into ``story_id`` because of this article


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What one committed batch did: articles stored, inputs skipped or rejected."""

    placements: tuple[Placement, ...] = ()
    skipped: tuple[str, ...] = ()  # article ids already in the store
    rejected: tuple[Rejection, ...] = ()


@dataclass(slots=True)
class IngestReport:
    """Totals of an ingest run."""

    stored: int = 0
    skipped: int = 0
    rejected: int = 0
    new_stories: int = 0
    merges: int = 0
    duplicates: int = 0
    seconds: float = 0.0
    rejections: list[Rejection] = field(default_factory=list)


class StoryStore(Protocol):
    """What every store backend offers (SQLite now; PostgreSQL can follow the same tables)."""

    def add_batch(
        self, articles: Sequence[Article], rejected: Sequence[Rejection] = ()
    ) -> BatchResult:
        """Store and cluster ``articles`` in one transaction; return after it is committed."""
        ...

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        """Those of ``ids`` already stored."""
        ...

    def stories(
        self, *, since: date | None = None, search: str | None = None, limit: int | None = None
    ) -> list[StoredStory]:
        """Stories, newest last day first."""
        ...

    def story(self, story_id: str) -> StoredStory:
        """One story by id or unique id prefix (``KeyError`` if none)."""
        ...

    def articles(self, ids: Sequence[str]) -> list[Article]:
        """Stored articles rebuilt as records (without segmentation), in the order asked."""
        ...

    def iter_articles(self) -> Iterator[tuple[Article, str, str | None]]:
        """Every article with its story id and the article it duplicates, in ingest order."""
        ...

    def close(self) -> None:
        """Release the connection."""
        ...
