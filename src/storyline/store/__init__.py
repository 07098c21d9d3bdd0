"""The story store: articles, cleaned text, removed spans, rejections, stories, storylines and
cached briefs, kept in an embedded SQLite file by default.

Hierarchy of the modules::

    schema    migrations (SQL that SQLite and PostgreSQL both accept)
    model     records and the StoryStore protocol a backend implements
    online    features and similarity used by online clustering
    writer    one batch = one transaction: store, cluster, index
    sqlite    the SQLite backend (reads, brief cache, integrity check)
    ingest    batched, incremental, idempotent ingest over a backend
    commands  the ``storyline ingest|stories|show|export`` commands
"""

from __future__ import annotations

from storyline.store.ingest import ingest
from storyline.store.model import (
    BatchResult,
    ClusterConfig,
    IngestReport,
    Placement,
    StoredStory,
    StoryStore,
)
from storyline.store.sqlite import SQLiteStore, default_path, open_store

__all__ = [
    "BatchResult",
    "ClusterConfig",
    "IngestReport",
    "Placement",
    "SQLiteStore",
    "StoredStory",
    "StoryStore",
    "default_path",
    "ingest",
    "open_store",
]
