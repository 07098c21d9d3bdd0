"""Altered real-looking articles through the whole pipeline, or through the web app; prints a
table of the failures it meets, by kind.

    python benchmarks/fuzz_briefs.py [--sets 'DIR/*.jsonl'] [--seconds 600] [--seed 0] [--web]

Each run takes a random subset of one set of articles (JSON Lines, one article per line, as
``storyline brief`` reads them; default: the bundled fictional example, read once) and alters
it: text in capitals or lower case, punctuation or line breaks dropped, stray marks (quotation
marks of every style, zero-width and direction marks, emoji, abbreviations, date words) put
anywhere, paragraphs shuffled or doubled, the text cut, words in other scripts only; titles,
outlets and publication dates (placeholders such as 0001-01-01 and 9999-12-31, impossible
days, free text) replaced. Without ``--web`` each run is one brief, with random length, focus
and ``verbatim``, rendered in Markdown, JSON and HTML and read back from its JSON. With
``--web`` each round is a fresh store: two to four such sets posted to ``POST /api/articles``,
then the story list with odd search strings, and for some stories the story page, its JSON,
its brief with odd options and its articles' pages, through the ASGI app in this process
(any answer of 500 or more, or a redirect loop, is a failure).
"""

from __future__ import annotations

import argparse
import collections
import glob
import json
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

import storyline
from storyline.records import Brief
from storyline.render import render

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "korvan-talks"
_MARKS = [
    "\u200b", "\u200e", "\u202e", "\ufeff", "\u00ad", "\u0301", "\U0001f600", "\u2028", "\x0c",
    "\t", "\r\n", "\r", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e",
    "\u2014", "\u2013", "\u2026", "''", "``", '"', "'", " -- ", "(", ")", "[", "]", "<b>",
    "</p>", "&amp;", "&#8220;", "\\", "$", "%", "\u20ac", "\u00a3", "1/2", "\u00bd", "0", "9",
    "-", ":", ";", "?", "!", ".", ",", "\n", "\n\n", "Mr.", "Dr.", "U.S.", "Jan.", "St.",
    "No.", "a.m.", "said", "says", "told", "Monday", "yesterday", "next week", "2026", "1999",
    "'99", "31/02/2026", "Feb. 30", "3.5 million", "$1.2 billion", "40%", "II", "Jr.",
    "O'Brien", "al-", "von",
]  # fmt: skip
_SCRIPTS = [
    "\u0430\u0431\u0432\u0433\u0434\u0435\u0436\u0437\u0438\u043a\u043b\u043c",
    "\u7684\u4e00\u662f\u4e0d\u4e86\u4eba\u6211\u5728\u6709\u4ed6",
    "\u0627\u0628\u062a\u062b\u062c\u062d\u062e\u062f\u0630\u0631",
    "\u03b1\u03b2\u03b3\u03b4\u03b5\u03b6\u03b7\u03b8\u03b9\u03ba",
]
_DAYS = [
    None, "", "not a date", "0001-01-01", "9999-12-31", "2026-13-45", "2026-02-29",
    "1970-01-01T00:00:00Z", "2026-11-22T10:00:00+05:30", "Mon, 23 Nov 2026 10:00:00 GMT",
    "2026", "1e9",
]  # fmt: skip
_QUERIES = [
    "", " ", '"', "'", "*", "OR", "AND NOT", "NEAR(", "()", "\\", "%", "_", "\u00f1",
    "\U0001f600", "x" * 199, "--", ";DROP TABLE stories", "^", ":", "title:x", '"unterminated',
    "-x", "+",
]  # fmt: skip


