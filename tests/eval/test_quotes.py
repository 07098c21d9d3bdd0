"""`storyline eval quotes` on the bundled BRAT set, and the accepted BRAT forms."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from storyline.eval.quotes import eval_quotes, evaluate, read_brat, same_name

DATA = Path(__file__).resolve().parents[1] / "data" / "quotes-brat"


def test_bundled_set_is_large_and_well_formed() -> None:
    docs = read_brat(DATA)
    assert len(docs) >= 8
    assert sum(len(gold) for _, _, gold in docs) >= 60
    for _, text, gold in docs:
        for g in gold:
            assert text[g.source_start : g.source_end] == g.source_text


def test_command_prints_accuracy_and_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = CliRunner().invoke(eval_quotes, ["--data", str(DATA), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "speaker accuracy" in result.output and "direct quotes (gold)" in result.output
    report = json.loads(out.read_text())
    assert report["gold"] >= 60 and report["accuracy"] >= 0.9


def test_pattern_only_attribution_still_scores(tmp_path: Path) -> None:
    assert evaluate(DATA, entities=False).accuracy >= 0.85


def test_event_form_notes_and_indirect_content(tmp_path: Path) -> None:
    text = 'The mayor spoke. "We will rebuild," she said. She said the town would recover.\n'
    (tmp_path / "x.txt").write_text(text)
    she = text.index("she")
    quote = text.index("We will")
    indirect = text.index("the town")
    (tmp_path / "x.ann").write_text(
        f"T1\tSource {she} {she + 3}\tshe\n"
        f"T2\tContent {quote} {quote + 14}\tWe will rebuild\n"
        f"T3\tCue {she + 4} {she + 8}\tsaid\n"
        f"T4\tContent {indirect} {indirect + 25}\tthe town would recover\n"
        "E1\tCue:T3 Source:T1 Content:T2\n"
        "R1\tAttribution Arg1:T4 Arg2:T1\n"
        "#1\tAnnotatorNotes T1\tMarta Kovel\n"
    )
    (gold,) = read_brat(tmp_path)[0][2]  # the indirect content (no quote marks) is not scored
    assert gold.speaker == "Marta Kovel" and gold.source_text == "she"
    assert evaluate(tmp_path).correct == 1
    empty = CliRunner().invoke(eval_quotes, ["--data", str(tmp_path / "..")])
    assert empty.exit_code != 0


def test_names_match_across_spellings() -> None:
    assert same_name("Ruslan Khaydarov", "Khaidarov")
    assert not same_name("Anders Holm", "Petra Holm")
