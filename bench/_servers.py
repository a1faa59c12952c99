"""Servers the benchmarks run in a subprocess, each on one uvicorn worker with the same settings.

    python bench/_servers.py sandbox --port 8765 [--rate-limit N] [--certfile F --keyfile F]
    python bench/_servers.py bare --port 8766 --body-file page.json [--certfile F --keyfile F]

`sandbox` is the incident.io sandbox (seeded, state in a temporary SQLite file, as `incidentio
sandbox` runs it); `bare` is a minimal Starlette app answering every GET with the same JSON bytes.
Both use the settings of `incidentio_toolkit.sandbox.SandboxServer` (h11, no lifespan, no access
log, idle connections kept `SERVER_KEEP_ALIVE_SECONDS`), plus TLS when given a certificate.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Any

from incidentio_toolkit.defaults import SERVER_KEEP_ALIVE_SECONDS


def _uvicorn_run(app: Any, port: int, certfile: str | None, keyfile: str | None) -> None:
    import uvicorn

    uvicorn.run(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="off",
        ws="none",
        http="h11",
        access_log=False,
        timeout_graceful_shutdown=1,
        timeout_keep_alive=SERVER_KEEP_ALIVE_SECONDS,
        ssl_certfile=certfile,
        ssl_keyfile=keyfile,
    )


def _bare_app(body: bytes) -> Any:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    async def page(request: Request) -> Response:
        return Response(body, media_type="application/json")

    return Starlette(routes=[Route("/v2/incidents", page, methods=["GET"])])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("kind", choices=["sandbox", "bare"])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--rate-limit", type=int, default=10**9)
    parser.add_argument("--body-file", default=None)
    parser.add_argument("--certfile", default=None)
    parser.add_argument("--keyfile", default=None)
    args = parser.parse_args()
    if args.kind == "bare":
        if not args.body_file:
            parser.error("bare needs --body-file")
        _uvicorn_run(
            _bare_app(Path(args.body_file).read_bytes()), args.port, args.certfile, args.keyfile
        )
        return
    from incidentio_toolkit.sandbox import create_app

    with tempfile.TemporaryDirectory(prefix="incidentio-bench-sandbox-") as tmp:
        app = create_app(
            db_path=Path(tmp) / "sandbox.db",
            rate_limit_per_minute=args.rate_limit,
            escalation_create_limit_per_minute=args.rate_limit,
        )
        app.sandbox.network = True
        try:
            _uvicorn_run(app, args.port, args.certfile, args.keyfile)
        finally:
            app.close()


if __name__ == "__main__":
    main()
