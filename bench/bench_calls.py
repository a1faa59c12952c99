"""Call throughput and latency against the sandbox as a real server on loopback.

Three clients send the same mix of actions (list and show, 5 % creates) side by side, in
alternating order round after round, over HTTP and HTTPS (throwaway CA from trustme), at
concurrency 1 and 32:

  (a) toolkit  `AsyncIncidentIO.call` (validation, request build, pacing, output model)
  (b) floor    one pooled `httpx2.AsyncClient` sending the same requests, no validation
  (c) naive    a new `httpx2.AsyncClient` per call (what a known existing integration does)

The sandbox runs on one uvicorn worker in a subprocess (its own CPU), with its rate limits raised;
the toolkit's pacing stays on with its budgets raised, so pacing is measured but caps nobody.
Rounds are short and rotate the client order; the naive client makes a quarter of the calls of
the others per round. "CPU us/call" is this process's CPU time per call (the client's own cost).
Over HTTPS the naive client loads only the throwaway CA per call; against the real API it would
load the full system CA bundle each time (as it does here over plain HTTP), so a/c is conservative.
Targets: a/b >= 0.85 throughput in every cell; a/c >= 3 over HTTPS at concurrency 1.
A transport error (a connection reset, a keep-alive connection closed under a request) fails that
call: it is counted and reported ("transport" column), never fatal.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anyio
import httpx2

from _common import (
    BENCH,
    Result,
    Target,
    free_port,
    parse_args,
    percentile,
    print_table,
    ratio,
    rerun_command,
    sandbox_server,
    throwaway_tls,
)
from incidentio_toolkit import AsyncIncidentIO, PacingLimits
from incidentio_toolkit.sandbox import DEMO_API_KEY
from incidentio_toolkit.sandbox import seed as ids

Call = tuple[str, dict[str, Any]]
RAISED = PacingLimits(per_minute=10_000_000, escalations_per_minute=10_000_000)

_READS: list[Call] = [
    ("incidents_list", {"page_size": 25}),
    ("incidents_show", {"id": ids.INCIDENT_CHECKOUT_ID}),
    ("severities_list", {}),
    ("users_list", {"page_size": 25}),
    ("incidents_show", {"id": ids.INCIDENT_SEARCH_LATENCY_ID}),
    ("users_show", {"id": ids.USER_PRIYA_ID}),
    ("incidents_list", {"page_size": 25, "sort_by": "created_at_newest_first"}),
    ("schedules_show", {"id": ids.SCHEDULE_PRIMARY_ID}),
    ("incidents_show", {"id": ids.INCIDENT_WEBHOOKS_ID}),
    ("custom_fields_list", {}),
    ("users_show", {"id": ids.USER_MARCUS_ID}),
    ("follow_ups_show", {"id": ids.FOLLOW_UP_CHECKOUT_ALERTS_ID}),
    ("incidents_list", {"page_size": 25, "severity_ids": [ids.SEVERITY_CRITICAL_ID]}),
    ("incident_statuses_list", {}),
    ("incidents_show", {"id": ids.INCIDENT_LOGIN_EMAILS_ID}),
    ("schedules_show", {"id": ids.SCHEDULE_PLATFORM_ID}),
    ("incidents_list", {"page_size": 10}),
    ("severities_list", {}),
    ("users_list", {"page_size": 10}),
]
"""19 reads; every 20th call is an `incidents_create` (mode test, a fresh idempotency key)."""


def create_call() -> Call:
    return (
        "incidents_create",
        {
            "idempotency_key": uuid.uuid4().hex,
            "severity_id": ids.SEVERITY_MINOR_ID,
            "visibility": "public",
            "name": "bench: synthetic incident",
            "mode": "test",
        },
    )


def workload(n: int) -> list[Call]:
    calls: list[Call] = []
    for i in range(n):
        calls.append(create_call() if i % 20 == 19 else _READS[i % 20])
    return calls


@dataclass(frozen=True, slots=True)
class Req:
    """One HTTP request exactly as the toolkit sends it."""

    method: str
    url: str
    headers: dict[str, str]
    content: bytes | None


async def record(base_url: str, calls: list[Call]) -> list[Req]:
    """The HTTP requests the toolkit sends for `calls` (captured on a mock transport, untimed)."""
    seen: list[Req] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        keep = ("authorization", "content-type", "accept", "user-agent")
        headers = {k: v for k, v in request.headers.items() if k.lower() in keep}
        seen.append(Req(request.method, str(request.url), headers, request.content or None))
        return httpx2.Response(599)

    io = AsyncIncidentIO(
        DEMO_API_KEY,
        base_url=base_url,
        transport=httpx2.MockTransport(handler),
        pacing=None,
        max_retries=0,
    )
    async with io:
        for name, args in calls:
            await io.call(name, args)
    assert len(seen) == len(calls), "the toolkit did not send one request per call"
    return seen


@dataclass
class Tally:
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    calls: int = 0
    errors: int = 0
    transport_errors: int = 0
    """Of `errors`: calls whose connection failed (floor and naive; the toolkit retries those it
    may and reports the rest as failed calls)."""
    latencies: list[float] | None = None

    def add(self, seconds: float, cpu: float, latencies: list[float], errors: int) -> None:
        self.seconds += seconds
        self.cpu_seconds += cpu
        self.calls += len(latencies)
        self.errors += errors
        self.latencies = (self.latencies or []) + latencies

    def summary(self) -> dict[str, float]:
        lat = self.latencies or []
        return {
            "calls": self.calls,
            "errors": self.errors,
            "transport_errors": self.transport_errors,
            "calls_per_s": ratio(self.calls, self.seconds),
            "p50_ms": percentile(lat, 50) * 1000,
            "p99_ms": percentile(lat, 99) * 1000,
            "client_cpu_us_per_call": ratio(self.cpu_seconds, self.calls) * 1e6,
        }


async def drive(
    one: Callable[[Any], Awaitable[bool]], items: list[Any], concurrency: int
) -> tuple[float, list[float], int]:
    """Run `one(item)` for every item with `concurrency` workers: (wall s, latencies, failures)."""
    latencies: list[float] = []
    failures = 0
    queue: Iterator[Any] = iter(items)

    async def worker() -> None:
        nonlocal failures
        for item in queue:
            started = time.perf_counter()
            ok = await one(item)
            latencies.append(time.perf_counter() - started)
            if not ok:
                failures += 1

    started = time.perf_counter()
    with anyio.fail_after(300):
        async with anyio.create_task_group() as tg:
            for _ in range(concurrency):
                tg.start_soon(worker)
    return time.perf_counter() - started, latencies, failures


CLIENTS = ("toolkit", "floor", "naive")


async def run_cell(
    base_url: str, verify: bool | str, concurrency: int, per_round: int, rounds: int
) -> dict[str, dict[str, float]]:
    """One (scheme, concurrency) cell: warm up, then `rounds` rounds in rotating client order."""
    toolkit = AsyncIncidentIO(DEMO_API_KEY, base_url=base_url, pacing=RAISED, verify=verify)
    floor = httpx2.AsyncClient(
        verify=verify,
        timeout=30,
        limits=httpx2.Limits(max_connections=64, max_keepalive_connections=64),
        trust_env=False,
    )

    async def call_toolkit(call: Call) -> bool:
        out = await toolkit.call(call[0], call[1])  # never raises: retries what it may
        return out.get("success") is True

    async def call_floor(req: Req) -> bool:
        try:
            response = await floor.request(
                req.method, req.url, headers=req.headers, content=req.content
            )
        except httpx2.TransportError:
            transport_errors["floor"] += 1
            return False
        return 200 <= response.status_code < 300

    async def call_naive(req: Req) -> bool:
        try:
            async with httpx2.AsyncClient(verify=verify, timeout=30) as client:
                response = await client.request(
                    req.method, req.url, headers=req.headers, content=req.content
                )
        except httpx2.TransportError:
            transport_errors["naive"] += 1
            return False
        return 200 <= response.status_code < 300

    runners: dict[str, Callable[[Any], Awaitable[bool]]] = {
        "toolkit": call_toolkit,
        "floor": call_floor,
        "naive": call_naive,
    }
    tallies = {name: Tally() for name in CLIENTS}
    transport_errors = dict.fromkeys(CLIENTS, 0)
    async with toolkit, floor:
        for round_no in range(rounds + 1):  # round 0 warms up pools, caches and the server
            order = CLIENTS[round_no % 3 :] + CLIENTS[: round_no % 3]
            for name in order:
                # The naive client is an order of magnitude slower: fewer calls keep the run short.
                n = per_round // 4 if name == "naive" or round_no == 0 else per_round
                calls = workload(max(n, 2 * concurrency))
                items: list[Any] = calls if name == "toolkit" else await record(base_url, calls)
                cpu_before = time.process_time()
                cut_before = transport_errors[name]
                seconds, latencies, errors = await drive(runners[name], items, concurrency)
                cpu = time.process_time() - cpu_before
                if round_no:
                    tallies[name].add(seconds, cpu, latencies, errors)
                    tallies[name].transport_errors += transport_errors[name] - cut_before
    return {name: tally.summary() for name, tally in tallies.items()}


async def seed_incidents(base_url: str, verify: bool | str, count: int) -> None:
    """Enough incidents that every `incidents_list` page of 25 is full."""
    async with AsyncIncidentIO(DEMO_API_KEY, base_url=base_url, pacing=RAISED, verify=verify) as io:
        for _ in range(count):
            out = await io.call(*create_call())
            assert out["success"], out


def main(argv: list[str] | None = None) -> Result:
    args = parse_args(__doc__ or "", argv)
    started = time.perf_counter()
    result = Result("bench_calls", rerun_command("bench_calls.py"))
    plan = {1: (40, 3), 32: (128, 3)} if args.quick else {1: (60, 10), 32: (192, 6)}
    rows: list[list[object]] = []
    figures: dict[str, Any] = {}
    with throwaway_tls() as (ca_file, cert_file, key_file):
        for scheme in ("http", "https"):
            port = free_port()
            tls = (cert_file, key_file) if scheme == "https" else (None, None)
            verify: bool | str = ca_file if scheme == "https" else True
            base_url = f"{scheme}://127.0.0.1:{port}"
            with sandbox_server(port, certfile=tls[0], keyfile=tls[1]):
                anyio.run(seed_incidents, base_url, verify, 25)
                for concurrency, (per_round, rounds) in plan.items():
                    cell = anyio.run(run_cell, base_url, verify, concurrency, per_round, rounds)
                    a, b, c = (cell[name]["calls_per_s"] for name in CLIENTS)
                    cell_key = f"{scheme}_c{concurrency}"
                    figures[cell_key] = {
                        **cell,
                        "a_over_b": ratio(a, b),
                        "a_over_c": ratio(a, c),
                    }
                    for name in CLIENTS:
                        s = cell[name]
                        rows.append(
                            [
                                scheme,
                                concurrency,
                                name,
                                int(s["calls"]),
                                int(s["errors"]),
                                int(s["transport_errors"]),
                                s["calls_per_s"],
                                s["p50_ms"],
                                s["p99_ms"],
                                s["client_cpu_us_per_call"],
                            ]
                        )
                    result.targets.append(
                        Target(f"a/b throughput, {scheme} c={concurrency}", ratio(a, b), ">=", 0.85)
                    )
                    if scheme == "https" and concurrency == 1:
                        result.targets.append(
                            Target("a/c throughput, https c=1", ratio(a, c), ">=", 3.0)
                        )
    print(__doc__)
    print_table(
        [
            "scheme",
            "conc",
            "client",
            "calls",
            "errors",
            "transport",
            "calls/s",
            "p50 ms",
            "p99 ms",
            "CPU us/call",
        ],
        rows,
    )
    print()
    print_table(
        ["cell", "a/b", "a/c"],
        [[k, v["a_over_b"], v["a_over_c"]] for k, v in figures.items()],
    )
    result.figures = figures
    errors = sum(int(v[name]["errors"]) for v in figures.values() for name in CLIENTS)
    transport = sum(int(v[name]["transport_errors"]) for v in figures.values() for name in CLIENTS)
    if errors:
        result.notes.append(
            f"{errors} calls failed ({transport} on a transport error); the figures are suspect"
        )
    if args.profile or not all(t.met for t in result.targets if t.name.startswith("a/b")):
        result.notes.append(f"profile of the toolkit client: {profile_toolkit(args.quick)}")
    from _common import finish

    return finish(result, args, started)


def profile_toolkit(quick: bool) -> str:
    """Profile the toolkit client at concurrency 1 over HTTP with pyinstrument; returns the path
    of the text profile (and prints its top)."""
    from pyinstrument import Profiler

    out = BENCH / "results" / "profile_calls.txt"
    out.parent.mkdir(exist_ok=True)
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    n = 300 if quick else 1500

    async def go(profiler: Profiler) -> None:
        async with AsyncIncidentIO(DEMO_API_KEY, base_url=base_url, pacing=RAISED) as io:
            for name, call_args in workload(40):
                await io.call(name, call_args)
            calls = workload(n)
            profiler.start()
            for name, call_args in calls:
                await io.call(name, call_args)
            profiler.stop()

    with sandbox_server(port):
        profiler = Profiler(interval=0.0002, async_mode="disabled")
        anyio.run(go, profiler)
    text = profiler.output_text(unicode=False, color=False, show_all=False)
    out.write_text(text)
    print("\n--- pyinstrument (toolkit client, http, c=1) ---")
    print("\n".join(text.splitlines()[:60]))
    return str(Path(out).relative_to(BENCH.parent))


if __name__ == "__main__":
    main()
