"""Context cost: characters an agent reads in tools/list, from a real in-process MCP session.

For each tool: len(name) + len(description) + len(inputSchema as compact JSON, the form it has on
the wire, as `adapters.context_budget` counts), summed over the 46 contract actions, over
every tool (the actions and the composite reads) and over the read-only default. Also reported:
the same with `json.dumps` default separators (", ", ": "), and the whole tools/list result as
compact JSON (output schemas and annotations included).
Target: all 46 < 16,000 characters; a known existing integration spends ~29,000.
"""

from __future__ import annotations

import json
import time
from typing import Any

import anyio
from mcp import Client

from _common import Result, Target, finish, parse_args, print_table, rerun_command
from incidentio_toolkit import AsyncIncidentIO
from incidentio_toolkit.adapters import ToolPolicy, context_budget
from incidentio_toolkit.adapters.mcp import create_server
from incidentio_toolkit.composites import TOOLS

KNOWN_INTEGRATION_CHARS = 29_000


async def tools_list(policy: ToolPolicy) -> list[dict[str, Any]]:
    """tools/list of a server with `policy`, as the client receives it (wire field names)."""
    async with (
        AsyncIncidentIO("dummy-key-for-listing", pacing=None) as io,
        Client(create_server(io, policy)) as client,
    ):
        result = await client.list_tools()
    return [tool.model_dump(mode="json", by_alias=True, exclude_none=True) for tool in result.tools]


def chars(tool: dict[str, Any], *, compact: bool = True) -> int:
    schema = json.dumps(tool["inputSchema"], separators=(",", ":") if compact else None)
    return len(tool["name"]) + len(tool.get("description") or "") + len(schema)


def main(argv: list[str] | None = None) -> Result:
    args = parse_args(__doc__ or "", argv)
    started = time.perf_counter()
    result = Result("bench_context", rerun_command("bench_context.py"))
    from incidentio_toolkit.actions import ACTIONS

    policies = {
        "all 46": ToolPolicy(allow_writes=True, allow_destructive=True, tools=list(ACTIONS)),
        "every tool": ToolPolicy.everything(),
        "read-only default": ToolPolicy(),
    }
    figures: dict[str, Any] = {}
    rows: list[list[object]] = []
    per_tool: list[tuple[int, str]] = []
    for label, policy in policies.items():
        tools = anyio.run(tools_list, policy)
        total = sum(chars(t) for t in tools)
        spaced = sum(chars(t, compact=False) for t in tools)
        wire = len(json.dumps({"tools": tools}, separators=(",", ":")))
        budget = context_budget(TOOLS[t["name"]] for t in tools)
        figures[label] = {
            "tools": len(tools),
            "chars": total,
            "chars_per_tool": total / len(tools),
            "chars_default_separators": spaced,
            "context_budget_fn": budget,
            "tools_list_json_chars": wire,
            "vs_known_integration": total / KNOWN_INTEGRATION_CHARS,
        }
        rows.append([label, len(tools), total, total / len(tools), spaced, wire, budget])
        if label == "all 46":
            per_tool = sorted(((chars(t), t["name"]) for t in tools), reverse=True)
    print(__doc__)
    print_table(
        [
            "tools",
            "count",
            "chars",
            "per tool",
            "with spaces",
            "tools/list JSON",
            "context_budget()",
        ],
        rows,
    )
    print("\nlargest tools:", ", ".join(f"{name} {n}" for n, name in per_tool[:5]))
    figures["largest_tools"] = dict((name, n) for n, name in per_tool[:10])
    all46 = figures["all 46"]["chars"]
    result.targets.append(Target("tools/list chars, all 46", all46, "<", 16_000))
    result.figures = figures
    result.notes.append(
        f"all 46 tools cost {all46 / KNOWN_INTEGRATION_CHARS:.2f}x the ~29,000 of a known integration"
    )
    if figures["all 46"]["context_budget_fn"] != all46:
        result.notes.append("context_budget() disagrees with the tools/list served over MCP")
    return finish(result, args, started)


if __name__ == "__main__":
    main()
