"""The sandbox keeps every write it acknowledged: a server process with a database file is
SIGKILLed in the middle of concurrent idempotent creates (incidents and escalations), then restarted
on the same file.

Every create answered with a 2xx is there after the restart, and resending every idempotency key
(acknowledged or cut off by the kill) gives back one object per key: the first one where it was
acknowledged, never a duplicate.
"""

from __future__ import annotations

import os
import select
import signal
import sqlite3
import subprocess
import sys
from collections import Counter
from collections.abc import Generator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import anyio
import httpx2
import pytest
from tests.reliability.figures_support import record_figure

from incidentio_toolkit.sandbox import DEMO_API_KEY
from incidentio_toolkit.sandbox import seed as s

AUTH = {"Authorization": f"Bearer {DEMO_API_KEY}"}
WORKERS = 8
CREATES_PER_WORKER = 60
KILL_AFTER_ACKNOWLEDGED = 120


class Server:
    """`python -m incidentio_toolkit.sandbox` on a free loopback port, as its own process."""

    def __init__(self, process: subprocess.Popen[str], base_url: str) -> None:
        self.process = process
        self.base_url = base_url


@contextmanager
def sandbox_process(db: Path) -> Generator[Server]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "incidentio_toolkit.sandbox",
            "--port",
            "0",
            "--db",
            str(db),
            "--rate-limit",
            "1000000",
            "--escalation-rate-limit",
            "1000000",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], 30)
        assert ready, "the sandbox printed nothing within 30 s"
        first = process.stdout.readline().strip()
        assert first.startswith("incident.io sandbox listening on http://127.0.0.1:"), first
        yield Server(process, first.rsplit(" ", 1)[-1])
    finally:
        if process.poll() is None:
            process.terminate()
        process.communicate(timeout=30)


def payload(key: str) -> tuple[str, str, dict[str, Any]]:
    """(kind, path, body) of the create behind `key`: even keys declare, odd keys page."""
    if int(key.rsplit("-", 1)[1]) % 2 == 0:
        body = {"idempotency_key": key, "visibility": "public", "name": key}
        return "incident", "/v2/incidents", body
    body = {"idempotency_key": key, "title": key, "user_ids": [s.USER_AMARA_ID]}
    return "escalation", "/v2/escalations", body


async def create_until_killed(server: Server) -> tuple[dict[str, str], list[str], int]:
    """Concurrent creates; the server is SIGKILLed once `KILL_AFTER_ACKNOWLEDGED` have been
    acknowledged, with the other workers' requests in flight. Returns the acknowledged keys with
    their object ids, every key sent, and how many requests the kill cut off."""
    acknowledged: dict[str, str] = {}
    sent: list[str] = []
    cut_off = 0
    killed = False

    async def worker(number: int, http: httpx2.AsyncClient) -> None:
        nonlocal cut_off, killed
        for index in range(CREATES_PER_WORKER):
            key = f"w{number}-{index}"
            kind, path, body = payload(key)
            sent.append(key)
            in_flight_at_kill = not killed
            try:
                response = await http.post(path, json=body)
            except httpx2.TransportError:
                cut_off += in_flight_at_kill
                return
            assert response.is_success, response.text
            acknowledged[key] = response.json()[kind]["id"]
            if len(acknowledged) == KILL_AFTER_ACKNOWLEDGED:
                server.process.send_signal(signal.SIGKILL)
                killed = True

    with anyio.fail_after(120):
        async with (
            httpx2.AsyncClient(base_url=server.base_url, headers=AUTH, timeout=30) as http,
            anyio.create_task_group() as group,
        ):
            for number in range(WORKERS):
                group.start_soon(worker, number, http)
    return acknowledged, sent, cut_off


def count_by_name(http: httpx2.Client, path: str, key: str, name: str) -> Counter[str]:
    """How many objects of a list endpoint have each `name` (every page walked)."""
    counts: Counter[str] = Counter()
    params: dict[str, Any] = {"page_size": 50 if "escalations" in path else 250}
    while True:
        page: dict[str, Any] = http.get(path, params=params).json()
        counts.update(item[name] for item in page[key])
        meta: dict[str, Any] = page.get("pagination_meta") or {}
        after = meta.get("after")
        if not after:
            return counts
        params["after"] = after


@pytest.mark.anyio
async def test_a_sigkilled_server_keeps_every_acknowledged_create(tmp_path: Path) -> None:
    db = tmp_path / "durable.db"
    with sandbox_process(db) as server:
        acknowledged, sent, cut_off = await create_until_killed(server)
        assert server.process.wait(timeout=30) == -signal.SIGKILL
    assert len(acknowledged) >= KILL_AFTER_ACKNOWLEDGED
    assert cut_off >= 1, "the kill must land while creates are in flight"

    integrity = sqlite3.connect(db).execute("PRAGMA integrity_check").fetchall()
    assert integrity == [("ok",)]

    with (
        sandbox_process(db) as server,
        httpx2.Client(base_url=server.base_url, headers=AUTH) as http,
    ):
        for key, object_id in acknowledged.items():
            kind, path, _ = payload(key)
            shown = http.get(f"{path}/{object_id}")
            assert shown.status_code == 200, (key, shown.text)
            assert shown.json()[kind]["id"] == object_id

        for key in sent:
            kind, path, body = payload(key)
            again = http.post(path, json=body)
            assert again.is_success, again.text
            if key in acknowledged:
                assert again.json()[kind]["id"] == acknowledged[key], key

        incidents = count_by_name(http, "/v2/incidents", "incidents", "name")
        escalations = count_by_name(http, "/v2/escalations", "escalations", "title")
    for key in sent:
        counts = incidents if payload(key)[0] == "incident" else escalations
        assert counts[key] == 1, key
    record_figure(
        "sandbox durability",
        f"{len(acknowledged)} creates acknowledged before SIGKILL ({cut_off} cut off in flight): "
        f"{len(acknowledged)} found after restart; {len(sent)} keys resent, 0 duplicates",
    )
