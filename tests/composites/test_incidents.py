"""incident_brief: one call, five reads, the incident as a responder needs it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from tests.pinned_support import pinned

from incidentio_toolkit.composites.incidents import ALERTS_READ
from incidentio_toolkit.outputs import IncidentBriefOutput
from incidentio_toolkit.sandbox import seed
from incidentio_toolkit.sandbox.seed.alerts import AlertSeed, write_alerts

pytestmark = pytest.mark.anyio


async def test_a_brief_has_the_summary_the_updates_and_what_is_still_open() -> None:
    async with pinned() as sandbox:
        result = await sandbox.client.call("incident_brief", {"incident": "INC-5"})
        sent = sandbox.transport.paths()
    brief = result["brief"]
    assert result["success"] is True
    assert brief["reference"] == "INC-5"
    assert brief["incident_status"] == {"name": "Investigating", "category": "live"}
    assert brief["lead"] == "Amara Okafor"
    assert brief["updates"] == [
        {
            "at": "2025-06-10T08:20:00Z",
            "by": "Amara Okafor",
            "status": "Investigating",
            "severity": "Critical",
            "message": "Severity changed from Major to Critical",
        }
    ]
    assert [a["assignee"] for a in brief["open_actions"]] == ["Amara Okafor", "Liam O'Brien"]
    assert brief["alerts"] == [
        {
            "id": seed.ALERT_WEBHOOKS_BACKLOG_ID,
            "title": "payment-webhooks: queue backlog above 10,000",
            "status": "firing",
            "at": "2025-06-10T07:41:00Z",
        },
        {
            "id": seed.ALERT_CONFIRMATIONS_DELAYED_ID,
            "title": "Order confirmation emails delayed",
            "status": "firing",
            "at": "2025-06-10T07:58:00Z",
        },
    ]
    assert "alerts_truncated" not in brief
    assert brief["counts"] == {
        "actions": 2,
        "open_actions": 2,
        "follow_ups": 0,
        "open_follow_ups": 0,
        "alerts": 2,
    }
    assert sent[0] == "GET /v2/incidents/5"  # the reference's number: no lookup first
    assert sorted(sent[1:]) == [
        "GET /v2/actions",
        "GET /v2/follow_ups",
        "GET /v2/incident_alerts",
        "GET /v2/incident_updates",
    ]


async def test_closed_work_is_counted_but_not_listed_and_updates_are_capped() -> None:
    async with pinned() as sandbox:
        brief = (await sandbox.client.call("incident_brief", {"incident": "1", "updates": 2}))[
            "brief"
        ]
    assert len(brief["updates"]) == 2
    assert brief["counts"]["actions"] == 2
    assert brief["open_actions"] == []
    assert [f["title"] for f in brief["open_follow_ups"]] == ["Alert on the checkout 5xx rate"]
    assert brief["counts"]["follow_ups"] == 2
    assert [(a["title"], a["status"]) for a in brief["alerts"]] == [
        ("checkout-api: HTTP 5xx rate above 2%", "resolved")
    ]


async def test_an_incident_without_alerts_has_none_and_one_page_of_links_is_read() -> None:
    async with pinned() as sandbox:
        brief = (await sandbox.client.call("incident_brief", {"incident": "INC-4"}))["brief"]
        alert_reads = [r for r in sandbox.transport.requests if r.url.path == "/v2/incident_alerts"]
    assert brief["alerts"] == []
    assert brief["counts"]["alerts"] == 0
    assert len(alert_reads) == 1
    assert alert_reads[0].url.params["page_size"] == str(ALERTS_READ)


async def test_more_linked_alerts_than_one_page_are_marked_truncated() -> None:
    fired = datetime(2025, 3, 4, 14, 0, tzinfo=UTC)
    more = [
        AlertSeed(
            id=f"01JAAAAAAAAAAAAAAAAAAA{number:04d}",
            source_id=seed.ALERT_SOURCE_DATADOG_ID,
            deduplication_key=f"checkout-api:{number}",
            title=f"Alert {number}",
            description="",
            service="checkout-api",
            created=fired + timedelta(seconds=number),
            incident_id=seed.INCIDENT_CHECKOUT_ID,
        )
        for number in range(ALERTS_READ)
    ]
    async with pinned() as sandbox:
        write_alerts(sandbox.app.store, more)
        brief = (await sandbox.client.call("incident_brief", {"incident": "INC-1"}))["brief"]
    assert len(brief["alerts"]) == ALERTS_READ
    assert brief["alerts_truncated"] is True


async def test_zero_updates_skips_that_read() -> None:
    async with pinned() as sandbox:
        brief = await sandbox.client.incident_brief(incident=seed.INCIDENT_WEBHOOKS_ID, updates=0)
        sent = sandbox.transport.paths()
    assert isinstance(brief, IncidentBriefOutput)
    assert brief.brief is not None
    assert brief.brief["updates"] == []
    assert "GET /v2/incident_updates" not in sent
    assert len(sent) == 4


async def test_an_unknown_incident_fails_with_the_404_and_reads_nothing_else() -> None:
    async with pinned() as sandbox:
        result = await sandbox.client.call("incident_brief", {"incident": "INC-99"})
        sent = sandbox.transport.paths()
    assert result["success"] is False
    assert "404" in result["error"]
    assert result["brief"] is None
    assert sent == ["GET /v2/incidents/99"]


async def test_bad_arguments_are_refused_before_any_read() -> None:
    async with pinned() as sandbox:
        result = await sandbox.client.call("incident_brief", {"incident": "INC-5", "updates": 26})
        assert sandbox.transport.requests == []
    assert result["success"] is False
    assert "updates" in result["error"]
