"""Clustering evaluation: B-cubed precision, recall and F1 of the store's online clustering
against gold clusters, next to an offline baseline in the same run.

Gold comes from a DUC 2006/2007 folder (each document cluster is one gold label), a JSON Lines
file with one article a line and a gold ``label`` (or ``cluster``), a JSON Lines file of
clusters (``{"id", "documents": [...]}``, as :func:`storyline.eval.duc.read_jsonl` reads), or a
folder holding such files or one sub-folder of text files per gold cluster. Every article of
every cluster is ingested as one stream in publication order (ties and undated articles in a
seeded random order) into a fresh in-memory store.

The baseline sees the whole collection at once: TF-IDF (sublinear, English stop words) and
average-link agglomerative clustering on cosine distance, cut at a fixed distance threshold
(:data:`BASELINE_THRESHOLD`, chosen on DUC 2007's main-task topic clusters, the data the store's
topic-level settings were tuned on, so both systems are tuned on the same data). On request an
*oracle* row adds the baseline at the threshold that scores best on the evaluated data itself;
that row has seen the gold labels and is an upper bound, not a competitor.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from storyline.errors import StorylineError

# Average-link cosine distance threshold of the baseline: the best on DUC 2007's main-task
# topic clusters (0.30-0.99 in steps of 0.01). Fixed, so on any other data it is not an oracle.
BASELINE_THRESHOLD = 0.93


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One article of the evaluation stream with its gold cluster label."""

    id: str
    label: str
    text: str
    title: str | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Scores:
    """B-cubed precision, recall and F1, and the number of predicted clusters."""

    precision: float
    recall: float
    f1: float
    clusters: int

    def to_dict(self) -> dict[str, float]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "clusters": self.clusters,
        }


@dataclass(slots=True)
class Report:
    """Scores per system, with the settings that produced them."""

    articles: int
    gold_clusters: int
    systems: dict[str, Scores] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "gold_clusters": self.gold_clusters,
            "systems": {k: v.to_dict() for k, v in self.systems.items()},
            "notes": dict(self.notes),
            "seconds": dict(self.seconds),
        }


def bcubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> Scores:
    """B-cubed scores (Bagga & Baldwin 1998): per-item precision and recall, averaged."""
    if len(predicted) != len(gold):
        raise ValueError("predicted and gold labels differ in length")
    if not gold:
        return Scores(0.0, 0.0, 0.0, 0)
    pairs = Counter(zip(predicted, gold, strict=True))
    by_pred = Counter(predicted)
    by_gold = Counter(gold)
    n = len(gold)
    precision = sum(c * c / by_pred[p] for (p, _), c in pairs.items()) / n
    recall = sum(c * c / by_gold[g] for (_, g), c in pairs.items()) / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1, len(by_pred))


# --- reading gold ---------------------------------------------------------------------------
def _from_clusters(clusters: Sequence[Any]) -> list[GoldArticle]:
    return [
        GoldArticle(f"{c.id}/{d.id}", c.id, d.text, d.title or None, d.published)
        for c in clusters
        for d in c.documents
    ]


def _jsonl(path: Path) -> list[GoldArticle]:
    from storyline.eval.duc import read_jsonl

    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if lines and '"documents"' in lines[0]:
        return _from_clusters(read_jsonl(path))
    found = []
    for number, line in enumerate(lines, 1):
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise StorylineError(f"{path}:{number}: not JSON ({error.msg})") from error
        label = record.get("label", record.get("cluster")) if isinstance(record, dict) else None
        if label is None or not isinstance(record.get("text"), str):
            raise StorylineError(f"{path}:{number}: expected 'text' and a gold 'label'")
        found.append(
            GoldArticle(
                str(record.get("id") or f"{path.name}:{number}"),
                str(label),
                record["text"],
                record.get("title"),
                record.get("published"),
            )
        )
    return found


def read_gold(path: str | Path, *, task: str = "main") -> list[GoldArticle]:
    """Articles with gold labels from a DUC folder, a JSON Lines file or a folder."""
    path = Path(path)
    if path.is_file():
        return _jsonl(path)
    if not path.is_dir():
        raise StorylineError(f"{path}: no such file or folder")
    from storyline.eval.duc import DataFormatError, read_duc

    try:
        return _from_clusters(read_duc(path, task=task))  # type: ignore[arg-type]
    except DataFormatError:
        pass
    files = sorted(path.glob("*.jsonl"))
    if files:
        return [a for f in files for a in _jsonl(f)]
    found = []
    for folder in sorted(p for p in path.iterdir() if p.is_dir()):
        for file in sorted(folder.rglob("*")):
            if file.is_file() and not file.name.startswith("."):
                found.append(
                    GoldArticle(
                        f"{folder.name}/{file.name}",
                        folder.name,
                        file.read_text(encoding="utf-8", errors="replace"),
                    )
                )
    if not found:
        raise StorylineError(f"{path}: no DUC data, .jsonl files or cluster sub-folders")
    return found


