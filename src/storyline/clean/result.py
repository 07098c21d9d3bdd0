"""What cleaning returns: the kept text and every removed span with its reason."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Removal:
    """A span of the *original* text that cleaning removed, and why.

    ``start``/``end`` are character offsets into the text given to the cleaner, so
    ``original[start:end] == text``. ``reason`` is a short human-readable label such as
    ``"duplicate paragraph"`` or ``"copyright line"``; metadata-bearing reasons
    (``"headline"``, ``"byline"``, ``"date header"``, ``"copyright line"``,
    ``"photo credit"``) are stable so that ingest can parse outlet and date from them.
    """

    start: int
    end: int
    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"start": self.start, "end": self.end, "text": self.text, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Cleaned:
    """Cleaned article text.

    ``text`` holds the kept paragraphs joined by a blank line, with whitespace inside each
    paragraph collapsed. ``title`` is the headline found at the top of the text (or the
    one given by the caller), if any; it is also listed in ``removed`` as ``"headline"``.
    """

    text: str
    removed: tuple[Removal, ...]
    title: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "text": self.text,
            "title": self.title,
            "removed": [removal.to_dict() for removal in self.removed],
        }
