"""Three stateless MCP replicas behind HAProxy, sharing one API budget through Redis.

Real parts only: the sandbox (`incidentio sandbox`, 1,200 requests and 60 escalation creates per
minute), a redis-server, three `incidentio mcp --transport http --stateless` processes and HAProxy
with docs/haproxy.cfg. 32 clients of the SDK (half on the 2025 handshake protocol, which needs
--stateless behind a balancer, half negotiating the 2026 one) make 2,000 tool calls. Mid-run one
replica is SIGKILLed, then Redis is stopped, then started again (empty). The sandbox's own request
log is the witness: no 429, and the busiest 60 s window within the budget.
"""

from __future__ import annotations

import bisect
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Generator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

import anyio
import httpx2
import pytest
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.exceptions import MCPError
from mcp_types import CONNECTION_CLOSED, INTERNAL_ERROR
from tests.reliability.figures_support import record_figure
from tests.services_support import HAProxy, RedisServer, stop, wait_until

from incidentio_toolkit.sandbox import DEMO_API_KEY
from incidentio_toolkit.sandbox import seed as ids

# Its budget checks count arrival times at the sandbox: other tests' load would skew them.
pytestmark = [pytest.mark.slow, pytest.mark.alone]

TOKEN = "scale-out-test-token-0123456789"
BUDGET, PAGES_BUDGET = 1200, 60
CALLS, CLIENTS = 2000, 32
KILL_AT, REDIS_STOP_AT, REDIS_START_AT = 1190, 1250, 1500
"""Completed calls after which one replica is killed (as the first minute's budget runs out, so
calls are waiting in every replica), Redis stopped, and Redis started again."""
TRANSPORT_CODES = (INTERNAL_ERROR, CONNECTION_CLOSED)
"""How the SDK reports a replica dying under a request: HAProxy's 502, or the stream cut."""

READS: list[tuple[str, dict[str, Any]]] = [
    ("severities_list", {}),
    ("incidents_list", {"page_size": 5}),
    ("incidents_show", {"id": ids.INCIDENT_CHECKOUT_ID}),
    ("users_list", {"page_size": 10}),
    ("schedules_show", {"id": ids.SCHEDULE_PRIMARY_ID}),
    ("escalation_paths_show", {"id": ids.ESCALATION_PATH_URGENT_ID}),
    ("incident_statuses_list", {}),
]


def tool_call(n: int) -> tuple[str, dict[str, Any]]:
    """Call number n: 80 keyed escalation creates, 100 keyed incident creates, the rest reads."""
    if n % 25 == 7:
        return "escalations_create", {
            "idempotency_key": f"scale-out-page-{n}",
            "title": f"scale-out page {n}",
            "escalation_path_id": ids.ESCALATION_PATH_URGENT_ID,
        }
    if n % 20 == 3:
        return "incidents_create", {
            "idempotency_key": f"scale-out-incident-{n}",
            "name": f"scale-out incident {n}",
            "visibility": "public",
            "severity_id": ids.SEVERITY_MINOR_ID,
        }
    return READS[n % len(READS)]


@dataclass
class Run:
    """What the clients saw."""

    started: float = field(default_factory=time.monotonic)
    completed: int = 0
    succeeded: int = 0
    clean_errors: list[str] = field(default_factory=list[str])
    transport_errors: list[float] = field(default_factory=list[float])
    """When (seconds into the run) a call failed because its replica died; each was retried."""
    protocol_errors: list[str] = field(default_factory=list[str])
    events: dict[str, float] = field(default_factory=dict[str, float])
    milestones: dict[int, anyio.Event] = field(default_factory=dict[int, anyio.Event])
    """Events set when that many calls have completed."""

    def now(self) -> float:
        return time.monotonic() - self.started

    def complete_one(self) -> None:
        self.completed += 1
        if self.completed in self.milestones:
            self.milestones[self.completed].set()

    async def reached(self, completed: int) -> None:
        await self.milestones[completed].wait()


