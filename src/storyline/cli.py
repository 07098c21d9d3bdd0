"""The ``storyline`` command line: a thin layer over the library."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

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
_progress = click.option(
    "--progress/--no-progress",
    default=None,
    help="Show progress bars on standard error (default: when it is a terminal).",
)


def _fail(exc: StorylineError) -> None:
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
@_progress
def brief(
    paths: tuple[str, ...],
    words: int | None,
    sentences: int | None,
    focus: str | None,
    fmt: str,
    output: Path | None,
    max_bytes: int,
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
                max_bytes=max_bytes,
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
@_progress
def clean(
    paths: tuple[str, ...], fmt: str, output: Path | None, max_bytes: int, progress: bool | None
) -> None:
    """Print just the cleaned text of each article in PATH...

    With --format jsonl, one JSON object per article: source, title, outlet, published, text,
    and removed (each removed span with its reason). Rejected inputs are reported on standard
    error.
    """
    show = sys.stderr.isatty() if progress is None else progress
    raw, rejected = load(list(paths), max_bytes=max_bytes)
    with progress_bar(show) as report:
        articles, more = prepare(raw, report)
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


def _register_eval(loader: Callable[[], click.Command | None]) -> None:
    command = loader()
    if command is not None:
        eval_group.add_command(command)


if __name__ == "__main__":  # pragma: no cover
    main()
