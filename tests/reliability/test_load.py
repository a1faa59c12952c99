"""Load: 10,000 tool calls at concurrency 64 against the sandbox running as a real server.

The sandbox runs in its own process (`python -m incidentio_toolkit.sandbox --port 0`) with its rate
limits raised, so the figures show the client, not the limiter. Reports throughput and the RSS of the
client process before and after.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from itertools import count

import anyio
import psutil
import pytest
from tests.reliability.figures_support import record_figure

from incidentio_toolkit import AsyncIncidentIO, PacingLimits
from incidentio_toolkit.sandbox import DEMO_API_KEY, seed

CALLS = 10_000
CONCURRENCY = 64
MIB = 1024 * 1024
MIX: list[tuple[str, dict[str, object]]] = [
    ("severities_list", {}),
    ("incident_statuses_list", {}),
    ("users_list", {"page_size": 25}),
    ("users_show", {"id": seed.USER_PRIYA_ID}),
    ("incidents_list", {"page_size": 5}),
    ("custom_fields_list", {}),
    ("custom_fields_show", {"id": seed.CUSTOM_FIELD_AFFECTED_TEAM_ID}),
    ("schedules_show", {"id": seed.SCHEDULE_PRIMARY_ID}),
    ("incident_roles_list", {}),
    ("workflows_show", {"id": "no-such-workflow"}),  # an expected 404
]


# The sandbox app under uvicorn in its own process. The listening socket is made here, with
# proto=IPPROTO_TCP so that asyncio sets TCP_NODELAY on accepted connections (SandboxServer's socket
# lacks it, which costs every sequential response a ~40 ms delayed ACK), and listens before the
# port is printed, so no early connection is refused.
SERVER = """
import socket, uvicorn
from incidentio_toolkit.sandbox import create_app
sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
sock.bind(("127.0.0.1", 0))
sock.listen(1024)
print(sock.getsockname()[1], flush=True)
app = create_app(rate_limit_per_minute=10**7, escalation_create_limit_per_minute=10**7)
config = uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False, http="h11")
uvicorn.Server(config).run(sockets=[sock])
"""


@pytest.fixture
def sandbox() -> Iterator[tuple[str, psutil.Process]]:
    process = subprocess.Popen(
        [sys.executable, "-c", SERVER], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        port = process.stdout.readline().strip()
        assert port.isdigit(), process.stderr.read() if process.stderr else port
        yield f"http://127.0.0.1:{port}", psutil.Process(process.pid)
    finally:
        process.terminate()
        try:
            process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


@pytest.mark.slow
@pytest.mark.anyio
async def test_10000_calls_at_concurrency_64_with_bounded_memory(
    sandbox: tuple[str, psutil.Process],
) -> None:
    sandbox_url, server = sandbox
    me = psutil.Process()
    rss_before = me.memory_info().rss
    server_rss_before = server.memory_info().rss
    numbers = count()
    outcomes: Counter[str] = Counter()
    unexpected: list[str] = []
    started = time.perf_counter()
    with anyio.fail_after(120):
        async with AsyncIncidentIO(
            DEMO_API_KEY,
            base_url=sandbox_url,
            pacing=PacingLimits(per_minute=1_000_000, escalations_per_minute=1_000_000),
        ) as io:

            async def worker() -> None:
                while (n := next(numbers)) < CALLS:
                    name, arguments = MIX[n % len(MIX)]
                    result = await io.call(name, arguments)
                    expected_failure = arguments.get("id") == "no-such-workflow"
                    if result["success"] == expected_failure:
                        unexpected.append(f"{name}: {result.get('error')}")
                    elif expected_failure and "404" not in result["error"]:
                        unexpected.append(f"{name}: {result['error']}")
                    outcomes["ok" if result["success"] else "expected 404"] += 1

            async with anyio.create_task_group() as group:
                for _ in range(CONCURRENCY):
                    group.start_soon(worker)
    elapsed = time.perf_counter() - started
    rss_after = me.memory_info().rss
    server_rss_after = server.memory_info().rss
    record_figure(
        "load against the sandbox on loopback",
        f"{CALLS} calls at concurrency {CONCURRENCY} in {elapsed:.1f} s "
        f"({CALLS / elapsed:.0f} calls/s), {len(unexpected)} unexpected errors, "
        f"client RSS {rss_before / MIB:.0f} -> {rss_after / MIB:.0f} MiB, "
        f"sandbox RSS {server_rss_before / MIB:.0f} -> {server_rss_after / MIB:.0f} MiB",
    )
    assert unexpected == []
    assert sum(outcomes.values()) == CALLS
    assert rss_after - rss_before < 100 * MIB