async def call_with_retries(client: Client, n: int, run: Run) -> None:
    """One logical call: every tool here is idempotent (reads, creates with a fixed key), so a
    call whose replica died is sent again, with the same arguments."""
    name, arguments = tool_call(n)
    for _ in range(4):
        try:
            result = await client.call_tool(name, arguments)
        except MCPError as exc:
            if exc.code in TRANSPORT_CODES:
                run.transport_errors.append(run.now())
                continue
            run.protocol_errors.append(f"{name}: {exc.code} {exc.message}")
            return
        output: dict[str, Any] = result.structured_content or {}
        if output.get("success") is True and result.is_error is False:
            run.succeeded += 1
        else:
            run.clean_errors.append(f"{name}: {output.get('error')}")
        return
    run.protocol_errors.append(f"{name}: still failing after 4 attempts")


async def agent(index: int, url: str, numbers: list[int], run: Run) -> None:
    """One client: a session for its calls. A connection cut under a call breaks the SDK's session
    (it raises instead of answering an error): the call is then sent again in a new session."""
    mode = "legacy" if index % 2 == 0 else "auto"
    pending: int | None = None
    cut = 0
    while pending is not None or numbers:
        try:
            async with (
                httpx2.AsyncClient(
                    headers={"Authorization": f"Bearer {TOKEN}"},
                    timeout=httpx2.Timeout(30, read=300),
                ) as http,
                Client(streamable_http_client(url, http_client=http), mode=mode) as client,
            ):
                while pending is not None or numbers:
                    pending = numbers.pop() if pending is None else pending
                    await call_with_retries(client, pending, run)
                    pending, cut = None, 0
                    run.complete_one()
        except Exception as exc:
            if _only_transport_errors(exc) and cut < 3:
                run.transport_errors.append(run.now())
                cut += 1
                continue
            run.protocol_errors.append(f"client {index} at {run.now():.1f} s: {exc!r}"[:300])
            if pending is not None:
                pending = None
                run.complete_one()


def _only_transport_errors(exc: Exception) -> bool:
    if not isinstance(exc, ExceptionGroup):
        return False
    group: ExceptionGroup[Exception] = exc  # pyright: ignore[reportUnknownVariableType]
    transport, other = group.split(httpx2.TransportError)  # pyright: ignore[reportUnknownMemberType]
    return transport is not None and other is None


@dataclass
class Cluster:
    sandbox_url: str
    redis: RedisServer
    replicas: list[subprocess.Popen[bytes]]
    logs: list[Path]
    haproxy: HAProxy


def _process(args: list[str], log: IO[bytes], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        args, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env
    )


SANDBOX_LISTENING = re.compile(r"incident.io sandbox listening on (http://\S+)")
REPLICA_LISTENING = re.compile(r"incidentio MCP server[^:]*: http://(\S+)/mcp")
"""What each prints once it accepts connections (on the port the system chose for --port 0)."""


def printed(
    pattern: re.Pattern[str], log: Path, what: str, process: subprocess.Popen[bytes]
) -> str:
    """What `pattern` captures in the line a server writes to `log` once it accepts connections."""
    found: list[str] = []

    def seen() -> bool:
        match = pattern.search(log.read_text(errors="replace"))
        if match is not None:
            found.append(match[1])
        return match is not None

    wait_until(seen, what, process, 30)
    return found[0]


