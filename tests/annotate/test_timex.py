"""Time expressions resolved against the publication date, and the timeline built from them."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.annotate.timeline import build_timeline
from storyline.annotate.timex import dateline_date, find_time_expressions, written_years
from tests.builders import article

TUESDAY = date(2026, 3, 3)  # a Tuesday
WEDNESDAY = date(2026, 3, 4)


def resolve(text: str, published: date, which: int = 0) -> date | None:
    found = [t for t in find_time_expressions(text, published) if t.granularity == "day"]
    return found[which].date


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("The presidents met on Tuesday.", TUESDAY, date(2026, 3, 3)),
        ("The assembly approved it on Thursday.", TUESDAY, date(2026, 2, 26)),
        ("The assembly is due to vote on Thursday.", date(2026, 2, 24), date(2026, 2, 26)),
        ("He will report to the assembly on Thursday.", WEDNESDAY, date(2026, 3, 5)),
        ("She said the commission would meet on Friday.", WEDNESDAY, date(2026, 3, 6)),
        # A clause of its own in the past, after the future one, tells of its own day.
        (
            "The line said it would keep the fee it introduced on Monday until May.",
            WEDNESDAY,
            date(2026, 3, 2),
        ),
        ("The board will weigh a plan that was drafted on Monday.", WEDNESDAY, date(2026, 3, 2)),
        ("The hearing will be held on Friday.", WEDNESDAY, date(2026, 3, 6)),
        ("The minister must rule by Friday on the ferry contract.", TUESDAY, date(2026, 3, 6)),
        ("On Thursday the assembly will vote.", TUESDAY, date(2026, 3, 5)),
        ("The commission meets next Monday.", WEDNESDAY, date(2026, 3, 9)),
        ("They will meet in Korvan next Tuesday.", date(2026, 2, 24), date(2026, 3, 3)),
        ("He returned late yesterday evening.", WEDNESDAY, date(2026, 3, 3)),
        ("The crossing reopens on Monday, March 16.", TUESDAY, date(2026, 3, 16)),
        ("Khaidarov would travel to Korvan on 3 March.", date(2026, 2, 24), date(2026, 3, 3)),
        ("It was signed on 3 March 2026.", None, date(2026, 3, 3)),
        ("The report came out Feb. 17.", TUESDAY, date(2026, 2, 17)),
        ("The fire broke out Dec. 30.", date(2027, 1, 2), date(2026, 12, 30)),
        ("The last meeting was on Tuesday's agenda.", WEDNESDAY, date(2026, 3, 3)),
        ("He spoke last Tuesday.", TUESDAY, date(2026, 2, 24)),
        # An abbreviation point does not end the clause that puts the day in the future.
        ("The first shifts will start at 6 a.m. Saturday.", TUESDAY, date(2026, 3, 7)),
        ("Mr. Holm will sign the deal Friday.", TUESDAY, date(2026, 3, 6)),
        ("The talks ended. Saturday the union met.", TUESDAY, date(2026, 2, 28)),
        # No tense to read: the coming day when it is a day or two ahead, else the last one.
        ("Work resumes at 6 a.m. on Saturday.", date(2026, 3, 6), date(2026, 3, 7)),
        ("Dockers back to work Saturday after overnight deal", date(2026, 3, 6), date(2026, 3, 7)),
        ("The strike began Monday.", date(2026, 3, 6), date(2026, 3, 2)),
        ("Dockers walk out Monday over pay", TUESDAY, date(2026, 3, 2)),
        (
            "Drivers are being warned to expect traffic from Saturday.",
            date(2026, 3, 6),
            date(2026, 3, 7),
        ),
        # A clock time's colon is no clause edge: "left" still puts Friday in the past.
        (
            "The ferry sailed from Lestra at 6:15 pm Friday and was due at dusk.",
            date(2026, 3, 7),
            date(2026, 3, 6),
        ),
        # A plan told in the past is no future: the nearest day, here the one before.
        (
            "The harbour master was expected to lock the gates at 9 p.m. Friday.",
            date(2026, 3, 7),
            date(2026, 3, 6),
        ),
        ("The council was due to vote on Thursday.", date(2026, 3, 7), date(2026, 3, 5)),
        ("The pianist is to play a recital on Sunday.", date(2026, 3, 5), date(2026, 3, 8)),
        # Every month's full name, in a dateline or in a sentence.
        ("DASK, June 27 (Agency) - The quay opened.", date(2026, 6, 28), date(2026, 6, 27)),
        ("The vote was held on July 31, 2025.", TUESDAY, date(2025, 7, 31)),
        # A day and month without a year: a past clause puts it on or before publication.
        ("On Jan. 1 the board gave the green light.", date(2026, 7, 19), date(2026, 1, 1)),
        ("The board will meet again on Jan. 1.", date(2026, 7, 19), date(2027, 1, 1)),
        ("The port rules took effect on March 1 last year.", date(2026, 9, 6), date(2025, 3, 1)),
        # Years before 1900 are years (after a comma: "May 2 1500 people" is a count).
        ("The letter is dated Jan. 1, 1802, and signed.", TUESDAY, date(1802, 1, 1)),
        ("On May 2 1500 people came to the quay.", date(2026, 5, 9), date(2026, 5, 2)),
        # A tense picks the side of a yearless date only within months of publication.
        ("The Dask quay inquiry has been set for Sept. 29.", date(2026, 8, 24), date(2026, 9, 29)),
        (
            "She has accepted an invitation to sail with the envoy to Lestra on December 12.",
            date(2026, 12, 4),
            date(2026, 12, 12),
        ),
        (
            "The board directed clerks to file returns by October 30.",
            date(2026, 9, 18),
            date(2026, 10, 30),
        ),
        # "last" and "next" before a date, "last year's", "of 1993"
        (
            "She has worked with the inquiry since last January 12.",
            date(2026, 10, 24),
            date(2026, 1, 12),
        ),
        ("The ferry pact was signed on August 20 of 1993 in Dask.", TUESDAY, date(1993, 8, 20)),
        (
            "The inquiry into last year's May 2 collision reported.",
            date(2026, 7, 6),
            date(2025, 5, 2),
        ),
        ("1980: On Nov. 21, the new quay opened to ferries.", TUESDAY, date(1980, 11, 21)),
        # An issue of a journal or paper near publication, either side.
        (
            "The study was published in Thursday's Lestra Journal of Medicine.",
            WEDNESDAY,
            date(2026, 3, 5),
        ),
        ("The survey ran in Wednesday's Lestra Courier.", TUESDAY, date(2026, 3, 4)),
        # Expecting looks ahead; a plan in the pluperfect does not.
        (
            "The union said she expects 10,000 dockers to march in Dask Sunday.",
            TUESDAY,
            date(2026, 3, 8),
        ),
        (
            "The couple had planned to attend the regatta Saturday.",
            date(2026, 3, 8),
            date(2026, 3, 7),
        ),
        # A written date beats its weekday, even before a colon.
        ("In its editions of Thursday, March 9: the paper said", TUESDAY, date(2026, 3, 9)),
    ],
)
def test_days_resolve_by_news_convention(text: str, published: date | None, expected: date) -> None:
    assert resolve(text, published) == expected  # type: ignore[arg-type]


def test_periods_are_found_without_a_day_and_unknown_dates_stay_unresolved() -> None:
    found = find_time_expressions("It closed in September 2024 and met last week.", TUESDAY)
    assert [(t.text, t.granularity) for t in found] == [
        ("September 2024", "month"),
        ("last week", "week"),
    ]
    assert find_time_expressions("They met on Monday.", None)[0].date is None
    # offsets point into the text
    text = "Talks began on Monday."
    t = find_time_expressions(text, TUESDAY)[0]
    assert text[t.start : t.end] == "Monday"


def test_timeline_merges_one_event_across_articles_in_date_order() -> None:
    a = article(
        "The two presidents agreed on Tuesday to reopen the Dask border crossing.",
        "The assembly is due to vote on Thursday on the river memorandum.",
        id="a",
        published="2026-02-24",
    )
    b = article(
        "Both presidents agreed on Tuesday to reopen the Dask crossing, officials said.",
        '"Today we open a door," the president said.',
        id="b",
        published="2026-02-24T10:00:00+01:00",
    )
    undated = article("They met on Tuesday to reopen the crossing at Dask.", id="c")
    events = build_timeline([a, b, undated])
    assert [e.date for e in events] == ["2026-02-24", "2026-02-26"]
    assert set(events[0].article_ids) == {"a", "b"}
    for e in events:
        for c in e.citations:
            text = {"a": a.text, "b": b.text}[c.article_id]
            assert "Today" not in text[c.start : c.end]  # quoted speech keeps its own "today"


def test_a_dateline_dates_the_article_not_its_first_sentence() -> None:
    a = article(
        "HALDMOOR, May 15 (Coastline Wire) - Dockworkers will return to work on Saturday "
        "morning after an overnight deal.",
        id="a",
        published="2026-05-15",
    )
    events = build_timeline([a])
    assert [e.date for e in events] == ["2026-05-16"]
    assert events[0].text.startswith("Dockworkers will return")


def test_relative_days_of_wire_copy_are_read_against_its_dateline() -> None:
    # Filed on the 2nd, published on the 3rd: its "today" and "Sunday" are the dateline's.
    filed = article(
        "LESTRA, February 2 (Coastline Wire) -- The port authority today reopened the north "
        "quay, closed since a fire on Sunday.",
        id="a",
        published="2026-02-03",
    )
    assert [e.date for e in build_timeline([filed])] == ["2026-02-01", "2026-02-02"]
    # A dateline day after publication, or weeks before it, is not the day of writing.
    stale = article(
        "LESTRA, January 2 (Coastline Wire) -- The port authority today reopened the north quay.",
        id="b",
        published="2026-02-03",
    )
    assert [e.date for e in build_timeline([stale])] == ["2026-02-03"]
    assert dateline_date("LESTRA (Coastline Wire) --", date(2026, 2, 3)) is None
    assert dateline_date("LESTRA, Dec. 31 (Coastline Wire) --", date(2027, 1, 1)) == date(
        2026, 12, 31
    )


def test_a_lead_in_ending_in_a_colon_is_not_an_event() -> None:
    a = article(
        "The Lestra Courier said in an editorial on Friday, March 6:",
        "The Dask quay reopened on Thursday after a week of repairs.",
        id="leadin",
        published="2026-03-06",
    )
    events = build_timeline([a])
    assert [e.text for e in events] == [
        "The Dask quay reopened on Thursday after a week of repairs."
    ]


def test_a_list_bullet_is_not_part_of_an_event() -> None:
    a = article(
        "Items in the morning papers:",
        "-- The Dask port authority said yesterday it would reopen the north berths.",
        id="b",
        published="2026-05-15",
    )
    (event,) = build_timeline([a])
    assert event.date == "2026-05-14" and event.text.startswith("The Dask port authority")


@pytest.mark.parametrize(
    "text",
    [
        "The ferry to Lestra sails every Saturday and Sunday in summer.",
        "The choir sang at recent Sunday services in the harbour chapel.",
        "Dockworkers said Sunday shifts would be cut.",
        "The chain has a joint venture with Big Bob Friday's, with plans to expand.",
        "The ferry crews sail six hours a shift, Monday through Friday.",
        # a weekday inside a name
        "The harbour master told the Sunday Courier that the berths were safe.",
        "The Saturday Review of Lestra printed the letter.",
        # "today" meaning these days
        "What today's older pupils learned years ago is another matter.",
        "Today, more people ride the ferry than ever.",
        "The dockers of today earn more.",
        "In Dask today there are 40 ferries.",
        "Ferry crews grew from 90 in 1985 to 400 today.",
        "Back then, it was a protest; today, it is a habit.",
        # some such day, or one that comes back every year
        "On a Sunday evening in May, the mayor walked the quay.",
        "The foundation will award a prize each March 21.",
        # a day counted from another the sentence does not give
        "They met at a harbour bar. The following June 3, the couple bought a boat in Dask.",
        "The crew sailed on the following Sunday.",
    ],
)
def test_a_weekday_that_names_no_particular_day_is_not_dated(text: str) -> None:
    assert find_time_expressions(text, TUESDAY) == []


@pytest.mark.parametrize(
    "text",
    [
        "Monday's vote in the assembly was close.",
        "A jury in northern Varenia Thursday ordered the union to pay.",
        "Friday was a holiday in Dask.",
        "The vote on Sunday March 8 was close, the Courier said.",
        "The Varenia council met on the Sunday before the vote.",
        "The ferry sank today off Dask.",
        "Officials said today, after a meeting, that the quay would open.",
        "Before a Wednesday night concert, the band announced a gift to the school.",
        "The quay has been closed since 1993, harbour officials said today.",
        "The mayor will speak on the radio the following Monday, March 9.",
    ],
)
def test_weekdays_in_agency_style_are_still_dated(text: str) -> None:
    assert [t.granularity for t in find_time_expressions(text, TUESDAY)] == ["day"]


def test_a_date_written_elsewhere_with_its_year_gives_the_year() -> None:
    text = "The call took place on December 22, 2024. Holm taped the call on December 22."
    years = written_years(text)
    assert years == {(12, 22): 2024}
    found = find_time_expressions(text, TUESDAY, text.index("Holm"), known_years=years)
    assert [t.date for t in found] == [date(2024, 12, 22)]
    # Without the article's own year it is the last one before publication.
    assert resolve("Holm taped the call on December 22.", TUESDAY) == date(2025, 12, 22)


def test_the_timeline_skips_dates_of_what_a_sentence_only_mentions() -> None:
    a = article(
        "Families hit by the May 3 flood in Dask still sleep in the school hall.",
        "The smoke from Sunday's blaze at the harbour cleared by noon, crews in Lestra said.",
        "Traders bought the old Telu library after a flood ruined it in 1911, which ended with "
        "a deal sealed on Dec. 20, 1911, in Vale.",
        "Crews searched the hills above Dask on Wednesday around where the van was found Monday.",
        "In the June 18 sale, the Lestra museum will auction a brass ferry bell.",
        id="a",
        published="2026-08-27",
    )
    events = build_timeline([a])
    assert [(e.date, e.text.split()[0]) for e in events] == [
        ("2026-06-18", "In"),
        ("2026-08-26", "Crews"),
    ]


def test_the_timeline_skips_cut_offs_no_comments_and_days_named_after_the_verb() -> None:
    a = article(
        "The harbour office counted 82 late ferries this year through Oct. 4, up from 46.",
        "A spokesman for the Dask ferry line did not return calls for comment Saturday.",
        "Rival ferry lines may cite Friday's verdict against the Dask harbour board.",
        "The Dask ferry line has until Friday to answer the harbour board's complaint.",
        "Friday's verdict ordered the Dask harbour board to reopen the north quay.",
        "Pilots won a 4% rise backdated to Sept. 1 under the deal they signed.",
        id="a",
        published="2026-10-13",  # a Tuesday
    )
    events = build_timeline([a])
    assert [(e.date, " ".join(e.text.split()[:3])) for e in events] == [
        ("2026-10-09", "Friday's verdict ordered"),
        ("2026-10-16", "The Dask ferry"),
    ]


def test_a_timeline_line_cut_from_a_longer_quotation_gets_its_opening_mark_back() -> None:
    a = article(
        "``Will the ferries wait for the board? The harbour?'' the pilot asked on Tuesday.",
        id="a",
        published="2026-03-05",
    )
    events = build_timeline([a])
    assert [e.text for e in events] == ["“The harbour?” the pilot asked on Tuesday."]


def test_a_timeline_event_is_told_by_a_sentence_that_says_who() -> None:
    # "They wed" and "He was re-elected" say not who out of their articles: such a
    # sentence supports an event another article tells, and is no event on its own.
    a = article(
        "Mira Holm, the Dask harbour master, met the Lestra pilots' union on Monday.",
        "They wed on May 5, 2001.",
        id="a",
        published="2026-03-04",  # a Wednesday
    )
    b = article(
        "The pilots' union said it met Mira Holm, the Dask harbour master, on Monday.",
        "He was re-elected on Tuesday by the Lestra port board.",
        id="b",
        published="2026-03-04",
    )
    c = article(
        "She met the Lestra pilots' union and the Dask harbour board on Monday, aides said.",
        id="c",
        published="2026-03-04",
    )
    events = build_timeline([c, a, b])
    assert [e.date for e in events] == ["2026-03-02"]
    assert not events[0].text.startswith("She")
    assert set(events[0].article_ids) == {"a", "b", "c"}


def test_a_day_counted_back_from_is_not_dated() -> None:
    for text in (
        "The accord was signed in Lestra today ten years ago.",
        "The quay opened on Monday a year ago.",
    ):
        assert [t for t in find_time_expressions(text, WEDNESDAY) if t.granularity == "day"] == []


def test_a_timeline_line_shows_a_wire_dash_as_a_dash() -> None:
    a = article(
        "The Dask ferry sailed on Tuesday _ a day late _ with 40 passengers aboard.",
        id="a",
        published="2026-03-04",
    )
    assert [e.text for e in build_timeline([a])] == [
        "The Dask ferry sailed on Tuesday — a day late — with 40 passengers aboard."
    ]


def test_a_list_entrys_year_label_is_the_date_not_part_of_the_event() -> None:
    a = article(
        "1980: On Nov. 21, the new Dask quay opened to ferries.",
        id="a",
        published="2026-03-04",
    )
    assert [(e.date, e.text) for e in build_timeline([a])] == [
        ("1980-11-21", "On Nov. 21, the new Dask quay opened to ferries.")
    ]
