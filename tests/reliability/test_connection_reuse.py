"""Connection reuse: 1,000 sequential calls over real loopback sockets open at most 2 connections.

The server is a tiny Starlette app under uvicorn; it records the client port of every request, and
each distinct port is one TCP connection the client opened.
"""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from tests.reliability.conftest import serve_in_thread
from tests.reliability.figures_support import record_figure

from incidentio_toolkit import AsyncIncidentIO, IncidentIO

KEY = "sk_test_connection_reuse_0123456789"


def counting_app(ports: list[int]) -> Starlette:
    async def severities(request: Request) -> JSONResponse:
        assert request.client is not None
        ports.append(request.client.port)
        return JSONResponse({"severities": [{"id": "01S", "name": "Minor"}]})

    return Starlette(routes=[Route("/v1/severities", severities)])


@pytest.mark.anyio
async def test_1000_sequential_calls_open_at_most_two_connections() -> None:
    ports: list[int] = []
    with serve_in_thread(counting_app(ports)) as base_url:
        async with AsyncIncidentIO(KEY, base_url=base_url) as io:
            results = [await io.call("severities_list", {}) for _ in range(1000)]
    assert all(result["success"] for result in results)
    assert len(ports) == 1000
    connections = len(set(ports))
    record_figure(
        "connection reuse (async client)", f"1000 sequential calls, {connections} connection(s)"
    )
    assert connections <= 2


def test_sync_client_reuses_its_connection_too() -> None:
    ports: list[int] = []
    with serve_in_thread(counting_app(ports)) as base_url, IncidentIO(KEY, base_url=base_url) as io:
        results = [io.call("severities_list", {}) for _ in range(300)]
    assert all(result["success"] for result in results)
    connections = len(set(ports))
    record_figure(
        "connection reuse (sync client)", f"300 sequential calls, {connections} connection(s)"
    )
    assert connections <= 2
