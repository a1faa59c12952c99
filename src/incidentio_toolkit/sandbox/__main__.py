"""`python -m incidentio_toolkit.sandbox --port 8765 [--db sandbox.db]`"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from incidentio_toolkit.sandbox._server import serve
from incidentio_toolkit.sandbox.auth import DEMO_API_KEY
from incidentio_toolkit.sandbox.faults import FaultConfig


def main(argv: Sequence[str] | None = None) -> None:
    """Parse arguments and run the sandbox server."""
    parser = argparse.ArgumentParser(
        prog="python -m incidentio_toolkit.sandbox",
        description="Run the offline incident.io API sandbox.",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    parser.add_argument(
        "--db", default=None, help="SQLite file to keep state in (default: temporary)"
    )
    parser.add_argument(
        "--api-key",
        action="append",
        dest="api_keys",
        help=f"accepted API key (repeatable; default {DEMO_API_KEY!r})",
    )
    parser.add_argument("--no-seed", action="store_true", help="start a new database empty")
    parser.add_argument("--rate-limit", type=int, default=1200, help="requests per minute per key")
    parser.add_argument(
        "--escalation-rate-limit", type=int, default=60, help="escalation creates per minute"
    )
    parser.add_argument("--fault-seed", type=int, default=0)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    parser.add_argument("--error-rate", type=float, default=0.0)
    parser.add_argument("--rate-limit-rate", type=float, default=0.0)
    parser.add_argument("--drop-rate", type=float, default=0.0)
    parser.add_argument("--malformed-rate", type=float, default=0.0)
    parser.add_argument("--commit-timeout-rate", type=float, default=0.0)
    parser.add_argument("--log-level", default="warning")
    args = parser.parse_args(argv)
    faults = FaultConfig(
        seed=args.fault_seed,
        latency_ms=args.latency_ms,
        error_rate=args.error_rate,
        rate_limit_rate=args.rate_limit_rate,
        drop_rate=args.drop_rate,
        malformed_rate=args.malformed_rate,
        commit_timeout_rate=args.commit_timeout_rate,
    )
    serve(
        host=args.host,
        port=args.port,
        db_path=args.db,
        api_keys=args.api_keys or (DEMO_API_KEY,),
        faults=faults,
        rate_limit_per_minute=args.rate_limit,
        escalation_create_limit_per_minute=args.escalation_rate_limit,
        seed=not args.no_seed,
        log_level=args.log_level,
    )


if __name__ == "__main__":
    main()
