from datetime import date

import pytest

from storyline.ingest.metadata import dateline, find_date, find_outlet, infer_published


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Updated 14:32 GMT, 3 March 2026", date(2026, 3, 3)),
        ("Published: Mar. 4, 2026 at 09:00", date(2026, 3, 4)),
        ("posted 2026-03-05T10:00:00Z", date(2026, 3, 5)),
        ("Tuesday, 10th of February 2026", date(2026, 2, 10)),
        ("no date here, only 2026", None),
        ("February 30, 2026", None),
    ],
)
def test_find_date(text, expected):
    assert find_date(text) == expected


def test_outlet_from_copyright_dateline_and_credit():
    assert find_outlet(["© 2026 Harbor Ledger. All rights reserved."]) == "Harbor Ledger"
    assert find_outlet(["Copyright (c) 2025-2026 by Vestri Courier Ltd"]) == "Vestri Courier"
    assert find_outlet([], "OSLANDA, May 2 (Tidewire) - Talks resumed.") == "Tidewire"
    assert find_outlet(["Photo: A. Person / Morning Bell"]) == "Morning Bell"
    assert find_outlet(["Nothing to see"], "An ordinary lead sentence - with a dash.") is None


def test_published_from_header_then_dateline_with_year_from_copyright():
    assert infer_published(["Updated 1 May 2026"], "Lead.", []) == date(2026, 5, 1)
    lead = "OSLANDA, May 2 (Tidewire) - Talks resumed."
    assert infer_published([], lead, ["© 2026 Tidewire"]) == date(2026, 5, 2)
    # A date further into the lead is about events, not publication.
    assert infer_published([], "Talks that began on May 2, 2026 resumed today.", []) is None


def test_dateline():
    assert dateline("OSLANDA, May 2 (Tidewire) - Talks resumed.") == "OSLANDA, May 2 (Tidewire)"
    assert dateline("No dash in this lead at all.") == ""
