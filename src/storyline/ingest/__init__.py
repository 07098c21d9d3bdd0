"""Ingest: read articles from paths, globs, standard input or Python objects.

``load`` accepts what :func:`storyline.brief` accepts and returns raw inputs plus rejections;
:mod:`storyline.ingest.prepare` then turns raw inputs into clean articles.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from os import PathLike
from pathlib import Path

from storyline.ingest.decode import DEFAULT_MAX_BYTES
from storyline.ingest.readers import expand, from_record, read_path
from storyline.records import RawInput, Rejection

__all__ = ["DEFAULT_MAX_BYTES", "InputLike", "load"]

InputLike = str | PathLike[str] | RawInput | Mapping[str, object]
"""A path, folder, glob or ``"-"``; a :class:`RawInput`; or a dict like one JSON Lines record."""


def load(
    items: Iterable[InputLike] | InputLike, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[list[RawInput], list[Rejection]]:
    """Read every item; unusable ones become rejections with a reason."""
    if isinstance(items, str | PathLike | RawInput | Mapping):
        items = [items]
    inputs: list[RawInput] = []
    rejected: list[Rejection] = []
    for n, item in enumerate(items):
        if isinstance(item, RawInput):
            inputs.append(item)
            continue
        if isinstance(item, Mapping):
            found = from_record(dict(item), source=str(item.get("source") or f"<object {n}>"))
            (inputs if isinstance(found, RawInput) else rejected).append(found)  # type: ignore[arg-type]
            continue
        if not isinstance(item, str | PathLike):
            raise TypeError(
                "inputs are paths, folders, globs, '-', RawInput objects or dicts like a JSON "
                f"Lines record, not {type(item).__name__}"
            )
        for path in expand([str(item)]):
            if isinstance(path, Rejection):
                rejected.append(path)
                continue
            for read in read_path(Path(path), max_bytes=max_bytes):
                (inputs if isinstance(read, RawInput) else rejected).append(read)  # type: ignore[arg-type]
    return inputs, rejected
