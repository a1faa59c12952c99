"""`incidentio mcp`: serve the tools over MCP (stdio or HTTP), read-only unless told otherwise."""

from __future__ import annotations

from typing import Annotated

import typer

from incidentio_toolkit.actions import TOOLSETS, split_commas
from incidentio_toolkit.cli._common import fail


def mcp_command(
    sandbox: Annotated[
        bool, typer.Option("--sandbox", help="Serve the in-process sandbox (no key needed).")
    ] = False,
    allow_writes: Annotated[
        bool, typer.Option("--allow-writes", help="Also expose creates and updates.")
    ] = False,
    allow_destructive: Annotated[
        bool,
        typer.Option(
            "--allow-destructive",
            help="Also expose deletes and escalations_create (pages people); needs --allow-writes.",
        ),
    ] = False,
    tools: Annotated[
        list[str] | None, typer.Option("--tools", help="Only these tools (comma-separated).")
    ] = None,
    exclude_tools: Annotated[
        list[str] | None,
        typer.Option("--exclude-tools", help="Never these tools (comma-separated)."),
    ] = None,
    toolsets: Annotated[
        list[str] | None,
        typer.Option("--toolsets", help=f"Only these toolsets: {', '.join(TOOLSETS)}."),
    ] = None,
    transport: Annotated[
        str, typer.Option("--transport", help="stdio (default) or http (streamable HTTP).")
    ] = "stdio",
    host: Annotated[str, typer.Option("--host", help="HTTP: address to bind.")] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help="HTTP: port (0 picks a free one).")
    ] = 8000,
    auth_token: Annotated[
        str | None,
        typer.Option(
            "--auth-token",
            help="HTTP: bearer token clients must send (default: $INCIDENTIO_MCP_TOKEN).",
        ),
    ] = None,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option("--allowed-host", help="HTTP: extra Host name accepted (repeatable)."),
    ] = None,
    full_objects: Annotated[
        bool,
        typer.Option(
            "--full-objects", help="Answer with incident.io's full objects instead of summaries."
        ),
    ] = False,
    discovery: Annotated[
        bool,
        typer.Option(
            "--discovery",
            help="List 3 meta-tools (find_tools, describe_tool, call_tool) instead of every tool.",
        ),
    ] = False,
    require_confirmation: Annotated[
        bool,
        typer.Option(
            "--require-confirmation",
            help="Refuse updates, deletes and paging when the client cannot ask the user "
            "(no elicitation); they are asked whenever it can.",
        ),
    ] = False,
    stateless: Annotated[
        bool,
        typer.Option(
            "--stateless",
            help="HTTP: keep no session between requests, so replicas behind a load balancer "
            "can each answer any request (clients older than MCP 2026-07-28 then cannot be asked "
            "to confirm: see --require-confirmation).",
        ),
    ] = False,
    json_response: Annotated[
        bool,
        typer.Option(
            "--json-response", help="HTTP: answer plain JSON instead of SSE (buffering proxies)."
        ),
    ] = False,
    requests_per_minute: Annotated[
        int | None,
        typer.Option(
            "--requests-per-minute",
            min=1,
            help="Pacing budget per API key (default: $INCIDENTIO_REQUESTS_PER_MINUTE, else 1200).",
        ),
    ] = None,
    escalations_per_minute: Annotated[
        int | None,
        typer.Option(
            "--escalations-per-minute",
            min=1,
            help="Pacing budget for escalations_create (default: "
            "$INCIDENTIO_ESCALATIONS_PER_MINUTE, else 60).",
        ),
    ] = None,
) -> None:
    """Serve the incident.io tools over MCP (read-only unless told otherwise)."""
    from incidentio_toolkit.adapters import ToolPolicy
    from incidentio_toolkit.adapters.mcp import MCPConfigError, run
    from incidentio_toolkit.client import pacing_limits

    try:
        policy = ToolPolicy(
            allow_writes=allow_writes,
            allow_destructive=allow_destructive,
            tools=split_commas(tools) if tools else None,
            exclude_tools=split_commas(exclude_tools) if exclude_tools else None,
            toolsets=split_commas(toolsets) if toolsets else None,
            full_objects=full_objects,
        )
        budgets_given = requests_per_minute is not None or escalations_per_minute is not None
        run(
            policy,
            sandbox=sandbox,
            transport=transport,
            host=host,
            port=port,
            auth_token=auth_token,
            allowed_hosts=split_commas(allowed_host or ()),
            discovery=discovery,
            require_confirmation=require_confirmation,
            stateless=stateless,
            json_response=json_response,
            pacing=pacing_limits(requests_per_minute, escalations_per_minute)
            if budgets_given
            else None,
        )
    except (MCPConfigError, ValueError) as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        raise typer.Exit(130) from None
