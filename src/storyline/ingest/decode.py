"""Turn untrusted bytes into text, or say why they cannot be used."""

from __future__ import annotations

import gzip
import io
import unicodedata
from dataclasses import dataclass

import charset_normalizer

DEFAULT_MAX_BYTES = 5_000_000

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class Decoded:
    """Either ``text`` (decoded) or ``problem`` (why the bytes are unusable)."""

    text: str | None = None
    problem: str | None = None


def _human(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size:,} bytes"


def too_large(size: int, max_bytes: int) -> str | None:
    """The rejection reason when ``size`` is over the limit, else ``None``."""
    if size > max_bytes:
        return f"too large: {_human(size)} is over the {_human(max_bytes)} limit (--max-bytes)"
    return None


def gunzip(data: bytes, *, max_bytes: int) -> Decoded | bytes:
    """Decompress gzip data, refusing output over ``max_bytes`` (guards against gzip bombs)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            out = handle.read(max_bytes + 1)
    except (OSError, EOFError) as exc:
        return Decoded(problem=f"broken gzip data ({exc})")
    problem = too_large(len(out), max_bytes)
    return Decoded(problem=problem) if problem else out


def _control_share(text: str) -> float:
    """Share of characters that are control or unassigned code points (not whitespace)."""
    if not text:
        return 0.0
    bad = sum(
        1
        for ch in text
        if ch not in "\n\r\t\f\v" and unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn")
    )
    return bad / len(text)


def decode(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Decoded:
    """Decode ``data`` to text: BOM, then UTF-8, then a detected legacy encoding.

    Binary data (NUL bytes, many control characters) and data no encoding explains are refused
    with a reason rather than decoded into mojibake.
    """
    problem = too_large(len(data), max_bytes)
    if problem:
        return Decoded(problem=problem)
    if not data.strip():
        return Decoded(problem="empty input")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom) :].decode(encoding))
            except UnicodeDecodeError:
                return Decoded(problem=f"undecodable: invalid {encoding} after its byte-order mark")
    if b"\x00" in data[:65536]:
        return Decoded(problem="binary data (NUL bytes), not text")
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    matches = charset_normalizer.from_bytes(data)
    # Short Western text fits several single-byte code pages; Windows-1252 is by far the
    # most common of them on the web, so it wins whenever it is a plausible reading.
    for match in matches:
        if match.encoding in ("cp1252", "latin_1", "iso8859_15"):
            return _checked(data.decode("cp1252", errors="replace"))
    best = matches.best()
    if best is None:
        return Decoded(problem="undecodable: not valid UTF-8 and no text encoding fits")
    return _checked(str(best))


def _checked(text: str) -> Decoded:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return Decoded(problem="empty input")
    if _control_share(text[:100_000]) > 0.02:
        return Decoded(problem="binary data (control characters), not text")
    return Decoded(text=text)
