"""Renderers: JSON (versioned, with a schema), Markdown, and one self-contained HTML page."""

from __future__ import annotations

from storyline.errors import ConfigError
from storyline.records import Brief
from storyline.render.html import render_html
from storyline.render.json import json_schema, render_json
from storyline.render.markdown import render_markdown

__all__ = ["FORMATS", "json_schema", "render", "render_html", "render_json", "render_markdown"]

FORMATS = {"md": render_markdown, "json": render_json, "html": render_html}


def render(brief: Brief, fmt: str = "md") -> str:
    """The brief in format ``fmt`` (``md``, ``json`` or ``html``)."""
    try:
        renderer = FORMATS[fmt]
    except KeyError:
        raise ConfigError(f"unknown format {fmt!r}; choose one of {sorted(FORMATS)}") from None
    return renderer(brief)