class Fuzzer:
    def __init__(self, sets: list[list[dict[str, Any]]], seed: int) -> None:
        self.sets = sets
        self.rng = random.Random(seed)

    def alter(self, text: str) -> str:
        rng = self.rng
        for op in rng.sample(range(14), rng.randint(1, 4)):
            if op == 0:
                text = text.lower()
            elif op == 1:
                text = text.upper()
            elif op == 2:
                text = "".join(c for c in text if c.isalnum() or c.isspace())
            elif op == 3:
                chars = list(text)
                for _ in range(rng.randint(1, 60)):
                    chars.insert(rng.randint(0, len(chars)), rng.choice(_MARKS))
                text = "".join(chars)
            elif op == 4:
                text = text.replace("\n", " ")
            elif op == 5:
                text = text.replace(". ", ".")
            elif op == 6 and text:
                a = rng.randint(0, len(text))
                text = text[:a] + text[rng.randint(a, len(text)) :]
            elif op == 7:
                text = text.replace('"', rng.choice(["\u201c", "\u201d", "''", "``", "'", ""]))
            elif op == 8:
                paragraphs = text.split("\n")
                rng.shuffle(paragraphs)
                text = "\n".join(paragraphs)
            elif op == 9:
                text = text + "\n" + text
            elif op == 10:
                text = " ".join(w[::-1] if rng.random() < 0.05 else w for w in text.split(" "))
            elif op == 11:
                text = text.replace(" ", "  ").replace(",", " ,")
            elif op == 12:
                text = text[: rng.randint(0, max(1, len(text)))]
            else:
                marks = " ".join(rng.choice(_MARKS) for _ in range(rng.randint(0, 200)))
                text = marks + " " + text
        return text

    def articles(self) -> list[dict[str, Any]]:
        rng = self.rng
        chosen = rng.choice(self.sets)
        out = []
        for record in rng.sample(chosen, rng.randint(1, len(chosen))):
            r = dict(record)
            if rng.random() < 0.08:
                script = rng.choice(_SCRIPTS)
                words = (
                    "".join(rng.choice(script) for _ in range(rng.randint(1, 9)))
                    for _ in range(rng.randint(5, 600))
                )
                r["text"] = " ".join(
                    w + rng.choice(["", "", ".", ",", "\u3002", "\n"]) for w in words
                )
            if rng.random() < 0.6:
                r["text"] = self.alter(r.get("text") or "")
            if rng.random() < 0.2:
                r["title"] = rng.choice([None, "", self.alter(r.get("title") or "x"), "A" * 3000])
            if rng.random() < 0.2:
                r["published"] = rng.choice(_DAYS)
            if rng.random() < 0.1:
                r["outlet"] = rng.choice([None, "", "<script>", "x" * 500])
            if rng.random() < 0.05:
                paragraphs = "".join(f"<p>{p}</p>" for p in r.pop("text").split("\n"))
                r["html"] = f"<html><body><article>{paragraphs}</article></body></html>"
            out.append({k: v for k, v in r.items() if v is not None})
        return out

    def options(self) -> dict[str, Any]:
        rng = self.rng
        options: dict[str, Any] = {}
        x = rng.random()
        if x < 0.2:
            options["words"] = rng.choice([1, 3, 10, 1000, 5000])
        elif x < 0.35:
            options["sentences"] = rng.choice([1, 2, 20])
        if rng.random() < 0.3:
            options["focus"] = rng.choice(["", " ", "?", "the the the", "\U0001f600"])
        if rng.random() < 0.15:
            options["verbatim"] = True
        return options


def _signature(exc: BaseException) -> str:
    last = traceback.extract_tb(exc.__traceback__)[-1]
    return f"{type(exc).__name__} at {Path(last.filename).name}:{last.lineno}"


def fuzz_briefs(fuzzer: Fuzzer, seconds: float) -> tuple[int, collections.Counter[str]]:
    failures: collections.Counter[str] = collections.Counter()
    runs = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        items, options = fuzzer.articles(), fuzzer.options()
        runs += 1
        try:
            try:
                made = storyline.brief(items, **options)
            except storyline.NoUsableInputError:
                continue
            for fmt in ("md", "json", "html"):
                render(made, fmt)
            Brief.from_dict(json.loads(render(made, "json")))
        except Exception as exc:
            key = _signature(exc)
            if key not in failures:
                print(f"new failure: {key}", file=sys.stderr, flush=True)
            failures[key] += 1
    return runs, failures


