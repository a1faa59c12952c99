"""What the command modules share: one-line failures and the client a command talks through."""

from __future__ import annotations

from typing import TYPE_CHECKING, NoReturn

import typer

if TYPE_CHECKING:
    from incidentio_toolkit.client import AsyncIncidentIO


def fail(message: str, code: int = 2) -> NoReturn:
    """Print one line to stderr and exit."""
    typer.echo(f"incidentio: {message}", err=True)
    raise typer.Exit(code)


def make_client(*, sandbox: bool) -> AsyncIncidentIO:
    """The in-process sandbox client, or a client configured from the environment."""
    from incidentio_toolkit.client import AsyncIncidentIO, sandbox_client

    return sandbox_client() if sandbox else AsyncIncidentIO()
