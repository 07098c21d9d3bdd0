"""Load benchmark of the web app on loopback: story page and brief API under concurrent clients.

Builds (once) a store of at least ``--stories`` stories from generated articles (see
``store_ingest.py``: our own fictional corpus, perturbed; no licensed text), starts
``storyline serve`` on it in its own process, computes the briefs of ``--sample`` random stories
once (the cold, first-view latency: the brief is made and cached), then lets ``--clients``
concurrent clients request those stories' pages and briefs, and prints p50 / p99 latency.

    .venv/bin/python benchmarks/web_load.py --db /tmp/storyline-web.db --stories 10000

The load comes from ``wrk`` (Debian's package; ``--client wrk``, the default when it is
installed, with a Lua script that picks a random story per request) or, without it, from
asyncio + httpx in this process. Either runs on the same machine as the server and takes CPU
from it, so the figures are an upper bound on what the server alone would show.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_ingest import generate

from storyline.store import ingest, open_store


def build(db: Path, stories: int) -> dict[str, int]:
    """Ingest generated articles into ``db`` until it holds ``stories`` stories."""
    with open_store(db) as store:
        counts = store.count()
        seed = counts["articles"]
        while counts["stories"] < stories:
            missing = stories - counts["stories"]
            items = list(generate(max(2000, missing * 3), seed=seed, per_story=3))
            seed += 1
            started = time.perf_counter()
            report = ingest(store, items, jobs=2)
            counts = store.count()
            print(
                f"  ingested {report.stored} articles in {time.perf_counter() - started:.0f}s: "
                f"{counts['stories']} stories",
                file=sys.stderr,
            )
    return counts


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-c",
        "from storyline.cli import main; main()",
        "serve",
        "--db",
        str(db),
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--workers",
        str(workers),
    ]
    process = subprocess.Popen(command)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stories?per_page=1").status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("the server did not start")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def load(
    base: str, paths: list[str], *, clients: int, requests: int
) -> tuple[list[float], int, float]:
    """``requests`` GETs of random ``paths`` by ``clients`` concurrent clients."""
    latencies: list[float] = []
    errors = 0
    remaining = requests
    rng = random.Random(0)

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal remaining, errors
        while remaining > 0:
            remaining -= 1
            path = rng.choice(paths)
            started = time.perf_counter()
            response = await http.get(base + path)
            await response.aread()
            latencies.append(time.perf_counter() - started)
            errors += response.status_code != 200

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=120) as http:
        started = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(clients)))
        elapsed = time.perf_counter() - started
    return latencies, errors, elapsed


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip()).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def wrk(base: str, paths: list[str], *, clients: int, seconds: int) -> dict[str, float]:
    """p50, p99 (ms), requests/s, requests and errors from one ``wrk`` run over ``paths``."""
    script = (
        "paths = {"
        + ",".join(f'"{p}"' for p in paths)
        + "}\n"
        + ("request = function()\n  return wrk.format('GET', paths[math.random(#paths)])\nend\n")
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    command = ["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "--latency", "--timeout", "60s"]
    out = subprocess.run(
        [*command, "-s", handle.name, base], capture_output=True, text=True, check=True
    ).stdout
    os.unlink(handle.name)
    if "Latency Distribution" not in out:
        raise RuntimeError(f"wrk gave no latency distribution:\n{out}")
    latency = dict(re.findall(r"^\s*(50|99)(?:\.0+)?%\s+(\S+)\s*$", out, re.M))
    if len(latency) != 2:
        raise RuntimeError(f"could not read wrk's latency percentiles:\n{out}")
    done = re.search(r"(\d+) requests in", out)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    errors = int(bad.group(1)) if bad else 0
    if socket_errors:
        errors += sum(int(n) for n in re.findall(r"\d+", socket_errors.group(1)))
    return {
        "p50": _ms(latency["50"]),
        "p99": _ms(latency["99"]),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        "requests": float(done.group(1)) if done else 0.0,
        "errors": float(errors),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/storyline-web.db"))
    parser.add_argument("--stories", type=int, default=10_000, help="stories in the store")
    parser.add_argument("--sample", type=int, default=100, help="stories requested")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients")
    parser.add_argument(
        "--requests", type=int, default=2000, help="requests per endpoint (httpx client)"
    )
    parser.add_argument("--seconds", type=int, default=20, help="seconds per endpoint (wrk)")
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument(
        "--client",
        choices=["wrk", "httpx"],
        default="wrk" if shutil.which("wrk") else "httpx",
        help="load generator",
    )
    args = parser.parse_args(argv)

    counts = build(args.db, args.stories)
    with open_store(args.db) as store:
        ids = [s.id for s in store.stories()]
    sample = random.Random(1).sample(ids, min(args.sample, len(ids)))
    with open_store(args.db) as store:  # so that the first view really makes each brief
        store.conn.executemany("DELETE FROM briefs WHERE story_id = ?", [(i,) for i in sample])
    port = _port()
    server = start_server(args.db, port, args.workers)
    base = f"http://127.0.0.1:{port}"
    rows: list[tuple[str, dict[str, float]]] = []
    try:
        cold = []
        with httpx.Client(timeout=120) as http:
            for story_id in sample:
                started = time.perf_counter()
                assert http.get(f"{base}/api/stories/{story_id}/brief").status_code == 200
                cold.append(1000 * (time.perf_counter() - started))
        rows.append(
            (
                "brief API, first view (1 client)",
                {
                    "p50": statistics.median(cold),
                    "p99": percentile(cold, 0.99),
                    "rps": 1000 * len(cold) / sum(cold),
                    "requests": len(cold),
                    "errors": 0,
                },
            )
        )
        for name, template in (
            ("story page /stories/{id}", "/stories/{}"),
            ("brief API /api/stories/{id}/brief", "/api/stories/{}/brief"),
            ("story list / (pages 1-50)", None),
        ):
            paths = (
                [template.format(i) for i in sample]
                if template
                else [f"/?page={n}" for n in range(1, 51)]
            )
            if args.client == "wrk":
                row = wrk(base, paths, clients=args.clients, seconds=args.seconds)
            else:
                latencies, errors, elapsed = asyncio.run(
                    load(base, paths, clients=args.clients, requests=args.requests)
                )
                row = {
                    "p50": 1000 * statistics.median(latencies),
                    "p99": 1000 * percentile(latencies, 0.99),
                    "rps": len(latencies) / elapsed,
                    "requests": len(latencies),
                    "errors": errors,
                }
            rows.append((f"{name} ({args.clients} clients)", row))
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)

    print(
        f"\nstoryline web load, {date.today()}, {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; store: {counts['stories']} stories, "
        f"{counts['articles']} articles; {len(sample)} stories requested; "
        f"client {args.client}; {args.workers} server process(es)\n"
    )
    print(f"| {'what':<48} | requests | p50 ms | p99 ms | req/s | errors |")
    print(f"|{'-' * 50}|---------:|-------:|-------:|------:|-------:|")
    for name, r in rows:
        print(
            f"| {name:<48} | {r['requests']:>8.0f} | {r['p50']:>6.1f} | {r['p99']:>6.1f} "
            f"| {r['rps']:>5.0f} | {r['errors']:>6.0f} |"
        )


if __name__ == "__main__":
    main()
