"""Names and references where ids are expected: resolved before the request, cached for a while,
refused with the closest candidates, and never sent as ids."""

from __future__ import annotations

import json
from typing import Any

import anyio
import httpx2
import pytest
from tests.pinned_support import pinned

from incidentio_toolkit.actions.reference import SEVERITIES
from incidentio_toolkit.client import AsyncIncidentIO
from incidentio_toolkit.client._resolve import MAX_LISTED
from incidentio_toolkit.sandbox import seed

pytestmark = pytest.mark.anyio
KEY = "sk_test_resolve_0123456789abcdef"
ULID = "01JSEV00000000000000000000"


class FakeAPI:
    """Answers list calls from fixed pages; records every request."""

    def __init__(self, **pages: list[dict[str, Any]]) -> None:
        self.pages = pages
        self.requests: list[httpx2.Request] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        key = request.url.path.rsplit("/", 1)[1]
        if key in self.pages and request.method == "GET":
            return httpx2.Response(200, json={key: self.pages[key]})
        if request.method == "POST":
            return httpx2.Response(200, json={"incident": {"id": "01JNC000000000000000000000"}})
        return httpx2.Response(500, json={"type": "internal_error"})

    def sent(self) -> list[str]:
        return [f"{r.method} {r.url.path}" for r in self.requests]


def client(api: FakeAPI, **settings: Any) -> AsyncIncidentIO:
    return AsyncIncidentIO(KEY, transport=httpx2.MockTransport(api), pacing=None, **settings)


SEVERITY_PAGE = [
    {"id": "01JSEV10000000000000000000", "name": "Minor"},
    {"id": "01JSEV20000000000000000000", "name": "Major"},
    {"id": "01JSEV30000000000000000000", "name": "Critical"},
]
CREATE = {"idempotency_key": "k", "visibility": "public"}


async def test_an_id_is_sent_as_given_without_a_lookup() -> None:
    api = FakeAPI()
    async with client(api) as io:
        result = await io.call("incidents_create", {**CREATE, "severity_id": ULID})
    assert result["success"] is True
    assert api.sent() == ["POST /v2/incidents"]
    assert json.loads(api.requests[0].content)["severity_id"] == ULID


async def test_names_are_matched_case_insensitively_and_sent_as_their_ids() -> None:
    async with pinned() as sandbox:
        result = await sandbox.client.call(
            "incidents_create",
            {
                **CREATE,
                "severity_id": "  major ",
                "incident_type_id": "customer FACING",
                "incident_status_id": "Fixing",
            },
        )
        body = json.loads(sandbox.transport.requests[-1].content)
        sent = sandbox.transport.paths()
    assert result["success"] is True, result
    assert body["severity_id"] == seed.SEVERITY_MAJOR_ID
    assert body["incident_type_id"] == seed.INCIDENT_TYPE_CUSTOMER_FACING_ID
    assert body["incident_status_id"] == seed.STATUS_FIXING_ID
    assert sorted(sent[:-1]) == [
        "GET /v1/incident_statuses",
        "GET /v1/incident_types",
        "GET /v1/severities",
    ]
    assert sent[-1] == "POST /v2/incidents"


async def test_an_unknown_name_lists_the_closest_and_sends_nothing() -> None:
    api = FakeAPI(severities=SEVERITY_PAGE)
    async with client(api) as io:
        result = await io.call("incidents_create", {**CREATE, "severity_id": "Majr"})
    assert result["success"] is False
    assert result["error"] == (
        "severity_id: no severity matches 'Majr'. Closest: 'Major'. Give a name or id "
        "(severities_list lists them). Nothing was sent."
    )
    assert api.sent() == ["GET /v1/severities"]


async def test_an_ambiguous_name_lists_each_match_and_sends_nothing() -> None:
    users = [
        {"id": "01JSR100000000000000000000", "name": "Alex Smith", "email": "alex@a.example"},
        {"id": "01JSR200000000000000000000", "name": "alex smith", "email": "alex@b.example"},
    ]
    api = FakeAPI(users=users)
    async with client(api) as io:
        result = await io.call(
            "escalations_create", {"idempotency_key": "k", "title": "t", "user_ids": ["Alex Smith"]}
        )
    assert result["success"] is False
    error = result["error"]
    assert "user_ids: 'Alex Smith' names 2 users" in error
    assert "alex@a.example" in error
    assert "alex@b.example" in error
    assert error.endswith("Nothing was sent.")
    assert "POST /v2/escalations" not in api.sent()


