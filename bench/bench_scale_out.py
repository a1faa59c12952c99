"""MCP tool calls per second through HAProxy: 1 stateless replica vs 3, at the same concurrency.

Both clusters run at once against one sandbox (its own process, rate limits raised) and one
redis-server: `incidentio mcp --transport http --stateless` replicas sharing their pacing budget
through Redis (raised too, so pacing is measured but caps nobody), each behind HAProxy with
docs/haproxy.cfg (the one-replica cluster names its one replica three times). 32 clients of the
MCP SDK (streamable HTTP, half on the 2025 handshake, half on the 2026 protocol) make read calls;
rounds alternate between the clusters and the figures are totals over the measured rounds.

Everything shares this machine's CPUs with the load generator, so the ratio says how much a second
and third replica add here, not on separate hosts. A call that fails (a transport error, a JSON-RPC
error, a tool error) is counted and reported, never fatal. Needs haproxy and redis-server
(`make services`).
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any

import anyio
import httpx2
import psutil
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.exceptions import MCPError

from _common import (
    LOOPBACK,
    PYTHON,
    ROOT,
    Result,
    ServerProcess,
    finish,
    free_port,
    parse_args,
    print_table,
    ratio,
    rerun_command,
    sandbox_server,
)
from incidentio_toolkit.sandbox import DEMO_API_KEY
from incidentio_toolkit.sandbox import seed as ids

TOKEN = "bench-scale-out-token-0123456789"
CONCURRENCY = 32
RAISED = str(10**7)
HAPROXY_CONFIG = ROOT / "docs" / "haproxy.cfg"
CALLS: list[tuple[str, dict[str, Any]]] = [
    ("severities_list", {}),
    ("incidents_show", {"id": ids.INCIDENT_CHECKOUT_ID}),
    ("users_list", {"page_size": 10}),
    ("incidents_list", {"page_size": 5}),
    ("schedules_show", {"id": ids.SCHEDULE_PRIMARY_ID}),
]


@dataclass
class Tally:
    seconds: float = 0.0
    calls: int = 0
    failed: dict[str, int] = field(
        default_factory=lambda: {"transport": 0, "protocol": 0, "tool": 0}
    )
    replica_cpu: float = 0.0
    generator_cpu: float = 0.0

    def summary(self) -> dict[str, Any]:
        return {
            "calls": self.calls,
            "calls_per_s": ratio(self.calls, self.seconds),
            "failed": dict(self.failed),
            "replica_cpu_ms_per_call": ratio(self.replica_cpu, self.calls) * 1000,
            "generator_cpu_ms_per_call": ratio(self.generator_cpu, self.calls) * 1000,
        }


@dataclass
class Cluster:
    name: str
    url: str
    replicas: list[ServerProcess]
    tally: Tally = field(default_factory=Tally)

    def cpu(self) -> float:
        total = 0.0
        for replica in self.replicas:
            times = psutil.Process(replica.pid).cpu_times()
            total += times.user + times.system
        return total


def start_cluster(stack: ExitStack, name: str, replicas: int, env: dict[str, str]) -> Cluster:
    """`replicas` stateless MCP replicas and HAProxy in front (all stopped by `stack`)."""
    started: list[ServerProcess] = []
    for _ in range(replicas):
        port = free_port()
        args = [PYTHON, "-m", "incidentio_toolkit.cli", "mcp", "--transport", "http"]
        args += ["--stateless", "--port", str(port)]
        started.append(stack.enter_context(ServerProcess(args, port, env=env)))
    port = free_port()
    backends = [f"{LOOPBACK}:{replica.port}" for replica in started]
    haproxy_env = {
        **os.environ,
        "MCP_LISTEN": f"{LOOPBACK}:{port}",
        **{f"MCP_REPLICA_{i + 1}": backends[i % len(backends)] for i in range(3)},
    }
    haproxy = shutil.which("haproxy") or "haproxy"
    stack.enter_context(
        ServerProcess([haproxy, "-db", "-f", str(HAPROXY_CONFIG)], port, env=haproxy_env)
    )
    return Cluster(name, f"http://{LOOPBACK}:{port}/mcp", started)


async def drive(cluster: Cluster, calls: int, measured: bool) -> None:
    """`calls` tool calls from CONCURRENCY clients, each with its own MCP session."""
    numbers: Iterator[int] = iter(range(calls))
    tally = cluster.tally

    async def client(index: int) -> None:
        mode = "legacy" if index % 2 == 0 else "auto"
        try:
            async with (
                httpx2.AsyncClient(
                    headers={"Authorization": f"Bearer {TOKEN}"},
                    timeout=httpx2.Timeout(30, read=120),
                ) as http,
                Client(streamable_http_client(cluster.url, http_client=http), mode=mode) as mcp,
            ):
                for n in numbers:
                    name, arguments = CALLS[n % len(CALLS)]
                    try:
                        result = await mcp.call_tool(name, arguments)
                    except MCPError:
                        tally.failed["protocol"] += measured
                        continue
                    if result.is_error:
                        tally.failed["tool"] += measured
        except Exception:  # the SDK raises when a connection breaks: counted, never fatal
            tally.failed["transport"] += measured

    cpu_before = cluster.cpu()
    generator_before = time.process_time()
    started = time.perf_counter()
    with anyio.fail_after(600):
        async with anyio.create_task_group() as group:
            for index in range(CONCURRENCY):
                group.start_soon(client, index)
    if measured:
        tally.seconds += time.perf_counter() - started
        tally.calls += calls
        tally.replica_cpu += cluster.cpu() - cpu_before
        tally.generator_cpu += time.process_time() - generator_before


def missing_services() -> list[str]:
    return [name for name in ("haproxy", "redis-server") if shutil.which(name) is None]


def main(argv: list[str] | None = None) -> Result:
    args = parse_args(__doc__ or "", argv)
    started = time.perf_counter()
    result = Result("bench_scale_out", rerun_command("bench_scale_out.py"))
    missing = missing_services()
    if missing:
        result.notes.append(f"not run: {', '.join(missing)} missing (make services installs them)")
        return finish(result, args, started)
    per_round, rounds = (320, 2) if args.quick else (960, 4)
    with ExitStack() as stack:
        sandbox_port = free_port()
        stack.enter_context(sandbox_server(sandbox_port))
        redis_port = free_port()
        redis_server = shutil.which("redis-server") or "redis-server"
        stack.enter_context(
            ServerProcess(
                [redis_server, "--port", str(redis_port), "--bind", LOOPBACK, "--save", ""],
                redis_port,
            )
        )
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("INCIDENTIO_")},
            "INCIDENTIO_API_KEY": DEMO_API_KEY,
            "INCIDENTIO_BASE_URL": f"http://{LOOPBACK}:{sandbox_port}",
            "INCIDENTIO_REDIS_URL": f"redis://{LOOPBACK}:{redis_port}/0",
            "INCIDENTIO_MCP_TOKEN": TOKEN,
            "INCIDENTIO_REQUESTS_PER_MINUTE": RAISED,
            "INCIDENTIO_ESCALATIONS_PER_MINUTE": RAISED,
        }
        clusters = [
            start_cluster(stack, "1 replica", 1, env),
            start_cluster(stack, "3 replicas", 3, env),
        ]
        for cluster in clusters:  # warm up: sessions, pools, bytecode, the Redis scripts
            anyio.run(drive, cluster, CONCURRENCY * 4, False)
        for round_no in range(rounds):
            for cluster in clusters if round_no % 2 == 0 else clusters[::-1]:
                anyio.run(drive, cluster, per_round, True)
    figures = {cluster.name: cluster.tally.summary() for cluster in clusters}
    one, three = (figures[c.name]["calls_per_s"] for c in clusters)
    figures["ratio_3_over_1"] = ratio(three, one)
    figures["concurrency"] = CONCURRENCY
    print(__doc__)
    print_table(
        [
            "cluster",
            "calls",
            "calls/s",
            "replica CPU ms/call",
            "client CPU ms/call",
            "failed (transport/protocol/tool)",
        ],
        [
            [
                name,
                figures[name]["calls"],
                figures[name]["calls_per_s"],
                figures[name]["replica_cpu_ms_per_call"],
                figures[name]["generator_cpu_ms_per_call"],
                "/".join(str(v) for v in figures[name]["failed"].values()),
            ]
            for name in ("1 replica", "3 replicas")
        ],
    )
    print(f"\n3 replicas / 1 replica: {figures['ratio_3_over_1']:.2f}x calls/s")
    failed = sum(sum(figures[c.name]["failed"].values()) for c in clusters)
    if failed:
        result.notes.append(f"{failed} calls failed; the figures are suspect")
    result.notes.append(f"{os.cpu_count()} CPUs shared by the generator, replicas and sandbox")
    result.figures = figures
    return finish(result, args, started)


if __name__ == "__main__":
    main()
