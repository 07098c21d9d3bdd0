"""Run one measurement in a fresh Python process (so that its peak memory is its own)."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any


def run_child(
    code: str, args: list[str], *, stdin: str = "", timeout: float
) -> dict[str, Any] | str:
    """The JSON object the child ``code`` prints last, or why there is none: "timed out
    (> N s)" or "failed: <last line of its error output>"."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", code, *args],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"timed out (> {timeout:.0f} s)"
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or [f"exit status {done.returncode}"]
        return f"failed: {tail[0][:80]}"
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report
