"""Fixtures for the web app: a store holding the example corpus, and an ASGI client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from storyline.store.commands import ingest
from storyline.web import create_app

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "korvan-talks"
TOKEN = "token-for-tests-0123456789"


@pytest.fixture(scope="session")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the example corpus ingested (shared: tests must not write to it)."""
    path = tmp_path_factory.mktemp("web") / "example.db"
    result = CliRunner().invoke(ingest, [str(EXAMPLE), "--db", str(path), "--no-progress"])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="session")
def client(example_db: Path) -> Iterator[TestClient]:
    """A read-only client over the example store (ingest disabled: no token)."""
    with TestClient(create_app(example_db)) as test_client:
        yield test_client


@pytest.fixture
def writable(tmp_path: Path) -> Iterator[TestClient]:
    """A client over a fresh store that accepts ingest with :data:`TOKEN`."""
    with TestClient(create_app(tmp_path / "w.db", token=TOKEN, max_body=200_000)) as c:
        yield c
