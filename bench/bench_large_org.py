"""The sandbox at the size of a real customer: `incidentio sandbox --org large` (10,000 incidents,
520 users, 44 schedules) as a real server, one uvicorn worker in a subprocess.

Ready times: a new database with an empty template cache (the organisation is generated, then
copied: the cold start), a new database from the cached template, and a restart on the existing
file. Each is the time from starting the process to its port accepting connections (the server
binds only once its database is ready).

Latency over loopback, one keep-alive httpx2 client, requests one at a time, on the restarted
server and, side by side, on the demo organisation (six incidents):
- `incidents_list`: filtered by status category, `severity[gte]` and a `created_at` date range,
  every page followed through `after` (each page one sample);
- `incidents_show` of incidents seen in those pages;
- `schedule_entries_list` over a 14-day window of a random schedule.
Server RSS is read from /proc after the cold start and after the latency run. A request that
fails (transport error or non-2xx) is counted, never fatal.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx2

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
    rerun_command,
)
from incidentio_toolkit.defaults import SANDBOX_CACHE_DIR_ENV_VAR
from incidentio_toolkit.sandbox import DEMO_API_KEY
from incidentio_toolkit.sandbox.seed.large import HISTORY_END

HEADERS = {"Authorization": f"Bearer {DEMO_API_KEY}"}
OPERATIONS = ("incidents_list", "incidents_show", "schedule_entries_list")
CATEGORY_SETS = (
    ("closed",),
    ("closed", "learning"),
    ("live", "learning", "triage", "paused"),
    ("declined", "canceled", "merged"),
)
MIB = 1024 * 1024


def machine_load() -> str:
    """The 1, 5 and 15 minute load averages."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def memory(pid: int) -> dict[str, float]:
    """Resident memory now and at its peak, in MiB (`VmRSS`, `VmHWM`)."""
    found: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            found[name] = int(value.split()[0]) / 1024
    return {
        "rss_mib": found.get("VmRSS", float("nan")),
        "peak_mib": found.get("VmHWM", float("nan")),
    }


def sandbox(port: int, db: Path, cache: Path, org: str) -> ServerProcess:
    args = [PYTHON, "-m", "incidentio_toolkit.sandbox", "--port", str(port), "--db", str(db)]
    args += ["--org", org, "--rate-limit", str(10**9), "--escalation-rate-limit", str(10**9)]
    env = {**os.environ, SANDBOX_CACHE_DIR_ENV_VAR: str(cache)}
    return ServerProcess(args, port, env=env, start_timeout=180)


def start(server: ServerProcess) -> float:
    """Start `server`; the seconds until it accepts connections (NaN when it did not start)."""
    began = time.perf_counter()
    try:
        server.start()
    except RuntimeError as exc:
        print(f"the server did not start: {exc}")
        return float("nan")
    return time.perf_counter() - began


class Sampler:
    """Times requests one at a time and counts the ones that fail."""

    def __init__(self, http: httpx2.Client) -> None:
        self.http = http
        self.times: dict[str, list[float]] = {op: [] for op in OPERATIONS}
        self.failures: dict[str, int] = dict.fromkeys(OPERATIONS, 0)

    def get(self, op: str, path: str, params: Any = None) -> dict[str, Any] | None:
        began = time.perf_counter()
        try:
            response = self.http.get(path, params=params)
        except httpx2.HTTPError:
            self.failures[op] += 1
            return None
        took = time.perf_counter() - began
        if response.status_code != 200:
            self.failures[op] += 1
            return None
        self.times[op].append(took * 1000)
        body: dict[str, Any] = response.json()
        return body


def list_filters(rng: random.Random, severities: list[str]) -> list[tuple[str, str]]:
    start = HISTORY_END - timedelta(days=rng.randint(20, 700))
    end = min(start + timedelta(days=rng.randint(14, 240)), HISTORY_END)
    params = [("status_category[one_of]", c) for c in rng.choice(CATEGORY_SETS)]
    params.append(("severity[gte]", rng.choice(severities)))
    params.append(("created_at[date_range]", f"{start.date()}~{end.date()}"))
    params.append(("page_size", "25"))
    return params


