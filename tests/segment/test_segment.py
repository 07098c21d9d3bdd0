import pytest

from storyline.segment import find_quotes, split_paragraphs, split_sentences


def sentences(text):
    return [s.of(text) for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. J. Smith met U.S. officials. They agreed.",
            ["Mr. J. Smith met U.S. officials.", "They agreed."],
        ),
        (
            '"We will go," he said. "Now!" She left.',
            ['"We will go," he said.', '"Now!"', "She left."],
        ),
        ("It cost $3.5 million, i.e. a lot. Fine.", ["It cost $3.5 million, i.e. a lot.", "Fine."]),
        (
            "He lives in the U.S. The talks end at 3 p.m. local time.",
            ["He lives in the U.S.", "The talks end at 3 p.m. local time."],
        ),
        ("Is it? Yes… maybe.", ["Is it?", "Yes… maybe."]),
        ("“Quote one.” Next one.", ["“Quote one.”", "Next one."]),
        ("Wrapped line\ncontinues here. Done.", ["Wrapped line\ncontinues here.", "Done."]),
        ("No final stop", ["No final stop"]),
        # A letter after a lower-case word ends the sentence; a name's initial does not.
        (
            "Many in Dask lack vitamin C. The ferry brings fruit. It was found by J. Holm.",
            ["Many in Dask lack vitamin C.", "The ferry brings fruit.", "It was found by J. Holm."],
        ),
        # Plural titles are abbreviations too.
        (
            "Gov. Holm joins Sens. Marta Vale and Ivo Telu on the quay. They spoke.",
            ["Gov. Holm joins Sens. Marta Vale and Ivo Telu on the quay.", "They spoke."],
        ),
        # An abbreviation in brackets goes on into the name it qualifies.
        (
            "The Dask (V.R.) Courier said the ferry sank. It was old.",
            ["The Dask (V.R.) Courier said the ferry sank.", "It was old."],
        ),
    ],
)
def test_sentences(text, expected):
    assert sentences(text) == expected


def test_sentence_offsets_point_into_text():
    text = "  First one.   Second one.  "
    spans = split_sentences(text)
    assert [(s.start, s.end) for s in spans] == [(2, 12), (15, 26)]


def test_paragraphs_by_blank_lines_else_lines():
    text = "a b\n\n  c d \n\n\ne"
    assert [p.of(text) for p in split_paragraphs(text)] == ["a b", "c d", "e"]
    assert [p.of("x\ny") for p in split_paragraphs("x\ny")] == ["x", "y"]


def test_quote_styles():
    text = (
        "He said: “We will not yield.” The minister's aide said 'it is done', "
        "«Nous partons» and „Wir gehen“ and \"plain one,\" he added. Rock 'n' roll isn't quoted."
    )
    quotes = [q.of(text) for q in find_quotes(text)]
    assert quotes == ["We will not yield.", "it is done", "Nous partons", "Wir gehen", "plain one"]


def test_doubled_typewriter_quotes_are_one_mark():
    from storyline.segment.quotes import find_quotes

    text = (
        "``The gates stay open,'' Holm said. ''We have kept our word.'' The farmers' union agreed."
    )
    assert [s.of(text) for s in find_quotes(text)] == [
        "The gates stay open",
        "We have kept our word.",
    ]


def test_two_single_closing_marks_close_a_double_quote() -> None:
    from storyline.segment.quotes import find_quotes

    text = (
        "“It was a trick,’’ Ivo Telu told the Lestra Post. “And a poor one.” "
        "‘‘We go,’’ Holm said. “It’s Holm’s,” she said."
    )
    assert [s.of(text) for s in find_quotes(text)] == [
        "It was a trick",
        "And a poor one.",
        "We go",
        "It’s Holm’s",
    ]


def test_a_dateline_with_an_abbreviated_state_is_not_a_sentence_of_its_own() -> None:
    text = "PORTMAN, Va. (Coastline Wire) -- The ferry resumed service. It was full."
    found = [text[s.start : s.end] for s in split_sentences(text)]
    assert found == [
        "PORTMAN, Va. (Coastline Wire) -- The ferry resumed service.",
        "It was full.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ferry sailed on May 2. --------", ["The ferry sailed on May 2."]),
        ("-------- More: the port's timetable.", ["More: the port's timetable."]),
        ("The ferry sailed. * * * Next item.", ["The ferry sailed.", "Next item."]),
        ("===", []),
        # Dashes inside a sentence are words' business, not rules.
        ("The vote was 12--3 -- a rout.", ["The vote was 12--3 -- a rout."]),
    ],
)
def test_typed_rules_are_not_part_of_sentences(text, expected):
    assert sentences(text) == expected


def test_an_era_abbreviation_ends_a_sentence_before_a_typical_opener():
    text = "The town was founded around 300 B.C. Both harbours came later. He lived in the U.S. for years."
    assert sentences(text) == [
        "The town was founded around 300 B.C.",
        "Both harbours came later.",
        "He lived in the U.S. for years.",
    ]
