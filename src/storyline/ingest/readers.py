"""Read articles from files, folders, globs, standard input and JSON Lines.

Each source yields :class:`RawInput` records (text or HTML plus whatever metadata came with it)
or :class:`Rejection` records. Nothing here raises on bad input.
"""

from __future__ import annotations

import glob
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from storyline.ingest.decode import DEFAULT_MAX_BYTES, Decoded, decode, gunzip, too_large
from storyline.records import RawInput, Rejection

#: Extensions picked up when walking a folder (a file named explicitly is read whatever it is).
ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_META_KEYS = ("title", "url", "outlet", "published", "id")

Item = RawInput | Rejection


def _suffix(path: Path) -> str:
    """The meaningful suffix: ``a.html.gz`` -> ``.html``."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def _walk(folder: Path) -> list[Path]:
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root, name)
            if not name.startswith(".") and _suffix(path) in ARTICLE_SUFFIXES:
                found.append(path)
    return found


def expand(specs: Iterable[str]) -> Iterator[Path | Rejection]:
    """Resolve CLI-style specs (files, folders, globs, ``-``) to paths, in a stable order."""
    for spec in specs:
        if spec == "-":
            yield Path("-")
            continue
        path = Path(spec)
        try:
            path.exists()
        except (OSError, ValueError) as exc:
            # A name too long for the file system, or one with a NUL byte: no such file.
            yield Rejection(spec[:200], f"not a usable path ({type(exc).__name__})")
            continue
        if path.is_dir():
            files = _walk(path)
            if not files:
                yield Rejection(spec, "folder holds no article files (.txt, .html, .jsonl)")
            yield from files
        elif path.exists():
            yield path
        elif glob.has_magic(spec):
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                yield Rejection(spec, "pattern matches no file")
            for match in matches:
                sub = Path(match)
                yield from (_walk(sub) if sub.is_dir() else [sub])
        else:
            yield Rejection(spec, "no such file or folder")


def _read_bytes(stream: BinaryIO, max_bytes: int) -> bytes:
    # Read one byte past the limit so an oversized input is detected without reading it all.
    return stream.read(max_bytes + 1)


def read_path(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Item]:
    """Read one file (or ``-`` for standard input) into raw inputs or rejections."""
    source = "<stdin>" if str(path) == "-" else str(path)
    try:
        if str(path) == "-":
            data = _read_bytes(sys.stdin.buffer, max_bytes)
        else:
            size = path.stat().st_size
            problem = too_large(size, max_bytes) if path.suffix.lower() != ".gz" else None
            if problem:
                return [Rejection(source, problem)]
            with path.open("rb") as handle:
                data = _read_bytes(handle, max_bytes)
    except OSError as exc:
        return [Rejection(source, f"cannot read: {exc.strerror or exc}")]
    if path.suffix.lower() == ".gz" or data[:2] == b"\x1f\x8b":
        unzipped = gunzip(data, max_bytes=max_bytes)
        if isinstance(unzipped, Decoded):
            return [Rejection(source, unzipped.problem or "broken gzip data")]
        data = unzipped
    kind = _suffix(path) if str(path) != "-" else ""
    return read_bytes(data, source=source, kind=kind, max_bytes=max_bytes)


def _sniff(text: str) -> str:
    head = text.lstrip()[:2000].lower()
    lines = [line for line in text.splitlines() if line.strip()]
    if lines and all(line.lstrip().startswith("{") for line in lines[:20]):
        return ".jsonl"
    if head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head):
        return ".html"
    return ".txt"


def read_bytes(
    data: bytes, *, source: str, kind: str = "", max_bytes: int = DEFAULT_MAX_BYTES
) -> list[Item]:
    """Decode ``data`` and read it as plain text, HTML or JSON Lines (``kind`` is a suffix)."""
    decoded = decode(data, max_bytes=max_bytes)
    if decoded.text is None:
        return [Rejection(source, decoded.problem or "unusable input")]
    text = decoded.text
    kind = kind or _sniff(text)
    if kind in JSONL_SUFFIXES:
        return list(read_jsonl(text, source=source, max_bytes=max_bytes))
    if kind in HTML_SUFFIXES:
        return [RawInput(source=source, html=text)]
    return [RawInput(source=source, text=text)]


def _field(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value).strip() or None
    raise TypeError(f"field {key!r} must be a string, not {type(value).__name__}")


def from_record(record: object, *, source: str) -> Item:
    """One JSON object (``text`` or ``html``, plus optional metadata) to a raw input."""
    if not isinstance(record, dict):
        return Rejection(source, f"expected a JSON object, got {type(record).__name__}")
    try:
        text, html = _field(record, "text"), _field(record, "html")
        meta = {key: _field(record, key) for key in _META_KEYS}
    except TypeError as exc:
        return Rejection(source, str(exc))
    if not text and not html:
        return Rejection(source, "record has neither 'text' nor 'html'")
    return RawInput(source=source, text=text, html=None if text else html, **meta)


def read_jsonl(text: str, *, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Each non-blank line is one article; a broken line is rejected, the rest go on."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        problem = too_large(len(line.encode("utf-8")), max_bytes)
        if problem:
            yield Rejection(where, problem)
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejection(where, f"invalid JSON: {exc.msg} at column {exc.colno}")
            continue
        yield from_record(record, source=where)
