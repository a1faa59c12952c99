"""Key canary: a planted key, nor any 8-character piece of it, appears anywhere the toolkit writes.

Checked: results and errors of every action under every fault (and from a server that echoes the
Authorization header back), DEBUG logs of every logger (plain logging and the redacting formatter,
over MockTransport and over real loopback sockets), reprs and tracebacks of clients, configs,
pacers and errors, and the keys the shared pacing budget writes into Redis.
"""

from __future__ import annotations

import io
import logging
import traceback
from collections.abc import Iterator
from typing import Any, cast

import httpx2
import pytest
import redis
from tests.arguments_support import FULL_ARGUMENTS
from tests.reliability.faults import FAULTS, FaultServer, leaked_pieces, no_sleep
from tests.reliability.figures_support import add_to_figure

from incidentio_toolkit import ACTIONS, AsyncIncidentIO, IncidentIO, PacingLimits
from incidentio_toolkit.client._logging import RedactingFormatter
from incidentio_toolkit.client._pacing import Pacer
from incidentio_toolkit.sandbox import SandboxServer

KEY = "sk_live_CANARY_v7Qe2LmZp9Xw4RtY8uKd3NsB"
OTHER_KEY = "sk_live_WRONGKEY_h5Jc8PqL2zVx7mTn4bGd"


def assert_clean(text: str, where: str, key: str = KEY) -> None:
    leaked = leaked_pieces(text, key)
    assert not leaked, f"{where}: key pieces {leaked} in {text[:300]!r}"
    add_to_figure(
        "key canary",
        "0 pieces of the planted key in {texts} texts ({chars:,} chars): results, errors, "
        "tracebacks, reprs, DEBUG logs, echoed keys, the keys written to Redis",
        {"texts": 1, "chars": len(text)},
    )