def stream_order(items: Sequence[GoldArticle], seed: int = 0) -> list[GoldArticle]:
    """Publication order; articles of the same day (and undated ones) shuffled by ``seed``."""
    shuffled = list(items)
    random.Random(seed).shuffle(shuffled)
    return sorted(shuffled, key=lambda a: (a.published or "")[:10])


# --- systems --------------------------------------------------------------------------------
def online_labels(
    items: Sequence[GoldArticle],
    config: Any = None,
    *,
    clean: bool = False,
    batch_size: int = 200,
) -> tuple[list[str], list[str]]:
    """Story and storyline labels the store gives each item, ingested in the given order."""
    from storyline.ingest.prepare import prepare
    from storyline.records import Article, RawInput, content_id
    from storyline.store.sqlite import SQLiteStore

    ids = [content_id(f"{a.id}\n{a.text}") for a in items]
    store = SQLiteStore(":memory:", config=config)
    for i in range(0, len(items), batch_size):
        chunk = list(zip(items[i : i + batch_size], ids[i : i + batch_size], strict=True))
        if clean:
            articles, _ = prepare(
                [
                    RawInput(source=a.id, text=a.text, title=a.title, published=a.published, id=k)
                    for a, k in chunk
                ]
            )
        else:
            articles = [
                Article(id=k, source=a.id, text=a.text, title=a.title, published=a.published)
                for a, k in chunk
            ]
        store.add_batch(articles)
    rows = dict(
        (r[0], (r[1], r[2]))
        for r in store.conn.execute(
            "SELECT a.id, a.story_id, s.storyline_id FROM articles a "
            "JOIN stories s ON s.id = a.story_id"
        )
    )
    store.close()
    # An article cleaning rejected gets a cluster of its own.
    stories = [rows.get(k, (f"rejected:{k}", ""))[0] for k in ids]
    storylines = [rows.get(k, ("", f"rejected:{k}"))[1] for k in ids]
    return stories, storylines


def baseline_labels(items: Sequence[GoldArticle], threshold: float) -> list[int]:
    """TF-IDF + average-link agglomerative clustering cut at a cosine distance."""
    return _baseline(_tfidf(items), threshold)


def _tfidf(items: Sequence[GoldArticle]) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [f"{a.title or ''}\n{a.text}" for a in items]
    return TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1).fit_transform(texts)


def _linkage(matrix: Any) -> Any:
    """Average-link merge tree over cosine distances (computed once, cut at any threshold)."""
    import numpy as np
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import squareform

    similarity = (matrix @ matrix.T).toarray()
    distance = 1.0 - np.clip(similarity, 0.0, 1.0)
    np.fill_diagonal(distance, 0.0)
    return linkage(squareform(distance, checks=False), method="average")


def _baseline(matrix: Any, threshold: float, tree: Any = None) -> list[int]:
    from scipy.cluster.hierarchy import fcluster

    if matrix.shape[0] < 2:
        return [0] * matrix.shape[0]
    tree = _linkage(matrix) if tree is None else tree
    return [int(x) for x in fcluster(tree, t=threshold, criterion="distance")]


def tuned_baseline(items: Sequence[GoldArticle]) -> tuple[Scores, float]:
    """The baseline at the distance threshold that scores best on ``items`` (an oracle: it
    reads the gold labels; this is how :data:`BASELINE_THRESHOLD` was chosen on DUC 2007)."""
    matrix = _tfidf(items)
    gold = [a.label for a in items]
    tree = _linkage(matrix) if matrix.shape[0] >= 2 else None
    best: tuple[Scores, float] | None = None
    for step in range(30, 100):
        threshold = step / 100
        scores = bcubed(_baseline(matrix, threshold, tree), gold)
        if best is None or scores.f1 > best[0].f1:
            best = (scores, threshold)
    assert best is not None
    return best


