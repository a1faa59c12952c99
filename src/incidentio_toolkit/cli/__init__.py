"""The `incidentio` command line (Typer): actions, describe, call, doctor, sandbox, mcp, demo."""

from incidentio_toolkit.cli._app import app, main
from incidentio_toolkit.cli._sandbox import main as sandbox_main

__all__ = ["app", "main", "sandbox_main"]
