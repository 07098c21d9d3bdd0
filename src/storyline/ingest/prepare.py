"""From raw inputs to clean articles: HTML extraction, cleaning, metadata, ids.

This is the ``clean`` stage of the pipeline. Boilerplate removal itself lives in
:mod:`storyline.clean`; this module decides what each input's text and metadata are, and turns
inputs with nothing usable left into rejections.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from html.entities import html5

from storyline.clean import Cleaned, clean_many
from storyline.clean.blocks import normalise
from storyline.clean.rules import HEADLINE, reason_for
from storyline.index.units import typographic_quotes, wire_dashes
from storyline.ingest.html import extract_page
from storyline.ingest.language import foreign_language
from storyline.ingest.metadata import dateline, find_date, find_outlet, infer_published
from storyline.ingest.roundup import roundup_items
from storyline.pipeline import Batch, Progress
from storyline.records import Article, RawInput, Rejection, Removal, content_id, plausible_day

MIN_ARTICLE_WORDS = 15
#: Characters of an input's text that are read (about 25,000 words, far past any news
#: article); the rest is recorded as removed. Cross-source analysis compares every sentence
#: with every other, so an unbounded text (a log, a book) would take minutes and gigabytes.
MAX_ARTICLE_CHARS = 150_000
#: Why an input in another language is set aside (after "written in <language>").
NOT_ENGLISH = (
    "not English: the analysis reads English only (the any-language option keeps such articles)"
)
_HEADER_REASONS = ("date", "header", "byline", "dateline", "updated")


@dataclass(frozen=True, slots=True)
class _Extracted:
    raw: RawInput
    text: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    # Visible lines of an HTML page that extraction left out (not in ``text``).
    dropped: tuple[str, ...] = ()
    # The end of a text longer than MAX_ARTICLE_CHARS, cut off before cleaning.
    cut: Removal | None = None


_HTML_NOTE = " (left out by HTML extraction)"


def _dropped_removals(item: _Extracted) -> list[Removal]:
    """The page lines HTML extraction left out, as removals (no offsets: not in the text)."""
    title = " ".join((item.title or "").split()).casefold()
    removals = []
    for line in item.dropped:
        text = normalise(line)
        reason = (
            HEADLINE
            if title and text.casefold() == title
            else reason_for(text, group_size=1, outside=True)
        )
        removals.append(Removal(line, reason + _HTML_NOTE))
    return removals


def _iso(value: str | None) -> str | None:
    """An ISO 8601 form of a date written in metadata, or ``None`` if it is not a date."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        found = find_date(value)
        return found.isoformat() if found and plausible_day(found) else None
    return moment.isoformat() if plausible_day(moment.date()) else None


# Typesetting codes of agency feeds, written as SGML entity references: "&UR; Vale Review &LR;"
# (a magazine's name set apart), "&QL;" and "&QC;" (line ends), "&HT;" (a tab) as a whole
# headline: upper-case names of two or three letters that are not HTML entities ("&AMP;"
# becomes an ampersand). The spaces before a code go with it, and those after it when
# punctuation follows ("&UR; Vale Review &LR; , she" -> "Vale Review, she").
_MARKUP_CODE = re.compile(r"[ \t]*&([A-Z]{2,3});(?:[ \t]+(?=[,.;:!?]))?")


def strip_markup_codes(text: str) -> str:
    """``text`` without feed typesetting codes (see ``_MARKUP_CODE``)."""
    if "&" not in text:
        return text
    return _MARKUP_CODE.sub(_decoded_or_dropped, text)


def _decoded_or_dropped(code: re.Match[str]) -> str:
    entity = f"&{code.group(1)};"
    if entity[1:] in html5:
        return code.group(0).replace(entity, html5[entity[1:]])
    return ""


