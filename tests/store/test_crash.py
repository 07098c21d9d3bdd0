"""Crash safety: ingestion killed with SIGKILL at random points loses nothing reported stored.

A child process ingests a deterministic stream in small batches and appends the ids of each
committed batch to a report file. The parent kills it at random moments, then checks that the
store opens cleanly, passes its integrity checks, and holds every reported article exactly once;
the next run carries on, and in the end every article is stored.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storyline.store import open_store

N_ARTICLES = 1200

CHILD = r"""
import random, sys
from storyline.records import RawInput
from storyline.store import ingest, open_store

db, report, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
rng = random.Random(7)
syllables = "ka lo mi ra ven to sel dor an ik ul pe zar mon tis bel gra fen".split()
topics = [[("".join(rng.choice(syllables) for _ in range(3))) for _ in range(30)]
          for _ in range(n // 10)]
items = []
for i in range(n):
    words = topics[i // 10]
    text = " ".join(rng.choice(words) for _ in range(80)) + f" item{i}."
    items.append(RawInput(source=f"gen-{i}", text=text, published=f"2026-03-{1 + i // 100:02d}"))
store = open_store(db)
with open(report, "a", encoding="utf-8") as out:
    def on_commit(result):
        out.write("".join(p.article_id + "\n" for p in result.placements))
        out.flush()
    ingest(store, items, batch_size=25, on_commit=on_commit)
"""


def _run(db: Path, report: Path, kill_after: float | None) -> int:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db), str(report), str(N_ARTICLES)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    if kill_after is None:
        _, err = child.communicate(timeout=300)
        assert child.returncode == 0, err.decode()
        return 0
    time.sleep(kill_after)
    if child.poll() is None:
        os.kill(child.pid, signal.SIGKILL)
    child.wait()
    return 1


def _check(db: Path, report: Path) -> set[str]:
    reported = report.read_text().split() if report.exists() else []
    store = open_store(db)
    try:
        assert store.check() == []
        rows = [r[0] for r in store.conn.execute("SELECT id FROM articles")]
        assert len(rows) == len(set(rows))  # exactly once
        missing = set(reported) - set(rows)
        assert not missing, f"{len(missing)} reported articles lost"
        return set(rows)
    finally:
        store.close()


def crash_cycle(tmp_path: Path, kills: int, seed: int = 0) -> None:
    rng = random.Random(seed)
    db, report = tmp_path / "crash.db", tmp_path / "stored.txt"
    done = 0
    while done < kills:
        done += _run(db, report, rng.uniform(0.8, 3.0))
        _check(db, report)
    _run(db, report, None)
    stored = _check(db, report)
    assert len(stored) == N_ARTICLES


def test_sigkill_during_ingest_loses_nothing_reported(tmp_path: Path) -> None:
    crash_cycle(tmp_path, kills=5)


@pytest.mark.slow
def test_sigkill_twenty_five_times(tmp_path: Path) -> None:
    crash_cycle(tmp_path, kills=25, seed=1)
