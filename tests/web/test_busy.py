"""Briefs that are not cached are made a few at a time; the rest wait, then get 503."""

from __future__ import annotations

import shutil
from pathlib import Path

from fastapi.testclient import TestClient

from storyline.web import create_app


def test_a_brief_with_no_free_slot_is_refused_and_cached_ones_are_served(
    example_db: Path, tmp_path: Path
) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(example_db, db)
    app = create_app(db, max_briefs=1, brief_wait=0.05)
    with TestClient(app) as client:
        story, other = (s["id"] for s in client.get("/api/stories").json()["stories"][:2])
        assert client.get(f"/api/stories/{story}/brief").status_code == 200  # now cached
        slots = app.state.access._making
        assert slots.acquire(timeout=1)  # another request is making a brief
        try:
            busy = client.get(f"/api/stories/{story}/brief", params={"focus": "water?"})
            assert busy.status_code == 503
            assert busy.headers["retry-after"].isdigit()
            assert busy.json()["error"]["code"] == "busy"
            page = client.get(f"/stories/{story}")  # the cached brief needs no slot
            assert page.status_code == 200
            assert client.get(f"/api/stories/{story}/brief").status_code == 200
            uncached = client.get(f"/stories/{other}")  # a page whose brief must be made
            assert uncached.status_code == 503 and "busy" in uncached.text
            assert uncached.headers["content-type"].startswith("text/html")
        finally:
            slots.release()
        again = client.get(f"/api/stories/{story}/brief", params={"focus": "water?"})
        assert again.status_code == 200
