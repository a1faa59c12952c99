"""Memory: RSS of the MCP server process after tools/list and after 10,000 tool calls.

`incidentio mcp --sandbox` runs as a subprocess over stdio (the MCP SDK's client), through
`_mcp_sandbox_unlimited.py`, which only raises the embedded sandbox's rate limit (1,200/min would
turn the run into minutes of 429s and retries); the calls are
cheap reads (3 x `severities_list` : 1 x `incidents_list` page_size 5), 8 in flight at a time. RSS
is read with psutil along the way; the floor server (`_mcp_floor_server.py`, one tool) is measured
after tools/list for reference. Reported, no target.
"""

from __future__ import annotations

import time
from typing import Any

import anyio
import psutil
from mcp import Client, StdioServerParameters
from mcp.shared.exceptions import MCPError

from _common import BENCH, PYTHON, ROOT, Result, finish, parse_args, print_table, rerun_command
from bench_mcp_start import PASS_THROUGH

MIB = 1024 * 1024
CONCURRENCY = 8
CALLS: list[tuple[str, dict[str, Any]]] = [
    ("severities_list", {}),
    ("severities_list", {}),
    ("incidents_list", {"page_size": 5}),
    ("severities_list", {}),
]


def server_process(before: set[int]) -> psutil.Process:
    """The one child process spawned since `before` was taken."""
    deadline = time.perf_counter() + 10
    while time.perf_counter() < deadline:
        new = [p for p in psutil.Process().children(recursive=True) if p.pid not in before]
        if len(new) == 1:
            return new[0]
        time.sleep(0.01)
    raise RuntimeError("could not find the MCP server process")


def rss_mib(process: psutil.Process) -> float:
    return process.memory_info().rss / MIB


async def run_calls(client: Client, indices: range) -> int:
    """Make the calls numbered `indices` with CONCURRENCY in flight; returns how many failed."""
    todo = iter(indices)
    failures = 0

    async def worker() -> None:
        nonlocal failures
        for i in todo:
            name, arguments = CALLS[i % len(CALLS)]
            try:
                result = await client.call_tool(name, arguments)
            except MCPError:  # counted and reported, never fatal
                failures += 1
                continue
            if result.is_error:
                failures += 1

    async with anyio.create_task_group() as tg:
        for _ in range(CONCURRENCY):
            tg.start_soon(worker)
    return failures


async def measure(
    params: StdioServerParameters, calls: int
) -> tuple[list[tuple[int, float, float]], int]:
    """[(calls so far, RSS MiB, seconds)] after tools/list and at checkpoints up to `calls`, and
    how many calls failed."""
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    samples: list[tuple[int, float, float]] = []
    checkpoints = sorted({c for c in (1_000, 2_500, 5_000, calls) if c <= calls})
    with anyio.fail_after(600):
        async with Client(params) as client:
            server = server_process(before)
            tools = (await client.list_tools()).tools
            assert tools
            started = time.perf_counter()
            samples.append((0, rss_mib(server), 0.0))
            done = 0
            failures = 0
            for checkpoint in checkpoints:
                failures += await run_calls(client, range(done, checkpoint))
                done = checkpoint
                samples.append((done, rss_mib(server), time.perf_counter() - started))
    return samples, failures


def main(argv: list[str] | None = None) -> Result:
    args = parse_args(__doc__ or "", argv)
    started = time.perf_counter()
    result = Result("bench_memory", rerun_command("bench_memory.py"))
    calls = 2_000 if args.quick else 10_000
    sandbox = StdioServerParameters(
        command=PYTHON,
        args=[str(BENCH / "_mcp_sandbox_unlimited.py")],
        env=PASS_THROUGH,
        cwd=ROOT,
    )
    floor = StdioServerParameters(
        command=PYTHON, args=[str(BENCH / "_mcp_floor_server.py")], env=PASS_THROUGH
    )
    samples, failures = anyio.run(measure, sandbox, calls)
    floor_samples, _ = anyio.run(measure, floor, 0)
    if failures:
        result.notes.append(f"{failures} of {calls} tool calls failed; the figures are suspect")
    rows: list[list[object]] = [
        ["incidentio mcp --sandbox", n, rss, seconds] for n, rss, seconds in samples
    ]
    rows.append(["floor (one tool)", 0, floor_samples[0][1], 0.0])
    print(__doc__)
    print_table(["server", "calls", "RSS MiB", "seconds"], rows)
    after_list = samples[0][1]
    after_calls = samples[-1][1]
    result.figures = {
        "rss_mib_after_tools_list": after_list,
        f"rss_mib_after_{calls}_calls": after_calls,
        "growth_mib": after_calls - after_list,
        "calls_per_s": calls / samples[-1][2] if samples[-1][2] else 0.0,
        "failed_calls": failures,
        "floor_rss_mib_after_tools_list": floor_samples[0][1],
        "samples": [{"calls": n, "rss_mib": rss, "seconds": s} for n, rss, s in samples],
    }
    print(
        f"\nRSS after tools/list {after_list:.1f} MiB; after {calls:,} calls {after_calls:.1f} MiB "
        f"(+{after_calls - after_list:.1f}); floor server {floor_samples[0][1]:.1f} MiB"
    )
    return finish(result, args, started)


if __name__ == "__main__":
    main()
