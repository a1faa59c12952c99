"""What the command modules share: one-line failures, the client a command talks through, and
running a command line with tracebacks only under `--debug`."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

import typer

if TYPE_CHECKING:
    from incidentio_toolkit.client import AsyncIncidentIO


def fail(message: str, code: int = 2) -> NoReturn:
    """Print one line to stderr and exit."""
    typer.echo(f"incidentio: {message}", err=True)
    raise typer.Exit(code)


def make_client(*, sandbox: bool) -> AsyncIncidentIO:
    """The in-process sandbox client, or a client configured from the environment; a setting
    that cannot work (a base URL without http://, a key cut short) fails in one line, exit 2."""
    from incidentio_toolkit.client import AsyncIncidentIO, sandbox_client

    try:
        return sandbox_client() if sandbox else AsyncIncidentIO()
    except ValueError as exc:
        fail(str(exc))


def run_command_line(
    app: typer.Typer, argv: Sequence[str] | None, prog_name: str, *, root_debug: bool
) -> None:
    """Run `app` on `argv` (else the process's arguments). An unexpected error prints one line
    (never the key) and exits 1; `--debug` anywhere shows its traceback instead. With
    `root_debug` the app takes `--debug` as its root option (it is moved first); else the flag is
    read here only."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    args = [arg for arg in args if arg != "--debug"]
    if debug and root_debug:
        args.insert(0, "--debug")
    try:
        app(args=args, prog_name=prog_name)
    except Exception as exc:
        if debug:
            raise
        from incidentio_toolkit.client import api_key_from_env, error_text

        text = error_text(exc, secret=api_key_from_env())
        typer.echo(f"incidentio: {text} (run with --debug for a traceback)", err=True)
        sys.exit(1)
