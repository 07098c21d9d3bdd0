"""``storyline eval summaries``: summarizers side by side on a benchmark, in one run.

Every system summarizes every cluster that has references; each summary is cut to the first
``words`` words and scored with NIST's ROUGE (:mod:`storyline.eval.rouge`); the time each
system spends summarizing is measured around its call only.

Scoring choice: by default a summary is scored against *all* references pooled. NIST scored
DUC systems by jackknifing (the mean over leave-one-out reference subsets) only so that systems
and human summaries, which cannot be scored against themselves, are comparable. For a system
the two agree to within 2e-5 (ROUGE-2 and SU4 means of each of the 35 DUC 2006 systems), far
below the differences that matter, so published system figures stay comparable;
``jackknife=True`` scores exactly as NIST did. :func:`score_peers` reproduces NIST's
published averages.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

from storyline.eval.baselines import CentroidMMR, Lead, LexRank, TextRank
from storyline.eval.duc import Cluster, Task, read_duc, read_jsonl
from storyline.eval.rouge import (
    Profile,
    RougeScores,
    jackknife_recall,
    nist_average,
    pooled_recall,
)
from storyline.render.common import counted

DEFAULT_WORDS = 250
ProgressCallback = Callable[[int, int], None]  # (clusters done, clusters to do)


class Summarizer(Protocol):
    """Anything that turns a cluster's document texts into a summary of about ``words`` words."""

    def __call__(self, documents: Sequence[str], *, topic: str | None, words: int) -> str: ...


class StorylineSummarizer:
    """storyline's own summarizer (:func:`storyline.summarize.summarize_texts`) as a system,
    with its default sentence choice or the given ``solver`` ("greedy" or "ilp")."""

    def __init__(self, solver: str | None = None) -> None:
        self.solver = solver

    def __call__(
        self, documents: Sequence[str], *, topic: str | None = None, words: int = DEFAULT_WORDS
    ) -> str:
        from storyline.summarize import SelectionConfig, summarize_texts

        selection = SelectionConfig(solver=self.solver) if self.solver else None
        return summarize_texts(documents, topic=topic, words=words, selection=selection)


def storyline_systems() -> dict[str, Summarizer]:
    """storyline's summarizer by the name shown in tables: as shipped, and with the integer
    program's sentence choice (to compare the two choices in one run)."""
    return {"storyline": StorylineSummarizer(), "storyline-ilp": StorylineSummarizer("ilp")}


def reference_systems() -> dict[str, Summarizer]:
    """The reference summarizers, by the name shown in tables."""
    return {
        "lead": Lead(),
        "lexrank": LexRank(),
        "textrank": TextRank(),
        "centroid-mmr": CentroidMMR(),
    }


def load_clusters(
    path: str | Path, *, format: Literal["duc", "jsonl"], task: Task = "main"
) -> list[Cluster]:
    """Clusters from a DUC folder or a JSON Lines file."""
    return read_duc(path, task=task) if format == "duc" else read_jsonl(path)


@dataclass(frozen=True)
class EvalRow:
    """One system on one cluster: ROUGE recall and seconds spent summarizing."""

    system: str
    cluster: str
    rouge_1: float
    rouge_2: float
    rouge_su4: float
    seconds: float


@dataclass(frozen=True)
class SystemMean:
    """One system's means over the clusters it summarized."""

    system: str
    rouge_1: float
    rouge_2: float
    rouge_su4: float
    seconds: float
    clusters: int


@dataclass(frozen=True)
class EvalReport:
    """Per-cluster rows of one run, and how the run was scored."""

    rows: tuple[EvalRow, ...]
    words: int | None  # the word budget; None when clusters had different limits
    focus: bool
    jackknife: bool
    skipped: tuple[str, ...] = ()  # clusters without references

    @property
    def means(self) -> tuple[SystemMean, ...]:
        """Means per system, in the order systems were given."""
        by_system: dict[str, list[EvalRow]] = {}
        for row in self.rows:
            by_system.setdefault(row.system, []).append(row)
        means = []
        for system, rows in by_system.items():
            n = len(rows)
            means.append(
                SystemMean(
                    system,
                    sum(r.rouge_1 for r in rows) / n,
                    sum(r.rouge_2 for r in rows) / n,
                    sum(r.rouge_su4 for r in rows) / n,
                    sum(r.seconds for r in rows) / n,
                    n,
                )
            )
        return tuple(means)


