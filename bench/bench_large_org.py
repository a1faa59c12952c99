"""The sandbox at the size of a real customer: `incidentio sandbox --org large` (10,000 incidents,
520 users, 44 schedules) as a real server, one uvicorn worker in a subprocess.

Ready times: a new database with an empty template cache (the organisation is generated, then
copied: the cold start), a new database from the cached template, and a restart on the existing
file. Each is the time from starting the process to its port accepting connections (the server
binds only once its database is ready).

Latency over loopback, one keep-alive httpx2 client per server, requests one at a time, on the
restarted large server and on the demo organisation (six incidents, five listed: one is a test)
side by side: both servers run at once and take turns in rounds, so the machine's load falls on
both.
- `incidents_list`: filtered by status category, `severity[gte]` and a `created_at` date range
  drawn over the organisation's own history, up to 8 pages through `after` (each page one
  sample), in pages of 1 (`incidents_list_1`) and of 25 (`incidents_list_25`);
- `incidents_show` of incidents seen in those pages;
- `schedule_entries_list` over a 14-day window of a random schedule.
Every answer is checked (bench/_large_org_sampling.py): a list page's incidents must match its
filter and be new to the walk, a shown incident must be the one asked for, a schedule entry must
overlap its window. Wrong and empty answers are counted and are not latency samples.

The latency targets are ratios, large / demo p50 and p99 of each operation answering alike: at most
3 times the demo's latency for 2,000 times its incidents, latency that stays flat with the
organisation's size. Pages of 25 are not alike (the demo's filtered pages hold about one
incident, the large one's about 24): their ratio is reported, not held to a target. The absolute
figures are reported; the cold start (<= 30 s) and the restart (<= 2 s) keep the targets of the
issue that asked for the large organisation.

Server RSS is read from /proc after the cold start, after the restart and after the latency run;
the large server's after the latency run is held to the demo's (<= 1.5 times) and to 300 MiB.
A request that fails (transport error, non-2xx, not JSON), a setup read that fails and a server
that does not start are counted and reported, never fatal.
"""

from __future__ import annotations

import math
import os
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from _common import (
    PYTHON,
    Result,
    ServerProcess,
    Target,
    finish,
    free_port,
    parse_args,
    percentile,
    print_table,
    ratio,
    rerun_command,
)
from _large_org_sampling import LISTS, OPERATIONS, Organisation, measure
from incidentio_toolkit.defaults import SANDBOX_CACHE_DIR_ENV_VAR
from incidentio_toolkit.sandbox.seed.large import HISTORY_END

LARGE_HISTORY = (HISTORY_END - timedelta(days=730), HISTORY_END)
"""The large organisation's incidents are declared over these two years."""
LATENCY_RATIO = 3.0
"""Large / demo p50 and p99 of each operation that answers alike on both."""
UNLIKE = ("incidents_list_25",)
"""Operations whose answers differ in size between the organisations: ratios reported only."""
RSS_RATIO = 1.5
"""Large / demo server RSS after the same latency run."""
Memory = dict[str, float]