# Wire desks' notes in a headline: "(NOTE: FACT BOX FOLLOWS)", "(FOR RELEASE SUNDAY)",
# "(ART ADV: ...)", a part number "(2)" at the end, a slug "$ADV03", and a byline "... BY
# FIRSTNAME LASTNAME" (two words of capitals; "BY WAY OF X" is no name); in a headline set in
# capitals, a desk code at the end: "(DW)" ("Talks stall (UK)" keeps its country).
_DESK_NOTE = re.compile(
    r"\s*\((?:[^()]*\b(?:NOTE|FOR RELEASE|ADV|EDITORS?|EMBARGOED|OPTIONAL|ATTN|SIDEBAR|"
    r"clarifies|corrects)\b[^()]*)\)"
    r"|\s*\(\d{1,2}\)\s*$"
    r"|^\s*\$[A-Z]+\d*\s+"
    r"|\s+BY\s+(?!WAY\b|THE\b|A\b|AN\b)[A-Z][A-Z'.-]+\s+[A-Z][A-Z'-]+\s*$"
    # an editors' note ("... EDS-Adds quotes", "EDS: updates toll")
    r"|\s+EDS?\s*[-:].*$"
    # and a byline of two or more names ("... by Ona Vell, Ivo Telu"; one name may be the
    # headline's own: "Mural painted by Ona Vell")
    r"|\s+[Bb]y\s+[A-Z][a-z]+\s+[A-Z][a-z]+(?:,?\s+(?:and\s+)?[A-Z][a-z]+\s+[A-Z][a-z]+)+\s*$"
)

_BACKTICK_APOSTROPHE = re.compile(r"(?<=[^\W\d_])`(?=[^\W\d_])")
_DESK_CODE = re.compile(r"\s*\([A-Z]{1,3}\)\s*$")


def tidy_title(title: str | None) -> str | None:
    """A headline without feed codes and wire desks' notes, slugs and bylines (None if nothing
    is left).

    >>> tidy_title("FERRIES SAIL AGAIN (NOTE: FACT BOX FOLLOWS) (DW)")
    'FERRIES SAIL AGAIN'
    """
    cleaned = strip_markup_codes(title).strip() if title else ""
    if "`" in cleaned:  # ``...'' and `...' (not two apostrophes: "'West Wing,''Morrie'")
        # (and a backtick typed for an apostrophe: "THE PORT`S CREWS")
        cleaned = _BACKTICK_APOSTROPHE.sub("’", typographic_quotes(cleaned))
    cleaned = wire_dashes(cleaned)
    if not any(c.isalnum() for c in cleaned):
        return None  # a rule ("___") or punctuation only
    for _ in range(3):  # notes can follow one another
        tidier = _DESK_NOTE.sub("", cleaned).strip()
        if not any(c.islower() for c in tidier):
            tidier = _DESK_CODE.sub("", tidier)
        if tidier == cleaned:
            break
        cleaned = tidier
    return cleaned or None


def _title(title: str | None) -> str | None:
    # The headline as the feed gives it (codes dropped), for finding it in the text.
    cleaned = strip_markup_codes(title).strip() if title else ""
    return cleaned or None


def within_limit(text: str, limit: int = MAX_ARTICLE_CHARS) -> tuple[str, Removal | None]:
    """``text`` up to ``limit`` characters, cut at the last paragraph (else sentence, else
    word) that ends before it, and what was cut off as a removal with its reason."""
    if len(text) <= limit:
        return text, None
    head = text[:limit]
    for mark, kept in (("\n\n", 0), ("\n", 0), (". ", 1), (" ", 0)):
        at = head.rfind(mark)
        if at > limit // 2:
            cut = at + kept
            break
    else:
        cut = limit
    reason = f"past the first {limit:,} characters read of an article"
    return text[:cut], Removal(text[cut:], reason, cut, len(text))


def _extract(raw: RawInput) -> _Extracted | Rejection:
    if raw.html is None:
        text, cut = within_limit(strip_markup_codes(raw.text or ""))
        title, published = _title(raw.title), _iso(raw.published)
        return _Extracted(raw, text, title, raw.outlet, published, raw.url, cut=cut)
    page = extract_page(raw.html, url=raw.url)
    if page is None or not page.text.strip():
        return Rejection(raw.source, "no article text found in the HTML page")
    text, cut = within_limit(strip_markup_codes(page.text))
    return _Extracted(
        raw,
        text,
        _title(raw.title) or _title(page.title),
        raw.outlet or page.outlet,
        _iso(raw.published) or _iso(page.published),
        raw.url or page.url,
        page.dropped,
        cut,
    )


