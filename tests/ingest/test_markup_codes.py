"""Feed typesetting codes written as SGML entity references are dropped before cleaning."""

import pytest

from storyline.ingest.prepare import prepare, strip_markup_codes, tidy_title
from storyline.records import RawInput


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A magazine's name set apart, the spaces before the comma going with the code.
        (
            "In the current &UR; Vale Review &LR; , Lindqvist writes",
            "In the current Vale Review, Lindqvist writes",
        ),
        ("Ferries Sail Again &QL;", "Ferries Sail Again"),
        ("&UR; &LR; &QL;", ""),
        ("&HT;", ""),
        # HTML's upper-case entities are characters, spaces kept.
        ("Holm &AMP; Vale said costs were &GT; 5", "Holm & Vale said costs were > 5"),
        # Not codes: one letter, lower case, no semicolon.
        (
            "R&D; spending at AT&T; and Dask &amp; Co &UR",
            "R&D; spending at AT&T; and Dask &amp; Co &UR",
        ),
    ],
)
def test_markup_codes(text, expected):
    assert strip_markup_codes(text) == expected


def test_codes_leave_neither_the_text_nor_the_title():
    body = (
        "LESTRA (Northline) -- Ferries between Lestra and the Varenia islands sailed again on "
        "Tuesday after a four-day storm, the Dask ferry office said. &QL;\n\n"
        "Harbour master Pavlo Okafor told the &UR; Lestra Courier &LR; , a weekly, that about "
        "1,200 passengers had waited in the harbour town.\n\n&QL; ----- &QC; &QL;\n"
    )
    articles, rejected = prepare([RawInput(source="n1", text=body, title="&HT;")])
    assert not rejected
    (article,) = articles
    assert "&" not in article.text
    assert "told the Lestra Courier, a weekly, that" in article.text
    assert article.title is None
    headlined = prepare([RawInput(source="n2", text=body, title="Ferries Sail &QL;")])[0]
    assert headlined[0].title == "Ferries Sail"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("FERRIES SAIL AGAIN (NOTE: FACT BOX FOLLOWS THE TEXT)", "FERRIES SAIL AGAIN"),
        ("THE NEW QUAY (FOR RELEASE SUNDAY, MARCH 8, 2026)", "THE NEW QUAY"),
        ("IS THE HARBOUR SAFE? (ART ADV: PHOTO SENT TO CLIENTS) (DW)", "IS THE HARBOUR SAFE?"),
        ("$ADV03 HARBOUR BRIEFS", "HARBOUR BRIEFS"),
        ("Dask Ferry Crews Back at Work (2)", "Dask Ferry Crews Back at Work"),
        ("DOCKERS RETURN TO THE QUAYS BY MARTA HOLM", "DOCKERS RETURN TO THE QUAYS"),
        ("(moved late; clarifies the ferry count)", None),
        ("Dask Ferry Strike Ends EDS: adds quotes from the mayor", "Dask Ferry Strike Ends"),
        ("Quay Talks Start by Ona Vell, Ivo Telu", "Quay Talks Start"),
        ("Mural Painted by Ona Vell", "Mural Painted by Ona Vell"),  # one name: the headline's
        ("THE QUAY`S LAST FERRY _ AND ITS CREW", "THE QUAY’S LAST FERRY — AND ITS CREW"),
        ("___", None),
        # Kept: no byline, a country in a headline in lower case, parentheses of the headline.
        ("A NEW FERRY, BY WAY OF LESTRA", "A NEW FERRY, BY WAY OF LESTRA"),
        ("HARBOUR TO SORT BOATS BY SIZE, NOT OWNER", "HARBOUR TO SORT BOATS BY SIZE, NOT OWNER"),
        ("Ferry talks stall (UK)", "Ferry talks stall (UK)"),
        ("THE `LAST' FERRY (WE HOPE)", "THE ‘LAST’ FERRY (WE HOPE)"),  # typographic quotes
        ("``Ferry Tales'' Opens in Dask", "“Ferry Tales” Opens in Dask"),
    ],
)
def test_titles_lose_wire_desk_notes_slugs_and_bylines(title, expected):
    assert tidy_title(title) == expected


def test_an_article_gets_the_tidy_headline_and_loses_the_raw_one_from_its_text():
    headline = "FERRIES SAIL AGAIN AFTER STORM (DW)"
    body = (
        f"{headline}\n\n"
        "LESTRA -- Ferries between Lestra and the Varenia islands sailed again on Tuesday after "
        "a four-day storm, the Dask ferry office said on its website.\n\n"
        "About 1,200 passengers had waited in the harbour town for the crossing to reopen."
    )
    (article,), _ = prepare([RawInput(source="n3", text=body, title=headline)])
    assert article.title == "FERRIES SAIL AGAIN AFTER STORM"
    assert "SAIL AGAIN" not in article.text
