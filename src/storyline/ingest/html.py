"""Main-content extraction from HTML pages: ``extract_html``.

trafilatura finds the article in the page (favouring precision: on the benchmark's dev split
that setting drops more newsletter boxes and teaser lists than it loses text; it falls back to
trafilatura's default settings when the precise pass finds nothing), and storyline's plain-text
cleaner runs on top, so that HTML and plain-text inputs are cleaned by the same rules (bylines,
credits, promos, repeated paragraphs). Page metadata (title, site name, date, author, canonical
URL) comes from trafilatura's metadata extraction.

``extract_page`` is the lower level used by ingest: the extracted text *before* cleaning, and
the page's visible lines that extraction left out (menus, teasers, captions, footers), so that
they can be listed among the article's removed spans with a reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.clean import clean_text

_TITLE_SEPARATOR = re.compile(r"\s+[|–—-]\s+|\s+::\s+")

# The publication time as pages state it for machines (Open Graph / article meta tags,
# schema.org JSON-LD). trafilatura reports the day only; these keep the time and the offset.
_META_TAG = re.compile(r"<meta\b[^>]{0,500}>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"([\w:.-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_TIME_NAMES = frozenset(
    {"article:published_time", "og:article:published_time", "datepublished", "pubdate"}
)
_JSON_LD_TIME = re.compile(r'"datePublished"\s*:\s*"([^"]{10,40})"')
_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d")


_BLOCK_TAGS = frozenset(
    """address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3
    h4 h5 h6 header hr li main nav ol p pre section table td th tr ul""".split()
)
_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object")
_MAX_DROPPED_LINES = 200


def visible_lines(html: str | bytes) -> list[str]:
    """The page's visible text, one line per block-level element (whitespace collapsed)."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    for element in list(root.iter(*_INVISIBLE_TAGS)):
        element.drop_tree()
    text = _text_with_breaks(root)
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def _text_with_breaks(element: object) -> str:
    """Text content of ``element`` with a line break around every block-level element."""
    parts: list[str] = []

    def walk(node: object) -> None:
        tag = getattr(node, "tag", None)
        block = isinstance(tag, str) and tag.lower() in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if isinstance(tag, str) and getattr(node, "text", None):
            parts.append(node.text)  # type: ignore[attr-defined]
        for child in node:  # type: ignore[attr-defined]
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    walk(element)
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class PageText:
    """The article text extracted from a page, *before* cleaning, and what was left out.

    ``dropped`` holds the page's visible lines that are not part of ``text`` (at most a few
    hundred), in page order.
    """

    text: str
    dropped: tuple[str, ...]
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    author: str | None


@dataclass(frozen=True, slots=True)
class HtmlExtract:
    """The article found in an HTML page, cleaned, with the page's metadata.

    ``published`` is an ISO 8601 date (``YYYY-MM-DD``) when the page states one, or the full
    time (``2026-05-15T13:30:00+02:00``) when its metadata gives one for that day.
    """

    text: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    author: str | None


def _headline(title: str | None, site: str | None) -> str | None:
    """The page title without the site name that pages append to it."""
    if not title:
        return None
    parts = [part.strip() for part in _TITLE_SEPARATOR.split(title) if part.strip()]
    if len(parts) < 2:
        return title.strip()
    if site:
        wanted = site.casefold()
        kept = [part for part in parts if part.casefold() != wanted]
        if len(kept) < len(parts):
            return " - ".join(kept) if kept else title.strip()
    # No site name to match: the headline is the longest part ("Headline | Section | Site").
    return max(parts, key=len)


def published_time(html: str | bytes) -> str | None:
    """The page's machine-readable publication time (``2026-05-15T13:30:00+02:00``), if it
    states one with a time of day."""
    text = html.decode("utf-8", "replace") if isinstance(html, bytes) else html
    for tag in _META_TAG.findall(text[:200_000]):
        attributes = {m[1].lower(): m[2] or m[3] or "" for m in _ATTRIBUTE.finditer(tag)}
        names = {attributes.get(k, "").lower() for k in ("property", "name", "itemprop")}
        content = attributes.get("content", "").strip()
        if names & _TIME_NAMES and _TIMESTAMP.match(content):
            return content
    found = _JSON_LD_TIME.search(text[:500_000])
    if found and _TIMESTAMP.match(found.group(1)):
        return found.group(1)
    return None


def _extract(html: str | bytes, url: str | None, precise: bool) -> object | None:
    import trafilatura

    return trafilatura.bare_extraction(
        html,
        url=url,
        favor_precision=precise,
        include_comments=False,
        with_metadata=True,
    )


def extract_page(html: str | bytes, *, url: str | None = None) -> PageText | None:
    """The article text of an HTML page before cleaning, with the visible lines left out and
    the page's metadata; ``None`` when the page has no article."""
    if not html or not html.strip():
        return None
    doc = _extract(html, url, precise=True)
    if doc is None or not getattr(doc, "text", None):
        doc = _extract(html, url, precise=False)
    if doc is None or not getattr(doc, "text", None):
        return None
    text = str(getattr(doc, "text", ""))
    kept = " ".join(text.split())
    dropped = tuple(line for line in visible_lines(html) if line not in kept)
    site = getattr(doc, "sitename", None) or None
    published = getattr(doc, "date", None) or None
    stated = published_time(html)
    if stated and (published is None or stated[:10] == published[:10]):
        published = stated  # the same day, with its time and offset
    return PageText(
        text=text,
        dropped=dropped[:_MAX_DROPPED_LINES],
        title=_headline(getattr(doc, "title", None), site),
        outlet=site,
        published=published,
        url=getattr(doc, "url", None) or url,
        author=getattr(doc, "author", None) or None,
    )


def extract_html(html: str | bytes, *, url: str | None = None) -> HtmlExtract | None:
    """The cleaned article text and metadata of an HTML page; ``None`` when it has no article."""
    page = extract_page(html, url=url)
    if page is None:
        return None
    cleaned = clean_text(page.text, title=page.title)
    if not cleaned.text.strip():
        return None
    return HtmlExtract(
        text=cleaned.text,
        title=page.title,
        outlet=page.outlet,
        published=page.published,
        url=page.url,
        author=page.author,
    )
