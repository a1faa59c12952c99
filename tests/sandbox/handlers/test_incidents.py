"""`/v2/incidents` over raw HTTP: create, show, list (pagination and filters) and edit."""

from __future__ import annotations

from typing import Any

import httpx2
import pytest
from tests.sandbox.support import create_incident

from incidentio_toolkit.sandbox import seed

pytestmark = pytest.mark.anyio


SEEDED_VISIBLE = {
    seed.INCIDENT_CHECKOUT_ID,
    seed.INCIDENT_DNS_RETRO_ID,
    seed.INCIDENT_SEARCH_LATENCY_ID,
    seed.INCIDENT_WEBHOOKS_ID,
    seed.INCIDENT_LOGIN_EMAILS_ID,
}


async def _ids(client: httpx2.AsyncClient, params: Any) -> list[str]:
    response = await client.get("/v2/incidents", params=params)
    assert response.status_code == 200, response.text
    return [i["id"] for i in response.json()["incidents"]]


def _error(response: httpx2.Response) -> dict[str, Any]:
    error: dict[str, Any] = response.json()["errors"][0]
    return error


async def test_incident_create_answers_200_with_defaults_and_a_new_reference(
    client: httpx2.AsyncClient,
) -> None:
    response = await create_incident(
        client, "k1", name="Disk full on db-3", severity_id=seed.SEVERITY_MAJOR_ID
    )
    assert response.status_code == 200
    incident = response.json()["incident"]
    assert incident["reference"] == "INC-7"
    assert incident["name"] == "Disk full on db-3"
    assert incident["severity"]["id"] == seed.SEVERITY_MAJOR_ID
    assert incident["incident_status"]["id"] == seed.STATUS_INVESTIGATING_ID
    assert incident["incident_type"]["id"] == seed.INCIDENT_TYPE_DEFAULT_ID
    assert incident["mode"] == "standard"
    assert "api_key" in incident["creator"]
    assert incident["created_at"] == "2026-01-14T12:00:00Z"
    reported = {
        v["incident_timestamp"]["id"]: v.get("value") for v in incident["incident_timestamp_values"]
    }
    assert reported[seed.TIMESTAMP_REPORTED_ID] == {"value": "2026-01-14T12:00:00Z"}
    assert reported[seed.TIMESTAMP_CLOSED_ID] is None
    shown = await client.get(f"/v2/incidents/{incident['id']}")
    assert shown.json()["incident"] == incident


async def test_incident_create_in_a_triage_only_private_type_starts_in_triage_and_private(
    client: httpx2.AsyncClient,
) -> None:
    response = await create_incident(client, "sec", incident_type_id=seed.INCIDENT_TYPE_SECURITY_ID)
    incident = response.json()["incident"]
    assert incident["incident_status"]["category"] == "triage"
    assert incident["visibility"] == "private"


