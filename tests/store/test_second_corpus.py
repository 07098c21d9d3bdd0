"""A second, independent corpus through the store: a dock strike begins, then ends days later.

``examples/korvan-talks`` is the corpus story and storyline clustering were developed on. The
fictional ``tests/data/harbour-strike`` corpus was written afterwards, in another domain, to check
the same behaviour on text the mechanism was not tuned on: ingested twice, every article is
stored once, the same-day coverage of the later event (the deal) is one story, the earlier
event (the walkout) is another story of the same storyline, and the wire copy republished by
another outlet is marked a near-duplicate.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NamedTuple

import click
import pytest
from click.testing import CliRunner

import storyline
from storyline.store.commands import export, ingest, stories

CORPUS = Path(__file__).resolve().parents[1] / "data" / "harbour-strike"

# Articles are keyed by file name, with ":N" for line N of a JSON Lines file.
WALKOUT = {"coastline-wire-walkout.txt", "haldmoor-gazette-walkout.txt", "more-coverage.jsonl:1"}
DEAL = {
    "coastline-wire-deal.txt",
    "haldmoor-gazette-deal.txt",
    "lestrian-standard-deal.html",
    "radio-skarre-deal.txt",
    "more-coverage.jsonl:2",
    "more-coverage.jsonl:3",
}
WIRE, COPY = "coastline-wire-deal.txt", "more-coverage.jsonl:2"
DAYS = {"2026-05-11": WALKOUT, "2026-05-15": DEAL}


class Ingested(NamedTuple):
    db: Path
    first: str
    second: str


def _key(source: str) -> str:
    return Path(source).name


def _run(command: click.Command, args: list[str]) -> str:
    result = CliRunner().invoke(command, args)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    db = tmp_path_factory.mktemp("harbour") / "s.db"
    args = [str(CORPUS), "--db", str(db), "--no-progress"]
    return Ingested(db, _run(ingest, args), _run(ingest, args))


@pytest.fixture(scope="module")
def listed(ingested: Ingested) -> list[dict[str, Any]]:
    stories_json = _run(stories, ["--db", str(ingested.db), "--format", "json"])
    return list(json.loads(stories_json))


@pytest.fixture(scope="module")
def records(ingested: Ingested) -> dict[str, dict[str, Any]]:
    lines = _run(export, ["--db", str(ingested.db)]).splitlines()
    return {_key(r["source"]): r for r in map(json.loads, lines)}


def _story_of(key: str, listed: list[dict[str, Any]]) -> dict[str, Any]:
    found = [s for s in listed if key in {_key(src) for src in s["sources"]}]
    assert len(found) == 1, f"{key} is in {len(found)} stories"
    return found[0]


def test_ingesting_twice_stores_every_article_once(
    ingested: Ingested, records: dict[str, dict[str, Any]], listed: list[dict[str, Any]]
) -> None:
    assert "stored 9 new article(s), skipped 0 already stored, rejected 0" in ingested.first
    assert "stored 0 new article(s), skipped 9 already stored, rejected 0" in ingested.second
    assert set(records) == WALKOUT | DEAL
    assert len({r["id"] for r in records.values()}) == 9
    stored = [a for s in listed for a in s["article_ids"]]
    assert sorted(stored) == sorted(r["id"] for r in records.values())


def test_outlets_and_days_are_read_from_every_format(
    records: dict[str, dict[str, Any]],
) -> None:
    # A check on the corpus itself: each file gives its outlet and day in a form the reader knows.
    for day, keys in DAYS.items():
        for key in keys:
            assert records[key]["outlet"], key
            assert str(records[key]["published"]).startswith(day), key
    assert records[COPY]["outlet"] == "Northshore Tribune"
    page = records["lestrian-standard-deal.html"]
    assert page["text"].startswith("The four-day strike at the Port of Haldmoor ended on Friday")
    assert "cookie" not in page["text"].lower()


def test_the_deal_coverage_is_one_story(listed: list[dict[str, Any]]) -> None:
    deal = _story_of(WIRE, listed)
    assert {_key(src) for src in deal["sources"]} == DEAL


def test_the_walkout_is_another_story_of_the_same_storyline(
    listed: list[dict[str, Any]],
) -> None:
    deal = _story_of(WIRE, listed)
    walkout_stories = {_story_of(key, listed)["id"]: _story_of(key, listed) for key in WALKOUT}
    assert deal["id"] not in walkout_stories
    # One story: the local paper's scene piece shares less wording with the agency and
    # business reports than they share with each other, and still belongs with them.
    assert len(walkout_stories) == 1
    (walkout,) = walkout_stories.values()
    assert {_key(src) for src in walkout["sources"]} == WALKOUT
    assert walkout["storyline_id"] == deal["storyline_id"]


def test_the_republished_wire_story_is_a_near_duplicate(
    records: dict[str, dict[str, Any]], listed: list[dict[str, Any]]
) -> None:
    wire, copy = records[WIRE], records[COPY]
    assert copy["duplicate_of"] == wire["id"]
    assert wire["duplicate_of"] is None
    assert _story_of(WIRE, listed)["duplicates"] == [copy["id"]]
    others = (r for key, r in records.items() if key != COPY)
    assert all(r["duplicate_of"] is None for r in others)


def test_the_brief_of_the_folder_cites_every_summary_sentence() -> None:
    brief = storyline.brief([str(CORPUS)])
    ids = {a.id for a in brief.articles}
    assert len(ids) == 9 and not brief.rejected
    assert brief.summary
    for sentence in brief.summary:
        cited = {c.article_id for c in sentence.citations}
        assert cited and cited <= ids, sentence.text
