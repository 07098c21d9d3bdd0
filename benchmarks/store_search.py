"""Story search on a large store: the full-text index against a scan of every text (LIKE).

Run it on a store made by ``benchmarks/store_ingest.py``; each query is timed as the web app's
story list asks for it (one page of 20 and the count of all matches), median of ``--repeats``.
The scan is the query storyline used before the index existed, run in the same process.

    .venv/bin/python benchmarks/store_search.py --db /tmp/bench100k.db
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from storyline.store import open_store
from storyline.store.sqlite import SQLiteStore

# Rare to common in the generated store; the first matches nothing.
QUERIES = ("qzxv", "reservoir release", "joint commission", "Khaydarov", "river")

_SCAN = (
    "FROM stories s WHERE s.merged_into IS NULL AND (s.title LIKE ? OR EXISTS (SELECT 1 FROM "
    "articles a WHERE a.story_id = s.id AND (a.title LIKE ? OR a.text LIKE ?)))"
)


def _scan(store: SQLiteStore, query: str) -> int:
    like = (f"%{query}%",) * 3
    store.conn.execute(
        f"SELECT s.id {_SCAN} ORDER BY s.last_day DESC, s.created_seq DESC LIMIT 20", like
    ).fetchall()
    return int(store.conn.execute(f"SELECT COUNT(*) {_SCAN}", like).fetchone()[0])


def _index(store: SQLiteStore, query: str) -> int:
    return store.story_page(search=query, limit=20)[1]


def _median_ms(run: Callable[[], int], repeats: int) -> tuple[float, int]:
    times, found = [], 0
    for _ in range(repeats):
        start = time.perf_counter()
        found = run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="A store made by store_ingest.py.")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    store = open_store(args.db)  # a store made before the index gets it here (migration)
    n = store.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    print(f"# story search, {n} articles")
    print(f"{'query':20s} {'stories':>8s} {'index ms':>9s} {'scan ms':>8s} {'speed-up':>9s}")
    for query in QUERIES:
        fast, found = _median_ms(lambda q=query: _index(store, q), args.repeats)
        slow, scanned = _median_ms(lambda q=query: _scan(store, q), args.repeats)
        print(
            f"{query:20s} {found:8d} {fast:9.1f} {slow:8.1f} {slow / fast:8.1f}x  (scan: {scanned})"
        )
    store.close()


if __name__ == "__main__":
    main()
