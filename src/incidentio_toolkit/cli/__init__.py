"""The `incidentio` command line (Typer): actions, describe, call, doctor, sandbox, mcp, demo.

Names are imported on first use: `sandbox_main` (what `python -m incidentio_toolkit.sandbox` runs)
loads only the sandbox command, not the actions registry that `app` is built from, so a sandbox
restarts quickly.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from incidentio_toolkit.cli._app import app, main
    from incidentio_toolkit.cli._sandbox import main as sandbox_main

__all__ = ["app", "main", "sandbox_main"]

_LAZY = {
    "app": ("incidentio_toolkit.cli._app", "app"),
    "main": ("incidentio_toolkit.cli._app", "main"),
    "sandbox_main": ("incidentio_toolkit.cli._sandbox", "main"),
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attribute = _LAZY[name]
    return getattr(importlib.import_module(module), attribute)
