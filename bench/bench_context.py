"""Context cost: characters an agent reads in tools/list, from real in-process MCP sessions.

For each tool: len(name) + len(description) + len(inputSchema as compact JSON, the form it has on
the wire, as `adapters.context_budget` counts), summed over every tool (every action and the
composites), over the read-only default, over `--allow-writes` (no deletes or paging), and over
the three meta-tools of discovery mode. Also reported: the same with `json.dumps` default
separators (", ", ": "), and the whole tools/list result as compact JSON (output schemas and
annotations included).
Targets: every tool <= 14,000 characters, the read-only default <= 7,000, discovery mode <= 2,500.
A known existing integration spends ~29,000.
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
SERVERS: dict[str, tuple[ToolPolicy, bool, int | None]] = {
    "every tool": (ToolPolicy.everything(), False, 14_000),
    "read-only default": (ToolPolicy(), False, 7_000),
    "--allow-writes": (ToolPolicy(allow_writes=True), False, None),
    "discovery mode": (ToolPolicy.everything(), True, 2_500),
}
"""label: (policy, discovery, target in characters, if any)."""


async def tools_list(policy: ToolPolicy, discovery: bool) -> list[dict[str, Any]]:
    """tools/list of a server, as the client receives it (wire field names)."""
    async with (
        AsyncIncidentIO("dummy-key-for-listing", pacing=None) as io,
        Client(create_server(io, policy, discovery=discovery)) as client,
    ):
        result = await client.list_tools()
    return [tool.model_dump(mode="json", by_alias=True, exclude_none=True) for tool in result.tools]


def chars(tool: dict[str, Any], *, compact: bool = True) -> int:
    separators = (",", ":") if compact else None
    schema = json.dumps(tool["inputSchema"], separators=separators, ensure_ascii=False)
    return len(tool["name"]) + len(tool.get("description") or "") + len(schema)


def main(argv: list[str] | None = None) -> Result:
    args = parse_args(__doc__ or "", argv)
    started = time.perf_counter()
    result = Result("bench_context", rerun_command("bench_context.py"))
    figures: dict[str, Any] = {}
    rows: list[list[object]] = []
    for label, (policy, discovery, target) in SERVERS.items():
        try:
            tools = anyio.run(tools_list, policy, discovery)
        except Exception as exc:  # a benchmark reports a failure, it does not crash on it
            result.notes.append(f"{label}: tools/list failed ({type(exc).__name__}: {exc})")
            continue
        total = sum(chars(t) for t in tools)
        spaced = sum(chars(t, compact=False) for t in tools)
        wire = len(json.dumps({"tools": tools}, separators=(",", ":"), ensure_ascii=False))
        records = [TOOLS[t["name"]] for t in tools if t["name"] in TOOLS]
        budget = context_budget(records) if len(records) == len(tools) else None
        figures[label] = {
            "tools": len(tools),
            "chars": total,
            "chars_per_tool": total / len(tools),
            "chars_default_separators": spaced,
            "context_budget_fn": budget,
            "tools_list_json_chars": wire,
            "vs_known_integration": total / KNOWN_INTEGRATION_CHARS,
        }
        rows.append([label, len(tools), total, total / len(tools), spaced, wire, target or "-"])
        if target is not None:
            result.targets.append(Target(f"tools/list chars, {label}", total, "<=", target))
        if budget is not None and budget != total:
            result.notes.append(
                f"{label}: context_budget() says {budget}, tools/list sends {total}"
            )
        if label == "every tool":
            largest = sorted(((chars(t), t["name"]) for t in tools), reverse=True)[:10]
            figures["largest_tools"] = {name: n for n, name in largest}
            print("largest tools:", ", ".join(f"{name} {n}" for n, name in largest[:5]))
    print(__doc__)
    headers = ["tools/list", "tools", "chars", "per tool", "with spaces", "whole JSON", "target"]
    print_table(headers, rows)
    result.figures = figures
    every = figures.get("every tool", {}).get("chars")
    if every:
        result.notes.append(
            f"every tool costs {every / KNOWN_INTEGRATION_CHARS:.2f}x the ~29,000 characters "
            "of a known integration"
        )
    return finish(result, args, started)


if __name__ == "__main__":
    main()
