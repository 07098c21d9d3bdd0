"""Golden checks on the bundled example corpus: what cleaning keeps, removes, and infers.

Each article's expectations are in examples/korvan-talks/GOLDEN.json (snippets that must stay,
snippets that must go, the outlet and publication day).
"""

import json
from pathlib import Path

import pytest

from storyline.ingest import load
from storyline.ingest.html import visible_lines
from storyline.ingest.prepare import prepare

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "korvan-talks"
pytestmark = pytest.mark.skipif(
    not (EXAMPLE / "GOLDEN.json").exists(), reason="example corpus missing"
)


def _key(source: str) -> str:
    name = source.rsplit("/", 1)[-1]
    if ":" in name:  # "more-coverage.jsonl:2" -> "more-coverage.jsonl#1"
        name, line = name.rsplit(":", 1)
        return f"{name}#{int(line) - 1}"
    return name


@pytest.fixture(scope="module")
def cleaned():
    raw, rejected = load([str(EXAMPLE)])
    articles, more = prepare(raw)
    assert not rejected and not more
    return {_key(a.source): a for a in articles}


def _visible(name: str) -> str:
    return "\n".join(visible_lines((EXAMPLE / name).read_text(encoding="utf-8")))


GOLDEN = (
    json.loads((EXAMPLE / "GOLDEN.json").read_text()) if (EXAMPLE / "GOLDEN.json").exists() else {}
)


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_kept_and_removed(cleaned, key):
    article, gold = cleaned[key], GOLDEN[key]
    for snippet in gold.get("must_contain", []):
        assert snippet in article.text, f"{key}: lost {snippet!r}"
    for snippet in gold.get("must_not_contain", []):
        assert snippet not in article.text, f"{key}: kept boilerplate {snippet!r}"
        if key.endswith((".html", ".htm")) and snippet not in _visible(key):
            continue  # inside a script or style element: never text, so never "removed"
        assert any(snippet in r.text or r.text in snippet for r in article.removed), (
            f"{key}: {snippet!r} is not listed among the removed spans"
        )
    for snippet in gold.get("must_occur_once", []):
        assert article.text.count(snippet) == 1, f"{key}: {snippet!r} should occur once"


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_inferred_metadata(cleaned, key):
    article, expected = cleaned[key], GOLDEN[key].get("expected", {})
    if "outlet" in expected:
        assert article.outlet == expected["outlet"]
    if "published" in expected:
        assert article.published and article.published[:10] == expected["published"]
