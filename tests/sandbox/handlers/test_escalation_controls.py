"""`POST /v2/escalations/{id}/actions/cancel`: stops paging, once; refused once the escalation has
resolved or expired."""

from __future__ import annotations

from typing import Any

import httpx2
import pytest

from incidentio_toolkit.sandbox import seed
from incidentio_toolkit.sandbox._util import fmt_time
from incidentio_toolkit.sandbox.testing import FakeClock

pytestmark = pytest.mark.anyio


async def _page(client: httpx2.AsyncClient, key: str) -> dict[str, Any]:
    body = {"idempotency_key": key, "title": "Paging Kenji", "user_ids": [seed.USER_KENJI_ID]}
    response = await client.post("/v2/escalations", json=body)
    assert response.status_code == 201, response.text
    escalation: dict[str, Any] = response.json()["escalation"]
    return escalation


async def test_cancel_stops_a_page_with_an_event_and_a_status(
    client: httpx2.AsyncClient, clock: FakeClock
) -> None:
    paged = await _page(client, "cancel-1")
    assert paged["status"] == "triggered"
    clock.advance(seconds=90)
    cancelled = await client.post(f"/v2/escalations/{paged['id']}/actions/cancel")
    assert cancelled.status_code == 200
    assert cancelled.content == b""
    shown = (await client.get(f"/v2/escalations/{paged['id']}")).json()["escalation"]
    assert shown["status"] == "cancelled"
    assert shown["events"][:-1] == paged["events"]
    assert shown["events"][-1]["event"] == "cancelled"
    assert shown["events"][-1]["occurred_at"] == shown["updated_at"] == fmt_time(clock())
    listed = await client.get("/v2/escalations", params={"status[one_of]": "cancelled"})
    assert [e["id"] for e in listed.json()["escalations"]] == [paged["id"]]


async def test_cancelling_twice_changes_nothing_the_second_time(
    client: httpx2.AsyncClient, clock: FakeClock
) -> None:
    paged = await _page(client, "cancel-2")
    first = await client.post(f"/v2/escalations/{paged['id']}/actions/cancel")
    after_first = (await client.get(f"/v2/escalations/{paged['id']}")).json()
    clock.advance(seconds=60)
    again = await client.post(f"/v2/escalations/{paged['id']}/actions/cancel")
    assert first.status_code == again.status_code == 200
    assert (await client.get(f"/v2/escalations/{paged['id']}")).json() == after_first


async def test_an_acknowledged_page_can_still_be_cancelled(client: httpx2.AsyncClient) -> None:
    path = f"/v2/escalations/{seed.ESCALATION_WEBHOOKS_ID}"
    assert (await client.get(path)).json()["escalation"]["status"] == "acked"
    assert (await client.post(f"{path}/actions/cancel")).status_code == 200
    assert (await client.get(path)).json()["escalation"]["status"] == "cancelled"


async def test_an_escalation_that_has_resolved_cannot_be_cancelled(
    client: httpx2.AsyncClient,
) -> None:
    path = f"/v2/escalations/{seed.ESCALATION_CHECKOUT_ID}"
    before = (await client.get(path)).json()
    refused = await client.post(f"{path}/actions/cancel")
    assert refused.status_code == 422
    [error] = refused.json()["errors"]
    assert "is resolved" in error["message"]
    assert "resolved or expired cannot be cancelled" in error["message"]
    assert (await client.get(path)).json() == before


async def test_cancelling_an_unknown_escalation_is_a_404(client: httpx2.AsyncClient) -> None:
    missing = await client.post("/v2/escalations/01NOSUCHESCALATION/actions/cancel")
    assert missing.status_code == 404
    assert "01NOSUCHESCALATION" in missing.json()["errors"][0]["message"]
