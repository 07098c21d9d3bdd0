"""The store's commands: ``storyline ingest``, ``stories``, ``show`` and ``export``.

Thin click layers over :mod:`storyline.store`; the lead registers them on the main group.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from storyline.store.sqlite import SQLiteStore

db_option = click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    envvar="STORYLINE_DB",
    help="The store (SQLite file) [default: $STORYLINE_DB, else ./storyline.db].",
)


def _open(db: Path | None, *, must_exist: bool = False) -> SQLiteStore:
    from storyline.store.sqlite import default_path, open_store

    path = Path(db) if db is not None else Path(default_path())
    if must_exist and not path.exists():
        raise click.ClickException(f"no store at {path} (run `storyline ingest` first)")
    return open_store(path)


def _progress_reporter(show: bool) -> Any:
    """A progress callback drawing one bar on standard error, and its closer."""
    if not show:
        return None, lambda: None
    state: dict[str, Any] = {}

    def report(stage: str, done: int, total: int) -> None:
        bar = state.get("bar")
        if bar is None:
            bar = state["bar"] = click.progressbar(
                length=total, label=f"{stage:>9}", file=sys.stderr
            ).__enter__()
        bar.length = max(bar.length or 0, total)
        bar.update(done - bar.pos)

    def close() -> None:
        if "bar" in state:
            state["bar"].__exit__(None, None, None)

    return report, close


@click.command(name="ingest")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@db_option
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=200,
    show_default=True,
    help="Inputs per transaction (a batch is stored all at once or not at all).",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes that clean articles while the main one clusters and writes.",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=None,
    help="Reject any input (file or JSON line) larger than this [default: 5000000].",
)
@click.option(
    "--any-language",
    is_flag=True,
    help="Keep articles not written in English (by default they are rejected: the "
    "analysis reads English only).",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar on standard error (default: when it is a terminal).",
)
def ingest(
    paths: tuple[str, ...],
    db: Path | None,
    batch_size: int,
    jobs: int,
    max_bytes: int | None,
    any_language: bool,
    progress: bool | None,
) -> None:
    """Add the articles in PATH... to the story store, clustering them into stories.

    PATH is a file (.txt, .html, .jsonl, optionally .gz), a folder, a glob or - (standard
    input). Ingest is incremental and idempotent: an article already stored (same content) is
    skipped, so running the same command twice changes nothing. Each batch is committed in
    one transaction; an interrupted run loses nothing that was reported stored, and the next
    run carries on. Each new article joins the story it matches (or starts one); similar
    stories are linked into storylines; syndicated copies are marked as near-duplicates.
    """
    from storyline.ingest import DEFAULT_MAX_BYTES, load
    from storyline.records import RawInput, Rejection
    from storyline.store.ingest import ingest as run

    raw, rejected = load(list(paths), max_bytes=max_bytes or DEFAULT_MAX_BYTES)
    items: list[RawInput | Rejection] = [*rejected, *raw]
    show = sys.stderr.isatty() if progress is None else progress
    report_progress, close = _progress_reporter(show and len(items) > 0)
    with _open(db) as store:
        try:
            report = run(
                store,
                items,
                batch_size=batch_size,
                jobs=jobs,
                total=len(items),
                progress=report_progress,
                any_language=any_language,
            )
        finally:
            close()
        counts = store.count()
    for rejection in report.rejections:
        click.echo(f"storyline: rejected {rejection.source}: {rejection.reason}", err=True)
    click.echo(
        f"stored {report.stored} new article(s), skipped {report.skipped} already stored, "
        f"rejected {report.rejected}; {report.new_stories} new story(ies), "
        f"{report.merges} merge(s), {report.duplicates} near-duplicate(s) "
        f"in {report.seconds:.1f}s. Store {store.path}: {counts['articles']} articles, "
        f"{counts['stories']} stories, {counts['storylines']} storylines."
    )


def _span(first: date | None, last: date | None) -> str:
    if first is None or last is None:
        return "-"
    return first.isoformat() if first == last else f"{first.isoformat()}..{last.isoformat()}"


@click.command(name="stories")
@db_option
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Only stories with an article published on or after this day (YYYY-MM-DD).",
)
@click.option(
    "--search",
    metavar="TEXT",
    default=None,
    help="Only stories whose articles contain the words of TEXT in that order (the last may be "
    "unfinished; case and accents do not matter), or whose title contains TEXT.",
)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most N stories.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table: id, title, articles, outlets, time span; json: id, title, storyline_id, "
    "article_ids, sources (and more) per story.",
)
def stories(db: Path | None, since: Any, search: str | None, limit: int | None, fmt: str) -> None:
    """List the stories in the store, most recent first."""
    with _open(db, must_exist=True) as store:
        found = store.stories(since=since.date() if since else None, search=search, limit=limit)
    if fmt == "json":
        click.echo(json.dumps([s.to_dict() for s in found], indent=2, ensure_ascii=False))
        return
    rows = [
        (
            s.id,
            (s.title or "(untitled)")[:60],
            str(len(s.article_ids)),
            str(len(s.outlets)),
            _span(s.first_day, s.last_day),
        )
        for s in found
    ]
    header = ("id", "title", "articles", "outlets", "time span")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


@click.command(name="show")
@click.argument("story_id")
@db_option
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
    type=click.Choice(["md", "json", "html"]),
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
def show(
    story_id: str,
    db: Path | None,
    words: int | None,
    sentences: int | None,
    focus: str | None,
    fmt: str,
    output: Path | None,
) -> None:
    """Write the brief of story STORY_ID (an id or a unique prefix) from the store.

    The brief is the same as `storyline brief` gives for the story's articles; it is cached in
    the store until the story changes.
    """
    from storyline.store.briefs import story_brief

    if words is None and sentences is None:
        words = 120
    with _open(db, must_exist=True) as store:
        try:
            brief = story_brief(store, story_id, words=words, sentences=sentences, focus=focus)
        except KeyError as exc:
            raise click.ClickException(str(exc.args[0])) from None
    from storyline.render import render

    text = render(brief, fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)


@click.command(name="export")
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl"]),
    default="jsonl",
    show_default=True,
    help="Export format.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
def export(db: Path | None, fmt: str, output: Path | None) -> None:
    """Export every stored article as JSON Lines, with its story, storyline and duplicate mark.

    Each line holds the article's fields (id, source, title, outlet, url, published, text,
    removed) plus story_id, storyline_id and duplicate_of. The output can be ingested again.
    """
    from storyline.store.briefs import export_lines

    with _open(db, must_exist=True) as store:
        handle = output.open("w", encoding="utf-8") if output else None
        try:
            for line in export_lines(store):
                if handle is None:
                    click.echo(line)
                else:
                    handle.write(line + "\n")
        finally:
            if handle is not None:
                handle.close()
                click.echo(f"wrote {output}", err=True)
