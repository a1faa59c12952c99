"""`/v2/alerts` and `/v2/incident_alerts`: alerts from alert sources with attributes and
deduplication keys, filters, resolving, and their links to incidents."""

from __future__ import annotations

from typing import Any

import httpx2
import pytest

from incidentio_toolkit.sandbox import seed
from incidentio_toolkit.sandbox._util import fmt_time
from incidentio_toolkit.sandbox.testing import FakeClock

pytestmark = pytest.mark.anyio

FIRING = [
    seed.ALERT_CHECKOUT_SYNTHETIC_ID,
    seed.ALERT_DISK_REPLICA_ID,
    seed.ALERT_CONFIRMATIONS_DELAYED_ID,
    seed.ALERT_WEBHOOKS_BACKLOG_ID,
]
RESOLVED = [seed.ALERT_SEARCH_LATENCY_ID, seed.ALERT_CHECKOUT_ERRORS_ID]


async def _ids(client: httpx2.AsyncClient, **params: Any) -> list[str]:
    response = await client.get("/v2/alerts", params={"page_size": 50, **params})
    assert response.status_code == 200, response.text
    return [alert["id"] for alert in response.json()["alerts"]]


async def test_alerts_list_pages_newest_first(client: httpx2.AsyncClient) -> None:
    seen: list[str] = []
    after: str | None = None
    for _ in range(10):
        params: dict[str, Any] = {"page_size": 4} | ({"after": after} if after else {})
        body = (await client.get("/v2/alerts", params=params)).json()
        seen += [alert["id"] for alert in body["alerts"]]
        after = body["pagination_meta"].get("after")
        if after is None:
            break
    assert seen == [*FIRING, *RESOLVED]
    created = [(await client.get(f"/v2/alerts/{i}")).json()["alert"]["created_at"] for i in seen]
    assert created == sorted(created, reverse=True)


async def test_alerts_carry_their_source_attributes_and_deduplication_key(
    client: httpx2.AsyncClient,
) -> None:
    alert = (await client.get(f"/v2/alerts/{seed.ALERT_CHECKOUT_ERRORS_ID}")).json()["alert"]
    assert alert["alert_source_id"] == seed.ALERT_SOURCE_DATADOG_ID
    assert alert["deduplication_key"] == "checkout-api:http-5xx-rate"
    assert (alert["status"], alert["resolved_at"]) == ("resolved", "2025-03-04T14:52:00Z")
    values = {entry["attribute"]["name"]: entry["value"] for entry in alert["attributes"]}
    assert values["Service"]["catalog_entry"]["name"] == "checkout-api"
    assert values["Environment"] == {"literal": "production"}
    team = (await client.get(f"/v3/teams/{seed.TEAM_PAYMENTS_ID}")).json()["team"]
    assert values["Team"]["catalog_entry"]["id"] == team["catalog_entry"]["id"]
    assert (await client.get("/v2/alerts/01NOSUCHALERT")).status_code == 404


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status[one_of]": "firing"}, FIRING),
        ({"status[not_in]": "firing"}, RESOLVED),
        ({"deduplication_key[is]": "search-api/HighLatencyP99"}, [seed.ALERT_SEARCH_LATENCY_ID]),
        (
            {"alert_source[one_of]": seed.ALERT_SOURCE_DATADOG_ID},
            [seed.ALERT_CONFIRMATIONS_DELAYED_ID, seed.ALERT_CHECKOUT_ERRORS_ID],
        ),
        (
            {"alert_source[not_in]": seed.ALERT_SOURCE_ALERTMANAGER_ID},
            [
                seed.ALERT_CHECKOUT_SYNTHETIC_ID,
                seed.ALERT_CONFIRMATIONS_DELAYED_ID,
                seed.ALERT_CHECKOUT_ERRORS_ID,
            ],
        ),
        ({"created_at[gte]": "2025-06-11"}, FIRING[:2]),
        ({"created_at[date_range]": "2025-05-01~2025-05-31"}, [seed.ALERT_SEARCH_LATENCY_ID]),
        ({"has_notes[is]": "true"}, []),
        (
            {"attributes[01EXKBKWTZRQEC59KC3KACSD8E][one_of]": "019A3SZW8WY2ZQ1E4BJF6G3H8G"},
            [],
        ),
    ],
)
async def test_alerts_list_filters(
    client: httpx2.AsyncClient, params: dict[str, str], expected: list[str]
) -> None:
    assert await _ids(client, **params) == expected


async def test_alerts_list_filters_on_group_and_team_attribute(client: httpx2.AsyncClient) -> None:
    backlog = (await client.get(f"/v2/alerts/{seed.ALERT_WEBHOOKS_BACKLOG_ID}")).json()["alert"]
    [group] = backlog["alert_group_ids"]
    assert await _ids(client, **{"alert_group_id[one_of]": group}) == FIRING[2:]
    [team] = [e for e in backlog["attributes"] if e["attribute"]["name"] == "Team"]
    key = f"attributes[{team['attribute']['id']}][one_of]"
    search = (await client.get(f"/v3/teams/{seed.TEAM_SEARCH_ID}")).json()["team"]
    assert await _ids(client, **{key: search["catalog_entry"]["id"]}) == [
        seed.ALERT_SEARCH_LATENCY_ID
    ]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status[one_of]": "open"}, "status[one_of]"),
        ({"status[is]": "firing"}, "status"),
        ({"created_at[gte]": "yesterday"}, "created_at[gte]"),
        ({"page_size": 51}, "page_size"),
    ],
)
async def test_alerts_list_rejects_bad_filters(
    client: httpx2.AsyncClient, params: dict[str, Any], field: str
) -> None:
    response = await client.get("/v2/alerts", params={"page_size": 5, **params})
    assert response.status_code == 422
    assert response.json()["errors"][0]["source"]["field"] == field


