"""All annotations of a set of articles in one call: entities, quotes and the timeline.

Entities need spaCy and an English pipeline; when either is missing (or cannot load), the
analysis goes on without entities: quotes are still found and attributed by pattern to the
speaker as written, and the timeline needs no model at all.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline import records
from storyline.annotate.people import People
from storyline.annotate.quotes import Quotation, attribute_quotes
from storyline.annotate.timeline import TimelineConfig, build_timeline
from storyline.annotate.variants import merge_quotations
from storyline.errors import ConfigError
from storyline.pipeline import Progress
from storyline.records import Article

if TYPE_CHECKING:
    from storyline.annotate.entities import Entity

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Annotations:
    """The records the brief carries: canonical entities, merged quotes, dated events."""

    entities: tuple[records.Entity, ...] = ()
    quotes: tuple[records.Quote, ...] = ()
    timeline: tuple[records.TimelineEvent, ...] = ()
    #: Why entities are missing, when they are (for instance "spaCy is not installed").
    degraded: str | None = None


def annotate(
    articles: Sequence[Article],
    *,
    entities: bool = True,
    quotes: bool = True,
    timeline: bool = True,
    timeline_config: TimelineConfig | None = None,
    progress: Progress | None = None,
) -> Annotations:
    """Entities, quotes and timeline of ``articles`` (each part can be switched off)."""
    found: list[Entity] = []
    degraded = None
    if entities or quotes:
        found, degraded = find_entities_safely(articles, progress)
    quotations: list[Quotation] = []
    if quotes:
        people = People(found, articles=articles)
        for article in articles:
            quotations.extend(attribute_quotes(article, people))
    return Annotations(
        entities=tuple(e.to_record() for e in found) if entities else (),
        quotes=tuple(merge_quotations(articles, quotations)) if quotes else (),
        timeline=tuple(build_timeline(articles, timeline_config)) if timeline else (),
        degraded=degraded,
    )


def find_entities_safely(
    articles: Sequence[Article], progress: Progress | None = None
) -> tuple[list[Entity], str | None]:
    """Canonical entities, or none and the reason when spaCy cannot run here."""
    try:
        from storyline.annotate.entities import find_entities

        return find_entities(articles, progress), None
    except ImportError as exc:
        reason = f"spaCy is not installed ({exc})"
    except (ConfigError, OSError) as exc:
        reason = str(exc)
    log.warning("entities skipped: %s", reason)
    return [], reason
