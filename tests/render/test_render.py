import json
from html.parser import HTMLParser

import jsonschema
import pytest

from storyline.errors import ConfigError
from storyline.records import Brief, Rejection, Removal
from storyline.render import json_schema, render
from storyline.summarize import SummaryConfig, summarize
from tests.builders import article, story

HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)"> [link](javascript:alert(3)) `code` | *b*'


def make_brief(extra=()) -> Brief:
    articles = story(4, extra=extra)
    return Brief(
        articles=tuple(articles),
        rejected=(Rejection("bad.bin", "binary data (NUL bytes), not text"),),
        summary=summarize(articles, SummaryConfig(words=80)),
        title="Bridge closed",
    )


def test_json_validates_against_schema_and_round_trips():
    brief = make_brief()
    document = json.loads(render(brief, "json"))
    jsonschema.validate(document, json_schema())
    assert document["schema"] == "storyline.brief/1"
    assert Brief.from_dict(document) == brief


def test_schema_rejects_a_broken_document():
    document = json.loads(render(make_brief(), "json"))
    del document["summary"][0]["citations"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, json_schema())


def test_citation_offsets_select_the_cited_sentence():
    brief = make_brief()
    document = json.loads(render(brief, "json"))
    texts = {a["id"]: a["text"] for a in document["articles"]}
    for sentence in document["summary"]:
        for c in sentence["citations"]:
            cited = texts[c["article_id"]][c["start"] : c["end"]]
            assert cited.endswith((".", "!", "?", '"', "”")) and len(cited.split()) >= 5


def test_markdown_lists_summary_sources_and_rejections():
    text = render(make_brief(), "md")
    assert text.startswith("# Bridge closed")
    assert "## Summary" in text and "## Sources" in text and "bad.bin" in text
    assert text.count("\n- ") >= 2


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs, self.data = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data):
        self.data.append(data)


def test_html_escapes_hostile_text_and_loads_nothing():
    brief = make_brief(extra=(HOSTILE,))
    brief = Brief(
        articles=tuple(
            a.__class__(
                **{
                    **{f: getattr(a, f) for f in a.__slots__},
                    "outlet": HOSTILE,
                    "removed": (Removal(HOSTILE, "promo"),),
                }
            )
            for a in brief.articles
        ),
        rejected=(Rejection(HOSTILE, HOSTILE),),
        summary=brief.summary,
        title=HOSTILE,
    )
    page = render(brief, "html")
    parser = _Collect()
    parser.feed(page)
    assert "script" not in parser.tags and "img" not in parser.tags
    assert not any(name.startswith("on") for name, _ in parser.attrs)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "<script>alert(1)</script>" in "".join(parser.data)


def test_markdown_escapes_active_characters():
    brief = Brief(articles=(article("Some body text here.", id="x", title=HOSTILE),), title=HOSTILE)
    text = render(brief, "md")
    assert "<script>" not in text and "\\<script\\>" in text


def test_unknown_format():
    with pytest.raises(ConfigError):
        render(make_brief(), "pdf")


def test_markdown_timeline_keeps_the_best_supported_days_each_sentence_once():
    from storyline.records import Analysis, Citation, TimelineEvent
    from storyline.render.markdown import SHOW_TIMELINE

    a = article("One sentence.", id="x")

    def event(day: int, text: str, n: int) -> TimelineEvent:
        cites = tuple(Citation(f"a{k}", 0, 5) for k in range(n))
        return TimelineEvent(date=f"2026-03-{day:02d}", text=text, citations=cites)

    early = [event(d, f"Minor event {d}.", 1) for d in range(1, SHOW_TIMELINE + 2)]
    late = [event(28, "The deal was signed.", 3), event(29, "The deal was signed.", 2)]
    timeline = tuple(early + late)
    brief = Brief(articles=(a,), analysis=Analysis(timeline=timeline))
    out = render(brief, "md").split("## Timeline")[1].split("##")[0]
    lines = [line for line in out.splitlines() if line.startswith("- ")]
    assert len(lines) == SHOW_TIMELINE
    assert lines[-1].startswith("- 2026-03-28: The deal was signed.")  # the latest day is kept
    assert out.count("The deal was signed.") == 1
    assert [line[2:12] for line in lines] == sorted(line[2:12] for line in lines)


