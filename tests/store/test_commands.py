"""The store's click commands, invoked directly (the lead registers them on ``storyline``)."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from storyline.store.commands import export, ingest, show, stories

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "korvan-talks"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "s.db"
    result = CliRunner().invoke(ingest, [str(EXAMPLE), "--db", str(path), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "stored 9 new article(s)" in result.output
    return path


@pytest.mark.parametrize("command", [ingest, stories, show, export])
def test_every_command_is_documented(command: click.Command) -> None:
    assert command.help and len(command.help) > 40
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{command.name} {param.name} has no help"


def test_ingest_again_changes_nothing(db: Path) -> None:
    before = db.stat().st_size
    result = CliRunner().invoke(ingest, [str(EXAMPLE), "--db", str(db), "--no-progress"])
    assert result.exit_code == 0
    assert "stored 0 new article(s), skipped 9 already stored" in result.output
    assert db.stat().st_size == before


def test_stories_table_and_json(db: Path) -> None:
    table = CliRunner().invoke(stories, ["--db", str(db)])
    assert table.exit_code == 0
    assert table.output.splitlines()[0].split() == [
        "id",
        "title",
        "articles",
        "outlets",
        "time",
        "span",
    ]
    listed = json.loads(CliRunner().invoke(stories, ["--db", str(db), "--format", "json"]).output)
    assert {"id", "title", "storyline_id", "article_ids", "sources"} <= set(listed[0])
    assert sum(len(s["article_ids"]) for s in listed) == 9
    assert all(src.startswith(str(EXAMPLE)) for s in listed for src in s["sources"])
    found = json.loads(
        CliRunner()
        .invoke(stories, ["--db", str(db), "--format", "json", "--search", "Zhelin Herald"])
        .output
    )
    assert len(found) >= 1
    later = json.loads(
        CliRunner()
        .invoke(stories, ["--db", str(db), "--format", "json", "--since", "2026-03-01"])
        .output
    )
    assert len(later) == 1


def test_show_writes_the_brief_from_the_store_and_caches_it(db: Path, tmp_path: Path) -> None:
    listed = json.loads(CliRunner().invoke(stories, ["--db", str(db), "--format", "json"]).output)
    main = max(listed, key=lambda s: len(s["article_ids"]))
    out = tmp_path / "brief.json"
    result = CliRunner().invoke(
        show, [main["id"][:8], "--db", str(db), "--format", "json", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    brief = json.loads(out.read_text())
    assert brief["schema"] == "storyline.brief/1"
    assert {a["id"] for a in brief["articles"]} == set(main["article_ids"])
    assert brief["summary"]
    again = CliRunner().invoke(show, [main["id"], "--db", str(db), "--format", "md"])
    assert again.exit_code == 0 and again.output.startswith("# ")


def test_show_unknown_story_fails_cleanly(db: Path) -> None:
    result = CliRunner().invoke(show, ["nosuchstory", "--db", str(db)])
    assert result.exit_code != 0 and "no story" in result.output


def test_commands_refuse_a_missing_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(stories, ["--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0 and "no store" in result.output
    assert not (tmp_path / "none.db").exists()


def test_export_jsonl_has_every_article_with_its_story(db: Path) -> None:
    lines = CliRunner().invoke(export, ["--db", str(db)]).output.splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 9
    assert {"id", "text", "story_id", "storyline_id", "duplicate_of", "removed"} <= set(records[0])


def test_db_from_environment(tmp_path: Path) -> None:
    path = tmp_path / "env.db"
    result = CliRunner().invoke(
        ingest,
        [str(EXAMPLE / "nordpress-korvan.txt"), "--no-progress"],
        env={"STORYLINE_DB": str(path)},
    )
    assert result.exit_code == 0 and path.exists()
