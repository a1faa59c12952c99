"""AsyncIncidentIO's reliability behaviour: deadlines, key hygiene, option checks, never raising."""

from __future__ import annotations

import json

import anyio
import httpx2
import pytest
from tests.pinned_support import pinned

from incidentio_toolkit import AsyncIncidentIO, IncidentIO
from incidentio_toolkit.client import (
    DeadlineExceededError,
    InvalidArgumentsError,
    MethodNotAllowedError,
    MissingAPIKeyError,
    OutcomeUnknownError,
    PacingLimits,
)

KEY = "sk_test_async_canary_0123456789abcdef"


def answer(status: int = 200, body: object = None):
    def handler(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(status, json=body if body is not None else {"severities": []})

    return handler


@pytest.mark.anyio
async def test_a_hung_server_costs_the_deadline_and_not_more() -> None:
    timeouts: list[dict[str, float]] = []
    cancelled: list[str] = []

    async def hang(request: httpx2.Request) -> httpx2.Response:
        timeouts.append(request.extensions["timeout"])
        try:
            await anyio.sleep_forever()
        except anyio.get_cancelled_exc_class():
            cancelled.append(request.url.path)
            raise
        raise AssertionError

    with anyio.fail_after(30):  # only so that a client that never gives up fails instead of hanging
        async with AsyncIncidentIO(
            KEY, transport=httpx2.MockTransport(hang), pacing=None, deadline=0.3
        ) as io:
            result = await io.call("severities_list", {})
    assert result["success"] is False
    assert "deadline" in result["error"]
    # One attempt, given no more than the deadline, and abandoned when it ran out.
    assert len(timeouts) == 1
    assert all(0 < seconds <= 0.3 for seconds in timeouts[0].values()), timeouts
    assert cancelled == ["/v1/severities"]


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


@pytest.mark.anyio
async def test_a_raw_request_sends_what_it_is_given_and_parses_the_answer() -> None:
    seen: list[httpx2.Request] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        return httpx2.Response(200, json={"incident": {"id": "01INC", "echo": KEY}})

    async with AsyncIncidentIO(KEY, transport=httpx2.MockTransport(handler), pacing=None) as io:
        answer = await io.request(
            "post", "/v2/incidents/01INC/actions/edit", query=[("a", "1")], json={"x": [1]}
        )
    [request] = seen
    assert (request.method, request.url.path, request.url.query) == (
        "POST",
        "/v2/incidents/01INC/actions/edit",
        b"a=1",
    )
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert request.content == b'{"x":[1]}'
    assert answer.status == 200
    assert answer.data["incident"]["id"] == "01INC"
    assert KEY not in str(answer)  # an echoed key is scrubbed


@pytest.mark.anyio
async def test_a_raw_request_retries_like_an_action_and_reports_an_unknown_outcome() -> None:
    attempts: list[str] = []

    def flaky(request: httpx2.Request) -> httpx2.Response:
        attempts.append(request.method)
        if len(attempts) == 1 or request.method == "POST":
            return httpx2.Response(503, json={"type": "unavailable", "request_id": "r-1"})
        return httpx2.Response(200, json={"alerts": []})

    async def no_sleep(seconds: float) -> None:
        assert seconds >= 0

    async with AsyncIncidentIO(
        KEY, transport=httpx2.MockTransport(flaky), pacing=None, sleep=no_sleep
    ) as io:
        assert (await io.request("GET", "/v2/alerts", query=[("page_size", "5")])).data == {
            "alerts": []
        }
        assert attempts == ["GET", "GET"]  # a GET is retried
        with pytest.raises(OutcomeUnknownError) as info:
            await io.request("POST", "/v2/alerts/01ALR/actions/resolve")
    assert attempts[2:] == ["POST"]  # an unkeyed POST is not re-sent
    assert "check with alerts_show" in str(info.value)


@pytest.mark.anyio
async def test_a_raw_page_spends_the_paging_budget_of_escalations_create() -> None:
    def created(request: httpx2.Request) -> httpx2.Response:
        if request.method == "GET":
            return httpx2.Response(200, json={"escalations": []})
        return httpx2.Response(201, json={"escalation": {"id": "01ESC"}})

    pacing = PacingLimits(per_minute=100, escalations_per_minute=1)
    async with AsyncIncidentIO(
        KEY, transport=httpx2.MockTransport(created), pacing=pacing, deadline=1.0
    ) as io:
        page = {"idempotency_key": "k1", "title": "t", "user_ids": ["01U"]}
        assert (await io.request("POST", "/v2/escalations", json=page)).status == 201
        with pytest.raises(DeadlineExceededError) as info:
            await io.request("POST", "/v2/escalations", json={**page, "idempotency_key": "k2"})
        assert "Retry escalations_create" in str(info.value)
        assert (await io.request("GET", "/v2/escalations")).status == 200


@pytest.mark.anyio
async def test_a_405_to_a_raw_request_names_the_method_not_a_toolkit_bug() -> None:
    refuse = answer(405, {"type": "method_not_allowed", "request_id": "r-405"})
    async with AsyncIncidentIO(KEY, transport=httpx2.MockTransport(refuse), pacing=None) as io:
        with pytest.raises(MethodNotAllowedError) as raw:
            await io.request("PUT", "/v1/postmortem_documents/01PM", json={})
        action = await io.call("severities_list", {})
    assert str(raw.value).endswith(
        "incident.io does not accept PUT on this path: check the method and the path in its API "
        "reference."
    )
    assert "r-405" in str(raw.value)
    assert "toolkit bug" not in str(raw.value)
    assert "toolkit bug" in str(action["error"])  # an action's own request: a 405 is ours


@pytest.mark.anyio
async def test_a_raw_request_refuses_a_bad_path_or_key_before_any_io() -> None:
    seen: list[httpx2.Request] = []

    def record(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        return httpx2.Response(200, json={})

    async with AsyncIncidentIO(KEY, transport=httpx2.MockTransport(record), pacing=None) as io:
        with pytest.raises(InvalidArgumentsError):
            await io.request("GET", "/v2/../v1/severities")
    async with AsyncIncidentIO("   ", transport=httpx2.MockTransport(record), pacing=None) as io:
        with pytest.raises(MissingAPIKeyError):
            await io.request("GET", "/v1/severities")
    assert seen == []


def test_the_sync_client_sends_raw_requests_too() -> None:
    with IncidentIO(KEY, transport=httpx2.MockTransport(answer()), pacing=None) as io:
        assert io.request("GET", "/v1/severities").data == {"severities": []}


@pytest.mark.anyio
async def test_a_body_echoing_only_a_piece_of_the_key_is_scrubbed_too() -> None:
    body = {"severities": [{"id": "01S", "name": f"token {KEY[3:15]} seen"}]}
    async with AsyncIncidentIO(
        KEY, transport=httpx2.MockTransport(answer(200, body)), pacing=None
    ) as io:
        result = await io.call("severities_list", {})
        raw = await io.request("GET", "/v1/severities")
    for text in (str(result), str(raw.data)):
        assert all(KEY[i : i + 8] not in text for i in range(len(KEY) - 7))
        assert "[redacted]" in text


EP_ID = "01JEP000000000000000000000"
KEEPING = {"id": EP_ID, "name": "Urgent", "path": [{"targets": [{"type": "user", "id": EP_ID}]}]}


@pytest.mark.anyio
async def test_a_replace_fills_what_it_keeps_from_one_read_of_the_object() -> None:
    sent: list[httpx2.Request] = []
    current = {
        "id": EP_ID,
        "name": "Old",
        "path": [],
        "team_ids": ["01JTEAM0000000000000000000"],
        "working_hours": [],
    }

    def server(request: httpx2.Request) -> httpx2.Response:
        sent.append(request)
        return httpx2.Response(200, json={"escalation_path": current})

    async with AsyncIncidentIO(KEY, transport=httpx2.MockTransport(server), pacing=None) as io:
        result = await io.call("escalation_paths_update", {**KEEPING, "working_hours": None})
    assert result["success"] is True, result
    assert [(r.method, r.url.path) for r in sent] == [
        ("GET", f"/v2/escalation_paths/{EP_ID}"),
        ("PUT", f"/v2/escalation_paths/{EP_ID}"),
    ]
    body = json.loads(sent[1].content)
    assert body["team_ids"] == ["01JTEAM0000000000000000000"]
    assert body["working_hours"] == []  # the path has none: sent as it is
    assert "repeat_config" not in body  # the path has none: still none


@pytest.mark.anyio
async def test_a_failed_read_of_what_a_replace_keeps_sends_nothing() -> None:
    sent: list[httpx2.Request] = []

    def server(request: httpx2.Request) -> httpx2.Response:
        sent.append(request)
        return httpx2.Response(404, json={"type": "not_found", "status": 404})

    async with AsyncIncidentIO(KEY, transport=httpx2.MockTransport(server), pacing=None) as io:
        result = await io.call("escalation_paths_update", {**KEEPING, "team_ids": []})
    assert result["success"] is False
    assert result["error"].startswith(
        "Could not look up the current repeat_config, working_hours of escalation path "
        f"'{EP_ID}', so nothing was sent. Cause: "
    )
    assert "404" in result["error"]
    assert [r.method for r in sent] == ["GET"]