def test_markdown_timeline_spreads_equally_supported_events_over_the_period():
    from storyline.records import Analysis, Citation, TimelineEvent
    from storyline.render.markdown import SHOW_TIMELINE

    a = article("One sentence.", id="x")

    def event(day: int, source: str) -> TimelineEvent:
        return TimelineEvent(
            date=f"2026-{1 + day // 28:02d}-{1 + day % 28:02d}",
            text=f"Event {day} happened.",
            citations=(Citation(source, 0, 5),),
        )

    # One long article tells the first ten days; others one later day each.
    timeline = tuple(
        [event(d, "long") for d in range(10)] + [event(d, f"a{d}") for d in range(10, 40)]
    )
    brief = Brief(articles=(a,), analysis=Analysis(timeline=timeline))
    out = render(brief, "md").split("## Timeline")[1].split("##")[0]
    shown = [
        int(line.split("Event ")[1].split()[0]) for line in out.splitlines() if "Event" in line
    ]
    assert len(shown) == SHOW_TIMELINE
    assert shown[0] == 0 and shown[-1] == 39  # the first and the latest day
    assert sum(d < 10 for d in shown) <= 3  # not the one article's run of days
    assert shown == sorted(shown)


def test_markdown_timeline_shows_one_line_a_day_before_a_second():
    from storyline.records import Analysis, Citation, TimelineEvent
    from storyline.render.markdown import SHOW_TIMELINE

    a = article("One sentence.", id="x")

    def event(day: int, text: str, n: int) -> TimelineEvent:
        cites = tuple(Citation(f"a{day}-{k}", 0, 5) for k in range(n))
        return TimelineEvent(date=f"2026-03-{day:02d}", text=text, citations=cites)

    # Five well-supported tellings of one day's crash, and a quieter day for each other line.
    crash = [event(6, f"The ferry sank off Dask, telling {k}.", 4) for k in range(5)]
    quiet = [event(d, f"Divers went down on day {d}.", 1) for d in range(7, 7 + SHOW_TIMELINE)]
    brief = Brief(articles=(a,), analysis=Analysis(timeline=(*crash, *quiet)))
    out = render(brief, "md").split("## Timeline")[1].split("##")[0]
    lines = [line for line in out.splitlines() if line.startswith("- ")]
    assert len(lines) == SHOW_TIMELINE
    assert sum(line.startswith("- 2026-03-06") for line in lines) == 1
    # With too few days to fill the section, a day gets a second line.
    short = Brief(articles=(a,), analysis=Analysis(timeline=(*crash, *quiet[:3])))
    out = render(short, "md").split("## Timeline")[1].split("##")[0]
    days = [line[2:12] for line in out.splitlines() if line.startswith("- ")]
    assert days.count("2026-03-06") >= 2 and len(days) == len(set(days)) + days.count(days[0]) - 1


