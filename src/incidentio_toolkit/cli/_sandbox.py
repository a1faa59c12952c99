"""`incidentio sandbox`: serve the offline incident.io sandbox over HTTP.

This is the sandbox's only command line: `python -m incidentio_toolkit.sandbox` runs the same
command on its own (`main`). The sandbox itself is imported only when the command runs, so that
`incidentio --help` stays fast.
"""

from __future__ import annotations

import errno
import socket
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Literal

import typer

from incidentio_toolkit.cli._common import fail, run_command_line
from incidentio_toolkit.defaults import ESCALATION_CREATES_PER_MINUTE, REQUESTS_PER_MINUTE

LogLevel = Literal["critical", "error", "warning", "info", "debug", "trace"]
OrgName = Literal["demo", "large"]
"""`incidentio_toolkit.sandbox.seed.ORG_NAMES` (spelled here so `--help` needs no sandbox import)."""

_RATE = "Share of requests, 0 to 1,"
_UNFAULTED = "Without it, none."


def sandbox_command(
    port: Annotated[
        int,
        typer.Option(
            min=0,
            max=65535,
            help="Port to listen on; 0 picks a free one (the URL is printed). Without it, 8765.",
        ),
    ] = 8765,
    host: Annotated[
        str,
        typer.Option(
            help="Address to bind. Without it, only this machine can connect (127.0.0.1)."
        ),
    ] = "127.0.0.1",
    db: Annotated[
        str | None,
        typer.Option(
            help="SQLite file to keep state in across restarts (seeded only when new). Without it, "
            "a fresh temporary database is used and deleted at exit."
        ),
    ] = None,
    api_key: Annotated[
        list[str] | None,
        typer.Option(
            "--api-key",
            help="An API key the sandbox accepts (repeat for several). Without it, only the "
            "sandbox's demo key is accepted (printed when the server starts).",
        ),
    ] = None,
    no_seed: Annotated[
        bool,
        typer.Option(
            "--no-seed",
            help="Start a new database empty (so not with --org). Without it, a new database "
            "gets the demo organisation (seeded incidents, users, schedules...).",
        ),
    ] = False,
    org: Annotated[
        OrgName | None,
        typer.Option(
            help="The organisation a new database starts with: 'demo' (a handful of objects with "
            "well-known ids) or 'large' (thousands of incidents, hundreds of users, generated "
            "from --org-seed). Without it, a new database gets the demo organisation and an "
            "existing one serves what it holds.",
        ),
    ] = None,
    org_seed: Annotated[
        int,
        typer.Option(
            min=0,
            help="Seed of the large organisation: the same seed gives the same data. Without "
            "it, 0.",
        ),
    ] = 0,
    org_scale: Annotated[
        float,
        typer.Option(
            min=0.0,
            max=5.0,
            help="Size of the large organisation, 1.0 being 10,000 incidents (smaller starts "
            "faster). Without it, 1.0.",
        ),
    ] = 1.0,
    rate_limit: Annotated[
        int,
        typer.Option(
            min=1,
            help="Requests per minute per key before answering 429. Without it, incident.io's "
            "limit.",
        ),
    ] = REQUESTS_PER_MINUTE,
    escalation_rate_limit: Annotated[
        int,
        typer.Option(
            min=1,
            help="Escalation creates per minute per key (counted on top of --rate-limit). "
            "Without it, incident.io's limit.",
        ),
    ] = ESCALATION_CREATES_PER_MINUTE,
    fault_seed: Annotated[
        int,
        typer.Option(
            help="Seed of the random fault draws: the same seed and requests give the same "
            "faults (only matters with a fault option below). Without it, 0."
        ),
    ] = 0,
    latency_ms: Annotated[
        float,
        typer.Option(min=0.0, help=f"Milliseconds added before every answer. {_UNFAULTED}"),
    ] = 0.0,
    error_rate: Annotated[
        float,
        typer.Option(
            min=0.0,
            max=1.0,
            help=f"{_RATE} answered with a 5xx without being executed. {_UNFAULTED}",
        ),
    ] = 0.0,
    rate_limit_rate: Annotated[
        float,
        typer.Option(
            min=0.0,
            max=1.0,
            help=f"{_RATE} answered with a 429 without being executed. {_UNFAULTED}",
        ),
    ] = 0.0,
    drop_rate: Annotated[
        float,
        typer.Option(
            min=0.0,
            max=1.0,
            help=f"{_RATE} whose connection is closed without an answer. {_UNFAULTED}",
        ),
    ] = 0.0,
    malformed_rate: Annotated[
        float,
        typer.Option(
            min=0.0,
            max=1.0,
            help=f"{_RATE} whose JSON answer is cut in half. {_UNFAULTED}",
        ),
    ] = 0.0,
    commit_timeout_rate: Annotated[
        float,
        typer.Option(
            min=0.0,
            max=1.0,
            help="Share of writes (POST, PUT, DELETE), 0 to 1, committed and then never "
            f"answered. {_UNFAULTED}",
        ),
    ] = 0.0,
    log_level: Annotated[
        LogLevel,
        typer.Option(
            help="How much the server (uvicorn) logs to stderr. Without it, warnings and errors."
        ),
    ] = "warning",
) -> None:
    """Serve the offline incident.io sandbox (seeded data, demo key) over HTTP until Ctrl-C."""
    from incidentio_toolkit.sandbox import DEMO_API_KEY, FaultConfig, serve

    if org != "large" and (org_seed != 0 or org_scale != 1.0):
        fail("--org-seed and --org-scale need --org large")
    if no_seed and org is not None:
        fail(
            f"--no-seed starts a new database empty, so it serves no --org {org}: drop one of "
            "the two."
        )
    if org == "large" and (db is None or not Path(db).exists()):
        typer.echo(
            "incidentio: preparing the large organisation (the first start on this machine "
            "generates it, which takes a while; later starts copy it)",
            err=True,
        )
    faults = FaultConfig(
        seed=fault_seed,
        latency_ms=latency_ms,
        error_rate=error_rate,
        rate_limit_rate=rate_limit_rate,
        drop_rate=drop_rate,
        malformed_rate=malformed_rate,
        commit_timeout_rate=commit_timeout_rate,
    )
    try:
        serve(
            host=host,
            port=port,
            db_path=db,
            api_keys=tuple(api_key) if api_key else (DEMO_API_KEY,),
            faults=faults,
            rate_limit_per_minute=rate_limit,
            escalation_create_limit_per_minute=escalation_rate_limit,
            seed=not no_seed,
            log_level=log_level,
            org=org,
            org_seed=org_seed,
            org_scale=org_scale,
        )
    except ValueError as exc:
        fail(str(exc))
    except sqlite3.Error as exc:
        fail(database_error(db, exc))
    except OSError as exc:
        fail(database_error(db, exc) if exc.filename is not None else bind_error(host, port, exc))


def database_error(db: str | None, exc: Exception) -> str:
    """One line naming --db and the fix, for a database that cannot be opened or is not one."""
    what = f"--db {db}" if db is not None else "the sandbox's temporary database"
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return (
        f"{what}: {reason}: give a new file in a folder you can write to, or a sandbox "
        "database from an earlier --db."
    )


def bind_error(host: str, port: int, exc: OSError) -> str:
    """One line naming --host or --port, for an address that cannot be bound."""
    if isinstance(exc, socket.gaierror) or exc.errno == errno.EADDRNOTAVAIL:
        return (
            f"--host {host!r} is not an address of this machine ({exc.strerror or exc}): use "
            "127.0.0.1 (this machine only), 0.0.0.0 (every interface) or one of its addresses."
        )
    return f"port {port} is in use (or not allowed) on {host}: pick another --port."


def main(argv: Sequence[str] | None = None) -> None:
    """`python -m incidentio_toolkit.sandbox`: `incidentio sandbox` as a command of its own, with
    the same one-line errors (`--debug` for a traceback)."""
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    app.command()(sandbox_command)
    run_command_line(app, argv, "python -m incidentio_toolkit.sandbox", root_debug=False)
