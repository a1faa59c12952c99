"""The `incidentio` command line (Typer): actions, describe, call, doctor, sandbox, mcp, demo."""

from incidentio_toolkit.cli._app import app, main

__all__ = ["app", "main"]
