"""Sandbox throughput: `GET /v2/incidents?page_size=25` on one uvicorn worker, vs a bare Starlette
endpoint returning the same JSON bytes (same uvicorn settings, also in a subprocess).

The sandbox first gets 25 incidents, so the page is full; its body is then served verbatim by the
bare app. The same async load generator (a pooled httpx2 client, 8 concurrent requests) drives
both, alternating rounds. On 2 cores that generator tops out near the bare app's speed, so a second,
much lighter one (raw HTTP/1.1 keep-alive on asyncio streams, same 8 connections) is run too, and
the server's own CPU time per request (psutil) is reported: neither depends on the client's speed.
Target: ratio >= 0.5 (httpx2 generator); below that the handler is profiled in-process with
pyinstrument.
"""

from __future__ import annotations

import asyncio
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
                try:
                    response = await client.get(PATH)
                except httpx2.TransportError:  # counted, never fatal
                    failures += 1
                    continue
                if response.status_code != 200:
                    failures += 1

        await client.get(PATH)  # connect before the clock starts
        started = time.perf_counter()
        with anyio.fail_after(300):
            async with anyio.create_task_group() as tg:
                for _ in range(CONCURRENCY):
                    tg.start_soon(worker)
        return time.perf_counter() - started, failures


async def load_raw(port: int, requests: int) -> tuple[float, int]:
    """Like `load`, with a minimal HTTP/1.1 client on asyncio streams (keep-alive, no parsing
    beyond the status line and Content-Length), so the client costs far less than the server."""
    request = (
        f"GET {PATH} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Authorization: Bearer {DEMO_API_KEY}\r\n\r\n"
    ).encode()
    failures = 0
    remaining = iter(range(requests))

    async def one(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        writer.write(request)
        head = await reader.readuntil(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":", 1)[1])
        await reader.readexactly(length)
        return head.startswith(b"HTTP/1.1 200")

    async def worker(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal failures
        for _ in remaining:
            try:
                ok = await one(reader, writer)
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
                # A broken connection: counted, then a new one for the rest.
                failures += 1
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                connections.append((reader, writer))
                continue
            if not ok:
                failures += 1

    connections = [await asyncio.open_connection("127.0.0.1", port) for _ in range(CONCURRENCY)]
    try:
        for reader, writer in connections:
            await one(reader, writer)
        started = time.perf_counter()
        async with asyncio.timeout(300):
            await asyncio.gather(*(worker(r, w) for r, w in connections))
        return time.perf_counter() - started, failures
    finally:
        for _, writer in connections:
            writer.close()


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
    generators = ("httpx2", "raw")
    seconds = {(n, g): 0.0 for n in names for g in generators}
    cpu = {(n, g): 0.0 for n in names for g in generators}
    failures = {(n, g): 0 for n in names for g in generators}
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
                    "sandbox": (sandbox_port, sandbox.pid),
                    "bare starlette": (bare_port, bare.pid),
                }
                for round_no in range(rounds + 1):  # round 0 warms up
                    order = names if round_no % 2 == 0 else names[::-1]
                    for name in order:
                        port, pid = servers[name]
                        n = per_round if round_no else 100
                        for generator in generators:
                            cpu_before = server_cpu(pid)
                            if generator == "raw":
                                took, failed = anyio.run(load_raw, port, n)
                            else:
                                took, failed = anyio.run(load, f"http://127.0.0.1:{port}", n)
                            if round_no:
                                seconds[name, generator] += took
                                cpu[name, generator] += server_cpu(pid) - cpu_before
                                failures[name, generator] += failed
    total = rounds * per_round
    figures: dict[str, Any] = {"page_bytes": len(body), "requests_each": total}
    rows: list[list[object]] = []
    for name in names:
        figures[name] = {}
        for generator in generators:
            key = (name, generator)
            figures[name][generator] = {
                "requests_per_s": total / seconds[key],
                "server_cpu_us_per_request": cpu[key] / total * 1e6,
                "failures": failures[key],
            }
            rows.append(
                [name, generator, total / seconds[key], cpu[key] / total * 1e6, failures[key]]
            )

    def rps_ratio(generator: str) -> float:
        return ratio(
            figures["sandbox"][generator]["requests_per_s"],
            figures["bare starlette"][generator]["requests_per_s"],
        )

    rps = rps_ratio("httpx2")
    rps_raw = rps_ratio("raw")
    all_cpu = {n: sum(cpu[n, g] for g in generators) for n in names}
    cpu_ratio = ratio(all_cpu["bare starlette"], all_cpu["sandbox"])
    figures["ratio_requests_per_s_httpx2"] = rps
    figures["ratio_requests_per_s_raw"] = rps_raw
    figures["ratio_server_cpu"] = cpu_ratio
    print(__doc__)
    print(f"page: 25 incidents, {len(body):,} bytes; {total:,} requests each\n")
    print_table(["server", "generator", "requests/s", "server CPU us/req", "failures"], rows)
    print(
        f"\nratio sandbox/bare: {rps:.2f} (requests/s, httpx2), {rps_raw:.2f} (requests/s, raw), "
        f"{cpu_ratio:.2f} (bare CPU / sandbox CPU per request)"
    )
    result.targets.append(Target("sandbox/bare requests/s (httpx2 generator)", rps, ">=", 0.5))
    result.targets.append(Target("sandbox/bare requests/s (raw generator)", rps_raw, ">=", 0.5))
    if args.profile or min(rps, rps_raw) < 0.5:
        result.notes.append(f"profile: {profile_handler(25, 300 if args.quick else 1500)}")
    result.figures = figures
    return finish(result, args, started)


if __name__ == "__main__":
    main()
