"""The store's schema, as an ordered list of migrations.

Each migration is plain SQL that both SQLite and PostgreSQL accept (``TEXT``, ``INTEGER``,
``BIGINT``, ``DOUBLE PRECISION``, ``BYTEA``/``BLOB`` aside), applied in order and recorded in
``schema_migrations``; what only one database has (SQLite's FTS5 full-text index; PostgreSQL
would use a GIN index over ``to_tsvector``) is in a migration's ``sqlite`` statements. A store
opened by a newer storyline is upgraded in place, inside one transaction per migration, so an
interrupted upgrade leaves the previous version intact.

Tables::

    articles      one row per stored article (content-hash id), its cleaned text and metadata,
                  its story, and the features online clustering needs (vector, shingles)
    removals      spans cleaning removed from each article, with the reason
    rejections    inputs that could not be used, with the reason
    stories       one event: its centroid (sum of member vectors), days, storyline, version
    storylines    related stories over time
    postings      blocking index: (term, day) -> story, for candidate lookup in a date window
    term_df       document frequency of each hashed term (for IDF weights)
    briefs        cached briefs per story and options, valid while the story's version holds
    meta          counters: number of articles, last day seen, write generation
    articles_fts  (SQLite) full-text index of articles' titles and texts, kept by triggers
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Migration:
    """One step of the schema: its version number, a name, and the SQL statements."""

    version: int
    name: str
    statements: tuple[str, ...]
    sqlite: tuple[str, ...] = ()  # statements only SQLite runs (a PostgreSQL backend has its own)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "initial schema",
        (
            """CREATE TABLE articles (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                source TEXT NOT NULL,
                title TEXT,
                outlet TEXT,
                url TEXT,
                published TEXT,
                day INTEGER,
                text TEXT NOT NULL,
                story_id TEXT NOT NULL,
                duplicate_of TEXT,
                vector BLOB NOT NULL,
                shingles BLOB NOT NULL,
                ingested_at TEXT NOT NULL
            )""",
            "CREATE INDEX articles_story ON articles (story_id, seq)",
            """CREATE TABLE removals (
                article_id TEXT NOT NULL,
                n INTEGER NOT NULL,
                text TEXT NOT NULL,
                reason TEXT NOT NULL,
                start_offset INTEGER NOT NULL,
                end_offset INTEGER NOT NULL,
                PRIMARY KEY (article_id, n)
            )""",
            """CREATE TABLE rejections (
                seq INTEGER PRIMARY KEY,
                source TEXT NOT NULL,
                reason TEXT NOT NULL,
                rejected_at TEXT NOT NULL,
                UNIQUE (source, reason)
            )""",
            """CREATE TABLE storylines (
                id TEXT PRIMARY KEY,
                title TEXT,
                created_seq INTEGER NOT NULL
            )""",
            """CREATE TABLE stories (
                id TEXT PRIMARY KEY,
                storyline_id TEXT NOT NULL,
                title TEXT,
                first_day INTEGER,
                last_day INTEGER,
                n_articles INTEGER NOT NULL,
                centroid BLOB NOT NULL,
                version INTEGER NOT NULL,
                merged_into TEXT,
                created_seq INTEGER NOT NULL
            )""",
            "CREATE INDEX stories_storyline ON stories (storyline_id)",
            "CREATE INDEX stories_last_day ON stories (last_day)",
            """CREATE TABLE postings (
                term BIGINT NOT NULL,
                day INTEGER NOT NULL,
                story_id TEXT NOT NULL,
                PRIMARY KEY (term, day, story_id)
            ) WITHOUT ROWID""",
            "CREATE INDEX postings_story ON postings (story_id)",
            """CREATE TABLE term_df (
                term BIGINT PRIMARY KEY,
                df INTEGER NOT NULL
            ) WITHOUT ROWID""",
            """CREATE TABLE briefs (
                story_id TEXT NOT NULL,
                options TEXT NOT NULL,
                version INTEGER NOT NULL,
                brief TEXT NOT NULL,
                PRIMARY KEY (story_id, options)
            )""",
            """CREATE TABLE meta (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL
            )""",
        ),
    ),
    Migration(
        2,
        "full-text index of articles",
        (),
        sqlite=(
            # External content: the index holds tokens only; the text stays in ``articles``.
            "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', "
            "content_rowid='seq', tokenize='unicode61 remove_diacritics 2')",
            "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')",
            "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
            "INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text); "
            "END",
            "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
            "INSERT INTO articles_fts (articles_fts, rowid, title, text) "
            "VALUES ('delete', old.seq, old.title, old.text); END",
            "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN "
            "INSERT INTO articles_fts (articles_fts, rowid, title, text) "
            "VALUES ('delete', old.seq, old.title, old.text); "
            "INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text); "
            "END",
        ),
    ),
    Migration(
        3, "articles split from a wire roundup", ("ALTER TABLE articles ADD COLUMN roundup TEXT",)
    ),
)

SCHEMA_VERSION = MIGRATIONS[-1].version


def current_version(conn: sqlite3.Connection) -> int:
    """The schema version of an open store (0 for an empty database)."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
    ).fetchone()
    if not exists:
        return 0
    row = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every pending migration, each in its own transaction; return the new version.

    The connection must be in autocommit mode (``isolation_level=None``).
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, name TEXT NOT NULL)"
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    version = current_version(conn)
    if version > SCHEMA_VERSION:
        from storyline.errors import StorylineError

        raise StorylineError(
            f"the store has schema version {version}, newer than this storyline "
            f"({SCHEMA_VERSION}); upgrade storyline"
        )
    for migration in MIGRATIONS:
        if migration.version <= version:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while we waited for the lock.
            if current_version(conn) >= migration.version:
                conn.execute("ROLLBACK")
                continue
            for statement in (*migration.statements, *migration.sqlite):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                (migration.version, migration.name),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return current_version(conn)
