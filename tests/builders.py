"""Small builders for test inputs: articles and stories written in the test, not fixture files."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.records import Article
from storyline.segment import segment_article


def article(
    *paragraphs: str,
    id: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    title: str | None = None,
) -> Article:
    """A segmented article whose cleaned text is the given paragraphs."""
    text = "\n\n".join(paragraphs)
    return segment_article(
        Article(
            id=id or f"a{abs(hash(text)) % 10**8}",
            source=f"{id or 'test'}.txt",
            text=text,
            outlet=outlet,
            published=published,
            title=title,
        )
    )


# Each shared fact in several wordings, as different outlets would write it.
FACTS = (
    (
        "The river authority closed the Old Mill bridge on Tuesday after inspectors found cracks in two support piers.",
        "Inspectors found cracks in two support piers of the Old Mill bridge, and the river authority closed it on Tuesday.",
        "On Tuesday the river authority shut the Old Mill bridge when inspectors found cracks in two of its support piers.",
    ),
    (
        "Engineers said repairs to the bridge would take at least six weeks.",
        "Repairs to the bridge will take at least six weeks, according to engineers.",
        "The engineers expect the bridge repairs to last at least six weeks.",
    ),
    (
        "Commuters were sent to the ring road, where traffic backed up for several kilometres.",
        "Traffic on the ring road backed up for several kilometres as commuters were diverted there.",
        "Diverted commuters crowded the ring road and traffic backed up for kilometres.",
    ),
    (
        "The mayor called an emergency council meeting for Thursday evening.",
        "An emergency council meeting was called by the mayor for Thursday evening.",
        "The mayor has summoned the council to an emergency meeting on Thursday evening.",
    ),
)
UNIQUE = (
    "A bakery owner near the bridge said her sales had halved since the morning.",
    "The last major repair of the structure was carried out in the late nineties.",
    "Cyclists will still be allowed to walk their bikes across a temporary footpath.",
    "A petition asking for a new crossing gathered signatures outside the town hall.",
    "Fishing boats were told to keep clear of the damaged piers until further notice.",
    "The regional rail operator added two extra trains on the morning route.",
)


def story(n_outlets: int = 4, extra: Sequence[str] = ()) -> list[Article]:
    """``n_outlets`` articles about one event: shared facts in varied wording, one unique fact each."""
    articles = []
    for i in range(n_outlets):
        paragraphs = [versions[(i + j) % len(versions)] for j, versions in enumerate(FACTS)]
        paragraphs.insert(2, UNIQUE[i % len(UNIQUE)])
        paragraphs.extend(extra)
        articles.append(
            article(*paragraphs, id=f"art{i}", outlet=f"Outlet {i}", published=f"2026-03-0{i + 1}")
        )
    return articles