def test_markdown_cuts_the_related_stories_quotes_events_and_people_first():
    from storyline.records import (
        Analysis,
        Citation,
        Entity,
        Quote,
        QuoteVariant,
        Story,
        TimelineEvent,
    )
    from storyline.render.markdown import SHOW_ENTITIES, SHOW_QUOTES, SHOW_TIMELINE

    a = article("One sentence.", id="m")
    stories = (
        Story(id="s1", title="Main", article_ids=("m",), main=True, summary="Main."),
        Story(id="s2", title="Side", article_ids=("x", "y"), main=False, summary="Side."),
    )

    def quote(n: int, ids: tuple[str, ...]) -> Quote:
        variants = tuple(QuoteVariant(i, f"Side remark {n} of a page.", 0, 9) for i in ids)
        return Quote(
            id=f"q{n}",
            text=f"Side remark {n} of a page.",
            speaker_name=None,
            speaker_entity_id=None,
            variants=variants,
        )

    side_quotes = [quote(n, ("x", "y")) for n in range(SHOW_QUOTES)]
    main_quote = Quote(
        id="qm",
        text="We will reopen the quay on Friday.",
        speaker_name="Ona Vell",
        speaker_entity_id="pm",
        variants=(QuoteVariant("m", "We will reopen the quay on Friday.", 0, 9),),
    )
    side_events = [
        TimelineEvent(
            date=f"2026-03-{d:02d}",
            text=f"Side event {d}.",
            citations=(Citation("x", 0, 5), Citation("y", 0, 5)),
        )
        for d in range(1, SHOW_TIMELINE + 1)
    ]
    main_event = TimelineEvent(
        date="2026-03-20", text="The quay reopened.", citations=(Citation("m", 0, 5),)
    )
    side_people = [
        Entity(id=f"p{n}", name=f"Side Person{n}", type="person", article_ids=("x",), mentions=9)
        for n in range(SHOW_ENTITIES)
    ]
    main_person = Entity(id="pm", name="Ona Vell", type="person", article_ids=("m",), mentions=1)
    analysis = Analysis(
        stories=stories,
        quotes=(*side_quotes, main_quote),
        timeline=(*side_events, main_event),
        entities=(*side_people, main_person),
    )
    out = render(Brief(articles=(a,), analysis=analysis), "md")
    for heading, text in (
        ("Quotes", "We will reopen the quay"),
        ("Timeline", "The quay reopened."),
        ("Who's who", "Ona Vell"),
    ):
        section = out.split(f"## {heading}")[1].split("\n## ")[0]
        assert text in section
        lines = [line for line in section.splitlines() if line.startswith("- ")]
        assert len(lines) == {"Quotes": SHOW_QUOTES, "Timeline": SHOW_TIMELINE}.get(
            heading, SHOW_ENTITIES
        )


def test_markdown_quotes_show_statements_before_fragments_of_a_reporters_sentence():
    from storyline.records import Analysis, Quote, QuoteVariant
    from storyline.render.markdown import SHOW_QUOTES

    a = article("One sentence.", id="m")

    def quote(n: int, text: str, outlets: int) -> Quote:
        variants = tuple(QuoteVariant(f"a{k}", text, 0, 9) for k in range(outlets))
        return Quote(
            id=f"q{n}",
            text=text,
            speaker_name="Ona Vell",
            speaker_entity_id=None,
            variants=variants,
        )

    # Fragments come first in the analysis (more outlets print them), statements after.
    fragments = [quote(n, f"an insult to the pilots of quay {n}", 3) for n in range(SHOW_QUOTES)]
    statements = [quote(100 + n, f"We will reopen quay {n} on Friday.", 1) for n in range(2)]
    out = render(Brief(articles=(a,), analysis=Analysis(quotes=(*fragments, *statements))), "md")
    section = out.split("## Quotes")[1].split("\n## ")[0]
    lines = [line for line in section.splitlines() if line.startswith("- ")]
    assert len(lines) == SHOW_QUOTES
    assert "We will reopen quay 0" in lines[0] and "We will reopen quay 1" in lines[1]
    assert "an insult to the pilots" in lines[2]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_one_outlet_facts_already_in_the_summary_are_not_repeated(fmt):
    from storyline.records import Analysis, Citation, Fact, SummarySentence

    a = article("One sentence.", id="x", outlet="Harbour Post")
    cite = (Citation("x", 0, 5),)
    shown = Fact("f1", "But the Dask crossing reopened on Tuesday after ten weeks.", cite, 1)
    other = Fact("f2", "Customs staff were moved from the northern post.", cite, 1)
    brief = Brief(
        articles=(a,),
        summary=(SummarySentence("The Dask crossing reopened after ten weeks.", cite),),
        analysis=Analysis(facts=(shown, other), unique={"x": ("f1", "f2")}),
    )
    section = render(brief, fmt).split("Reported by one outlet only")[1]
    assert "Customs staff" in section and "crossing reopened" not in section


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_corroborated_facts_leave_bare_speech_to_the_quotes(fmt):
    from storyline.records import Analysis, Citation, Fact

    a = article("One sentence.", id="x", outlet="Harbour Post")
    cite = (Citation("x", 0, 5),)
    facts = (
        Fact("f1", "“We will not sign papers and go home,” he said.", cite, 4),
        Fact("f2", "“The door is open.”", cite, 4),
        Fact("f3", 'Vale said the deal showed that "water does not stop at a border".', cite, 3),
        Fact("f4", "The crossing at Dask reopens on Monday for freight.", cite, 2),
    )
    brief = Brief(articles=(a,), analysis=Analysis(facts=facts))
    section = render(brief, fmt).split("corroborat")[1].split("Reported")[0]
    assert "papers" not in section and "door is open" not in section
    assert "Vale said" in section and "reopens on Monday" in section