def measure(base_url: str, samples: int, seed: int) -> Sampler:
    """`samples` requests of each operation (after a warm-up of each)."""
    rng = random.Random(seed)
    with httpx2.Client(base_url=base_url, headers=HEADERS, timeout=60, trust_env=False) as http:
        sampler = Sampler(http)
        severities = [s["id"] for s in http.get("/v1/severities").json()["severities"]]
        schedules = [s["id"] for s in http.get("/v2/schedules?page_size=250").json()["schedules"]]
        seen: list[str] = []

        def walk_lists(count: int) -> None:
            done = 0
            while done < count:
                params = list_filters(rng, severities[:-1])
                after: str | None = None
                for _ in range(8):
                    query = params if after is None else [*params, ("after", after)]
                    page = sampler.get("incidents_list", "/v2/incidents", query)
                    done += 1
                    if page is None:
                        break
                    seen.extend(i["id"] for i in page["incidents"])
                    after = page["pagination_meta"].get("after")
                    if after is None or done >= count:
                        break

        def entries(count: int) -> None:
            for _ in range(count):
                start = HISTORY_END + timedelta(hours=rng.randint(-60 * 24, 30 * 24))
                window = {
                    "schedule_id": rng.choice(schedules),
                    "entry_window_start": start.strftime("%Y-%m-%dT%H:00:00Z"),
                    "entry_window_end": (start + timedelta(days=14)).strftime("%Y-%m-%dT%H:00:00Z"),
                }
                sampler.get("schedule_entries_list", "/v2/schedule_entries", window)

        def shows(count: int) -> None:
            pool = seen or [i["id"] for i in http.get("/v2/incidents").json()["incidents"]]
            for _ in range(count):
                sampler.get("incidents_show", f"/v2/incidents/{rng.choice(pool)}")

        runs: tuple[Callable[[int], None], ...] = (walk_lists, shows, entries)
        for run in runs:
            run(20)
        sampler.times = {op: [] for op in OPERATIONS}
        for run in runs:
            run(samples)
        return sampler


def main(argv: list[str] | None = None) -> Result:
    args = parse_args(__doc__ or "", argv)
    started = time.perf_counter()
    result = Result("bench_large_org", rerun_command("bench_large_org.py"))
    samples = 100 if args.quick else 400
    figures: dict[str, Any] = {"load_average_before": machine_load(), "nproc": os.cpu_count()}
    latencies: dict[str, Sampler] = {}
    with tempfile.TemporaryDirectory(prefix="incidentio-bench-large-") as tmp:
        folder = Path(tmp)
        cache = folder / "cache"
        db = folder / "large.db"
        figures["ready_seconds"] = ready = {}
        figures["memory_mib"] = mem = {}
        cold = sandbox(free_port(), db, cache, "large")
        ready["cold_new_database"] = start(cold)
        if cold.proc is not None and cold.proc.poll() is None:
            mem["after_cold_start"] = memory(cold.pid)
        cold.stop()
        warm = sandbox(free_port(), folder / "second.db", cache, "large")
        ready["new_database_cached_template"] = start(warm)
        warm.stop()
        port = free_port()
        restarted = sandbox(port, db, cache, "large")
        ready["restart_existing_file"] = start(restarted)
        try:
            mem["after_restart"] = memory(restarted.pid)
            latencies["large"] = measure(f"http://127.0.0.1:{port}", samples, seed=1)
            mem["after_latency_run"] = memory(restarted.pid)
        finally:
            restarted.stop()
        demo_port = free_port()
        with sandbox(demo_port, folder / "demo.db", cache, "demo") as demo:
            latencies["demo"] = measure(f"http://127.0.0.1:{demo_port}", samples // 2, seed=1)
            mem["demo_after_latency_run"] = memory(demo.pid)
    figures["load_average_after"] = machine_load()
    figures["latency_ms"] = table = {}
    rows: list[list[object]] = []
    for org, sampler in latencies.items():
        for op in OPERATIONS:
            times = sampler.times[op]
            cell = {
                "p50": percentile(times, 50),
                "p99": percentile(times, 99),
                "samples": len(times),
                "failures": sampler.failures[op],
            }
            table[f"{org}/{op}"] = cell
            rows.append([org, op, cell["p50"], cell["p99"], len(times), sampler.failures[op]])
    print(__doc__)
    print(
        f"load average before / after: {figures['load_average_before']} / {figures['load_average_after']}\n"
    )
    print_table(["ready", "seconds"], [[k, v] for k, v in ready.items()])
    print()
    print_table(
        ["server", "RSS MiB", "peak MiB"],
        [[k, v["rss_mib"], v["peak_mib"]] for k, v in mem.items()],
    )
    print()
    print_table(["org", "operation", "p50 ms", "p99 ms", "samples", "failures"], rows)
    result.targets.append(
        Target("cold start, new database", ready["cold_new_database"], "<=", 30, " s")
    )
    result.targets.append(
        Target("restart on the existing file", ready["restart_existing_file"], "<=", 2, " s")
    )
    for op in OPERATIONS:
        cell = table.get(f"large/{op}", {"p50": float("nan"), "p99": float("nan")})
        result.targets.append(Target(f"{op} p50 (10,000 incidents)", cell["p50"], "<=", 20, " ms"))
        result.targets.append(Target(f"{op} p99 (10,000 incidents)", cell["p99"], "<=", 60, " ms"))
    rss = max(
        (v["rss_mib"] for k, v in mem.items() if not k.startswith("demo")), default=float("nan")
    )
    result.targets.append(Target("server RSS, large organisation", rss, "<=", 300, " MiB"))
    result.figures = figures
    return finish(result, args, started)


if __name__ == "__main__":
    main()
