"""MCP server start: spawn over stdio to the tools/list answer, vs a one-tool server on the same SDK.

The clock starts before the MCP SDK's stdio client spawns the process and stops when the
tools/list result arrives (initialize handshake included, as every MCP host does it).
`incidentio mcp` runs with a dummy key (INCIDENTIO_API_KEY=dummy) and makes no request; the floor
is `bench/_mcp_floor_server.py`, built like `adapters/mcp.py` (low-level `Server`, stdio).
The two alternate, ~10 runs each after one warm-up run (which writes bytecode); medians compared.
Target: incidentio mcp <= 1.3x the floor.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import anyio
from mcp import Client, StdioServerParameters

from _common import (
    BENCH,
    PYTHON,
    ROOT,
    Result,
    Target,
    finish,
    median,
    parse_args,
    print_table,
    ratio,
    rerun_command,
    slowest_imports,
)

INCIDENTIO = str(Path(PYTHON).parent / "incidentio")
PASS_THROUGH = {k: v for k, v in os.environ.items() if k == "PYTHONPATH"}
"""The MCP client starts servers with a minimal environment; a PYTHONPATH (e.g. to measure a
patched copy of src) is passed on to both servers."""
SERVERS = {
    "incidentio mcp": StdioServerParameters(
        command=INCIDENTIO,
        args=["mcp"],
        env={**PASS_THROUGH, "INCIDENTIO_API_KEY": "dummy"},
        cwd=ROOT,
    ),
    "floor (one tool)": StdioServerParameters(
        command=PYTHON, args=[str(BENCH / "_mcp_floor_server.py")], env=PASS_THROUGH, cwd=ROOT
    ),
}


async def time_to_tools(params: StdioServerParameters) -> tuple[float, int]:
    """Seconds from spawn to the tools/list answer, and how many tools it listed."""
    with anyio.fail_after(60):
        started = time.perf_counter()
        async with Client(params) as client:
            tools = (await client.list_tools(cache_mode="bypass")).tools
            elapsed = time.perf_counter() - started
    return elapsed, len(tools)


_HANDSHAKE = "\n".join(
    [
        '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",'
        '"capabilities":{},"clientInfo":{"name":"bench","version":"0"}}}',
        '{"jsonrpc":"2.0","method":"notifications/initialized"}',
        '{"jsonrpc":"2.0","id":2,"method":"tools/list","params":{}}',
        "",
    ]
)


def importtime_profile(top: int = 25) -> list[str]:
    """`python -X importtime` of `incidentio mcp` answering initialize + tools/list (stdin closed
    after), as (cumulative ms, module) for the slowest modules."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["INCIDENTIO_API_KEY"] = "dummy"
    done = subprocess.run(
        [PYTHON, "-X", "importtime", "-m", "incidentio_toolkit.cli", "mcp"],
        input=_HANDSHAKE,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=ROOT,
    )
    return slowest_imports(done.stderr, top)


def main(argv: list[str] | None = None) -> Result:
    args = parse_args(__doc__ or "", argv)
    started = time.perf_counter()
    result = Result("bench_mcp_start", rerun_command("bench_mcp_start.py"))
    runs = 4 if args.quick else 10
    names = list(SERVERS)
    times: dict[str, list[float]] = {name: [] for name in names}
    counts: dict[str, int] = {}
    for i in range(runs + 1):  # run 0 warms up
        order = names if i % 2 == 0 else names[::-1]
        for name in order:
            seconds, count = anyio.run(time_to_tools, SERVERS[name])
            counts[name] = count
            if i:
                times[name].append(seconds)
    floor = median(times["floor (one tool)"])
    rows: list[list[object]] = []
    figures: dict[str, object] = {"runs": runs}
    for name in names:
        med = median(times[name])
        figures[name] = {
            "median_ms": med * 1000,
            "min_ms": min(times[name]) * 1000,
            "max_ms": max(times[name]) * 1000,
            "tools": counts[name],
            "vs_floor": ratio(med, floor),
        }
        rows.append([name, counts[name], med * 1000, min(times[name]) * 1000, ratio(med, floor)])
    print(__doc__)
    print_table(["server", "tools", "median ms", "min ms", "x floor"], rows)
    value = ratio(median(times["incidentio mcp"]), floor)
    result.targets.append(Target("incidentio mcp start vs floor", value, "<=", 1.3, "x"))
    if args.profile or value > 1.3:
        profile = importtime_profile()
        figures["importtime_top"] = profile
        print("\n--- python -X importtime, incidentio mcp (slowest cumulative) ---")
        print("\n".join(profile))
    result.figures = figures
    return finish(result, args, started)


if __name__ == "__main__":
    main()
