"""``storyline eval extraction``: cleaning measured on the article-extraction benchmark.

The data is scrapinghub's article-extraction-benchmark (181 web pages with hand-checked article
bodies). The metric is the benchmark's own, reimplemented: per page, the multisets of 4-token
shingles (tokens are ``\\w+`` runs) of the predicted and the true body give tp / fp / fn, which
are normalised by their sum so that every page weighs the same; precision and recall are the
means over pages (a page whose prediction is empty has no precision and is left out of that
mean, but counts with recall 0), and F1 is the harmonic mean of the two means.

Two modes:

- ``html``: storyline's HTML ingest (:func:`storyline.ingest.html.extract_html`) on each page;
- ``text``: each page is first turned into its whole visible text by ``html-text`` (menus,
  captions, related links and footers included), and only storyline's plain-text cleaner may
  remove things.

trafilatura and jusText run on the same HTML in the same run, as references; in text mode the
uncleaned visible text is scored too. The split is fixed: page ids sorted, the first half is
``dev`` (all tuning and training happens there), the second half ``test``.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

Mode = Literal["html", "text"]
Split = Literal["dev", "test", "all"]
Counts = tuple[float, float, float]

ENV_VAR = "STORYLINE_EXTRACTION_DATA"
SHINGLE_SIZE = 4
_TOKEN = re.compile(r"\w+")


def tokenize(text: str | None) -> list[str]:
    """The benchmark's tokens: runs of word characters."""
    return _TOKEN.findall(text or "")