async def test_users_by_email_or_slack_id_cost_one_filtered_list_call() -> None:
    async with pinned() as sandbox:
        by_email = await sandbox.client.call("users_show", {"id": "KENJI.tanaka@northwind.example"})
        by_slack = await sandbox.client.call("users_show", {"id": "U04KENJI004"})
        by_name = await sandbox.client.call("users_show", {"id": "kenji tanaka"})
        requests = [(r.url.path, dict(r.url.params)) for r in sandbox.transport.requests]
    assert by_email["user"]["id"] == by_slack["user"]["id"] == by_name["user"]["id"]
    assert by_email["user"]["id"] == seed.USER_KENJI_ID
    assert requests[0] == ("/v2/users", {"email": "KENJI.tanaka@northwind.example"})
    assert requests[2] == ("/v2/users", {"slack_user_id": "U04KENJI004"})
    assert requests[4] == (
        "/v2/users",
        {"page_size": "10000"},
    )  # a name: the whole list, then cached
    assert [path for path, _ in requests].count(f"/v2/users/{seed.USER_KENJI_ID}") == 3


async def test_an_incident_reference_costs_one_show_call_for_the_clients_life() -> None:
    async with pinned() as sandbox:
        first = await sandbox.client.call("actions_list", {"incident_id": "INC-5"})
        again = await sandbox.client.call("follow_ups_list", {"incident_id": "#inc-5"})
        sent = sandbox.transport.paths()
    assert first["success"] is True
    assert again["success"] is True
    assert sent == ["GET /v2/incidents/5", "GET /v2/actions", "GET /v2/follow_ups"]
    assert sandbox.transport.requests[1].url.params["incident_id"] == seed.INCIDENT_WEBHOOKS_ID
    assert {a["incident_id"] for a in first["actions"]} == {seed.INCIDENT_WEBHOOKS_ID}


async def test_a_value_that_is_neither_an_incident_id_nor_a_reference_is_refused() -> None:
    api = FakeAPI()
    async with client(api) as io:
        result = await io.call("actions_list", {"incident_id": "Checkout down"})
    assert result["success"] is False
    assert "not an incident id or reference such as INC-123" in result["error"]
    assert api.requests == []


async def test_reference_data_is_cached_for_the_ttl_then_read_again() -> None:
    now = [1000.0]
    api = FakeAPI(severities=SEVERITY_PAGE, incidents=[])
    async with client(api, clock=lambda: now[0], reference_ttl=60) as io:
        for _ in range(2):
            await io.call("incidents_list", {"severity_at_least": "Minor"})
        now[0] += 59
        await io.call("incidents_list", {"severity_at_least": "Minor"})
        assert api.sent().count("GET /v1/severities") == 1
        now[0] += 2
        await io.call("incidents_list", {"severity_at_least": "Minor"})
    assert api.sent().count("GET /v1/severities") == 2
    assert api.sent().count("GET /v2/incidents") == 4


async def test_a_ttl_of_zero_looks_names_up_on_every_call() -> None:
    api = FakeAPI(severities=SEVERITY_PAGE, incidents=[])
    async with client(api, reference_ttl=0) as io:
        for _ in range(2):
            await io.call("incidents_list", {"severity_ids": "Minor, Major"})
    assert api.sent().count("GET /v1/severities") == 4
    query = api.requests[-1].url.params.get_list("severity[one_of]")
    assert query == ["01JSEV10000000000000000000", "01JSEV20000000000000000000"]


async def test_a_write_empties_the_cache() -> None:
    async with pinned() as sandbox:
        await sandbox.client.call("incidents_list", {"severity_at_least": "Major"})
        await sandbox.client.call(
            "incidents_update",
            {"id": "INC-6", "severity_id": "Major", "notify_incident_channel": False},
        )
        assert sandbox.transport.paths().count("GET /v1/severities") == 1  # still cached
        await sandbox.client.call("incidents_list", {"severity_at_least": "Major"})
        sent = sandbox.transport.paths()
    assert sent.count("GET /v1/severities") == 2  # read again after the write


async def test_a_failed_lookup_says_so_and_sends_nothing() -> None:
    api = FakeAPI()
    async with client(api, max_retries=0) as io:
        result = await io.call("incidents_create", {**CREATE, "severity_id": "Major"})
    assert result["success"] is False
    assert result["error"].startswith(
        "Could not look up severity 'Major' for severity_id, so nothing was sent. Cause: "
    )
    assert "500" in result["error"]
    assert api.sent() == ["GET /v1/severities"]


async def test_listing_shares_the_cache_that_names_use() -> None:
    api = FakeAPI(severities=SEVERITY_PAGE)
    async with client(api) as io:
        listed = await io.listing(SEVERITIES)
        await io.call("incidents_create", {**CREATE, "severity_id": "Critical"})
    assert [s["name"] for s in listed] == ["Minor", "Major", "Critical"]
    assert api.sent() == ["GET /v1/severities", "POST /v2/incidents"]