def machine_load() -> str:
    """The 1, 5 and 15 minute load averages."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def memory(pid: int) -> Memory:
    """Resident memory now and at its peak, in MiB (`VmRSS`, `VmHWM`); NaN once it has exited."""
    found: Memory = {}
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        status = ""
    for line in status.splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            found[name] = int(value.split()[0]) / 1024
    return {"rss_mib": found.get("VmRSS", math.nan), "peak_mib": found.get("VmHWM", math.nan)}


def sandbox(port: int, db: Path, cache: Path, org: str) -> ServerProcess:
    args = [PYTHON, "-m", "incidentio_toolkit.sandbox", "--port", str(port), "--db", str(db)]
    args += ["--org", org, "--rate-limit", str(10**9), "--escalation-rate-limit", str(10**9)]
    env = {**os.environ, SANDBOX_CACHE_DIR_ENV_VAR: str(cache)}
    return ServerProcess(args, port, env=env, start_timeout=180)


def start(server: ServerProcess, name: str, failures: list[str]) -> float:
    """Start `server`; the seconds until it accepts connections, or NaN with `name` added to
    `failures` when it did not start."""
    began = time.perf_counter()
    try:
        server.start()
    except RuntimeError as exc:
        print(f"the server did not start ({name}): {exc}")
        failures.append(name)
        server.stop()
        return math.nan
    return time.perf_counter() - began


def running(server: ServerProcess) -> bool:
    return server.proc is not None and server.proc.poll() is None


def latency_table(orgs: list[Organisation]) -> dict[str, dict[str, float]]:
    """Per `org/operation`: p50, p99 (ms), samples, empty, failed and wrong answers."""
    table: dict[str, dict[str, float]] = {}
    for org in orgs:
        sampler = org.sampler
        for op in OPERATIONS:
            times = sampler.times[op]
            table[f"{org.name}/{op}"] = {
                "p50": percentile(times, 50),
                "p99": percentile(times, 99),
                "samples": len(times),
                "empty": sampler.empty[op],
                "failed": sampler.errors[op],
                "wrong": sampler.wrong[op],
            }
    return table


def main(argv: list[str] | None = None) -> Result:
    args = parse_args(__doc__ or "", argv)
    began = time.perf_counter()
    result = Result("bench_large_org", rerun_command("bench_large_org.py"))
    samples = 100 if args.quick else 400
    figures: dict[str, Any] = {"load_average_before": machine_load(), "nproc": os.cpu_count()}
    ready: dict[str, float] = {}
    mem: dict[str, Memory] = {}
    not_started: list[str] = []
    orgs: list[Organisation] = []
    with tempfile.TemporaryDirectory(prefix="incidentio-bench-large-") as tmp:
        folder = Path(tmp)
        cache = folder / "cache"
        db = folder / "large.db"
        cold = sandbox(free_port(), db, cache, "large")
        ready["cold_new_database"] = start(cold, "cold start", not_started)
        if running(cold):
            mem["after_cold_start"] = memory(cold.pid)
        cold.stop()
        warm = sandbox(free_port(), folder / "second.db", cache, "large")
        ready["new_database_cached_template"] = start(warm, "cached template", not_started)
        warm.stop()
        if not_started[:1] == ["cold start"]:
            result.notes.append("the cold start failed: the restart found no whole file")
        large = sandbox(free_port(), db, cache, "large")
        ready["restart_existing_file"] = start(large, "restart", not_started)
        demo = sandbox(free_port(), folder / "demo.db", cache, "demo")
        ready["demo_new_database"] = start(demo, "demo", not_started)
        servers = {"large": large, "demo": demo}
        try:
            for name, server in servers.items():
                if running(server):
                    mem[f"{name}_before_latency_run"] = memory(server.pid)
                    history = LARGE_HISTORY if name == "large" else None
                    orgs.append(Organisation(name, server.port, history))
            measure(orgs, samples)
            for name, server in servers.items():
                if running(server):
                    mem[f"{name}_after_latency_run"] = memory(server.pid)
        finally:
            for org in orgs:
                org.close()
            for server in servers.values():
                server.stop()
    table = latency_table(orgs)
    nan = {"p50": math.nan, "p99": math.nan}
    ratios = {
        op: {
            q: ratio(table.get(f"large/{op}", nan)[q], table.get(f"demo/{op}", nan)[q])
            for q in ("p50", "p99")
        }
        for op in OPERATIONS
    }
    unknown = {"rss_mib": math.nan}
    rss_ratio = ratio(
        mem.get("large_after_latency_run", unknown)["rss_mib"],
        mem.get("demo_after_latency_run", unknown)["rss_mib"],
    )
    figures |= {
        "load_average_after": machine_load(),
        "ready_seconds": ready,
        "memory_mib": mem,
        "servers_not_started": not_started,
        "latency_ms": table,
        "latency_ratio_large_demo": ratios,
        "rss_ratio_large_demo": rss_ratio,
    }
    for org in orgs:
        figures[org.name] = {
            "incidents_per_list_page": {
                op: sum(pages) / len(pages) if pages else math.nan
                for op, pages in org.items_per_page.items()
            },
            "setup_failures": org.sampler.setup_failures,
            "failed_requests": org.sampler.failed_requests,
            "wrong_answers": org.sampler.wrong_answers,
        }
    report(figures)
    result.targets += [
        Target(
            "cold start, new database (the issue's)", ready["cold_new_database"], "<=", 30, " s"
        ),
        Target(
            "restart on the existing file (the issue's)",
            ready["restart_existing_file"],
            "<=",
            2,
            " s",
        ),
    ]
    for op in (op for op in OPERATIONS if op not in UNLIKE):
        for q in ("p50", "p99"):
            result.targets.append(
                Target(f"{op} {q}, large/demo", ratios[op][q], "<=", LATENCY_RATIO)
            )
    wrong = sum(cell["wrong"] for cell in table.values())
    result.targets.append(Target("wrong answers", wrong, "<=", 0))
    result.targets.append(
        Target("server RSS after the latency run, large/demo", rss_ratio, "<=", RSS_RATIO)
    )
    failed = sum(cell["failed"] for cell in table.values())
    failed += sum(len(org.sampler.setup_failures) for org in orgs)
    if failed or not_started:
        started_not = ", ".join(not_started) or "none"
        result.notes.append(
            f"{failed:g} failed requests and setup reads; not started: {started_not}"
        )
    result.figures = figures
    return finish(result, args, began)


def report(figures: dict[str, Any]) -> None:
    """Print what was measured."""
    print(__doc__)
    print(
        f"load average before / after: {figures['load_average_before']} / "
        f"{figures['load_average_after']}, {figures['nproc']} CPUs\n"
    )
    print_table(["ready", "seconds"], list(figures["ready_seconds"].items()))
    print()
    mem: dict[str, Memory] = figures["memory_mib"]
    print_table(
        ["server", "RSS MiB", "peak MiB"],
        [[k, v["rss_mib"], v["peak_mib"]] for k, v in mem.items()],
    )
    print()
    table: dict[str, dict[str, float]] = figures["latency_ms"]
    print_table(
        ["org/operation", "p50 ms", "p99 ms", "samples", "empty", "failed", "wrong"],
        [[key, *cell.values()] for key, cell in table.items()],
    )
    print()
    ratios: dict[str, dict[str, float]] = figures["latency_ratio_large_demo"]
    print_table(
        ["operation", "p50 large/demo", "p99 large/demo"],
        [[op, r["p50"], r["p99"]] for op, r in ratios.items()],
    )
    for name in ("large", "demo"):
        org: dict[str, Any] | None = figures.get(name)
        if org is None:
            continue
        per_page = org["incidents_per_list_page"]
        print(
            f"{name}, incidents per list page: "
            + ", ".join(f"{op} {per_page[op]:.1f}" for op in LISTS)
        )
        for kind in ("setup_failures", "failed_requests", "wrong_answers"):
            for line in org[kind]:
                print(f"{name}: {kind.replace('_', ' ')}: {line}")
    for name in figures["servers_not_started"]:
        print(f"did not start: {name}")


if __name__ == "__main__":
    main()
