"""Errors raised by storyline.

Hierarchy::

    StorylineError          base of everything storyline raises on purpose
    ├── ConfigError         an option or setting is invalid (bad --words, unknown format)
    ├── NoUsableInputError  every input was rejected; carries the rejections
    └── StageError          a stage failed on one article; carries stage and article id

A single unusable article is *not* an error: it becomes a
:class:`storyline.records.Rejection` and the run goes on. Errors are for runs that cannot
produce anything meaningful.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storyline.records import Rejection


class StorylineError(Exception):
    """Base class of all errors storyline raises on purpose."""


class ConfigError(StorylineError, ValueError):
    """An option has an invalid value."""


class NoUsableInputError(StorylineError):
    """Every input was rejected, so there is nothing to brief."""

    def __init__(self, rejections: Sequence[Rejection]) -> None:
        self.rejections = tuple(rejections)
        if not self.rejections:
            message = "no input articles were given"
        else:
            reasons = "; ".join(f"{r.source}: {r.reason}" for r in self.rejections[:5])
            more = len(self.rejections) - 5
            tail = f" (and {more} more)" if more > 0 else ""
            message = f"no usable article among {len(self.rejections)} input(s): {reasons}{tail}"
        super().__init__(message)


class StageError(StorylineError):
    """A pipeline stage failed; says which stage and, when known, which article."""

    def __init__(self, stage: str, message: str, *, article_id: str | None = None) -> None:
        self.stage = stage
        self.article_id = article_id
        where = f" on article {article_id}" if article_id else ""
        super().__init__(f"stage {stage!r} failed{where}: {message}")
