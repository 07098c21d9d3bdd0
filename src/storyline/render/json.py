"""The brief as versioned JSON (``storyline.brief/1``), described by a JSON Schema."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from storyline.records import Brief


def render_json(brief: Brief, *, indent: int | None = 2) -> str:
    """The brief's JSON document."""
    return json.dumps(brief.to_dict(), ensure_ascii=False, indent=indent) + "\n"


def json_schema() -> dict[str, Any]:
    """The JSON Schema that every ``storyline.brief/1`` document satisfies."""
    text = resources.files("storyline.render").joinpath("brief.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
