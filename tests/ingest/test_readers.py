import gzip
import io
import json

from storyline.ingest import load
from storyline.ingest.readers import read_bytes, read_jsonl
from storyline.records import RawInput, Rejection


def test_jsonl_lines_become_inputs_and_broken_lines_rejections():
    lines = [
        json.dumps(
            {
                "text": "Body one.",
                "title": "T",
                "outlet": "O",
                "published": "2026-03-01",
                "id": "x1",
            }
        ),
        "{broken",
        json.dumps({"html": "<p>Body two</p>", "url": "https://example.org/a"}),
        json.dumps({"title": "no body"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": {"nested": 1}}),
        "",
    ]
    items = list(read_jsonl("\n".join(lines), source="f.jsonl"))
    assert isinstance(items[0], RawInput) and items[0].outlet == "O" and items[0].id == "x1"
    assert isinstance(items[1], Rejection) and items[1].source == "f.jsonl:2"
    assert "invalid JSON" in items[1].reason
    assert isinstance(items[2], RawInput) and items[2].html and items[2].text is None
    assert "neither 'text' nor 'html'" in items[3].reason
    assert "expected a JSON object" in items[4].reason
    assert "must be a string" in items[5].reason
    assert len(items) == 6


def test_sniffing_without_suffix():
    assert read_bytes(b"<!DOCTYPE html><html><body><p>x</p></body></html>", source="s")[0].html
    assert read_bytes(b'{"text": "a"}\n{"text": "b"}\n', source="s")[1].text == "b"
    assert read_bytes(b"Plain words.", source="s")[0].text == "Plain words."


def test_folders_globs_and_missing(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("Alpha text.")
    (tmp_path / "sub" / "b.html.gz").write_bytes(
        gzip.compress(b"<html><body><p>Beta</p></body></html>")
    )
    (tmp_path / "notes.md").write_text("not an article")
    (tmp_path / ".hidden.txt").write_text("hidden")
    inputs, rejected = load([str(tmp_path)])
    assert sorted(i.source.rsplit("/", 1)[-1] for i in inputs) == ["a.txt", "b.html.gz"]
    assert [i for i in inputs if i.html] and not rejected
    inputs, rejected = load(
        [str(tmp_path / "*.txt"), str(tmp_path / "nope.txt"), str(tmp_path / "*.xyz")]
    )
    assert [i.text for i in inputs] == ["Alpha text."]
    assert {r.reason for r in rejected} == {"no such file or folder", "pattern matches no file"}


def test_explicit_file_of_any_suffix_is_plain_text(tmp_path):
    path = tmp_path / "story.md"
    path.write_text("Words here.")
    inputs, _ = load(path)
    assert inputs[0].text == "Words here."


def test_oversized_file_is_rejected_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 1000)
    inputs, rejected = load([str(path)], max_bytes=100)
    assert not inputs and rejected[0].reason.startswith("too large")


def test_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"From standard input.")))
    inputs, rejected = load(["-"])
    assert inputs[0].source == "<stdin>" and inputs[0].text == "From standard input."
    assert not rejected


def test_python_objects():
    inputs, rejected = load([{"text": "A dict.", "outlet": "X"}, RawInput(source="r", text="Raw.")])
    assert [i.text for i in inputs] == ["A dict.", "Raw."] and not rejected


def test_unusable_paths_are_rejected_and_wrong_types_named():
    import pytest

    inputs, rejected = load(["x" * 5000, "bad\x00name.txt"])
    assert not inputs
    assert len(rejected) == 2
    assert rejected[0].reason.startswith("not a usable path")  # too long for the file system
    assert all(len(r.source) <= 200 for r in rejected)
    with pytest.raises(TypeError, match="not int"):
        load([42])
