"""An offline, stateful stand-in for the incident.io REST API: every operation the toolkit's
actions use, with the same paths, bodies, statuses and errors.

In process:

```python
app = create_app()
client = httpx2.AsyncClient(
    transport=httpx2.ASGITransport(app=app),
    base_url="http://sandbox",
    headers={"Authorization": f"Bearer {DEMO_API_KEY}"},
)
```

As a server: `serve(port=8765)`, `incidentio sandbox --port 8765` or
`python -m incidentio_toolkit.sandbox --port 8765`. Seeded ids are in
`incidentio_toolkit.sandbox.seed`. See docs/sandbox.md.

Layout: `app.py` is the route table; `handlers/<resource>.py` parse requests and serialize
answers; `store/<resource>.py` hold the state and its rules (both named like the modules of
`incidentio_toolkit.actions`); `domain/` has the computations that are not storage (who is on
call, workflow engine shapes); `seed/` the organisations a sandbox starts with.
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