def evaluate(
    clusters: Sequence[Cluster],
    systems: Mapping[str, Summarizer],
    *,
    words: int | None = None,
    focus: bool = False,
    jackknife: bool = False,
    progress: ProgressCallback | None = None,
) -> EvalReport:
    """Summarize and score every cluster that has references with every system.

    ``words`` defaults to each cluster's word limit (250 when it has none); ``focus`` passes
    the cluster's topic to the summarizers.
    """
    scored = [c for c in clusters if c.references]
    rows: list[EvalRow] = []
    budgets = set()
    for done, cluster in enumerate(scored, 1):
        budget = words or cluster.word_limit or DEFAULT_WORDS
        budgets.add(budget)
        references = [Profile.from_text(r) for r in cluster.references]
        texts = [d.text for d in cluster.documents]
        topic = cluster.topic if focus else None
        for name, system in systems.items():
            start = time.perf_counter()
            try:
                summary = system(texts, topic=topic, words=budget)
            except Exception as error:
                error.add_note(f"while {name} summarized cluster {cluster.id}")
                raise
            seconds = time.perf_counter() - start
            peer = Profile.from_text(summary, words=budget)
            scores = (jackknife_recall if jackknife else pooled_recall)(peer, references)
            rows.append(
                EvalRow(name, cluster.id, scores.rouge_1, scores.rouge_2, scores.rouge_su4, seconds)
            )
        if progress:
            progress(done, len(scored))
    return EvalReport(
        tuple(rows),
        budgets.pop() if len(budgets) == 1 else None,
        focus,
        jackknife,
        tuple(c.id for c in clusters if not c.references),
    )


def score_peers(clusters: Sequence[Cluster], *, nist: bool = True) -> dict[str, RougeScores]:
    """Scores of the participants' summaries (``Cluster.peers``) as NIST computed them.

    Each peer is scored against every leave-one-out subset of the references, except a human
    peer that wrote one of the references, which is scored against the others only. With
    ``nist`` the per-evaluation scores are averaged as ROUGE-1.5.5 does
    (:func:`~storyline.eval.rouge.nist_average`), otherwise with a plain mean.
    """
    evaluations: dict[str, dict[str, RougeScores]] = {}  # peer -> evaluation id -> scores
    for cluster in clusters:
        references = dict(
            zip(cluster.reference_ids, map(Profile.from_text, cluster.references), strict=True)
        )
        for peer_id, text in cluster.peers.items():
            peer = Profile.from_text(text)
            left_out = [peer_id] if peer_id in references else list(references)
            for excluded in left_out:
                others = [p for ref_id, p in references.items() if ref_id != excluded]
                # Ids sort like NIST's ("D0601.M.250.A-B"), which nist_average relies on.
                evaluations.setdefault(peer_id, {})[f"{cluster.id}-{excluded}"] = pooled_recall(
                    peer, others
                )
    if not nist:
        return {peer: RougeScores.mean(by_id.values()) for peer, by_id in evaluations.items()}
    return {
        peer: RougeScores(
            *(
                nist_average({key: getattr(s, metric) for key, s in by_id.items()})
                for metric in ("rouge_1", "rouge_2", "rouge_su4")
            )
        )
        for peer, by_id in evaluations.items()
    }


def format_table(report: EvalReport) -> str:
    """A plain-text table, one row per system: recall, seconds per cluster, time vs LexRank."""
    means = report.means
    lexrank = next((m.seconds for m in means if m.system.lower() == "lexrank"), None)
    header = ("system", "R-1", "R-2", "R-SU4", "s/cluster", "x LexRank")
    lines = [header]
    for m in means:
        ratio = f"{m.seconds / lexrank:.2f}" if lexrank else "-"
        lines.append(
            (
                m.system,
                f"{m.rouge_1:.4f}",
                f"{m.rouge_2:.4f}",
                f"{m.rouge_su4:.4f}",
                f"{m.seconds:.3f}",
                ratio,
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    text = [
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(line, widths, strict=True))
        )
        for line in lines
    ]
    text.insert(1, "  ".join("-" * w for w in widths))
    clusters = max((m.clusters for m in means), default=0)
    words = f"first {report.words} words" if report.words else "each cluster's word limit"
    mode = "jackknifed over references" if report.jackknife else "references pooled"
    text.append(
        f"{counted(clusters, 'cluster')}; {words}; recall, {mode}"
        + ("; topic-focused" if report.focus else "")
        + (
            f"; {counted(len(report.skipped), 'cluster')} without references skipped"
            if report.skipped
            else ""
        )
    )
    return "\n".join(text)


def write_csv(report: EvalReport, path: str | Path) -> None:
    """One line per system and cluster."""
    with Path(path).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["system", "cluster", "rouge_1", "rouge_2", "rouge_su4", "seconds"])
        for r in report.rows:
            writer.writerow(
                [
                    r.system,
                    r.cluster,
                    f"{r.rouge_1:.5f}",
                    f"{r.rouge_2:.5f}",
                    f"{r.rouge_su4:.5f}",
                    f"{r.seconds:.4f}",
                ]
            )


def to_json(report: EvalReport) -> dict[str, Any]:
    """The report as JSON-ready data (means and rows)."""
    return {
        "words": report.words,
        "focus": report.focus,
        "jackknife": report.jackknife,
        "skipped": list(report.skipped),
        "means": [asdict(m) for m in report.means],
        "rows": [asdict(r) for r in report.rows],
    }
