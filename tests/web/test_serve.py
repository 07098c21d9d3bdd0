"""The ``storyline serve`` command's checks (the server itself is tested in test_browser)."""

from __future__ import annotations

from pathlib import Path

import click
from click.testing import CliRunner

from storyline.cli import main


def test_serve_is_registered_and_documented() -> None:
    command = main.get_command(click.Context(main), "serve")
    assert command is not None and command.help
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, param.name
    host = next(p for p in command.params if p.name == "host")
    assert host.default == "127.0.0.1"  # localhost unless told otherwise


def test_serve_refuses_a_short_token(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "s.db"), "--token", "short"])
    assert result.exit_code == 2
    assert "at least 16 characters" in result.output