async def test_incident_create_repeated_idempotency_key_returns_the_first_incident(
    client: httpx2.AsyncClient,
) -> None:
    first = await create_incident(client, "same-key", name="First")
    again = await create_incident(client, "same-key", name="Second attempt")
    assert first.status_code == again.status_code == 200
    assert again.json()["incident"]["id"] == first.json()["incident"]["id"]
    assert again.json()["incident"]["name"] == "First"
    listing = await client.get("/v2/incidents")
    assert listing.json()["pagination_meta"]["total_record_count"] == len(SEEDED_VISIBLE) + 1


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [
        ({"visibility": "public"}, "missing_field", "idempotency_key"),
        ({"idempotency_key": "x"}, "missing_field", "visibility"),
        ({"idempotency_key": "x", "visibility": "secret"}, "invalid_value", "visibility"),
        (
            {"idempotency_key": "x", "visibility": "public", "mode": "drill"},
            "invalid_value",
            "mode",
        ),
        ({"idempotency_key": "x", "visibility": "public", "name": 5}, "invalid_value", "name"),
        (
            {"idempotency_key": "x", "visibility": "public", "severity_id": "01NOPE"},
            "not_found",
            "severity_id",
        ),
        (
            {"idempotency_key": "x", "visibility": "public", "incident_status_id": "01NOPE"},
            "not_found",
            "incident_status_id",
        ),
        (
            {"idempotency_key": "x", "visibility": "public", "incident_type_id": "01NOPE"},
            "not_found",
            "incident_type_id",
        ),
        (
            {
                "idempotency_key": "x",
                "visibility": "public",
                "custom_field_entries": [
                    {
                        "custom_field_id": seed.CUSTOM_FIELD_AFFECTED_TEAM_ID,
                        "values": [{"value_option_id": "nope"}],
                    }
                ],
            },
            "not_found",
            "custom_field_entries[0].values[0].value_option_id",
        ),
        (
            {
                "idempotency_key": "x",
                "visibility": "public",
                "incident_role_assignments": [
                    {
                        "incident_role_id": seed.ROLE_LEAD_ID,
                        "assignee": {"email": "nobody@nowhere.example"},
                    }
                ],
            },
            "not_found",
            "incident_role_assignments[0].assignee.email",
        ),
    ],
)
async def test_incident_create_rejects_invalid_bodies_with_422(
    client: httpx2.AsyncClient, body: dict[str, Any], code: str, field: str
) -> None:
    response = await client.post("/v2/incidents", json=body)
    assert response.status_code == 422
    assert _error(response)["code"] == code
    assert _error(response)["source"] == {"field": field}
    assert (await client.get("/v2/incidents")).json()["pagination_meta"]["total_record_count"] == 5


async def test_incident_show_accepts_the_reference_number_and_404s_unknown_ids(
    client: httpx2.AsyncClient,
) -> None:
    by_number = await client.get("/v2/incidents/1")
    assert by_number.json()["incident"]["id"] == seed.INCIDENT_CHECKOUT_ID
    missing = await client.get("/v2/incidents/01HZZZZZZZZZZZZZZZZZZZZZZZ")
    assert missing.status_code == 404
    assert missing.json()["type"] == "not_found"
    assert (await client.get("/v2/incidents/999")).status_code == 404


@pytest.mark.parametrize(
    "reference",
    ["INC-1", "inc-1", "%23INC-1", "%231", "%201", "1.0", str(2**63), "9" * 23],
)
async def test_incident_show_404s_anything_but_an_id_or_the_bare_number_as_the_api_does(
    client: httpx2.AsyncClient, reference: str
) -> None:
    response = await client.get(f"/v2/incidents/{reference}")
    assert response.status_code == 404, reference
    assert response.json()["errors"][0]["code"] == "not_found"


async def test_retrospective_options_are_checked_even_when_unused(
    client: httpx2.AsyncClient,
) -> None:
    retro = {"slack_channel_id": 12345}
    response = await create_incident(client, "retro", retrospective_incident_options=retro)
    assert response.status_code == 422
    assert _error(response)["source"] == {
        "field": "retrospective_incident_options.slack_channel_id"
    }


@pytest.mark.parametrize("external_id", [0, 2**63 - 1, 10**20])
async def test_a_retrospective_external_id_must_leave_room_for_the_next_int64_reference(
    client: httpx2.AsyncClient, external_id: int
) -> None:
    retro = {"external_id": external_id}
    response = await create_incident(
        client, "big", mode="retrospective", retrospective_incident_options=retro
    )
    assert response.status_code == 422
    assert _error(response)["source"] == {"field": "retrospective_incident_options.external_id"}


async def test_the_highest_external_id_leaves_the_last_int64_to_the_next_incident(
    client: httpx2.AsyncClient,
) -> None:
    retro = {"external_id": 2**63 - 2}
    imported = await create_incident(
        client, "import", mode="retrospective", retrospective_incident_options=retro
    )
    assert imported.json()["incident"]["reference"] == f"INC-{2**63 - 2}"
    following = await create_incident(client, "next")
    assert following.status_code == 200, following.text
    assert following.json()["incident"]["reference"] == f"INC-{2**63 - 1}"
    shown = await client.get(f"/v2/incidents/{2**63 - 1}")
    assert shown.json()["incident"]["id"] == following.json()["incident"]["id"]
    exhausted = await create_incident(client, "none left")
    assert exhausted.status_code == 422
    assert "largest int64" in _error(exhausted)["message"]
    assert (await client.get("/v2/incidents")).json()["pagination_meta"]["total_record_count"] == 7


