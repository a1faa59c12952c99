"""The `incidentio` command: every action from the shell, the MCP server, the sandbox and a demo.

Heavy modules (the MCP SDK, the sandbox, rich) are imported inside the commands that need them, so
`incidentio --help` and `incidentio call` start quickly.
"""

from __future__ import annotations

import difflib
import json
import os
from typing import Annotated, Any

import typer

from incidentio_toolkit.actions import DRY_RUN_PARAM
from incidentio_toolkit.cli._api import api_command
from incidentio_toolkit.cli._common import fail, make_client, run_command_line
from incidentio_toolkit.cli._mcp import mcp_command
from incidentio_toolkit.cli._sandbox import sandbox_command
from incidentio_toolkit.composites import TOOLS, Composite, Tool

app = typer.Typer(
    name="incidentio",
    help="incident.io for humans and agents: every action, an MCP server and an offline sandbox.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_state: dict[str, bool] = {"debug": False}

OutputOption = Annotated[
    str, typer.Option("--output", "-o", help="json (the contract output) or table.")
]
SandboxOption = Annotated[
    bool,
    typer.Option("--sandbox", help="Use a fresh in-process sandbox instead of incident.io."),
]


@app.callback()
def _root(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks for unexpected errors.")
    ] = False,
) -> None:
    _state["debug"] = debug