def evaluate(
    items: Sequence[GoldArticle],
    *,
    seed: int = 0,
    config: Any = None,
    clean: bool = False,
    baseline: bool = True,
    baseline_threshold: float = BASELINE_THRESHOLD,
    oracle: bool = False,
) -> Report:
    """Score the store's stories and storylines, and the baseline, on ``items``.

    ``oracle`` adds the baseline at its best threshold on ``items`` as a separate row.
    """
    import time

    ordered = stream_order(items, seed)
    gold = [a.label for a in ordered]
    report = Report(len(ordered), len(set(gold)))
    started = time.perf_counter()
    stories, storylines = online_labels(ordered, config, clean=clean)
    report.seconds["storyline"] = time.perf_counter() - started
    report.systems["storyline stories"] = bcubed(stories, gold)
    report.systems["storyline storylines"] = bcubed(storylines, gold)
    if baseline:
        started = time.perf_counter()
        scores = bcubed(baseline_labels(ordered, baseline_threshold), gold)
        report.seconds["baseline"] = time.perf_counter() - started
        report.systems["baseline tfidf+agglomerative"] = scores
        origin = " (chosen on DUC 2007)" if baseline_threshold == BASELINE_THRESHOLD else ""
        report.notes["baseline"] = (
            f"offline, average link, fixed cosine distance threshold {baseline_threshold:.2f}"
            f"{origin}"
        )
    if oracle:
        scores, threshold = tuned_baseline(ordered)
        report.systems["oracle: baseline tuned on gold"] = scores
        report.notes["oracle"] = (
            f"the baseline at its best threshold on this data ({threshold:.2f}), read from the "
            "gold labels: an upper bound, not a competitor"
        )
    return report


def format_table(report: Report) -> str:
    """A plain-text table of the report."""
    lines = [
        f"{report.articles} articles in {report.gold_clusters} gold clusters",
        f"{'system':<32} {'P':>6} {'R':>6} {'F1':>6} {'clusters':>9}",
    ]
    for name, s in report.systems.items():
        lines.append(f"{name:<32} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.clusters:9d}")
    lines += [f"{name}: {note}" for name, note in report.notes.items()]
    return "\n".join(lines) + "\n"


@click.command(name="clustering")
@click.option(
    "--data",
    "data",
    required=True,
    type=click.Path(exists=True, path_type=Path),
    help="A DUC 2006/2007 folder, a JSON Lines file (one article a line with a gold 'label', "
    "or one cluster a line with 'documents'), or a folder of such files or of one sub-folder "
    "per gold cluster.",
)
@click.option(
    "--task",
    type=click.Choice(["main", "update"]),
    default="main",
    show_default=True,
    help="DUC 2007 task whose document clusters are the gold.",
)
@click.option(
    "--seed",
    type=int,
    default=0,
    show_default=True,
    help="Seed of the random order among articles of the same day.",
)
@click.option(
    "--window",
    "window",
    default="none",
    show_default=True,
    metavar="DAYS|none",
    help="none: topic-level clustering without a date bound (settings tuned on DUC 2007, "
    "whose gold clusters are topics spanning years); DAYS: event-level stories at most DAYS "
    "apart (the store's default settings).",
)
@click.option(
    "--clean/--no-clean",
    default=False,
    show_default=True,
    help="Run each article through cleaning first (slower; gold text is usually clean).",
)
@click.option(
    "--baseline/--no-baseline",
    default=True,
    show_default=True,
    help="Also run the TF-IDF + agglomerative baseline.",
)
@click.option(
    "--baseline-threshold",
    type=float,
    default=BASELINE_THRESHOLD,
    show_default=True,
    help="Cosine distance threshold of the baseline (the default was chosen on DUC 2007).",
)
@click.option(
    "--oracle/--no-oracle",
    default=False,
    show_default=True,
    help="Also show the baseline at its best threshold on the evaluated data (reads the gold; "
    "an upper bound, not a fair competitor).",
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the report as JSON to this file.",
)
def eval_clustering(
    data: Path,
    task: str,
    seed: int,
    window: str,
    clean: bool,
    baseline: bool,
    baseline_threshold: float,
    oracle: bool,
    json_path: Path | None,
) -> None:
    """B-cubed precision, recall and F1 of the store's online clustering (stories and
    storylines) against gold clusters, next to an offline TF-IDF + agglomerative baseline."""
    from storyline.store.model import ClusterConfig

    if window.lower() == "none":
        days: int | None = None
    elif window.isdigit():
        days = int(window)
    else:
        raise click.BadParameter("a number of days or 'none'", param_hint="--window")
    try:
        items = read_gold(data, task=task)
    except StorylineError as exc:
        raise click.ClickException(str(exc)) from None
    config = (
        ClusterConfig.topics()
        if days is None
        else ClusterConfig(story_window_days=days, storyline_window_days=max(days, 45))
    )
    report = evaluate(
        items,
        seed=seed,
        config=config,
        clean=clean,
        baseline=baseline,
        baseline_threshold=baseline_threshold,
        oracle=oracle,
    )
    click.echo(format_table(report), nl=False)
    if json_path is not None:
        json_path.write_text(json.dumps(report.to_dict(), indent=2), encoding="utf-8")
        click.echo(f"wrote {json_path}", err=True)
