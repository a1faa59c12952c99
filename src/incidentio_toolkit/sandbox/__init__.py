"""An offline, stateful stand-in for the incident.io REST API (46 operations).

In-process::

    app = create_app()
    client = httpx2.AsyncClient(transport=httpx2.ASGITransport(app=app), base_url="http://sandbox",
                                headers={"Authorization": f"Bearer {DEMO_API_KEY}"})

As a server: `serve(port=8765)` or `python -m incidentio_toolkit.sandbox --port 8765`.
Seeded ids are in `incidentio_toolkit.sandbox.seed`. See docs/sandbox.md.
"""

from __future__ import annotations

from incidentio_toolkit.sandbox._server import SandboxServer, serve
from incidentio_toolkit.sandbox.app import SandboxApp, create_app
from incidentio_toolkit.sandbox.auth import DEMO_API_KEY
from incidentio_toolkit.sandbox.faults import CommitTimeout, ConnectionDropped, FaultConfig

__all__ = [
    "DEMO_API_KEY",
    "CommitTimeout",
    "ConnectionDropped",
    "FaultConfig",
    "SandboxApp",
    "SandboxServer",
    "create_app",
    "serve",
]
