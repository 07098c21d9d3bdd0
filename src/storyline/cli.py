"""The ``storyline`` command line: a thin layer over the library."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import click

from storyline import __version__
from storyline.api import brief as make_brief
from storyline.errors import StorylineError
from storyline.ingest import DEFAULT_MAX_BYTES, load
from storyline.ingest.prepare import prepare
from storyline.pipeline import Progress
from storyline.render import FORMATS, render


@contextmanager
def progress_bar(enabled: bool) -> Iterator[Progress | None]:
    """A stage-aware progress callback drawing on standard error, or ``None`` if disabled."""
    if not enabled:
        yield None
        return
    bars: dict[str, Any] = {}

    def report(stage: str, done: int, total: int) -> None:
        bar = bars.get(stage)
        if bar is None:
            bar = bars[stage] = click.progressbar(
                length=total, label=f"{stage:>9}", file=sys.stderr
            ).__enter__()
        bar.update(done - bar.pos)

    try:
        yield report
    finally:
        for bar in bars.values():
            bar.__exit__(None, None, None)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)


_inputs = click.argument("paths", nargs=-1, required=True, metavar="PATH...")
_max_bytes = click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Reject any input (file or JSON line) larger than this.",
)
_any_language = click.option(
    "--any-language",
    is_flag=True,
    help="Keep articles not written in English (by default they are rejected: the "
    "analysis reads English only).",
)
_progress = click.option(
    "--progress/--no-progress",
    default=None,
    help="Show progress bars on standard error (default: when it is a terminal).",
)


def _fail(exc: StorylineError) -> NoReturn:
    click.echo(f"storyline: error: {exc}", err=True)
    sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="storyline")
def main() -> None:
    """Turn many outlets' coverage of one news event into one brief, every sentence cited.

    PATH may be a file (.txt, .html/.htm, .jsonl, optionally .gz), a folder (read recursively),
    a glob pattern, or - for standard input.
    """


@main.command()
@_inputs
@click.option(
    "--words",
    type=click.IntRange(min=1),
    default=None,
    help="Summary length in words (default 120).",
)
@click.option(
    "--sentences",
    type=click.IntRange(min=1),
    default=None,
    help="Summary length in sentences instead.",
)
@click.option("--focus", metavar="QUESTION", help="Favour sentences that answer this question.")
@click.option(
    "--verbatim",
    is_flag=True,
    help="Quote summary sentences exactly as published (by default leading connectives, "
    "weekday references and datelines are trimmed, and a person first mentioned by surname "
    "alone is named in full).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    default="md",
    show_default=True,
    help="Output format.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
@_max_bytes
@_any_language
@_progress
def brief(
    paths: tuple[str, ...],
    words: int | None,
    sentences: int | None,
    focus: str | None,
    verbatim: bool,
    fmt: str,
    output: Path | None,
    max_bytes: int,
    any_language: bool,
    progress: bool | None,
) -> None:
    """Write a cited brief of the articles in PATH... (Markdown, JSON or HTML).

    Inputs that cannot be used are listed with their reason in the brief; the exit status is
    non-zero only when no input was usable.
    """
    if words is None and sentences is None:
        words = 120
    show = sys.stderr.isatty() if progress is None else progress
    try:
        with progress_bar(show) as report:
            result = make_brief(
                list(paths),
                words=words,
                sentences=sentences,
                focus=focus,
                verbatim=verbatim,
                max_bytes=max_bytes,
                any_language=any_language,
                progress=report,
            )
    except StorylineError as exc:
        _fail(exc)
        return
    _write(render(result, fmt), output)


@main.command()
@_inputs
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "jsonl"]),
    default="text",
    show_default=True,
    help="Cleaned text, or one JSON line per article.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
@_max_bytes
@_any_language
@_progress
def clean(
    paths: tuple[str, ...],
    fmt: str,
    output: Path | None,
    max_bytes: int,
    any_language: bool,
    progress: bool | None,
) -> None:
    """Print just the cleaned text of each article in PATH...

    With --format jsonl, one JSON object per article: source, title, outlet, published, text,
    and removed (each removed span with its reason). Rejected inputs are reported on standard
    error.
    """
    show = sys.stderr.isatty() if progress is None else progress
    raw, rejected = load(list(paths), max_bytes=max_bytes)
    with progress_bar(show) as report:
        articles, more = prepare(raw, report, any_language=any_language)
    rejected.extend(more)
    for rejection in rejected:
        click.echo(f"storyline: rejected {rejection.source}: {rejection.reason}", err=True)
    if fmt == "text":
        text = "".join(f"{a.text}\n\n" for a in articles)
    else:
        fields = ("source", "title", "outlet", "published", "text")
        text = "".join(
            json.dumps(
                {**{k: getattr(a, k) for k in fields}, "removed": [r.to_dict() for r in a.removed]},
                ensure_ascii=False,
            )
            + "\n"
            for a in articles
        )
    _write(text, output)
    if not articles:
        sys.exit(1)


@main.group(name="eval")
def eval_group() -> None:
    """Measure storyline against public benchmarks and reference tools."""


@eval_group.command(name="summaries")
@click.option(
    "--data",
    "data",
    required=True,
    type=click.Path(exists=True, path_type=Path),
    help="A DUC folder (as in gsandeep1241/TextSummarizer) or a JSON Lines file of clusters.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["duc", "jsonl"]),
    default="duc",
    show_default=True,
    help="Layout of --data.",
)
@click.option(
    "--task",
    type=click.Choice(["main", "update"]),
    default="main",
    show_default=True,
    help="DUC 2007 task to read (DUC 2006 has only main).",
)
@click.option(
    "--words",
    type=click.IntRange(min=1),
    default=None,
    help="Word budget [default: each cluster's limit: 250 for DUC main, 100 for update].",
)
@click.option(
    "--focus-from-topic/--no-focus",
    default=False,
    help="Pass each cluster's topic statement to every system as the focus.",
)
@click.option(
    "--systems",
    default="storyline,lead,lexrank,textrank,centroid-mmr",
    show_default=True,
    help="Comma-separated systems to run (also: storyline-ilp, the integer program's sentence "
    "choice).",
)
@click.option(
    "--limit", type=click.IntRange(min=1), default=None, help="Only the first N clusters."
)
@click.option(
    "--jackknife/--pooled",
    default=False,
    help="Score against every leave-one-out subset of the references and average, as NIST's "
    "published DUC figures are (default: all references pooled).",
)
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write one line per system and cluster to this CSV file.",
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the means and rows as JSON to this file.",
)
@_progress
def eval_summaries(
    data: Path,
    fmt: str,
    task: str,
    words: int | None,
    focus_from_topic: bool,
    systems: str,
    limit: int | None,
    jackknife: bool,
    csv_path: Path | None,
    json_path: Path | None,
    progress: bool | None,
) -> None:
    """ROUGE-1, ROUGE-2 and ROUGE-SU4 recall (NIST's settings) of storyline and the reference
    summarizers on every cluster of a multi-document summarization dataset."""
    from storyline.eval import summaries

    available = {**summaries.storyline_systems(), **summaries.reference_systems()}
    chosen = [name.strip() for name in systems.split(",") if name.strip()]
    unknown = [name for name in chosen if name not in available]
    if unknown or not chosen:
        raise click.BadParameter(
            f"unknown system(s) {', '.join(unknown) or '(none)'}; choose from "
            + ", ".join(available),
            param_hint="--systems",
        )
    try:
        clusters = summaries.load_clusters(data, format=fmt, task=task)  # type: ignore[arg-type]
    except StorylineError as exc:
        _fail(exc)
    if limit is not None:
        clusters = clusters[:limit]
    if not any(c.references for c in clusters):
        _fail(StorylineError(f"no cluster in {data} has reference summaries to score against"))
    show = sys.stderr.isatty() if progress is None else progress
    with progress_bar(show) as report:
        result = summaries.evaluate(
            clusters,
            {name: available[name] for name in chosen},
            words=words,
            focus=focus_from_topic,
            jackknife=jackknife,
            progress=(lambda done, total: report("clusters", done, total)) if report else None,
        )
    click.echo(summaries.format_table(result))
    if csv_path is not None:
        summaries.write_csv(result, csv_path)
        click.echo(f"wrote {csv_path}", err=True)
    if json_path is not None:
        json_path.write_text(json.dumps(summaries.to_json(result), indent=2), encoding="utf-8")
        click.echo(f"wrote {json_path}", err=True)


@eval_group.command(name="extraction")
@click.option(
    "--data",
    "data",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="The article-extraction-benchmark folder [default: $STORYLINE_EXTRACTION_DATA, "
    "else ../shared/data/article-extraction-benchmark].",
)
@click.option(
    "--mode",
    type=click.Choice(["html", "text"]),
    default="text",
    show_default=True,
    help="html: storyline's HTML ingest; text: cleaning of the page's whole visible text.",
)
@click.option(
    "--split",
    type=click.Choice(["dev", "test", "all"]),
    default="test",
    show_default=True,
    help="Pages sorted by id: the first half is dev (tuned on), the second test.",
)
@click.option(
    "--references/--no-references",
    default=True,
    help="Also run the reference tools (trafilatura, jusText) in the same run.",
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the report as JSON to this file.",
)
def eval_extraction(
    data: Path | None, mode: str, split: str, references: bool, json_path: Path | None
) -> None:
    """F1, precision, recall and pages/s of storyline's cleaning on the article-extraction
    benchmark (4-token shingles, per-page normalised counts), next to the reference tools."""
    from storyline.eval import extraction

    folder = data or extraction.default_data_dir()
    if folder is None:
        _fail(StorylineError("benchmark data not found: pass --data DIR"))
    try:
        report = extraction.evaluate(
            folder,
            mode=mode,  # type: ignore[arg-type]
            split=split,  # type: ignore[arg-type]
            references=references,
        )
    except (OSError, ValueError) as exc:
        _fail(StorylineError(str(exc)))
    click.echo(extraction.format_table(report))
    if json_path is not None:
        json_path.write_text(report.to_json(), encoding="utf-8")
        click.echo(f"wrote {json_path}", err=True)


def _register() -> None:
    """Commands defined beside the code they drive."""
    from storyline.eval.clustering import eval_clustering
    from storyline.eval.quotes import eval_quotes
    from storyline.store.commands import export, ingest, show, stories
    from storyline.web.commands import serve

    eval_group.add_command(eval_quotes)
    eval_group.add_command(eval_clustering)
    for command in (ingest, stories, show, export, serve):
        main.add_command(command)


_register()


if __name__ == "__main__":  # pragma: no cover
    main()