@contextmanager
def cluster(tmp_path: Path) -> Generator[Cluster]:
    """The sandbox, Redis, three replicas and HAProxy, all stopped at the end."""
    cli = [sys.executable, "-m", "incidentio_toolkit.cli"]
    with ExitStack() as stack:
        env = {k: v for k, v in os.environ.items() if not k.startswith("INCIDENTIO_")}
        sandbox_log = tmp_path / "sandbox.log"
        sandbox = _process(
            [
                *(*cli, "sandbox", "--port", "0", "--rate-limit", str(BUDGET)),
                *("--escalation-rate-limit", str(PAGES_BUDGET)),
            ],
            stack.enter_context(sandbox_log.open("wb")),
            env,
        )
        stack.callback(stop, sandbox)
        sandbox_url = printed(SANDBOX_LISTENING, sandbox_log, "the sandbox", sandbox)
        redis = stack.enter_context(RedisServer())
        replica_env = {
            **env,
            "INCIDENTIO_API_KEY": DEMO_API_KEY,
            "INCIDENTIO_BASE_URL": sandbox_url,
            "INCIDENTIO_REDIS_URL": redis.url,
            "INCIDENTIO_MCP_TOKEN": TOKEN,
        }
        logs = [tmp_path / f"replica-{i + 1}.log" for i in range(3)]
        replicas: list[subprocess.Popen[bytes]] = []
        for log_path in logs:
            log = stack.enter_context(log_path.open("wb"))
            replica = _process(
                [
                    *(*cli, "mcp", "--transport", "http", "--stateless", "--port", "0"),
                    *("--allow-writes", "--allow-destructive"),
                ],
                log,
                replica_env,
            )
            stack.callback(stop, replica)
            replicas.append(replica)
        addresses = [
            printed(REPLICA_LISTENING, log_path, "a replica", replica)
            for log_path, replica in zip(logs, replicas, strict=True)
        ]
        haproxy_log = stack.enter_context((tmp_path / "haproxy.log").open("wb"))
        balancer = stack.enter_context(HAProxy(addresses, haproxy_log))
        yield Cluster(sandbox_url, redis, replicas, logs, balancer)


async def disturb(run: Run, cluster: Cluster) -> None:
    """Kill a replica, stop Redis and start it again as the calls complete."""
    await run.reached(KILL_AT)
    cluster.replicas[2].send_signal(signal.SIGKILL)
    run.events["replica killed"] = run.now()
    await run.reached(REDIS_STOP_AT)
    await anyio.to_thread.run_sync(cluster.redis.stop)
    run.events["redis stopped"] = run.now()
    await run.reached(REDIS_START_AT)
    await anyio.to_thread.run_sync(cluster.redis.start)
    run.events["redis started"] = run.now()


def sandbox_log(sandbox_url: str) -> list[dict[str, Any]]:
    """Every request the sandbox logged (the log must not have dropped any)."""
    entries: list[dict[str, Any]] = []
    since = 0
    headers = {"Authorization": f"Bearer {DEMO_API_KEY}"}
    while True:
        page = httpx2.get(
            f"{sandbox_url}/_sandbox/requests", params={"since": since}, headers=headers
        ).json()
        assert page["missed"] == 0
        if not page["requests"]:
            return entries
        entries += page["requests"]
        since = page["next_since"]


def busiest_window(times: list[float], width: float) -> int:
    ordered = sorted(times)
    return max(
        (bisect.bisect_right(ordered, t + width) - i for i, t in enumerate(ordered)), default=0
    )


def keys_created(sandbox_url: str) -> tuple[Counter[str], Counter[str]]:
    """How many escalations exist per title, and incidents per name, of this run (each call gave
    its own; the API does not show idempotency keys)."""
    headers = {"Authorization": f"Bearer {DEMO_API_KEY}"}
    pages: Counter[str] = Counter()
    incidents: Counter[str] = Counter()
    for path, items, counter, field_name, size in (
        ("/v2/escalations", "escalations", pages, "title", 50),
        ("/v2/incidents", "incidents", incidents, "name", 250),
    ):
        after: str | None = None
        while True:
            params: dict[str, Any] = {"page_size": size} | ({"after": after} if after else {})
            body = httpx2.get(sandbox_url + path, params=params, headers=headers).json()
            for item in body[items]:
                if str(item.get(field_name) or "").startswith("scale-out"):
                    counter[item[field_name]] += 1
            meta: dict[str, Any] = body.get("pagination_meta") or {}
            after = meta.get("after")
            if not after:
                break
    return pages, incidents


