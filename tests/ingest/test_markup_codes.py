"""Feed typesetting codes written as SGML entity references are dropped before cleaning."""

import pytest

from storyline.ingest.prepare import prepare, strip_markup_codes
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