def test_one_outlet_facts_are_capped_per_outlet_not_per_article():
    from storyline.records import Analysis, Citation, Fact
    from storyline.render.markdown import SHOW_UNIQUE_PER_OUTLET

    papers = [article(f"Piece {n}.", id=f"p{n}", outlet="Harbour Post") for n in range(3)]
    wire = article("Wire piece.", id="w", outlet="Northline")
    facts, unique = [], {}
    for a in [*papers, wire]:
        for k in range(2):
            fact = Fact(f"{a.id}-{k}", f"Fact {k} told only by {a.id} about the Dask quay.",
                        (Citation(a.id, 0, 5),), 1)  # fmt: skip
            facts.append(fact)
            unique.setdefault(a.id, []).append(fact.id)
    brief = Brief(
        articles=(*papers, wire),
        analysis=Analysis(facts=tuple(facts), unique={k: tuple(v) for k, v in unique.items()}),
    )
    section = render(brief, "md").split("## Reported by one outlet only")[1].split("\n## ")[0]
    lines = [line for line in section.splitlines() if line.startswith("- ")]
    assert sum(line.startswith("- Harbour Post:") for line in lines) == SHOW_UNIQUE_PER_OUTLET
    assert sum(line.startswith("- Northline:") for line in lines) == 2


def test_wire_datelines_are_stripped():
    from storyline.index.units import strip_dateline

    assert strip_dateline("PORT d'ARVEN, Mirovia _ The ferry resumed.") == "The ferry resumed."
    assert strip_dateline("DASK, Varenia (Agency) -- Trucks rolled.") == "Trucks rolled."
    assert strip_dateline("Port Dask, May 2 (Agency) -- Trucks rolled.") == "Trucks rolled."
    assert strip_dateline("DASK (Varenia), May 2 (Agency) -- Trucks rolled.") == "Trucks rolled."
    # In title case only with the agency: this is a sentence.
    assert strip_dateline("Dask, the port - and its trucks - rolled.").startswith("Dask")
    # A hyphen glued between words is no dash; glued after capitals or a parenthesis it is.
    assert strip_dateline("VTL, the owner of ferry maker Dask-Holm Lines, sold.").startswith("VTL")
    assert strip_dateline("DASK--Trucks rolled.") == "Trucks rolled."
    assert strip_dateline("DASK (Agency)-Trucks rolled.") == "Trucks rolled."
    assert strip_dateline("DASK, Varenia_Trucks rolled.") == "Trucks rolled."
    # A quoted title or a figure can open the sentence after the dateline.
    assert strip_dateline('DASK (Agency) -- "Harbour Lights" won.') == '"Harbour Lights" won.'
    assert strip_dateline("DASK (Agency) -- 25 trucks rolled.") == "25 trucks rolled."
    assert (
        strip_dateline("The talks - which began late - ended.")
        == "The talks - which began late - ended."
    )