def test_three_stateless_replicas_behind_haproxy_share_one_budget(tmp_path: Path) -> None:
    run = Run()
    with cluster(tmp_path) as running:

        async def main() -> None:
            numbers = list(range(CALLS))[::-1]
            run.milestones = {n: anyio.Event() for n in (KILL_AT, REDIS_STOP_AT, REDIS_START_AT)}
            with anyio.fail_after(600):
                async with anyio.create_task_group() as group:
                    group.start_soon(disturb, run, running)
                    async with anyio.create_task_group() as agents:
                        for index in range(CLIENTS):
                            agents.start_soon(agent, index, running.haproxy.url, numbers, run)

        run.started = time.monotonic()
        anyio.run(main)
        seconds = run.now()
        log = sandbox_log(running.sandbox_url)
        pages, incidents = keys_created(running.sandbox_url)
        alive = [replica.poll() is None for replica in running.replicas]
        sharing = running.redis.ping() and _sharers(running.redis)
    replica_logs = [path.read_text(errors="replace") for path in running.logs]

    api = [entry for entry in log if entry["operation"] is not None]
    times = [datetime.fromisoformat(e["time"].replace("Z", "+00:00")).timestamp() for e in api]
    page_times = [
        t
        for t, e in zip(times, api, strict=True)
        if e["method"] == "POST" and e["path"] == "/v2/escalations"
    ]
    statuses = Counter(entry["status"] for entry in api)
    busiest, busiest_pages = busiest_window(times, 60), busiest_window(page_times, 60)
    kill = run.events["replica killed"]
    record_figure(
        "scale-out, 3 replicas behind HAProxy",
        f"{CALLS} tool calls from {CLIENTS} clients in {seconds:.0f} s; sandbox answers "
        f"{dict(statuses)}; busiest 60 s window {busiest} of {BUDGET} (escalation creates "
        f"{busiest_pages} of {PAGES_BUDGET}); replica killed at {kill:.0f} s: "
        f"{len(run.transport_errors)} calls cut and retried; Redis down "
        f"{run.events['redis stopped']:.0f}-{run.events['redis started']:.0f} s; "
        f"{len(run.protocol_errors)} protocol errors, {len(run.clean_errors)} clean errors",
    )
    assert run.protocol_errors == []
    assert run.completed == CALLS
    assert run.succeeded + len(run.clean_errors) == CALLS
    assert run.clean_errors == []
    # The witness: the sandbox never answered 429, and no 60 s window held more than the budget.
    assert statuses[429] == 0
    assert busiest <= BUDGET
    assert busiest_pages <= PAGES_BUDGET
    # Calls failed only once the replica was killed, and no more than were in flight: each
    # client has one call at a time, and a call cut once is sent again to a live replica.
    assert all(at >= kill for at in run.transport_errors)
    assert len(run.transport_errors) <= CLIENTS
    # Every keyed create exists exactly once, retried or not.
    assert len(pages) == 80
    assert set(pages.values()) == {1}
    assert len(incidents) == 100
    assert set(incidents.values()) == {1}
    # The run finished on the two others; each said once that Redis went away, and once that it
    # came back, and they share through Redis again.
    assert alive == [True, True, False]
    for text in replica_logs[:2]:
        assert text.count("Redis pacing unavailable") == 1, text
        assert text.count("Redis pacing is back") == 1, text
    assert sharing


def _sharers(redis: RedisServer) -> bool:
    import redis as redis_py

    client = redis_py.Redis(host="127.0.0.1", port=redis.port)
    try:
        names: list[bytes] = client.keys("incidentio_toolkit:sharers:*")  # pyright: ignore[reportAssignmentType, reportUnknownMemberType]
        return bool(names) and all(client.zcard(name) == 2 for name in names)  # pyright: ignore[reportUnknownMemberType]
    finally:
        client.close()
