"""Sandbox throughput: `GET /v2/incidents?page_size=25` on one uvicorn worker, vs a bare Starlette
endpoint returning the same JSON bytes (same uvicorn settings, also in a subprocess).

The sandbox first gets 25 incidents, so the page is full; its body is then served verbatim by the
bare app. One async load generator (a pooled httpx2 client, 8 concurrent requests) drives both,
alternating rounds. Besides requests/s, the server's own CPU time per request (psutil) is reported,
which does not depend on how fast the load generator is. Target (reported): ratio >= 0.5; below
that the handler is profiled in-process with pyinstrument.
"""

from __future__ import annotations

import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import anyio
import httpx2
import psutil
from _common import (
    BENCH,
    Result,
    Target,
    bare_server,
    finish,
    free_port,
    parse_args,
    print_table,
    ratio,
    rerun_command,
    sandbox_server,
)

from incidentio_toolkit.sandbox import DEMO_API_KEY, create_app
from incidentio_toolkit.sandbox import seed as ids

PATH = "/v2/incidents?page_size=25"
HEADERS = {"Authorization": f"Bearer {DEMO_API_KEY}"}
CONCURRENCY = 8


def incident_payload() -> dict[str, Any]:
    return {
        "idempotency_key": uuid.uuid4().hex,
        "severity_id": ids.SEVERITY_MAJOR_ID,
        "visibility": "public",
        "name": "bench: synthetic incident",
        "summary": "Created by bench_sandbox.py so that a page of 25 is full.",
    }


async def fill_and_fetch(base_url: str, count: int = 25) -> bytes:
    """Create `count` incidents, then return the body of one full page of 25."""
    async with httpx2.AsyncClient(base_url=base_url, headers=HEADERS, timeout=30) as client:
        for _ in range(count):
            response = await client.post("/v2/incidents", json=incident_payload())
            response.raise_for_status()
        response = await client.get(PATH)
        response.raise_for_status()
        assert len(response.json()["incidents"]) == 25
        return response.content


async def load(base_url: str, requests: int) -> tuple[float, int]:
    """(seconds, failures) for `requests` GETs of PATH with CONCURRENCY workers."""
    failures = 0
    remaining = iter(range(requests))
    limits = httpx2.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
    async with httpx2.AsyncClient(
        base_url=base_url, headers=HEADERS, timeout=30, limits=limits, trust_env=False
    ) as client:

        async def worker() -> None:
            nonlocal failures
            for _ in remaining:
                response = await client.get(PATH)
                if response.status_code != 200:
                    failures += 1

        await client.get(PATH)  # connect before the clock starts
        started = time.perf_counter()
        with anyio.fail_after(300):
            async with anyio.create_task_group() as tg:
                for _ in range(CONCURRENCY):
                    tg.start_soon(worker)
        return time.perf_counter() - started, failures


def server_cpu(pid: int) -> float:
    times = psutil.Process(pid).cpu_times()
    return times.user + times.system


def profile_handler(body_count: int, n: int) -> str:
    """pyinstrument over n in-process ASGI calls of the sandbox's GET /v2/incidents (no sockets)."""
    from pyinstrument import Profiler

    out = BENCH / "results" / "profile_sandbox.txt"
    out.parent.mkdir(exist_ok=True)
    app = create_app(rate_limit_per_minute=10**9, escalation_create_limit_per_minute=10**9)

    async def call(method: str, path: str, query: bytes, body: bytes) -> int:
        scope: dict[str, Any] = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": method,
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": query,
            "root_path": "",
            "headers": [
                (b"host", b"sandbox"),
                (b"authorization", f"Bearer {DEMO_API_KEY}".encode()),
                (b"content-type", b"application/json"),
            ],
            "client": ("127.0.0.1", 1),
            "server": ("127.0.0.1", 80),
        }
        sent: list[Any] = []

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(message: Any) -> None:
            sent.append(message)

        await app(scope, receive, send)
        return int(sent[0]["status"])

    async def go(profiler: Profiler) -> None:
        import json

        for _ in range(body_count):
            await call("POST", "/v2/incidents", b"", json.dumps(incident_payload()).encode())
        for _ in range(20):
            assert await call("GET", "/v2/incidents", b"page_size=25", b"") == 200
        profiler.start()
        for _ in range(n):
            await call("GET", "/v2/incidents", b"page_size=25", b"")
        profiler.stop()

    profiler = Profiler(interval=0.0002, async_mode="disabled")
    try:
        anyio.run(go, profiler)
    finally:
        app.close()
    text = profiler.output_text(unicode=False, color=False, show_all=False)
    out.write_text(text)
    print("\n--- pyinstrument (sandbox GET /v2/incidents?page_size=25, in-process ASGI) ---")
    print("\n".join(text.splitlines()[:45]))
    return str(out.relative_to(BENCH.parent))


