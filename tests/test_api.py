from dataclasses import replace
from pathlib import Path

import pytest

import storyline
from storyline.records import RawInput
from tests.builders import FACTS, UNIQUE


def _inputs():
    return [
        RawInput(
            source=f"o{i}",
            text="\n\n".join(v[i] for v in FACTS) + "\n\n" + UNIQUE[i],
            outlet=f"O{i}",
        )
        for i in range(3)
    ]


def test_brief_from_objects():
    result = storyline.brief(_inputs(), words=50)
    assert len(result.articles) == 3 and result.summary
    assert {c.article_id for c in result.summary[0].citations} <= {a.id for a in result.articles}


def test_ids_are_stable_content_hashes():
    first = [a.id for a in storyline.brief(_inputs()).articles]
    again = [a.id for a in storyline.brief(list(reversed(_inputs()))).articles]
    assert sorted(first) == sorted(again) and len(first[0]) == 16


def test_duplicate_input_is_rejected_not_counted_twice():
    inputs = _inputs()
    result = storyline.brief([*inputs, RawInput(source="copy", text=inputs[0].text)])
    assert len(result.articles) == 3
    assert "duplicate of o0" in result.rejected[0].reason


def test_placeholder_publication_dates_are_unknown_not_fatal():
    # Content systems write the ends of the calendar for "no date"; "next week" and "the day
    # before" of such a day lie outside the calendar.
    text = "The board met yesterday and will meet again next week, the chair said on Monday."
    inputs = [
        RawInput(source=f"o{i}", text=v + "\n\n" + text, outlet=f"O{i}", published=day)
        for i, (v, day) in enumerate(
            zip(
                ("\n\n".join(f[i] for f in FACTS) for i in range(3)),
                ("0001-01-01T00:00:00", "9999-12-31", "Dec. 31, 9999"),
                strict=True,
            )
        )
    ]
    result = storyline.brief(inputs)
    assert [a.published for a in result.articles] == [None, None, None]
    assert result.summary
    made = storyline.brief_articles([replace(a, published="0001-01-01") for a in result.articles])
    assert made.articles[0].published_date is None


def test_no_usable_input_raises_with_the_rejections():
    with pytest.raises(storyline.NoUsableInputError) as info:
        storyline.brief([RawInput(source="x", text="   ")])
    assert info.value.rejections[0].source == "x"


def test_a_path_works_too(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text(_inputs()[0].text)
    assert storyline.brief(str(path)).articles[0].source == str(path)


def test_brief_of_already_clean_articles_matches_the_full_pipeline():
    full = storyline.brief(_inputs(), words=50)
    bare = [
        storyline.Article(id=a.id, source=a.source, text=a.text, outlet=a.outlet)
        for a in full.articles
    ]
    again = storyline.brief_articles(bare, words=50)
    assert [s.text for s in again.summary] == [s.text for s in full.summary]
    assert again.analysis.facts == full.analysis.facts


def test_pipeline_refuses_a_stage_before_what_it_needs():
    from storyline.analyze import AnalyzeStage
    from storyline.errors import ConfigError
    from storyline.pipeline import Pipeline
    from storyline.segment import SegmentStage

    with pytest.raises(ConfigError, match="analyze"):
        Pipeline([AnalyzeStage(), SegmentStage()])


def test_the_title_is_the_headline_the_main_storys_articles_share_most():
    from storyline.api import brief_articles
    from tests.builders import article

    body = (
        "Dask ferry workers ended their strike on Friday after a pay deal with the port, "
        "union leaders said. The ferries to Lestra will sail again on Saturday."
    )
    articles = [
        article(
            "Police never proved the old Dask quay fire was arson, records show. " + body,
            id="side",
            outlet="A",
            title="Police lacked proof in old quay case",
        ),
        article(body + " Pay rises by 5 percent.", id="code", outlet="B", title="&HT;"),
        article(
            body + " The deal runs two years.",
            id="main",
            outlet="C",
            title="Dask ferry strike ends after pay deal",
        ),
    ]
    result = brief_articles(articles)
    assert result.title == "Dask ferry strike ends after pay deal"
    assert all(s.title != "&HT;" for s in result.analysis.stories)
    # A slug line in capitals, or a headline cut short, shares as many words but comes last.
    for title in (
        "DASK FERRY STRIKE ENDS AFTER PAY DEAL WITH PORT",
        "Dask ferry strike ends after",
    ):
        slug = article(body + " Fares stay the same.", id="slug", outlet="D", title=title)
        assert brief_articles([*articles, slug]).title == "Dask ferry strike ends after pay deal"


def test_a_brief_reports_the_progress_of_its_long_stages():
    from storyline.annotate import mentions

    mentions._cache.clear()  # sentences tagged by an earlier test are not tagged again
    reports: list[tuple[str, int, int]] = []
    storyline.brief(_inputs(), words=50, progress=lambda *r: reports.append(r))
    stages = {stage for stage, _, _ in reports}
    assert {"clean", "entities"} <= stages
    last = [r for r in reports if r[0] == "entities"][-1]
    assert last[1] == last[2] > 0


def test_a_text_past_the_length_limit_is_cut_at_a_paragraph_and_says_so():
    from storyline.ingest.prepare import MAX_ARTICLE_CHARS, within_limit

    paragraph = "The harbour board met again on Monday and heard the pilots' case in full.\n\n"
    text = paragraph * (MAX_ARTICLE_CHARS // len(paragraph) + 50)
    kept, cut = within_limit(text)
    assert cut is not None and len(kept) <= MAX_ARTICLE_CHARS
    assert kept.endswith("in full.") and text[cut.start : cut.end] == cut.text
    assert kept + cut.text == text and "past the first" in cut.reason
    assert within_limit(paragraph) == (paragraph, None)
    # One long line with no paragraph or sentence end is cut between words.
    words, gone = within_limit("pilot " * 30, limit=100)
    assert words.split() == ["pilot"] * 16 and gone is not None and gone.start == len(words)
    result = storyline.brief([*_inputs(), RawInput(source="long", text=text, outlet="Long")])
    long = next(a for a in result.articles if a.source == "long")
    assert len(long.text) < MAX_ARTICLE_CHARS
    assert any("past the first" in r.reason for r in long.removed)
