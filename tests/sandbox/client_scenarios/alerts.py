"""Scenarios for alerts: what is firing, what it is about, which incident it is in, resolving
(see client_scenarios/support.py for the harness)."""

from __future__ import annotations

from datetime import date

from tests.sandbox.client_scenarios.support import Launcher, failed, gone, ok, walk

from incidentio_toolkit.sandbox import seed as s


async def alerts(launch: Launcher) -> None:
    io = launch().client()
    everything = await walk(io, "alerts_list", "alerts", 2)
    assert len(everything) == 6
    firing = ok(await io.alerts_list(status=["firing"]))["alerts"]
    newest = firing[0]
    assert newest["id"] == s.ALERT_CHECKOUT_SYNTHETIC_ID
    assert (
        ok(await io.call("incident_alerts_list", {"alert_id": newest["id"]}))["incident_alerts"]
        == []
    )

    # The alerts behind a live incident, and what they say.
    links = ok(await io.incident_alerts_list(incident_id=s.INCIDENT_WEBHOOKS_ID))["incident_alerts"]
    assert [link["alert"]["id"] for link in links] == [
        s.ALERT_WEBHOOKS_BACKLOG_ID,
        s.ALERT_CONFIRMATIONS_DELAYED_ID,
    ]
    backlog = ok(await io.alerts_show(id=links[0]["alert"]["id"]))["alert"]
    assert {e["attribute"]["name"] for e in backlog["attributes"]} == {
        "Service",
        "Team",
        "Environment",
    }
    by_key = ok(await io.alerts_list(deduplication_key=backlog["deduplication_key"]))["alerts"]
    assert [a["id"] for a in by_key] == [backlog["id"]]
    from_datadog = ok(await io.alerts_list(alert_source_ids=s.ALERT_SOURCE_DATADOG_ID))["alerts"]
    assert {a["id"] for a in from_datadog} == {
        s.ALERT_CONFIRMATIONS_DELAYED_ID,
        s.ALERT_CHECKOUT_ERRORS_ID,
    }
    june = ok(
        await io.alerts_list(created_after=date(2025, 6, 11), created_before=date(2025, 6, 11))
    )
    assert [a["id"] for a in june["alerts"]] == [s.ALERT_DISK_REPLICA_ID]

    resolved = ok(await io.alerts_resolve(id=backlog["id"]))["alert"]
    assert (resolved["status"], resolved["resolved_at"]) == ("resolved", resolved["updated_at"])
    assert ok(await io.call("alerts_resolve", {"id": backlog["id"]}))["alert"] == resolved
    links = ok(await io.incident_alerts_list(alert_id=backlog["id"]))["incident_alerts"]
    assert [link["alert"]["status"] for link in links] == ["resolved"]
    failed(await io.alerts_resolve(id=s.ALERT_CONFIRMATIONS_DELAYED_ID), "422", "resolves its own")
    gone(await io.alerts_show(id="01NOSUCHALERT"), "01NOSUCHALERT")
