"""Entities, quotes and timeline in the analysis of the example corpus, and the JSON schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import storyline
from storyline.analyze import AnalysisConfig, analyze
from storyline.records import Brief
from storyline.render import json_schema, render
from tests.builders import article

KORVAN = Path(__file__).resolve().parents[2] / "examples" / "korvan-talks"


@pytest.fixture(scope="module")
def brief() -> Brief:
    if not KORVAN.is_dir():
        pytest.skip("examples/korvan-talks is absent")
    return storyline.brief([str(KORVAN)])


def test_spellings_of_one_person_are_one_entity(brief: Brief) -> None:
    people = [e for e in brief.analysis.entities if e.type == "person"]
    khaidarov = [e for e in people if "Khaidarov" in e.aliases]
    assert len(khaidarov) == 1
    assert {"Khaydarov", "Khaidorov", "Rouslan Khaïdarov"} <= set(khaidarov[0].aliases)
    assert khaidarov[0].aliases[0] == khaidarov[0].name
    assert len(khaidarov[0].article_ids) == len(brief.articles)
    holms = [e for e in people if e.name in {"Anders Holm", "Petra Holm"}]
    assert len(holms) == 2


def test_the_shared_quote_has_its_variants_and_speaker(brief: Brief) -> None:
    top = brief.analysis.quotes[0]
    khaidarov = next(e for e in brief.analysis.entities if "Khaidarov" in e.aliases)
    assert top.speaker_entity_id == khaidarov.id and top.speaker_name == khaidarov.name
    assert "open a door" in top.text
    outlets = {brief.article(v.article_id).outlet for v in top.variants}
    # full, split, re-translated, trimmed and fragment forms, not the paraphrase
    assert {"Nordpress", "Daily Meridian", "Continental Echo", "Channel 8 News"} <= outlets
    assert "Zhelin Herald" not in outlets
    for v in top.variants:
        text = brief.article(v.article_id).text
        assert text[v.start : v.end].split()[0] in v.text
    by_text = {q.text: q for q in brief.analysis.quotes}
    holm = [q for t, q in by_text.items() if t.startswith("The government is asking us")]
    assert holm and holm[0].speaker_name == "Petra Holm"


def test_relative_dates_resolve_against_each_article(brief: Brief) -> None:
    dates = {t.date for t in brief.analysis.timeline}
    assert {"2026-02-24", "2026-02-26", "2026-03-03", "2026-03-05", "2026-03-09",
            "2026-03-16"} <= dates  # fmt: skip
    assert [t.date for t in brief.analysis.timeline] == sorted(
        t.date for t in brief.analysis.timeline
    )


def test_brief_json_validates_against_the_schema(brief: Brief) -> None:
    document = json.loads(render(brief, "json"))
    jsonschema.validate(document, json_schema())
    for key in ("entities", "quotes", "facts", "unique", "conflicts", "timeline", "stories"):
        assert document[key], key
    broken = dict(document, timeline=[{"date": "3 March", "text": "x", "article_ids": []}])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, json_schema())
    assert Brief.from_dict(document).analysis.quotes == brief.analysis.quotes


def test_analysis_without_spacy_degrades(monkeypatch: pytest.MonkeyPatch) -> None:
    import storyline.annotate.entities as entities

    def broken(*args: object, **kwargs: object) -> None:
        raise ImportError("No module named 'spacy'")

    monkeypatch.setattr(entities, "find_entities", broken)
    a = article(
        '"We will be ready," said Jonas Ekdal, the transport minister.',
        "The crossing will reopen on Monday, officials said.",
        id="a",
        published="2026-03-03",
    )
    result = analyze([a], AnalysisConfig(stories=False))
    assert result.entities == ()
    assert result.quotes[0].speaker_name == "Jonas Ekdal"
    assert result.quotes[0].speaker_entity_id is None
    assert result.timeline[0].date == "2026-03-09"