async def test_incident_edit_takes_the_id_not_the_reference_number(
    client: httpx2.AsyncClient,
) -> None:
    body = {"incident": {"summary": "by number"}, "notify_incident_channel": False}
    for address in ("1", "INC-1"):
        response = await client.post(f"/v2/incidents/{address}/actions/edit", json=body)
        assert response.status_code == 404, address
    shown = (await client.get(f"/v2/incidents/{seed.INCIDENT_CHECKOUT_ID}")).json()["incident"]
    assert shown["summary"] != "by number"


async def test_incident_list_hides_test_incidents_unless_mode_asks(
    client: httpx2.AsyncClient,
) -> None:
    assert set(await _ids(client, {})) == SEEDED_VISIBLE
    assert await _ids(client, {"mode[one_of]": "test"}) == [seed.INCIDENT_DRILL_ID]
    both = await _ids(client, [("mode[one_of]", "test"), ("mode[one_of]", "retrospective")])
    assert set(both) == {seed.INCIDENT_DRILL_ID, seed.INCIDENT_DNS_RETRO_ID}


async def test_incident_list_pages_with_after_cursors_in_both_orders(
    client: httpx2.AsyncClient,
) -> None:
    for sort in ("created_at_newest_first", "created_at_oldest_first"):
        seen: list[str] = []
        after: str | None = None
        pages = 0
        while True:
            params = {"page_size": 2, "sort_by": sort, **({"after": after} if after else {})}
            body = (await client.get("/v2/incidents", params=params)).json()
            pages += 1
            assert body["pagination_meta"]["page_size"] == 2
            assert body["pagination_meta"]["total_record_count"] == 5
            seen += [i["id"] for i in body["incidents"]]
            after = body["pagination_meta"].get("after")
            if after is None:
                break
        assert pages == 3
        assert len(seen) == len(set(seen)) == 5
        created = [
            seed.INCIDENT_CHECKOUT_ID,
            seed.INCIDENT_DNS_RETRO_ID,
            seed.INCIDENT_SEARCH_LATENCY_ID,
        ]
        expected_head = (
            created if sort == "created_at_oldest_first" else [seed.INCIDENT_LOGIN_EMAILS_ID]
        )
        assert seen[: len(expected_head)] == expected_head


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status[one_of]": seed.STATUS_TRIAGE_ID}, {seed.INCIDENT_LOGIN_EMAILS_ID}),
        (
            {"status[not_in]": seed.STATUS_CLOSED_ID},
            {
                seed.INCIDENT_SEARCH_LATENCY_ID,
                seed.INCIDENT_WEBHOOKS_ID,
                seed.INCIDENT_LOGIN_EMAILS_ID,
            },
        ),
        ({"status_category[one_of]": "live"}, {seed.INCIDENT_WEBHOOKS_ID}),
        ({"status_category[one_of]": "active"}, {seed.INCIDENT_WEBHOOKS_ID}),
        (
            [("status_category[one_of]", "triage"), ("status_category[one_of]", "learning")],
            {seed.INCIDENT_LOGIN_EMAILS_ID, seed.INCIDENT_SEARCH_LATENCY_ID},
        ),
        (
            {"severity[gte]": seed.SEVERITY_CRITICAL_ID},
            {seed.INCIDENT_CHECKOUT_ID, seed.INCIDENT_WEBHOOKS_ID},
        ),
        ({"severity[lte]": seed.SEVERITY_MINOR_ID}, {seed.INCIDENT_LOGIN_EMAILS_ID}),
        (
            {"severity[one_of]": seed.SEVERITY_MAJOR_ID},
            {seed.INCIDENT_DNS_RETRO_ID, seed.INCIDENT_SEARCH_LATENCY_ID},
        ),
        (
            {"incident_type[one_of]": seed.INCIDENT_TYPE_CUSTOMER_FACING_ID},
            {seed.INCIDENT_CHECKOUT_ID, seed.INCIDENT_WEBHOOKS_ID},
        ),
        (
            {"created_at[gte]": "2025-06-01"},
            {seed.INCIDENT_WEBHOOKS_ID, seed.INCIDENT_LOGIN_EMAILS_ID},
        ),
        ({"created_at[lte]": "2025-03-04"}, {seed.INCIDENT_CHECKOUT_ID}),
        (
            {"created_at[date_range]": "2025-03-01~2025-03-31"},
            {seed.INCIDENT_CHECKOUT_ID, seed.INCIDENT_DNS_RETRO_ID},
        ),
        (
            {"updated_at[gte]": "2025-06-10T08:00:00Z"},
            {seed.INCIDENT_WEBHOOKS_ID, seed.INCIDENT_LOGIN_EMAILS_ID},
        ),
        (
            {
                "filter_mode": "any",
                "status_category[one_of]": "triage",
                "severity[one_of]": seed.SEVERITY_CRITICAL_ID,
            },
            {seed.INCIDENT_LOGIN_EMAILS_ID, seed.INCIDENT_CHECKOUT_ID, seed.INCIDENT_WEBHOOKS_ID},
        ),
        (
            {"status_category[one_of]": "triage", "severity[one_of]": seed.SEVERITY_CRITICAL_ID},
            set[str](),
        ),
        (
            {f"incident_role[{seed.ROLE_LEAD_ID}][one_of]": seed.USER_KENJI_ID},
            {seed.INCIDENT_SEARCH_LATENCY_ID},
        ),
        (
            {f"incident_role[{seed.ROLE_LEAD_ID}][is_set]": "false"},
            {seed.INCIDENT_DNS_RETRO_ID, seed.INCIDENT_LOGIN_EMAILS_ID},
        ),
        (
            {
                f"custom_field[{seed.CUSTOM_FIELD_AFFECTED_TEAM_ID}][one_of]": seed.OPTION_TEAM_PAYMENTS_ID
            },
            {seed.INCIDENT_CHECKOUT_ID, seed.INCIDENT_WEBHOOKS_ID},
        ),
        (
            {
                f"custom_field[{seed.CUSTOM_FIELD_AFFECTED_SERVICES_ID}][one_of]": seed.OPTION_SERVICE_NOTIFICATIONS_ID
            },
            {seed.INCIDENT_WEBHOOKS_ID},
        ),
    ],
)
async def test_incident_list_filters(
    client: httpx2.AsyncClient, params: Any, expected: set[str]
) -> None:
    assert set(await _ids(client, params)) == expected


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page_size": 0}, "page_size"),
        ({"page_size": 251}, "page_size"),
        ({"page_size": "ten"}, "page_size"),
        ({"sort_by": "name"}, "sort_by"),
        ({"filter_mode": "some"}, "filter_mode"),
        ({"status[equals]": "x"}, "status"),
        ({"status_category[one_of]": "sleeping"}, "status_category[one_of]"),
        ({"severity[gte]": "01NOPE"}, "severity[gte]"),
        ({"created_at[gte]": "yesterday"}, "created_at[gte]"),
        ({"created_at[date_range]": "2025-01-01"}, "created_at[date_range]"),
        ({"mode[one_of]": "stream"}, "mode[one_of]"),
        ({"after": "01NOTANINCIDENT"}, "after"),
    ],
)
async def test_incident_list_rejects_bad_parameters(
    client: httpx2.AsyncClient, params: Any, field: str
) -> None:
    response = await client.get("/v2/incidents", params=params)
    assert response.status_code == 422
    assert _error(response)["source"]["field"] == field


