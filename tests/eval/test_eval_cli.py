"""`storyline eval summaries` and `storyline eval extraction` end to end, on small inputs."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from storyline.cli import main
from storyline.eval.extraction import default_data_dir

DOCUMENTS = [
    "The river Vell flooded the town of Arnholm on Monday. Rescue teams evacuated 300 people. "
    "The mayor said the dam had held. Rain is expected to continue until Thursday.",
    "Floodwater from the Vell reached Arnholm's centre on Monday, and 300 residents were "
    "evacuated. The regional governor visited shelters. Schools will stay closed this week.",
    "Arnholm was flooded when the Vell burst its banks. About 300 people left their homes. "
    "Forecasters expect more rain until Thursday.",
]


@pytest.fixture
def clusters(tmp_path):
    path = tmp_path / "clusters.jsonl"
    record = {
        "id": "flood",
        "topic": "What happened in Arnholm?",
        "documents": DOCUMENTS,
        "references": ["The Vell flooded Arnholm on Monday and 300 people were evacuated."],
    }
    unscored = {"id": "no-refs", "documents": DOCUMENTS[:1]}
    path.write_text(json.dumps(record) + "\n" + json.dumps(unscored) + "\n", encoding="utf-8")
    return path


def test_eval_summaries_prints_a_table_and_writes_csv_and_json(clusters, tmp_path):
    out_csv, out_json = tmp_path / "rows.csv", tmp_path / "report.json"
    result = CliRunner().invoke(
        main,
        [
            "eval",
            "summaries",
            "--data",
            str(clusters),
            "--format",
            "jsonl",
            "--words",
            "20",
            "--systems",
            "storyline,lead,centroid-mmr",
            "--focus-from-topic",
            "--csv",
            str(out_csv),
            "--json",
            str(out_json),
        ],
    )
    assert result.exit_code == 0, result.output
    table = result.stdout
    for name in ("storyline", "lead", "centroid-mmr", "R-2", "R-SU4"):
        assert name in table
    assert "1 cluster without references skipped" in table
    rows = list(csv.DictReader(out_csv.open()))
    assert {row["system"] for row in rows} == {"storyline", "lead", "centroid-mmr"}
    assert all(row["cluster"] == "flood" for row in rows)
    # The reference shares words with every system's summary: recall cannot be zero.
    assert all(float(row["rouge_1"]) > 0.2 for row in rows)
    report = json.loads(out_json.read_text())
    assert report["focus"] is True and report["words"] == 20


def test_eval_summaries_rejects_an_unknown_system(clusters):
    result = CliRunner().invoke(
        main,
        [
            "eval",
            "summaries",
            "--data",
            str(clusters),
            "--format",
            "jsonl",
            "--systems",
            "storyline,gpt",
        ],
    )
    assert result.exit_code != 0
    assert "gpt" in result.output


def test_eval_summaries_reports_broken_data_clearly(tmp_path):
    path = tmp_path / "broken.jsonl"
    path.write_text("{not json\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["eval", "summaries", "--data", str(path), "--format", "jsonl"]
    )
    assert result.exit_code == 1
    assert "not JSON" in result.stderr


@pytest.mark.skipif(default_data_dir() is None, reason="article-extraction benchmark absent")
def test_eval_extraction_prints_the_table_with_reference_tools(tmp_path):
    out = tmp_path / "report.json"
    result = CliRunner().invoke(
        main, ["eval", "extraction", "--mode", "html", "--split", "dev", "--json", str(out)]
    )
    assert result.exit_code == 0, result.output
    for name in ("storyline (HTML ingest)", "trafilatura", "jusText", "pages/s"):
        assert name in result.stdout
    report = json.loads(out.read_text())
    assert report["pages"] == 90 and report["split"] == "dev"