def fuzz_web(fuzzer: Fuzzer, seconds: float) -> tuple[int, collections.Counter[str]]:
    from fastapi.testclient import TestClient

    from storyline.web import create_app

    token = "fuzz-token-" + "0" * 20
    failures: collections.Counter[str] = collections.Counter()
    rng = fuzzer.rng
    rounds = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        rounds += 1
        with tempfile.TemporaryDirectory() as folder:
            app = create_app(Path(folder) / "fuzz.db", token=token, max_body=20_000_000)
            with TestClient(app, raise_server_exceptions=False) as client:

                def call(url: str, **kw: Any) -> Any:
                    named = {"api", "stories", "articles", "brief"}
                    path = url.split("?")[0].split("/")
                    route = "/" + "/".join(p if p in named else "ID" for p in path[1:] if p)
                    try:
                        response = client.request(kw.pop("method", "GET"), url, **kw)
                    except Exception as exc:  # a redirect loop, for one
                        failures[f"{type(exc).__name__} on {route}"] += 1
                        return None
                    if response.status_code >= 500:
                        failures[f"{response.status_code} on {route}"] += 1
                    return response

                for _ in range(rng.randint(2, 4)):
                    keep = ("text", "html", "title", "url", "outlet", "published", "id")
                    body = [{k: v for k, v in a.items() if k in keep} for a in fuzzer.articles()]
                    auth = {"Authorization": f"Bearer {token}"}
                    call("/api/articles", method="POST", json={"articles": body}, headers=auth)
                listed = call("/api/stories?per_page=100")
                stories = listed.json().get("stories", []) if listed is not None else []
                for q in rng.sample(_QUERIES, 5):
                    call("/api/stories", params={"q": q})
                    call("/", params={"q": q, "outlet": rng.choice(_QUERIES)})
                call("/", params={"since": rng.choice(["2026-01-01", "x", "9999-12-31"])})
                listing = call("/")
                for link in _links(listing.text if listing is not None else "")[:6]:
                    story_page = call(link)
                    for inner in _links(story_page.text if story_page is not None else "")[:6]:
                        call(inner)
                for story in stories[:6]:
                    sid = story["id"]
                    page = call(f"/api/stories/{_quote(sid)}")
                    brief = f"/api/stories/{_quote(sid)}/brief"
                    call(brief, params={"words": rng.choice([1, 5, 2000])})
                    call(brief, params={"focus": rng.choice(_QUERIES)})
                    if page is not None and page.status_code == 200:
                        for aid in story.get("article_ids", [])[:2]:
                            call(f"/api/articles/{_quote(aid)}")
    return rounds, failures


def _quote(ident: str) -> str:
    from urllib.parse import quote

    return quote(ident, safe="")


def _links(html: str) -> list[str]:
    import re
    from html import unescape

    links = re.findall(r'href="(/(?:stories|articles|api/stories)/[^"]+)"', html)
    return [unescape(h) for h in links]


def _read_sets(pattern: str | None) -> list[list[dict[str, Any]]]:
    if pattern is None:
        made = storyline.brief([str(EXAMPLE)])
        return [[{"text": a.text, "title": a.title, "outlet": a.outlet,
                  "published": a.published, "id": a.id} for a in made.articles]]  # fmt: skip
    sets = []
    for path in sorted(glob.glob(pattern)):
        with open(path, encoding="utf-8") as handle:
            sets.append([json.loads(line) for line in handle if line.strip()])
    if not sets:
        raise SystemExit(f"no files match {pattern!r}")
    return sets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", help="glob of JSON Lines sets (default: the bundled example)")
    parser.add_argument("--seconds", type=float, default=600.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--web", action="store_true", help="ingest and read through the web app")
    args = parser.parse_args()
    fuzzer = Fuzzer(_read_sets(args.sets), args.seed)
    run = fuzz_web if args.web else fuzz_briefs
    count, failures = run(fuzzer, args.seconds)
    unit = "rounds" if args.web else "briefs"
    print(f"{count} {unit} in {args.seconds:.0f} s, seed {args.seed}; {time.strftime('%Y-%m-%d')}")
    print("| failure | count |\n| --- | --- |")
    for key, n in failures.most_common():
        print(f"| {key} | {n} |")
    if not failures:
        print("| none | 0 |")


if __name__ == "__main__":
    main()