async def test_incident_edit_closing_sets_resolved_and_closed_timestamps(
    client: httpx2.AsyncClient,
) -> None:
    incident_id = (await create_incident(client, "edit-3")).json()["incident"]["id"]
    response = await client.post(
        f"/v2/incidents/{incident_id}/actions/edit",
        json={
            "incident": {"incident_status_id": seed.STATUS_CLOSED_ID},
            "notify_incident_channel": False,
        },
    )
    values = {
        v["incident_timestamp"]["name"]: v.get("value")
        for v in response.json()["incident"]["incident_timestamp_values"]
    }
    assert values["Resolved at"] == {"value": "2026-01-14T12:00:00Z"}
    assert values["Closed at"] == {"value": "2026-01-14T12:00:00Z"}
    assert values["Impact started"] is None


async def test_incident_edit_sets_custom_fields_roles_and_timestamps(
    client: httpx2.AsyncClient,
) -> None:
    incident_id = (await create_incident(client, "edit-4")).json()["incident"]["id"]
    response = await client.post(
        f"/v2/incidents/{incident_id}/actions/edit",
        json={
            "incident": {
                "custom_field_entries": [
                    {
                        "custom_field_id": seed.CUSTOM_FIELD_AFFECTED_SERVICES_ID,
                        "values": [
                            {"value_option_id": seed.OPTION_SERVICE_AUTH_ID},
                            {"value_option_id": seed.OPTION_SERVICE_SEARCH_ID},
                        ],
                    },
                    {
                        "custom_field_id": seed.CUSTOM_FIELD_CUSTOMERS_AFFECTED_ID,
                        "values": [{"value_numeric": "42"}],
                    },
                ],
                "incident_role_assignments": [
                    {
                        "incident_role_id": seed.ROLE_LEAD_ID,
                        "assignee": {"slack_user_id": "U04HANNAH09"},
                    }
                ],
                "incident_timestamp_values": [
                    {
                        "incident_timestamp_id": seed.TIMESTAMP_IMPACT_STARTED_ID,
                        "value": "2026-01-14T11:00:00Z",
                    }
                ],
            },
            "notify_incident_channel": False,
        },
    )
    assert response.status_code == 200, response.text
    incident = response.json()["incident"]
    services = {
        e["custom_field"]["id"]: [
            v.get("value_option", {}).get("value") or v.get("value_numeric") for v in e["values"]
        ]
        for e in incident["custom_field_entries"]
    }
    assert services[seed.CUSTOM_FIELD_AFFECTED_SERVICES_ID] == ["auth", "search"]
    assert services[seed.CUSTOM_FIELD_CUSTOMERS_AFFECTED_ID] == ["42"]
    lead = [
        a for a in incident["incident_role_assignments"] if a["role"]["id"] == seed.ROLE_LEAD_ID
    ]
    assert lead[0]["assignee"]["id"] == seed.USER_HANNAH_ID
    filtered = await _ids(
        client, {f"incident_role[{seed.ROLE_LEAD_ID}][one_of]": seed.USER_HANNAH_ID}
    )
    assert filtered == [incident_id]


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [
        ({"incident": {"name": "x"}}, "missing_field", "notify_incident_channel"),
        ({"notify_incident_channel": True}, "missing_field", "incident"),
        (
            {"incident": {}, "notify_incident_channel": "yes"},
            "invalid_value",
            "notify_incident_channel",
        ),
        (
            {"incident": {"severity_id": "01NOPE"}, "notify_incident_channel": True},
            "not_found",
            "incident.severity_id",
        ),
        (
            {"incident": {"incident_status_id": "01NOPE"}, "notify_incident_channel": True},
            "not_found",
            "incident.incident_status_id",
        ),
        (
            {
                "incident": {
                    "incident_role_assignments": [{"incident_role_id": seed.ROLE_REPORTER_ID}]
                },
                "notify_incident_channel": True,
            },
            "invalid_value",
            "incident.incident_role_assignments[0].incident_role_id",
        ),
    ],
)
async def test_incident_edit_rejects_invalid_bodies(
    client: httpx2.AsyncClient, body: dict[str, Any], code: str, field: str
) -> None:
    response = await client.post(
        f"/v2/incidents/{seed.INCIDENT_WEBHOOKS_ID}/actions/edit", json=body
    )
    assert response.status_code == 422
    assert _error(response) | {"message": ""} == {
        "code": code,
        "message": "",
        "source": {"field": field},
    }


async def test_incident_edit_of_an_unknown_incident_is_404(client: httpx2.AsyncClient) -> None:
    response = await client.post(
        "/v2/incidents/01NOPE/actions/edit", json={"incident": {}, "notify_incident_channel": False}
    )
    assert response.status_code == 404