def test_typewriter_quotation_marks_are_shown_as_quotation_marks():
    from storyline.index.units import typographic_quotes

    assert (
        typographic_quotes("``We will rebuild,'' Ostrova said.")
        == "“We will rebuild,” Ostrova said."
    )
    assert typographic_quotes("''We will rebuild.") == "“We will rebuild."
    assert typographic_quotes("the band's ''best'' year") == "the band's “best” year"
    assert typographic_quotes("rock 'n' roll") == "rock 'n' roll"
    # Single quotation marks typed as a backtick and an apostrophe, inside double ones too.
    assert (
        typographic_quotes("The show ``Holm: `I'm Back' Live,'' airs.")
        == "The show “Holm: ‘I'm Back’ Live,” airs."
    )
    assert typographic_quotes("the film `Dask Nights' opened") == "the film ‘Dask Nights’ opened"
    assert typographic_quotes("a ` stray mark") == "a ` stray mark"


@pytest.mark.parametrize(("n", "expected"), [(0, "0 spans removed"), (1, "1 span removed")])
def test_counts_agree_with_their_nouns(n, expected):
    brief = make_brief()
    first = brief.articles[0]
    changed = first.__class__(
        **{
            **{f: getattr(first, f) for f in first.__slots__},
            "removed": tuple(Removal(f"promo {k}", "promo") for k in range(n)),
        }
    )
    brief = Brief(
        articles=(changed, *brief.articles[1:]), rejected=brief.rejected, summary=brief.summary
    )
    text = render(brief, "md")
    assert expected in text and "1 input rejected" in text
    html = render(brief, "html")
    assert ("1 removed span<" in html) == (n == 1) and "1 inputs" not in html


def test_markdown_whos_who_lists_the_quoted_people_first():
    from storyline.records import Analysis, Entity, Quote, QuoteVariant
    from storyline.render.markdown import SHOW_ENTITIES

    a = article("One sentence.", id="m")
    listed = [
        Entity(id=f"p{n}", name=f"Listed Person{n}", type="person", article_ids=("m",), mentions=5)
        for n in range(SHOW_ENTITIES)
    ]
    speaker = Entity(id="ps", name="Ona Vell", type="person", article_ids=("m",), mentions=2)
    said = Quote(
        id="q1",
        text="We will reopen the quay on Friday.",
        speaker_name="Ona Vell",
        speaker_entity_id="ps",
        variants=(QuoteVariant("m", "We will reopen the quay on Friday.", 0, 9),),
    )
    analysis = Analysis(quotes=(said,), entities=(*listed, speaker))
    out = render(Brief(articles=(a,), analysis=analysis), "md")
    section = out.split("## Who's who")[1].split("\n## ")[0]
    assert section.strip().splitlines()[0] == "- **Ona Vell**"


def test_related_stories_without_a_title_or_a_sentence_read_cleanly():
    from storyline.records import Analysis, Story

    a = article("One sentence.", id="m")
    stories = (
        Story(id="s1", title="Main", article_ids=("m",), main=True, summary="Main."),
        Story(id="s2", title=None, article_ids=("x",), main=False, summary="The quay shut."),
        Story(id="s3", title="Ferry Listings", article_ids=("y",), main=False, summary=""),
        Story(id="s4", title=None, article_ids=("z",), main=False, summary=""),
    )
    brief = Brief(articles=(a,), analysis=Analysis(stories=stories))
    section = render(brief, "md").split("## Related stories")[1].split("\n## ")[0]
    lines = [line.rsplit(" [", 1)[0] for line in section.splitlines() if line.startswith("- ")]
    assert lines == [
        "- The quay shut.",
        "- Ferry Listings",
        "- (no headline or sentence of its own)",
    ]
    html = render(brief, "html")
    related = html.split("Related stories")[1].split("<h2>")[0]
    assert "untitled" not in section and "untitled" not in related
    assert "<b>Ferry Listings</b> " in html and "<b>Ferry Listings</b>:" not in html