def _infer(
    item: _Extracted, cleaned: Cleaned, dropped: Sequence[Removal]
) -> tuple[str | None, str | None]:
    """Outlet and publication date, from metadata first, else from the removed lines."""
    removals = [(r.text, r.reason) for r in cleaned.removed]
    removals += [(r.text, r.reason) for r in dropped]
    removed = [text for text, _ in removals]
    headers = [text for text, reason in removals if any(k in reason for k in _HEADER_REASONS)]
    # Short lines before the body (headline, byline, date line) often carry the date too.
    top = [line for line in item.text.split("\n")[:8] if 0 < len(line.split()) <= 12]
    # The dateline is in the first paragraph, unless a headline or standfirst came first.
    paragraphs = [p for p in cleaned.text.split("\n") if p.strip()][:6]
    lead = next((p for p in paragraphs if dateline(p)), paragraphs[0] if paragraphs else "")
    outlet = item.outlet or find_outlet([*removed, *cleaned.text.split("\n")[-3:]], lead)
    published = item.published
    if published is None:
        bottom = item.text.rstrip().split("\n")[-5:]
        found = infer_published([*headers, *top], lead, [*removed, *bottom])
        published = found.isoformat() if found and plausible_day(found) else None
    return outlet, published


def prepare(
    inputs: Sequence[RawInput], progress: Progress | None = None, *, any_language: bool = False
) -> tuple[list[Article], list[Rejection]]:
    """Clean every input; inputs with no usable text become rejections.

    So do texts clearly written in a language other than English (the analysis reads
    English only), unless ``any_language``.
    """
    rejected: list[Rejection] = []
    extracted: list[_Extracted] = []
    for item in map(_extract, inputs):
        (rejected if isinstance(item, Rejection) else extracted).append(item)  # type: ignore[arg-type]
    cleaned = clean_many(
        [e.text for e in extracted],
        titles=[e.title for e in extracted],
        outlets=[e.outlet for e in extracted],
    )
    articles: list[Article] = []
    seen: dict[str, str] = {}
    for done, (item, result) in enumerate(zip(extracted, cleaned, strict=True), start=1):
        if progress:
            progress("clean", done, len(extracted))
        source = item.raw.source
        n_words = len(result.text.split())
        if n_words < MIN_ARTICLE_WORDS:
            rejected.append(
                Rejection(
                    source,
                    f"no article text: {n_words} words left after cleaning "
                    f"(at least {MIN_ARTICLE_WORDS} needed; {len(result.removed)} "
                    f"span{'s' * (len(result.removed) != 1)} removed)",
                )
            )
            continue
        language = None if any_language else foreign_language(result.text)
        if language is not None:
            rejected.append(Rejection(source, f"written in {language}, {NOT_ENGLISH}"))
            continue
        article_id = item.raw.id or content_id(item.raw.content)
        if article_id in seen:
            rejected.append(Rejection(source, f"duplicate of {seen[article_id]} (id {article_id})"))
            continue
        seen[article_id] = source
        dropped = _dropped_removals(item)
        outlet, published = _infer(item, result, dropped)
        article = Article(
            id=article_id,
            source=source,
            text=result.text,
            title=tidy_title(item.title or result.title),
            outlet=outlet,
            url=item.url,
            published=published,
            removed=(
                *(Removal(r.text, r.reason, r.start, r.end) for r in result.removed),
                *([item.cut] if item.cut else []),
                *dropped,
            ),
        )
        articles.extend(split_roundup(article))
    return articles, rejected


def split_roundup(article: Article) -> list[Article]:
    """The stories of a roundup as articles of their own (see :mod:`storyline.ingest.roundup`);
    any other article as it is.

    Item ``n`` gets the id ``<id>#n``, its own headline as title (else the roundup's title and
    its number), and the roundup's source, outlet, date and URL; what cleaning removed from the
    input is recorded on the first item. Items too short to be an article are left out.
    """
    parts: list[Article] = []
    for n, item in enumerate(roundup_items(article.text), start=1):
        text = article.text[item.start : item.end].strip()
        if len(text.split()) < MIN_ARTICLE_WORDS:
            continue
        parts.append(
            replace(
                article,
                id=f"{article.id}#{n}",
                text=text,
                title=tidy_title(item.title)
                or (f"{article.title} ({n})" if article.title else None),
                removed=article.removed if not parts else (),
                roundup=article.id,
            )
        )
    return parts or [article]


class PrepareStage:
    """Pipeline stage ``clean``: raw inputs to cleaned articles (and rejections)."""

    name = "clean"
    requires = frozenset({"inputs"})
    provides = frozenset({"articles"})

    def __init__(self, *, any_language: bool = False) -> None:
        self.any_language = any_language

    def __call__(self, batch: Batch, progress: Progress | None = None) -> Batch:
        articles, rejected = prepare(batch.inputs, progress, any_language=self.any_language)
        return batch.replace(
            articles=tuple(articles),
            rejected=(*batch.rejected, *rejected),
            provides=self.provides,
        )
