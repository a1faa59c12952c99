"""incident_brief: one call, four reads, the incident as a responder needs it."""

from __future__ import annotations

import pytest
from tests.pinned_support import pinned

from incidentio_toolkit.outputs import IncidentBriefOutput
from incidentio_toolkit.sandbox import seed

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
    assert brief["counts"] == {
        "actions": 2,
        "open_actions": 2,
        "follow_ups": 0,
        "open_follow_ups": 0,
    }
    assert sent[0] == "GET /v2/incidents/5"  # the reference's number: no lookup first
    assert sorted(sent[1:]) == ["GET /v2/actions", "GET /v2/follow_ups", "GET /v2/incident_updates"]


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


async def test_zero_updates_skips_that_read() -> None:
    async with pinned() as sandbox:
        brief = await sandbox.client.incident_brief(incident=seed.INCIDENT_WEBHOOKS_ID, updates=0)
        sent = sandbox.transport.paths()
    assert isinstance(brief, IncidentBriefOutput)
    assert brief.brief is not None
    assert brief.brief["updates"] == []
    assert "GET /v2/incident_updates" not in sent
    assert len(sent) == 3


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
