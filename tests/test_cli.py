import json
import re
from pathlib import Path

import click
import jsonschema
import pytest
from click.testing import CliRunner

from storyline.cli import main
from storyline.render import json_schema
from tests.builders import FACTS, UNIQUE

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "korvan-talks"


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    out = []
    for name, command in group.commands.items():
        out.append((f"{prefix}{name}", command))
        if isinstance(command, click.Group):
            out.extend(_commands(command, f"{prefix}{name} "))
    return out


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    for i in range(3):
        text = "\n\n".join(v[i] for v in FACTS) + "\n\n" + UNIQUE[i]
        (tmp_path / f"outlet{i}.txt").write_text(
            f"Bridge shut\n\n{text}\n\n© 2026 Outlet Number{i}\n"
        )
    (tmp_path / "broken.jsonl").write_text('{"text": \n')
    return tmp_path


def test_every_command_has_help_and_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    runner = CliRunner()
    for name, command in _commands(main):
        assert command.help, f"storyline {name} has no help text"
        result = runner.invoke(main, [*name.split(), "--help"])
        assert result.exit_code == 0, result.output
        assert f"storyline {name}" in readme, f"README does not document `storyline {name}`"


@pytest.mark.parametrize("fmt", ["md", "json", "html"])
def test_brief_formats(corpus: Path, tmp_path: Path, fmt: str):
    out = tmp_path / f"brief.{fmt}"
    result = CliRunner().invoke(
        main, ["brief", str(corpus), "--format", fmt, "-o", str(out), "--words", "60"]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text()
    if fmt == "json":
        document = json.loads(text)
        jsonschema.validate(document, json_schema())
        assert {r["source"].rsplit("/", 1)[-1] for r in document["rejected"]} == {"broken.jsonl:1"}
        assert sum(len(s["text"].split()) for s in document["summary"]) <= 60
    elif fmt == "md":
        assert "## Summary" in text and "broken.jsonl" in text
    else:
        assert text.startswith("<!DOCTYPE html>")


def test_brief_sentences_and_focus(corpus: Path):
    result = CliRunner().invoke(
        main,
        [
            "brief",
            str(corpus),
            "--sentences",
            "1",
            "--focus",
            "traffic on the ring road",
            "--format",
            "json",
        ],
    )
    document = json.loads(result.output)
    assert len(document["summary"]) == 1 and "ring road" in document["summary"][0]["text"]


def test_no_usable_input_exits_non_zero_with_one_message(tmp_path: Path):
    (tmp_path / "empty.txt").write_text("   ")
    result = CliRunner().invoke(
        main, ["brief", str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt")]
    )
    assert result.exit_code == 1
    assert result.output.count("error:") == 1 and "empty input" in result.output


def test_bad_option_is_a_usage_error(corpus: Path):
    assert CliRunner().invoke(main, ["brief", str(corpus), "--words", "0"]).exit_code == 2
    assert CliRunner().invoke(main, ["brief", str(corpus), "--format", "pdf"]).exit_code == 2


def test_clean_text_and_jsonl(corpus: Path):
    runner = CliRunner()
    text = runner.invoke(main, ["clean", str(corpus / "outlet0.txt")]).output
    assert "© 2026" not in text and FACTS[1][0] in text
    lines = runner.invoke(main, ["clean", str(corpus), "--format", "jsonl"]).output.splitlines()
    records = [json.loads(line) for line in lines if line.startswith("{")]
    assert len(records) == 3
    assert set(records[0]) == {"source", "title", "outlet", "published", "text", "removed"}
    assert any(r["reason"] for rec in records for r in rec["removed"])


def test_stdin(corpus: Path):
    data = (corpus / "outlet1.txt").read_text()
    result = CliRunner().invoke(main, ["clean", "-"], input=data)
    assert result.exit_code == 0 and FACTS[0][1] in result.output


@pytest.mark.skipif(not EXAMPLE.exists(), reason="example corpus missing")
def test_readme_demo_on_the_bundled_example():
    result = CliRunner().invoke(main, ["brief", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    summary = result.output.split("## Summary", 1)[1].split("\n## ", 1)[0]
    bullets = [line for line in summary.splitlines() if line.startswith("- ")]
    assert bullets and all(re.search(r"\[\d+(, \d+)*\]$", line) for line in bullets)
    assert sum(len(line.split()) for line in bullets) <= 120 + 6 * len(bullets)
