"""AsyncIncidentIO's reliability behaviour: deadlines, key hygiene, option checks, never raising."""

from __future__ import annotations

import time

import anyio
import httpx2
import pytest
from tests.pinned_support import pinned

from incidentio_toolkit import AsyncIncidentIO, IncidentIO
from incidentio_toolkit.client import DeadlineExceededError, MissingAPIKeyError

KEY = "sk_test_async_canary_0123456789abcdef"


def answer(status: int = 200, body: object = None):
    def handler(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(status, json=body if body is not None else {"severities": []})

    return handler


@pytest.mark.anyio
async def test_a_hung_server_costs_the_deadline_and_not_more() -> None:
    async def hang(request: httpx2.Request) -> httpx2.Response:
        await anyio.sleep_forever()
        raise AssertionError

    started = time.monotonic()
    async with AsyncIncidentIO(
        KEY, transport=httpx2.MockTransport(hang), pacing=None, deadline=0.3
    ) as io:
        result = await io.call("severities_list", {})
    assert time.monotonic() - started < 1.3
    assert result["success"] is False
    assert "deadline" in result["error"]


@pytest.mark.anyio
async def test_execute_raises_deadline_exceeded_with_the_last_failure() -> None:
    now = [0.0]

    async def sleep(seconds: float) -> None:
        now[0] += seconds + 0.2  # an event loop that oversleeps

    def slow_failure(request: httpx2.Request) -> httpx2.Response:
        now[0] += 0.4
        return httpx2.Response(503, json={"type": "unavailable", "request_id": "r-1"})

    async with AsyncIncidentIO(
        KEY,
        transport=httpx2.MockTransport(slow_failure),
        pacing=None,
        deadline=1.0,
        sleep=sleep,
        clock=lambda: now[0],
        jitter=lambda: 0.0,
    ) as io:
        with pytest.raises(DeadlineExceededError) as info:
            await io.execute(io_action("severities_list"), {})
    assert "1 s deadline after 1 attempt(s)" in str(info.value)
    assert "503" in str(info.value)


def io_action(name: str):
    from incidentio_toolkit import ACTIONS

    return ACTIONS[name]


@pytest.mark.anyio
@pytest.mark.parametrize(
    "key",
    [
        "sk live with spaces",
        "sk_tab\tkey_0123456789",
        "sk_é_unicode_0123456789",
        "sk_nul_0123456789\x00",
    ],
)
async def test_malformed_keys_fail_before_any_request_without_quoting_the_key(key: str) -> None:
    sent: list[httpx2.Request] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        sent.append(request)
        return httpx2.Response(200, json={"severities": []})

    async with AsyncIncidentIO(key, transport=httpx2.MockTransport(handler), pacing=None) as io:
        result = await io.call("severities_list", {})
    assert sent == []
    assert result["success"] is False
    assert "INCIDENTIO_API_KEY" in result["error"]
    assert key not in result["error"]
    with pytest.raises(MissingAPIKeyError):
        async with AsyncIncidentIO(key, transport=httpx2.MockTransport(handler), pacing=None) as io:
            await io.execute(io_action("severities_list"), {})


@pytest.mark.anyio
async def test_a_trailing_newline_on_the_key_is_not_sent() -> None:
    sent: list[httpx2.Request] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        sent.append(request)
        return httpx2.Response(200, json={"severities": []})

    async with AsyncIncidentIO(
        KEY + "\n", transport=httpx2.MockTransport(handler), pacing=None
    ) as io:
        assert (await io.call("severities_list", {}))["success"]
    assert sent[0].headers["authorization"] == f"Bearer {KEY}"


@pytest.mark.parametrize(
    "options",
    [
        {"max_retries": -1},
        {"deadline": 0},
        {"deadline": -5},
        {"connect_timeout": 0},
        {"read_timeout": -1},
    ],
)
def test_nonsense_options_are_refused_at_construction(options: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="must be"):
        AsyncIncidentIO(KEY, **options)  # type: ignore[arg-type]


@pytest.mark.anyio
async def test_a_body_echoing_the_key_is_scrubbed_from_the_result() -> None:
    body = {"severities": [{"id": "01S", "name": f"echo {KEY}", "note": KEY[4:20]}]}
    async with AsyncIncidentIO(
        KEY, transport=httpx2.MockTransport(answer(200, body)), pacing=None
    ) as io:
        result = await io.call("severities_list", {})
    assert result["success"] is True
    text = str(result)
    assert all(KEY[i : i + 8] not in text for i in range(len(KEY) - 7))
    assert result["severities"][0]["id"] == "01S"


@pytest.mark.anyio
async def test_call_never_raises_on_bad_input_shapes() -> None:
    async with AsyncIncidentIO(KEY, transport=httpx2.MockTransport(answer()), pacing=None) as io:
        unknown = await io.call("no_such_action", {})
        not_a_mapping = await io.call("severities_list", ["x"])  # type: ignore[arg-type]
        extra = await io.call("severities_list", {"bogus": 1})
    assert unknown == {"success": False, "error": unknown["error"]}
    assert "no_such_action" in unknown["error"]
    assert not_a_mapping["success"] is False
    assert "Nothing was sent" in not_a_mapping["error"]
    assert "unknown parameter 'bogus'" in extra["error"]


def test_reprs_never_show_the_key_or_the_redis_url() -> None:
    url = "redis://:hunter2-secret@127.0.0.1:1/0"
    async_client = AsyncIncidentIO(KEY, pacing=None, redis_url=url)
    sync_client = IncidentIO(KEY, pacing=None, redis_url=url)
    for text in (
        repr(async_client),
        repr(sync_client),
        repr(async_client.config),
        str(async_client.config),
    ):
        assert KEY[:8] not in text
        assert "hunter2" not in text
    sync_client.close()


def test_sync_client_shares_the_same_retry_path() -> None:
    calls: list[int] = []

    def flaky(request: httpx2.Request) -> httpx2.Response:
        calls.append(1)
        if len(calls) == 1:
            return httpx2.Response(503, json={"type": "unavailable"})
        return httpx2.Response(200, json={"severities": []})

    async def no_sleep(seconds: float) -> None:
        return None

    with IncidentIO(KEY, transport=httpx2.MockTransport(flaky), pacing=None, sleep=no_sleep) as io:
        assert io.call("severities_list", {})["success"] is True
    assert len(calls) == 2


@pytest.mark.anyio
async def test_fields_shape_the_answer_and_an_unknown_one_sends_nothing() -> None:
    async with pinned() as sandbox:
        picked = await sandbox.client.call(
            "incidents_list", {"fields": "reference, severity.name, lead"}
        )
        everything = await sandbox.client.call("incidents_show", {"id": "INC-5", "fields": ["*"]})
        sent = len(sandbox.transport.requests)
        refused = await sandbox.client.call("incidents_list", {"fields": ["severity.name", "sev"]})
        assert len(sandbox.transport.requests) == sent
    assert picked["incidents"][1] == {
        "reference": "INC-5",
        "severity": {"name": "Critical"},
        "lead": "Amara Okafor",
    }
    assert picked["pagination_meta"]["total_record_count"] == 5
    assert "custom_field_entries" in everything["incident"]
    assert refused["success"] is False
    assert "unknown field 'sev'" in refused["error"]
    assert refused["error"].endswith("Nothing was sent.")


@pytest.mark.anyio
async def test_without_fields_the_python_client_answers_with_full_objects() -> None:
    async with pinned() as sandbox:
        typed = await sandbox.client.severities_list()
    assert typed.severities[0]["created_at"] == "2024-01-08T09:00:00Z"


@pytest.mark.anyio
async def test_composites_run_through_call_execute_and_the_typed_methods() -> None:
    async with pinned() as sandbox:
        by_call = await sandbox.client.call("on_call_now", {"schedule": "Primary On-call"})
        by_execute = await sandbox.client.execute("on_call_now", {"schedule": "Primary On-call"})
        typed = await sandbox.client.on_call_now(schedule="Primary On-call")
        assert sandbox.client.now().isoformat() == "2025-06-10T12:00:00+00:00"
    assert by_call == dict(by_execute) == dict(typed)
    assert by_call["on_call"]["schedule"] == "Primary On-call"


def test_the_sync_client_runs_composites_and_tells_the_time() -> None:
    with IncidentIO(KEY, transport=httpx2.MockTransport(answer(500)), pacing=None) as io:
        result = io.incident_brief(incident="INC-1")
        assert io.now().tzinfo is not None
    assert result.success is False
    assert "500" in (result.error or "")


@pytest.mark.anyio
async def test_prepare_validates_and_resolves_names_with_reads_only() -> None:
    from incidentio_toolkit.client import InvalidArgumentsError

    async with pinned() as sandbox:
        io = sandbox.client
        severity = (await io.call("severities_list", {}))["severities"][0]
        incident = (await io.call("incidents_show", {"id": "INC-5"}))["incident"]
        sandbox.transport.requests.clear()
        prepared = await io.prepare(
            "incidents_update",
            {
                "id": incident["id"],
                "severity_id": severity["name"],
                "notify_incident_channel": False,
            },
        )
        with pytest.raises(InvalidArgumentsError, match="no severity matches 'Nope'"):
            await io.prepare(
                "incidents_create",
                {"idempotency_key": "k", "severity_id": "Nope", "visibility": "public"},
            )
        with pytest.raises(InvalidArgumentsError, match="'title' is required"):
            await io.prepare("escalations_create", {"idempotency_key": "k", "user_ids": ["x"]})
        seen = sandbox.transport.paths()
    values = prepared.model_dump()
    assert values["severity_id"] == severity["id"]
    assert values["id"] == incident["id"]
    assert seen  # the names were looked up ...
    assert all(line.startswith("GET ") for line in seen)  # ... by reads only