async def test_concurrent_calls_naming_the_same_catalog_share_one_read() -> None:
    api = FakeAPI(severities=SEVERITY_PAGE, incidents=[])
    async with client(api) as io, anyio.create_task_group() as group:
        for name in ("Minor", "Major", "Critical", "minor"):
            group.start_soon(io.call, "incidents_list", {"severity_at_least": name})
    assert api.sent().count("GET /v1/severities") == 1
    assert api.sent().count("GET /v2/incidents") == 4


class PagedUsers:
    """users_list over `count` users, honouring page_size and the after cursor."""

    def __init__(self, count: int) -> None:
        self.users = [
            {"id": f"01JUSR{n:020d}", "name": f"User {n}", "email": f"user{n}@example.com"}
            for n in range(count)
        ]
        self.requests: list[httpx2.Request] = []

    def __call__(self, request: httpx2.Request) -> httpx2.Response:
        self.requests.append(request)
        if request.url.path != "/v2/users":
            return httpx2.Response(200, json={"incident": {"id": "01JNC000000000000000000000"}})
        size = int(request.url.params.get("page_size", "25"))
        start = int(request.url.params.get("after", "0"))
        page = self.users[start : start + size]
        more = start + size < len(self.users)
        meta = {"page_size": size, **({"after": str(start + size)} if more else {})}
        return httpx2.Response(200, json={"users": page, "pagination_meta": meta})


async def test_a_large_catalog_is_read_in_its_largest_pages_to_the_end() -> None:
    api = PagedUsers(3_000)
    async with AsyncIncidentIO(KEY, transport=httpx2.MockTransport(api), pacing=None) as io:
        resolved = await io.prepare("users_show", {"id": "User 2800"})
    assert resolved.model_dump()["id"] == "01JUSR00000000000000002800"
    assert [r.url.params.get("page_size") for r in api.requests] == ["10000"]


async def test_a_catalog_too_large_to_list_whole_is_never_matched_by_name() -> None:
    api = PagedUsers(MAX_LISTED + 1)
    async with AsyncIncidentIO(KEY, transport=httpx2.MockTransport(api), pacing=None) as io:
        result = await io.call("users_show", {"id": "User 2800"})
    assert result["success"] is False
    assert "more than 10,000 users" in result["error"]
    assert "give the user's id" in result["error"]
    assert all(r.url.path == "/v2/users" for r in api.requests)


async def test_names_inside_nested_parameters_are_resolved_too() -> None:
    rotation = {
        "name": "Weekly",
        "users": [
            {"id": "kenji.tanaka@northwind.example"},
            {"id": "Diego Alvarez"},
            {"id": seed.USER_HANNAH_ID},
            {"email": "sofia.rossi@northwind.example"},  # the API's own field: sent as given
        ],
        "handover_start_at": "2025-06-02T09:00:00Z",
        "handovers": [{"interval": 1, "interval_type": "weekly"}],
        "layers": [{"name": "Only"}],
    }
    async with pinned() as sandbox:
        made = await sandbox.client.call(
            "schedules_create",
            {"name": "Nested names", "timezone": "UTC", "rotations_config": [rotation]},
        )
        body = json.loads(sandbox.transport.requests[-1].content)
    assert made["success"] is True, made
    [sent] = body["schedule"]["config"]["rotations"]
    assert sent["users"] == [
        {"id": seed.USER_KENJI_ID},
        {"id": seed.USER_DIEGO_ID},
        {"id": seed.USER_HANNAH_ID},
        {"email": "sofia.rossi@northwind.example"},
    ]
    assert {key: value for key, value in sent.items() if key != "users"} == {
        key: value for key, value in rotation.items() if key != "users"
    }


async def test_an_unknown_nested_name_is_located_and_nothing_is_sent() -> None:
    users = [{"id": "01JSR100000000000000000000", "name": "Alex Smith", "email": "a@a.example"}]
    api = FakeAPI(users=users)
    level = {"targets": [{"type": "user", "id": "01JSR100000000000000000000"}]}
    typo = {
        "targets": [
            {"type": "user", "id": "01JSR100000000000000000000"},
            {"type": "user", "id": "Alex Smyth"},
        ]
    }
    async with client(api) as io:
        result = await io.call("escalation_paths_create", {"name": "p", "path": [level, typo]})
    assert result["success"] is False
    assert result["error"].startswith("path[1].targets[1].user_id: no user matches 'Alex Smyth'.")
    assert "Closest: 'Alex Smith'" in result["error"]
    assert api.sent() == ["GET /v2/users"]
