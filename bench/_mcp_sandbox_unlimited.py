"""`incidentio mcp --sandbox [flags]` with the embedded sandbox's rate limits raised.

The sandbox enforces incident.io's 1,200 requests a minute, which would stretch the 10,000 calls
of bench_memory.py to over eight minutes of 429s and retries. The CLI has no option for it, so this
launcher wraps `incidentio_toolkit.sandbox.create_app` (which `client.sandbox_client` looks up
at call time) before running the real command in-process.

    python bench/_mcp_sandbox_unlimited.py [extra `incidentio mcp` flags]
"""

from __future__ import annotations

import functools
import sys

import incidentio_toolkit.sandbox as sandbox

RAISED = 10**9

sandbox.create_app = functools.partial(
    sandbox.create_app,
    rate_limit_per_minute=RAISED,
    escalation_create_limit_per_minute=RAISED,
)

if __name__ == "__main__":
    from incidentio_toolkit.cli import main

    main(["mcp", "--sandbox", *sys.argv[1:]])