def shingles(text: str | None, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of ``size``-token shingles; a text shorter than ``size`` is one short shingle."""
    tokens = tokenize(text)
    if len(tokens) <= size:
        return Counter([tuple(tokens)] if tokens else [])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def match_page(true: str | None, pred: str | None) -> Counts:
    """(tp, fp, fn) of one page's shingles, normalised by their sum (all zero if both empty)."""
    gold, guess = shingles(true), shingles(pred)
    tp = sum((gold & guess).values())
    fp = sum((guess - gold).values())
    fn = sum((gold - guess).values())
    total = tp + fp + fn
    if total == 0:
        return (0.0, 0.0, 0.0)
    return (tp / total, fp / total, fn / total)


def precision_score(tp: float, fp: float, fn: float) -> float:
    """Precision of one page, with the benchmark's conventions for empty sides."""
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall_score(tp: float, fp: float, fn: float) -> float:
    """Recall of one page, with the benchmark's conventions for empty sides."""
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


@dataclass(frozen=True, slots=True)
class Scores:
    """Benchmark scores over a set of pages."""

    f1: float
    precision: float
    recall: float


def score(counts: Sequence[Counts]) -> Scores:
    """Mean precision (over pages with a prediction), mean recall, and F1 of the two means."""
    precisions = [precision_score(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [recall_score(*c) for c in counts if c[0] + c[2] > 0]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(f1, precision, recall)


@dataclass(frozen=True, slots=True)
class Page:
    """One benchmark page: its id, HTML and true article body."""

    id: str
    html: str
    body: str
    url: str | None


def default_data_dir() -> Path | None:
    """``$STORYLINE_EXTRACTION_DATA``, else ``../shared/data/article-extraction-benchmark``
    beside the repository; ``None`` when neither holds the benchmark."""
    env = os.environ.get(ENV_VAR)
    repo = Path(__file__).resolve().parents[3]
    candidate = Path(env) if env else repo.parent / "shared/data/article-extraction-benchmark"
    return candidate if (candidate / "ground-truth.json").is_file() else None


def split_ids(ids: Sequence[str], split: Split) -> list[str]:
    """The fixed split: ids sorted, first half ``dev``, second half ``test``."""
    ordered = sorted(ids)
    half = len(ordered) // 2
    if split == "dev":
        return ordered[:half]
    if split == "test":
        return ordered[half:]
    if split == "all":
        return ordered
    raise ValueError(f"unknown split {split!r} (dev, test or all)")


def load_pages(data_dir: str | Path, split: Split = "all") -> list[Page]:
    """The benchmark's pages of one split, in id order."""
    root = Path(data_dir)
    truth: dict[str, dict[str, str]] = json.loads(
        (root / "ground-truth.json").read_text(encoding="utf-8")
    )
    pages = []
    for page_id in split_ids(list(truth), split):
        with gzip.open(root / "html" / f"{page_id}.html.gz", "rt", encoding="utf-8") as handle:
            html = handle.read()
        record = truth[page_id]
        pages.append(Page(page_id, html, record.get("articleBody", ""), record.get("url")))
    return pages


@dataclass(frozen=True, slots=True)
class Row:
    """One extractor's result in a report."""

    name: str
    f1: float
    precision: float
    recall: float
    pages_per_s: float
    note: str = ""


@dataclass(frozen=True, slots=True)
class Report:
    """Scores of storyline and the reference tools on one mode and split."""

    mode: str
    split: str
    pages: int
    rows: tuple[Row, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {**asdict(self), "rows": [asdict(row) for row in self.rows]}

    def to_json(self) -> str:
        """Indented JSON text."""
        return json.dumps(self.to_dict(), indent=2)


Runner = Callable[[Sequence[str]], list[str]]


def _html_text(htmls: Sequence[str]) -> list[str]:
    import html_text

    return [html_text.extract_text(html) for html in htmls]


def _trafilatura(htmls: Sequence[str]) -> list[str]:
    import trafilatura

    return [trafilatura.extract(html, include_comments=False) or "" for html in htmls]


def _justext(htmls: Sequence[str]) -> list[str]:
    import justext

    stoplist = justext.get_stoplist("English")
    # The benchmark's own settings for jusText (upstream extractors/run_justext.py).
    return [
        " ".join(
            p.text
            for p in justext.justext(html, stoplist, 50, 200, 0.1, 0.2, 0.2, 200, True)
            if not p.is_boilerplate
        )
        for html in htmls
    ]


def _storyline_html(htmls: Sequence[str]) -> list[str]:
    from storyline.ingest.html import extract_html

    results = [extract_html(html) for html in htmls]
    return [result.text if result else "" for result in results]


def _storyline_text(texts: Sequence[str]) -> list[str]:
    from storyline.clean import clean_many

    return [cleaned.text for cleaned in clean_many(texts)]


def _timed(runner: Runner, inputs: Sequence[str]) -> tuple[list[str], float]:
    started = time.perf_counter()
    outputs = runner(inputs)
    return outputs, len(inputs) / max(time.perf_counter() - started, 1e-9)


def _row(name: str, pages: Sequence[Page], outputs: Sequence[str], speed: float, note: str) -> Row:
    scores = score([match_page(page.body, out) for page, out in zip(pages, outputs, strict=True)])
    return Row(name, scores.f1, scores.precision, scores.recall, speed, note)


def evaluate(
    data_dir: str | Path,
    *,
    mode: Mode = "text",
    split: Split = "dev",
    references: bool = True,
) -> Report:
    """Score storyline (and, with ``references``, the reference tools) on one mode and split.

    Pages/s are measured in this run on this machine; in text mode storyline's speed is that of
    cleaning alone (its input is the visible text, whose extraction is the html-text row).
    """
    if mode not in ("html", "text"):
        raise ValueError(f"unknown mode {mode!r} (html or text)")
    pages = load_pages(data_dir, split)
    htmls = [page.html for page in pages]
    rows: list[Row] = []
    if mode == "html":
        outputs, speed = _timed(_storyline_html, htmls)
        rows.append(_row("storyline (HTML ingest)", pages, outputs, speed, "extract_html"))
    else:
        visible, text_speed = _timed(_html_text, htmls)
        outputs, speed = _timed(_storyline_text, visible)
        rows.append(
            _row("storyline (text cleaning)", pages, outputs, speed, "clean_many on html-text")
        )
        rows.append(_row("html-text, uncleaned", pages, visible, text_speed, "floor"))
    if references:
        rows.append(_row("trafilatura", pages, *_timed(_trafilatura, htmls), "HTML"))
        rows.append(_row("jusText", pages, *_timed(_justext, htmls), "HTML"))
    return Report(mode, split, len(pages), tuple(rows))


def format_table(report: Report) -> str:
    """A Markdown table of a report."""
    lines = [
        f"extraction benchmark, mode={report.mode}, split={report.split} ({report.pages} pages)",
        "",
        "| extractor | F1 | precision | recall | pages/s | note |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in report.rows:
        lines.append(
            f"| {row.name} | {row.f1:.3f} | {row.precision:.3f} | {row.recall:.3f} "
            f"| {row.pages_per_s:.1f} | {row.note} |"
        )
    return "\n".join(lines)
