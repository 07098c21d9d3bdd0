"""HTML pages: the publication time from the page's metadata."""

from __future__ import annotations

import pytest

from storyline.ingest.html import extract_page, published_time

PROSE = " ".join(
    [
        "The port authority said on Friday that dock workers would return to work on Saturday",
        "after a nineteen-hour session of talks ended with a two-year agreement on pay.",
    ]
    * 4
)


def _page(head: str) -> str:
    return (
        f"<html><head><title>Strike ends - The Standard</title>{head}</head><body>"
        f"<article><h1>Strike ends</h1><p>{PROSE}</p><p>{PROSE}</p></article></body></html>"
    )


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (
            '<meta property="article:published_time" content="2026-05-15T13:30:00+02:00">',
            "2026-05-15T13:30:00+02:00",
        ),
        ("<meta content='2026-05-15T13:30:00Z' itemprop='datePublished'>", "2026-05-15T13:30:00Z"),
        (
            '<script type="application/ld+json">{"datePublished": "2026-05-15T13:30:00+02:00"}</script>',
            "2026-05-15T13:30:00+02:00",
        ),
        ('<meta property="article:published_time" content="2026-05-15">', None),  # no time of day
        ('<meta property="og:title" content="2026-05-15T13:30:00+02:00">', None),  # not a date tag
        ("", None),
        ('<meta name="description" content=""><meta property="pubdate" content=\'\'>', None),
    ],
)
def test_published_time(head: str, expected: str | None) -> None:
    assert published_time(_page(head)) == expected


def test_page_keeps_the_time_and_offset_of_its_day() -> None:
    page = extract_page(
        _page('<meta property="article:published_time" content="2026-05-15T13:30:00+02:00">')
    )
    assert page is not None and page.published == "2026-05-15T13:30:00+02:00"
