"""The pipeline: stages with one call shape, checked when assembled.

Each stage takes a :class:`Batch` and returns a new one. A stage declares the annotations it
``requires`` and those it ``provides``; :class:`Pipeline` refuses an order in which a stage runs
before what it needs, so a misassembled pipeline fails at construction, not halfway through
a run.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from storyline.errors import ConfigError
from storyline.records import Analysis, Article, RawInput, Rejection, SummarySentence

Progress = Callable[[str, int, int], None]
"""Called as ``progress(stage_name, done, total)`` during long stages."""


@dataclass(frozen=True)
class Batch:
    """What flows between stages: raw inputs, then articles, then the summary."""

    inputs: tuple[RawInput, ...] = ()
    articles: tuple[Article, ...] = ()
    rejected: tuple[Rejection, ...] = ()
    summary: tuple[SummarySentence, ...] = ()
    analysis: Analysis = field(default_factory=Analysis)
    provided: frozenset[str] = field(default_factory=frozenset)

    def replace(self, *, provides: Iterable[str] = (), **changes: object) -> Batch:
        return dataclasses.replace(
            self,
            provided=self.provided | frozenset(provides),
            **changes,  # type: ignore[arg-type]
        )


class Stage(Protocol):
    """A pipeline component."""

    name: str
    requires: frozenset[str]
    provides: frozenset[str]

    def __call__(self, batch: Batch, progress: Progress | None = None) -> Batch: ...


class Pipeline:
    """An ordered list of stages whose requirements are checked at assembly."""

    def __init__(self, stages: Sequence[Stage], *, given: Iterable[str] = ("inputs",)) -> None:
        self.given = frozenset(given)
        available = set(given)
        for stage in stages:
            missing = stage.requires - available
            if missing:
                raise ConfigError(
                    f"stage {stage.name!r} needs {sorted(missing)}, which no earlier stage provides"
                )
            available |= stage.provides
        self.stages = tuple(stages)

    @property
    def names(self) -> list[str]:
        return [stage.name for stage in self.stages]

    def __call__(self, batch: Batch, progress: Progress | None = None) -> Batch:
        batch = batch.replace(provides=self.given)
        for stage in self.stages:
            batch = stage(batch, progress)
        return batch