async def test_both_lists_require_a_page_size_as_incident_io_does(
    client: httpx2.AsyncClient,
) -> None:
    for path in ("/v2/alerts", "/v2/incident_alerts"):
        response = await client.get(path)
        assert response.status_code == 422
        error = response.json()["errors"][0]
        assert (error["code"], error["source"]["field"]) == ("missing_field", "page_size")


async def test_resolving_a_firing_alert_once(client: httpx2.AsyncClient, clock: FakeClock) -> None:
    path = f"/v2/alerts/{seed.ALERT_DISK_REPLICA_ID}"
    resolved = await client.post(f"{path}/actions/resolve")
    assert resolved.status_code == 200
    alert = resolved.json()["alert"]
    assert alert["status"] == "resolved"
    assert alert["resolved_at"] == alert["updated_at"] == fmt_time(clock())
    assert (await client.get(path)).json()["alert"] == alert
    clock.advance(minutes=5)
    again = await client.post(f"{path}/actions/resolve")
    assert again.json()["alert"] == alert  # a resolved alert is answered unchanged
    assert seed.ALERT_DISK_REPLICA_ID not in await _ids(client, **{"status[one_of]": "firing"})


async def test_alerts_of_a_source_that_resolves_its_own_cannot_be_resolved_here(
    client: httpx2.AsyncClient,
) -> None:
    path = f"/v2/alerts/{seed.ALERT_CONFIRMATIONS_DELAYED_ID}"
    refused = await client.post(f"{path}/actions/resolve")
    assert refused.status_code == 422
    assert "resolves its own alerts" in refused.json()["errors"][0]["message"]
    assert (await client.get(path)).json()["alert"]["status"] == "firing"
    missing = await client.post("/v2/alerts/01NOSUCHALERT/actions/resolve")
    assert missing.status_code == 404


async def test_incident_alerts_link_seeded_incidents_and_alerts(
    client: httpx2.AsyncClient,
) -> None:
    webhooks = await client.get(
        "/v2/incident_alerts", params={"incident_id": seed.INCIDENT_WEBHOOKS_ID, "page_size": 1}
    )
    body = webhooks.json()
    [first] = body["incident_alerts"]
    assert first["incident"]["id"] == seed.INCIDENT_WEBHOOKS_ID
    assert first["incident"]["reference"] == "INC-5"
    assert first["alert"]["id"] == seed.ALERT_WEBHOOKS_BACKLOG_ID
    assert "attributes" not in first["alert"]  # an AlertSlimV2
    assert first["alert_route_id"]
    rest = await client.get(
        "/v2/incident_alerts",
        params={
            "incident_id": seed.INCIDENT_WEBHOOKS_ID,
            "page_size": 5,
            "after": body["pagination_meta"]["after"],
        },
    )
    assert [link["alert"]["id"] for link in rest.json()["incident_alerts"]] == [
        seed.ALERT_CONFIRMATIONS_DELAYED_ID
    ]
    by_alert = await client.get(
        "/v2/incident_alerts", params={"alert_id": seed.ALERT_CHECKOUT_ERRORS_ID, "page_size": 5}
    )
    assert [link["incident"]["id"] for link in by_alert.json()["incident_alerts"]] == [
        seed.INCIDENT_CHECKOUT_ID
    ]
    everything = await client.get("/v2/incident_alerts", params={"page_size": 50})
    assert len(everything.json()["incident_alerts"]) == 4
    unlinked = await client.get(
        "/v2/incident_alerts", params={"alert_id": seed.ALERT_CHECKOUT_SYNTHETIC_ID, "page_size": 5}
    )
    assert unlinked.json()["incident_alerts"] == []
    for field in ("incident_id", "alert_id"):
        unknown = await client.get("/v2/incident_alerts", params={field: "01NOPE", "page_size": 5})
        assert unknown.status_code == 422
        assert unknown.json()["errors"][0]["source"] == {"field": field}


async def test_incident_alerts_embed_the_alert_and_incident_as_they_are_now(
    client: httpx2.AsyncClient,
) -> None:
    await client.post(f"/v2/alerts/{seed.ALERT_WEBHOOKS_BACKLOG_ID}/actions/resolve")
    await client.post(
        f"/v2/incidents/{seed.INCIDENT_WEBHOOKS_ID}/actions/edit",
        json={
            "incident": {"name": "Webhooks delayed (provider outage)"},
            "notify_incident_channel": False,
        },
    )
    links = await client.get(
        "/v2/incident_alerts", params={"alert_id": seed.ALERT_WEBHOOKS_BACKLOG_ID, "page_size": 5}
    )
    [link] = links.json()["incident_alerts"]
    assert link["alert"]["status"] == "resolved"
    assert link["incident"]["name"] == "Webhooks delayed (provider outage)"
