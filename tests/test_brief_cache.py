"""Cached briefs in the store are keyed by the summarizer's revision as well as the options."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.api import load
from storyline.store import briefs, ingest, open_store
from storyline.store.briefs import brief_options, story_brief

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "korvan-talks"


def test_a_brief_cached_by_an_older_summarizer_is_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, _ = load([str(EXAMPLE)])
    with open_store(tmp_path / "s.db") as store:
        ingest(store, raw)
        story_id = store.stories()[0].id
        first = story_brief(store, story_id)
        options = brief_options(words=120, sentences=None, focus=None)
        assert store.cached_brief(story_id, options) == first.to_dict()
        # A store written before the summarizer changed holds a different brief under the
        # old revision; the current revision must not serve it.
        stale = dict(first.to_dict(), title="stale")
        old = dict(options, summarizer=briefs.SUMMARIZER_REVISION - 1)
        store.cache_brief(story_id, old, stale)
        assert story_brief(store, story_id).title == first.title
        monkeypatch.setattr(briefs, "SUMMARIZER_REVISION", briefs.SUMMARIZER_REVISION - 1)
        assert story_brief(store, story_id).title == "stale"
