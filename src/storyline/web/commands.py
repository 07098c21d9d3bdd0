"""The ``storyline serve`` command."""

from __future__ import annotations

import os
from pathlib import Path

import click

from storyline.store.commands import db_option


@click.command(name="serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to bind."
)
@click.option(
    "--token",
    envvar="STORYLINE_TOKEN",
    default=None,
    help="Enable POST /api/articles for clients sending 'Authorization: Bearer TOKEN' "
    "[default: $STORYLINE_TOKEN; without one, ingest over HTTP is refused].",
)
@click.option(
    "--max-body",
    type=click.IntRange(min=1024),
    default=None,
    help="Refuse request bodies larger than this many bytes [default: 10000000].",
)
@click.option(
    "--max-briefs",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Briefs not yet cached that each process makes at once; a request that waits 10 s "
    "for a turn gets 503 with Retry-After (cached briefs and pages are never held up).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Server processes (more than one uses more cores; each keeps its own connections).",
)
@click.option(
    "--log-level",
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
    default="info",
    show_default=True,
    help="How much the server logs (one line per request at info).",
)
def serve(
    db: Path | None,
    host: str,
    port: int,
    token: str | None,
    max_body: int | None,
    max_briefs: int,
    workers: int,
    log_level: str,
) -> None:
    """Serve the story store in a browser and as a JSON API.

    Pages: / (stories, with search and filters), /stories/ID (the brief), /articles/ID (the
    cleaned text and what cleaning removed). API: /api/stories, /api/stories/ID,
    /api/stories/ID/brief, /api/articles/ID and POST /api/articles (with --token), described
    at /api/openapi.json. Binds to localhost unless --host says otherwise.
    """
    import uvicorn

    from storyline.store.sqlite import default_path, open_store
    from storyline.web.app import DEFAULT_MAX_BODY, create_app

    path = Path(db) if db is not None else Path(default_path())
    if not path.exists():
        click.echo(f"storyline: no store at {path} yet; starting with an empty one", err=True)
    if token is not None and len(token) < 16:
        raise click.BadParameter("use a token of at least 16 characters", param_hint="--token")
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"storyline: serving {path} at http://{shown}:{port}/", err=True)
    if workers == 1:
        app = create_app(
            path, token=token, max_body=max_body or DEFAULT_MAX_BODY, max_briefs=max_briefs
        )
        uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)
        return
    open_store(path).close()  # create and migrate once, before the workers start
    os.environ["STORYLINE_DB"] = str(path)
    os.environ["STORYLINE_MAX_BODY"] = str(max_body or DEFAULT_MAX_BODY)
    os.environ["STORYLINE_MAX_BRIEFS"] = str(max_briefs)
    if token is not None:
        os.environ["STORYLINE_TOKEN"] = token
    uvicorn.run(
        "storyline.web.app:app_from_env",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level=log_level,
        server_header=False,
    )