def main(argv: list[str] | None = None) -> Result:
    args = parse_args(__doc__ or "", argv)
    started = time.perf_counter()
    result = Result("bench_sandbox", rerun_command("bench_sandbox.py"))
    rounds, per_round = (2, 300) if args.quick else (4, 600)
    names = ("sandbox", "bare starlette")
    seconds = dict.fromkeys(names, 0.0)
    cpu = dict.fromkeys(names, 0.0)
    failures = dict.fromkeys(names, 0)
    with tempfile.TemporaryDirectory(prefix="incidentio-bench-") as tmp:
        sandbox_port = free_port()
        with sandbox_server(sandbox_port) as sandbox:
            sandbox_url = f"http://127.0.0.1:{sandbox_port}"
            body = anyio.run(fill_and_fetch, sandbox_url)
            body_file = Path(tmp) / "page.json"
            body_file.write_bytes(body)
            bare_port = free_port()
            with bare_server(bare_port, str(body_file)) as bare:
                servers = {
                    "sandbox": (sandbox_url, sandbox.pid),
                    "bare starlette": (f"http://127.0.0.1:{bare_port}", bare.pid),
                }
                for round_no in range(rounds + 1):  # round 0 warms up
                    order = names if round_no % 2 == 0 else names[::-1]
                    for name in order:
                        url, pid = servers[name]
                        cpu_before = server_cpu(pid)
                        took, failed = anyio.run(load, url, per_round if round_no else 100)
                        if round_no:
                            seconds[name] += took
                            cpu[name] += server_cpu(pid) - cpu_before
                            failures[name] += failed
    total = rounds * per_round
    figures: dict[str, Any] = {"page_bytes": len(body), "requests_each": total}
    rows: list[list[object]] = []
    for name in names:
        figures[name] = {
            "requests_per_s": total / seconds[name],
            "server_cpu_us_per_request": cpu[name] / total * 1e6,
            "failures": failures[name],
        }
        rows.append([name, total / seconds[name], cpu[name] / total * 1e6, failures[name]])
    rps = ratio(figures["sandbox"]["requests_per_s"], figures["bare starlette"]["requests_per_s"])
    cpu_ratio = ratio(
        figures["bare starlette"]["server_cpu_us_per_request"],
        figures["sandbox"]["server_cpu_us_per_request"],
    )
    figures["ratio_requests_per_s"] = rps
    figures["ratio_server_cpu"] = cpu_ratio
    print(__doc__)
    print(f"page: 25 incidents, {len(body):,} bytes; {total:,} requests each\n")
    print_table(["server", "requests/s", "server CPU us/req", "failures"], rows)
    print(f"\nratio sandbox/bare: {rps:.2f} (requests/s), {cpu_ratio:.2f} (bare CPU / sandbox CPU)")
    result.targets.append(Target("sandbox/bare requests/s", rps, ">=", 0.5))
    if args.profile or rps < 0.5:
        result.notes.append(f"profile: {profile_handler(25, 300 if args.quick else 1500)}")
    result.figures = figures
    return finish(result, args, started)


if __name__ == "__main__":
    main()
