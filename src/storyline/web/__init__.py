"""The web app and HTTP API over the story store (``storyline serve``).

Hierarchy of the modules::

    security  middleware: security headers, request size limit, the JSON error shape
    access    per-thread store connections, one writer, single-flight briefs
    views     what the pages show, as plain data
    api       the JSON API (``/api/...``, described at ``/api/openapi.json``)
    pages     the server-rendered pages (``/``, ``/stories/{id}``, ``/articles/{id}``)
    app       ``create_app``: the FastAPI application
    commands  the ``storyline serve`` command
"""

from __future__ import annotations

from storyline.web.app import create_app

__all__ = ["create_app"]