def find_action(name: str) -> Tool:
    action = TOOLS.get(name)
    if action is None:
        close = difflib.get_close_matches(name, list(TOOLS), n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        fail(f"unknown action {name!r}.{hint} See `incidentio actions` for all {len(TOOLS)}.")
    return action


def _complete_action(incomplete: str) -> list[str]:
    return [name for name in TOOLS if name.startswith(incomplete)]


def _check_output(output: str) -> None:
    if output not in ("json", "table"):
        fail(f"unknown --output {output!r}: use json or table.")


@app.command("actions")
def actions_command(output: OutputOption = "table") -> None:
    """List every action with its kind (read, write, destructive), toolset and HTTP call, then
    the composite reads."""
    _check_output(output)
    if output == "json":
        rows = [_tool_row(tool) for tool in TOOLS.values()]
        typer.echo(json.dumps(rows, indent=2))
        return
    from incidentio_toolkit.cli._render import actions_table, console

    console().print(actions_table(TOOLS.values()))


def _tool_row(tool: Tool) -> dict[str, str]:
    row = {"name": tool.name, "kind": tool.kind, "toolset": tool.toolset}
    if isinstance(tool, Composite):
        return {**row, "composite": "yes", "requests": tool.calls}
    return {**row, "method": tool.method, "path": tool.path}


@app.command("describe")
def describe_command(
    name: Annotated[str, typer.Argument(help="Action name.", autocompletion=_complete_action)],
) -> None:
    """Show a tool's description, kind, HTTP call (or reads), input schema and output schema."""
    from incidentio_toolkit.adapters import tool_input_schema, tool_output_schema

    action = find_action(name)
    hints = action.annotations
    described = {
        "name": action.name,
        "description": action.description,
        "kind": action.kind,
        "toolset": action.toolset,
        "http": (
            f"composite: {action.calls} requests"
            if isinstance(action, Composite)
            else f"{action.method} {action.path}"
        ),
        "annotations": {
            "readOnlyHint": hints.read_only,
            "destructiveHint": hints.destructive,
            "idempotentHint": hints.idempotent,
            "openWorldHint": hints.open_world,
        },
        "input_schema": tool_input_schema(action),
        "output_schema": tool_output_schema(action),
    }
    typer.echo(json.dumps(described, indent=2, ensure_ascii=False))


@app.command("call")
def call_command(
    name: Annotated[str, typer.Argument(help="Action name.", autocompletion=_complete_action)],
    arg: Annotated[
        list[str] | None,
        typer.Option(
            "--arg", "-a", help="key=value; JSON values (5, true, [..]) where the type allows."
        ),
    ] = None,
    json_args: Annotated[
        str | None,
        typer.Option("--json", "-j", help="All arguments as one JSON object ('-' reads stdin)."),
    ] = None,
    fields: Annotated[
        str | None,
        typer.Option(
            "--fields", "-f", help='Paths to return, comma-separated ("reference,severity.name").'
        ),
    ] = None,
    output: OutputOption = "json",
    allow_writes: Annotated[
        bool,
        typer.Option(
            "--allow-writes", help="Allow an action of kind write (creates, updates, cancels)."
        ),
    ] = False,
    allow_destructive: Annotated[
        bool,
        typer.Option(
            "--allow-destructive",
            help="Allow an action of kind destructive (deletes, escalations_create, which pages "
            "people); needs --allow-writes. A dry run (--arg dry_run=true) sends nothing and "
            "needs neither.",
        ),
    ] = False,
    sandbox: SandboxOption = False,
) -> None:
    """Run one action or composite and print its contract output; exit code 1 when success is
    false. Names work where ids are expected (--arg severity_id=Major, --arg id=INC-6).
    Read-only unless told otherwise: writes need --allow-writes, deletes and paging
    --allow-writes --allow-destructive."""
    import anyio

    from incidentio_toolkit.cli._args import ArgumentsError, parse_arguments

    _check_output(output)
    if allow_destructive and not allow_writes:
        fail("--allow-destructive needs --allow-writes as well. Nothing was sent.")
    action = find_action(name)
    try:
        arguments = parse_arguments(action, arg or [], json_args)
    except ArgumentsError as exc:
        fail(str(exc))
    refusal = write_refusal(action, arguments, allow_writes, allow_destructive)
    if refusal is not None:
        fail(refusal)
    if fields is not None:
        arguments["fields"] = fields
    client = make_client(sandbox=sandbox)

    async def run() -> dict[str, Any]:
        async with client:
            return await client.call(action.name, arguments)

    result = anyio.run(run)
    if output == "json":
        typer.echo(json.dumps(result, indent=2, ensure_ascii=False))
    elif result.get("success"):
        from incidentio_toolkit.cli._render import console, output_tables

        out = console()
        for part in output_tables(result):
            out.print(part)
    if not result.get("success"):
        if output == "table":
            typer.echo(f"incidentio: {action.name} failed: {result.get('error')}", err=True)
        raise typer.Exit(1)


def write_refusal(
    action: Tool, arguments: dict[str, Any], allow_writes: bool, allow_destructive: bool
) -> str | None:
    """Why `call` must not run this action with these flags, or None when it may.

    The action record's kind decides (composites are reads): a write needs --allow-writes, a
    destructive action both flags. A dry run of an action with a preview sends nothing, so it
    needs neither.
    """
    if isinstance(action, Composite) or action.kind == "read":
        return None
    if action.preview is not None:
        if arguments.get(DRY_RUN_PARAM) is True:
            return None
        dry_run = f" (or --arg {DRY_RUN_PARAM}=true to see what it would do)"
    else:
        dry_run = ""
    if action.kind == "write":
        if allow_writes:
            return None
        return f"{action.name} changes incident.io: add --allow-writes to run it{dry_run}. Nothing was sent."
    if allow_writes and allow_destructive:
        return None
    does = "pages people" if action.pages_people else "deletes"
    return (
        f"{action.name} {does}: add --allow-writes --allow-destructive to run it{dry_run}. "
        "Nothing was sent."
    )


@app.command("doctor")
def doctor_command(sandbox: SandboxOption = False) -> None:
    """Check the API key with a cheap read and report which resources it can read (never writes)."""
    import anyio

    from incidentio_toolkit.cli._doctor import KEY_CHECK_ACTION, diagnose
    from incidentio_toolkit.cli._render import console, plain
    from incidentio_toolkit.client import api_key_from_env
    from incidentio_toolkit.defaults import API_KEY_ENV_VARS

    out = console()
    if sandbox:
        out.print("Key: the sandbox demo key (in-process sandbox)")
    else:
        source = next((n for n in API_KEY_ENV_VARS if os.environ.get(n, "").strip()), None)
        if api_key_from_env() is None or source is None:
            fail(
                "no incident.io API key: set INCIDENTIO_API_KEY to a key from incident.io "
                "Settings > API keys (or try `incidentio doctor --sandbox`).",
                code=1,
            )
        out.print(f"Key: set (from {source})")
    client = make_client(sandbox=sandbox)
    out.print(plain(f"API: {'in-process sandbox' if sandbox else client.base_url}"))

    async def run() -> Any:
        async with client:
            return await diagnose(client)

    diagnosis = anyio.run(run)
    if not diagnosis.key_ok:
        out.print(
            plain("✗", "red"), plain(f"key check ({KEY_CHECK_ACTION}): {diagnosis.key_detail}")
        )
        raise typer.Exit(1)
    out.print(plain("✓", "green"), plain(f"key check: {diagnosis.key_detail}"))
    from rich.table import Table
    from rich.text import Text

    table = Table(title="What this key can read (one cheap read per toolset)")
    for column in ("toolset", "probe", "result"):
        table.add_column(column)
    for probe in diagnosis.probes:
        mark = ("✓ ", "green") if probe.ok else ("✗ ", "yellow")
        table.add_row(probe.toolset, probe.action or "-", Text.assemble(mark, probe.detail))
    out.print(table)
    readable = sum(probe.ok for probe in diagnosis.probes)
    out.print(
        f"{readable} of {len(diagnosis.probes)} toolsets readable. Write access is not probed: "
        "doctor never changes anything."
    )


app.command("sandbox")(sandbox_command)
app.command("api")(api_command)


app.command("mcp")(mcp_command)


@app.command("demo")
def demo_command(
    transport: Annotated[
        str,
        typer.Option(
            "--transport",
            help="memory (server in this process) or stdio (server as a subprocess).",
        ),
    ] = "memory",
) -> None:
    """Play an incident response through a real MCP client session against the sandbox."""
    from incidentio_toolkit.cli._demo import run_demo

    if transport not in ("memory", "stdio"):
        fail(f"unknown --transport {transport!r}: use memory or stdio.")
    raise typer.Exit(run_demo(transport=transport))


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `incidentio` console script. Tracebacks only with --debug."""
    run_command_line(app, argv, "incidentio", root_debug=True)
