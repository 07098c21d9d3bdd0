"""The web app: server-rendered pages and a JSON API over a story store.

``create_app(db)`` builds a FastAPI application; ``storyline serve`` runs it with uvicorn.
Pages are Jinja2 templates with autoescaping (all article text is untrusted), one stylesheet
and one small script served from ``/static``, under a Content-Security-Policy that allows
nothing else. The API answers every error with one JSON shape (see :func:`error_body`).
"""

from __future__ import annotations

import hmac
import os
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException

import storyline
from storyline.web.access import DEFAULT_BRIEF_WAIT, DEFAULT_MAX_BRIEFS, Busy, StoreAccess
from storyline.web.security import LimitRequestBody, SecurityHeaders, error_body
from storyline.web.views import path_segment

DEFAULT_MAX_BODY = 10_000_000  # bytes per request (an ingest batch of articles)
_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "request_too_large",
    422: "invalid_request",
    500: "internal_error",
    503: "busy",
}
RETRY_AFTER_SECONDS = 5


class Settings:
    """What the app was started with (kept on ``app.state.settings``)."""

    def __init__(self, *, token: str | None, per_page: int) -> None:
        self.token = token
        self.per_page = per_page

    def token_ok(self, header: str | None) -> bool:
        """Whether an ``Authorization`` header carries the start-up token."""
        if not self.token or not header:
            return False
        scheme, _, given = header.partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(
            given.strip().encode(), self.token.encode()
        )


class Counts:
    """Store totals and outlet names for the pages, refreshed at most every few seconds (both
    scan tables, and a list page needs them on every view)."""

    def __init__(self, access: StoreAccess, ttl: float = 5.0) -> None:
        self.access, self.ttl = access, ttl
        self._value: dict[str, int] = {}
        self._outlets: list[str] = []
        self._at = 0.0

    def _refresh(self) -> None:
        now = time.monotonic()
        if not self._value or now - self._at > self.ttl:
            store = self.access.reader()
            self._value, self._outlets, self._at = store.count(), store.outlets(), now

    def invalidate(self) -> None:
        """Read the totals afresh on next use (after this process stored articles)."""
        self._value = {}

    def get(self) -> dict[str, int]:
        self._refresh()
        return self._value

    def outlets(self) -> list[str]:
        self._refresh()
        return self._outlets


def _templates() -> Jinja2Templates:
    env = Environment(
        loader=PackageLoader("storyline.web", "templates"),
        autoescape=select_autoescape(["html"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # Ids are the publishers' own ("https://outlet.example/a#b" or a roundup's "<id>#2"): a
    # link to one is a path segment with every reserved character escaped.
    env.filters["segment"] = path_segment
    return Jinja2Templates(env=env)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def create_app(
    db: str | Path,
    *,
    token: str | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    per_page: int = 20,
    max_briefs: int = DEFAULT_MAX_BRIEFS,
    brief_wait: float = DEFAULT_BRIEF_WAIT,
) -> FastAPI:
    """The web app over the store at ``db`` (created if missing).

    ``token`` enables ``POST /api/articles`` for clients that send ``Authorization: Bearer
    TOKEN``; without it ingest over HTTP is refused. Request bodies over ``max_body`` bytes
    are refused with 413. At most ``max_briefs`` briefs that are not cached are made at once;
    a request that waits ``brief_wait`` seconds for a turn gets 503 with ``Retry-After``.
    """
    from storyline.web import api, pages

    access = StoreAccess(db, max_briefs=max_briefs, brief_wait=brief_wait)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        access.close()

    app = FastAPI(
        lifespan=lifespan,
        title="storyline",
        version=storyline.__version__,
        description=(
            "Stories clustered from a stream of news articles, and their cited briefs. "
            'Errors have one shape: `{"error": {"status", "code", "message"}}`.'
        ),
        docs_url=None,  # the interactive docs load scripts from a CDN, which the CSP forbids
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.access = access
    app.state.settings = Settings(token=token, per_page=per_page)
    app.state.templates = _templates()
    app.state.counts = Counts(access)
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(LimitRequestBody, max_bytes=max_body)

    def _error(request: Request, status: int, message: str, **details: Any) -> Response:
        code = _CODES.get(status, "error")
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        if status == 503:
            headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
        if _is_api(request):
            return JSONResponse(
                error_body(status, code, message, **details), status_code=status, headers=headers
            )
        page = app.state.templates.TemplateResponse(
            request,
            "error.html",
            {"status": status, "message": message, "counts": app.state.counts.get()},
            status_code=status,
            headers=headers,
        )
        assert isinstance(page, HTMLResponse)
        return page

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(Busy)
    async def busy(request: Request, exc: Busy) -> Response:
        return _error(request, 503, "the server is busy making other briefs; try again shortly")

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = [
            {"where": ".".join(str(x) for x in e.get("loc", ())), "problem": e.get("msg", "")}
            for e in exc.errors()
        ]
        return _error(request, 422, "the request is not valid", problems=problems)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        return JSONResponse(
            error_body(500, "internal_error", "the server failed on this request"),
            status_code=500,
        )

    return app


def app_from_env() -> FastAPI:
    """The app built from ``$STORYLINE_DB``, ``$STORYLINE_TOKEN``, ``$STORYLINE_MAX_BODY`` and
    ``$STORYLINE_MAX_BRIEFS``: how ``storyline serve --workers N`` starts it in each worker
    process."""
    return create_app(
        os.environ["STORYLINE_DB"],
        token=os.environ.get("STORYLINE_TOKEN") or None,
        max_body=int(os.environ.get("STORYLINE_MAX_BODY") or DEFAULT_MAX_BODY),
        max_briefs=int(os.environ.get("STORYLINE_MAX_BRIEFS") or DEFAULT_MAX_BRIEFS),
    )
