"""A person first mentioned by surname alone gets the full name the article gives."""

from __future__ import annotations

import pytest

from storyline.api import brief_articles
from storyline.records import Article, Citation, Entity, SummarySentence
from storyline.summarize import introduce_people
from tests.builders import article

HOLM = Entity(id="p1", name="Anders Holm", type="person", aliases=("Holm", "Anders Holm"))
SOURCE = Article(
    id="a1",
    source="a1.txt",
    text=(
        "Anders Holm, the harbour master of Lestra, closed the port after the storm. "
        "Holm said divers had found a crack in the main pier."
    ),
)


def _summary(*texts: str, article_id: str = "a1") -> tuple[SummarySentence, ...]:
    return tuple(SummarySentence(t, (Citation(article_id, 0, 10),)) for t in texts)


def _texts(
    *texts: str, entities: tuple[Entity, ...] = (HOLM,), articles: tuple[Article, ...] = (SOURCE,)
) -> list[str]:
    return [s.text for s in introduce_people(_summary(*texts), articles, entities)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Holm said divers had found a crack.", "Anders Holm said divers had found a crack."),
        ("The pier will stay shut, Holm said.", "The pier will stay shut, Anders Holm said."),
        ("Holm's deputy closed the gates.", "Anders Holm's deputy closed the gates."),
        ("Mr. Holm said the pier was unsafe.", "Anders Holm said the pier was unsafe."),
        ("The mayor said that Holm had left.", "The mayor said that Anders Holm had left."),
        (
            "Port Director Holm said the pier was unsafe.",
            "Port Director Anders Holm said the pier was unsafe.",
        ),
    ],
)
def test_first_bare_surname_gets_the_full_name(text: str, expected: str) -> None:
    assert _texts(text) == [expected]


def test_only_the_first_mention_changes() -> None:
    assert _texts("Holm closed the port.", "Holm said the pier would reopen.") == [
        "Anders Holm closed the port.",
        "Holm said the pier would reopen.",
    ]


def test_a_surname_that_is_also_a_title_is_a_surname() -> None:
    king = Entity(id="p1", name="Ivo King", type="person", aliases=("King",))
    source = Article(id="a1", source="a1.txt", text="The pilots hired Ivo King as their lawyer.")
    assert _texts("King said the pilots would sue.", entities=(king,), articles=(source,)) == [
        "Ivo King said the pilots would sue."
    ]


def test_a_title_is_no_given_name() -> None:
    # "President Holm" is how the articles name him, not a first name and a surname.
    titled = Entity(id="p1", name="President Holm", type="person", aliases=("Holm",))
    source = Article(id="a1", source="a1.txt", text="President Holm opened the port.")
    text = "Holm said the pier was unsafe."
    assert _texts(text, entities=(titled,), articles=(source,)) == [text]


def test_a_full_name_earlier_in_the_summary_is_enough() -> None:
    texts = ("Anders Holm closed the port.", "Holm said the pier would reopen.")
    assert _texts(*texts) == list(texts)


@pytest.mark.parametrize(
    "text",
    [
        # Direct speech stays as spoken.
        "“Holm knows the pier,” the mayor said.",
        # A modifier, part of a longer name, or a compound is not the person.
        "The Holm family left the island.",
        "Divers met on Holm Street.",
        "A Holm-led team inspected the pier.",
        "The court cited Holm v. Lestra Port Authority.",
        "The court cited Holm vs. Lestra.",
        # After a word with a capital inside ("iPad Holm" is a product's name).
        "Divers used an eHolm and an iPad Holm on the pier.",
        # A woman's courtesy title: maybe a wife the articles never name in full.
        "Mrs. Holm said the pier was unsafe.",
    ],
)
def test_uncertain_mentions_are_left_alone(text: str) -> None:
    assert _texts(text) == [text]


def test_a_surname_two_people_share_is_left_alone() -> None:
    sister = Entity(id="p2", name="Lena Holm", type="person", aliases=("Lena Holm",))
    text = "Holm said the pier was unsafe."
    assert _texts(text, entities=(HOLM, sister)) == [text]


def test_a_surname_that_also_names_an_organisation_is_left_alone() -> None:
    firm = Entity(id="o1", name="Holm", type="organisation", aliases=("Holm",))
    text = "Holm said the pier was unsafe."
    assert _texts(text, entities=(HOLM, firm)) == [text]


def test_the_full_name_is_written_as_the_own_article_writes_it() -> None:
    other = Article(id="a2", source="a2.txt", text="Anders P. Holm spoke first.")
    person = Entity(id="p1", name="Anders P. Holm", type="person", aliases=("Holm", "Anders Holm"))
    texts = _texts("Holm said so.", entities=(person,), articles=(SOURCE, other))
    assert texts == ["Anders Holm said so."]


def test_a_name_no_article_writes_is_not_invented() -> None:
    person = Entity(id="p1", name="Anders Holm", type="person", aliases=("Holm",))
    unnamed = Article(id="a1", source="a1.txt", text="Holm said divers found a crack.")
    text = "Holm said divers found a crack."
    assert _texts(text, entities=(person,), articles=(unnamed,)) == [text]


@pytest.mark.parametrize(
    ("name", "source", "expected"),
    [
        # The recognizer read "Describing Holm" as a person; "describing" is an ordinary word
        # here, seen only opening a sentence before the surname.
        (
            "Describing Holm",
            "Describing Holm as careful, the mayor praised him. Critics were describing delays.",
            "Holm closed the port.",
        ),
        # "Rose" is a word too, but it stands before the surname inside a sentence.
        (
            "Rose Holm",
            "The mayor thanked harbour master Rose Holm. Roses rose in price.",
            "Rose Holm closed the port.",
        ),
    ],
)
def test_a_given_name_that_is_also_a_word_must_be_seen_inside_a_sentence(
    name: str, source: str, expected: str
) -> None:
    person = Entity(id="p1", name=name, type="person", aliases=("Holm",))
    text = Article(id="a1", source="a1.txt", text=source)
    assert _texts("Holm closed the port.", entities=(person,), articles=(text,)) == [expected]


# Three outlets report the harbour's closure in sentences that name the harbour master by
# surname; each introduces him in full only in a sentence of its own.
PORT = (
    article(
        "Anders Holm has been harbour master of Lestra for nine years.",
        "Holm ordered the port closed after divers found a crack in the main pier wall.",
        id="n1",
        outlet="Northline",
    ),
    article(
        "The storm brought the highest tide the town has seen, residents told Anders Holm.",
        "Holm ordered the port closed after divers found a crack in the main pier wall, "
        "officials said.",
        id="n2",
        outlet="Coast Courier",
    ),
    article(
        "Fishing crews waited on the quay while Anders Holm met engineers.",
        "Divers found a crack in the main pier wall, and Holm ordered the port closed.",
        id="n3",
        outlet="Vale Post",
    ),
)


def test_a_brief_names_the_person_in_full() -> None:
    summary = [s.text for s in brief_articles(PORT, sentences=1).summary]
    assert "Holm ordered the port closed" in " ".join(summary)
    first = next(s for s in summary if "Holm" in s)
    assert "Anders Holm" in first


def test_a_verbatim_brief_quotes_the_published_sentence() -> None:
    summary = [s.text for s in brief_articles(PORT, sentences=1, verbatim=True).summary]
    assert summary[0].startswith("Holm ordered the port closed")