@pytest.fixture
def all_logs(caplog: pytest.LogCaptureFixture) -> Iterator[io.StringIO]:
    """Every logger at DEBUG: caplog keeps plain records, the stream gets the redacting format."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(RedactingFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    caplog.set_level(logging.DEBUG)
    try:
        yield stream
    finally:
        root.removeHandler(handler)


def plain_log_text(caplog: pytest.LogCaptureFixture) -> str:
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    lines = [formatter.format(record) for record in caplog.records]
    for record in caplog.records:
        if record.exc_info:
            lines.append("".join(traceback.format_exception(*record.exc_info)))  # pyright: ignore[reportArgumentType]
    return "\n".join(lines)


@pytest.mark.anyio
async def test_no_piece_of_the_key_in_results_errors_logs_or_reprs_under_every_fault(
    all_logs: io.StringIO, caplog: pytest.LogCaptureFixture
) -> None:
    exceptions: list[BaseException] = []
    for action in ACTIONS.values():
        for fault in (None, *FAULTS):
            server = FaultServer(action, fault)
            async with AsyncIncidentIO(
                KEY, transport=server.transport(), pacing=PacingLimits(), sleep=no_sleep
            ) as client:
                result = await client.call(action.name, FULL_ARGUMENTS[action.name])
                assert_clean(repr(result), f"{action.name}/{fault} result")
                assert_clean(repr(client), "client repr")
                if fault in ("status_401", "read_timeout", "body_html"):
                    try:
                        await client.execute(action, FULL_ARGUMENTS[action.name])
                    except Exception as exc:
                        exceptions.append(exc)
    for exc in exceptions:
        assert_clean(repr(exc), "exception repr")
        assert_clean("".join(traceback.format_exception(exc)), "traceback")
    assert len(exceptions) >= len(ACTIONS) * 3 - 10
    assert_clean(plain_log_text(caplog), "plain DEBUG logs")
    assert_clean(all_logs.getvalue(), "redacting DEBUG logs")
    assert "attempt" in all_logs.getvalue()  # the request log lines really were captured


@pytest.mark.anyio
async def test_a_server_echoing_the_key_back_cannot_leak_it(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)

    def echo(request: httpx2.Request) -> httpx2.Response:
        header = request.headers["authorization"]
        if request.url.path == "/v1/severities":
            return httpx2.Response(200, json={"severities": [{"id": "01S", "name": header}]})
        if request.url.path == "/v1/incident_types":
            return httpx2.Response(502, text=f"<html>upstream said {header}</html>")
        if request.url.path == "/v2/users":
            return httpx2.Response(200, text=f"not json {header}")
        return httpx2.Response(
            401,
            json={
                "type": "authentication_error",
                "request_id": header,
                "errors": [
                    {
                        "code": header,
                        "message": f"bad key {header[7:]}",
                        "source": {"field": header},
                    }
                ],
            },
        )

    async with AsyncIncidentIO(KEY, transport=httpx2.MockTransport(echo), sleep=no_sleep) as client:
        results: list[dict[str, Any]] = [
            await client.call(name, {})
            for name in (
                "severities_list",
                "incident_types_list",
                "users_list",
                "incident_statuses_list",
            )
        ]
    assert results[0]["success"] is True
    assert [r["success"] for r in results[1:]] == [False, False, False]
    for result in results:
        assert_clean(repr(result), "echoed result")
    assert_clean(plain_log_text(caplog), "logs")


def test_reprs_of_clients_configs_and_pacers_show_no_key() -> None:
    async_client = AsyncIncidentIO(KEY, redis_url="redis://:pw@127.0.0.1:1/0")
    sync_client = IncidentIO(KEY)
    pacer = Pacer(PacingLimits(), sleep=no_sleep)
    try:
        for thing in (async_client, sync_client, async_client.config, pacer, PacingLimits()):
            assert_clean(repr(thing), type(thing).__name__)
            assert_clean(str(thing), type(thing).__name__)
        assert_clean(
            repr(vars(async_client.config)) if hasattr(async_client.config, "__dict__") else "",
            "vars",
        )
    finally:
        sync_client.close()


@pytest.mark.anyio
async def test_no_key_in_debug_logs_over_real_sockets(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with SandboxServer(port=0, api_keys=[KEY]) as server:
        async with AsyncIncidentIO(KEY, base_url=server.base_url) as good:
            ok = [
                await good.call(name, {})
                for name in ("severities_list", "users_list", "incidents_list")
            ]
        async with AsyncIncidentIO(OTHER_KEY, base_url=server.base_url) as wrong:
            refused = await wrong.call("severities_list", {})
    assert all(result["success"] for result in ok)
    assert refused["success"] is False
    assert "401" in refused["error"]
    text = plain_log_text(caplog)
    assert "httpcore" in text  # the transport's own DEBUG traces were captured
    for key in (KEY, OTHER_KEY):
        assert_clean(text, "socket-level DEBUG logs", key)
        assert_clean(repr(ok) + repr(refused), "sandbox results", key)


@pytest.mark.anyio
async def test_the_shared_redis_budget_is_keyed_by_a_hash_not_the_key(redis_url: str) -> None:
    def answer(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, json={"severities": []})

    async with AsyncIncidentIO(
        KEY, transport=httpx2.MockTransport(answer), redis_url=redis_url
    ) as client:
        assert (await client.call("severities_list", {}))["success"]
        pacer = client._pacer  # pyright: ignore[reportPrivateUsage]
        assert pacer is not None
        assert pacer.shared
    connection = redis.Redis.from_url(redis_url, decode_responses=True)  # pyright: ignore[reportUnknownMemberType]
    try:
        names = cast("list[str]", connection.keys("*"))  # pyright: ignore[reportUnknownMemberType]
        values = [repr(connection.lrange(name, 0, -1)) for name in names]
    finally:
        connection.close()
    assert names
    assert_clean(" ".join(names) + " ".join(values), "redis keys")
