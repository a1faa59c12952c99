"""`python -m incidentio_toolkit.sandbox [--port 8765] [--db sandbox.db] ...`: the `incidentio sandbox`
command (`incidentio_toolkit.cli._sandbox`), with the same options and output."""

from __future__ import annotations

from incidentio_toolkit.cli import sandbox_main as main

if __name__ == "__main__":
    main()
