"""Scenarios for the controls of a running escalation: cancelling a page (see
client_scenarios/support.py for the harness)."""

from __future__ import annotations

from tests.sandbox.client_scenarios.support import Launcher, failed, gone, ok

from incidentio_toolkit.sandbox import seed as s


async def escalation_cancel(launch: Launcher) -> None:
    io = launch().client()
    page = {
        "idempotency_key": "page-by-mistake",
        "title": "Wrong team",
        "user_ids": [s.USER_LIAM_ID],
    }
    paged = ok(await io.call("escalations_create", page))["escalation"]
    assert paged["status"] == "triggered"

    cancelled = ok(await io.escalations_cancel(id=paged["id"]))
    assert cancelled["message"] == f"Escalation {paged['id']!r} cancelled."
    shown = ok(await io.escalations_show(id=paged["id"]))["escalation"]
    assert shown["status"] == "cancelled"
    assert [e["event"] for e in shown["events"]][-1] == "cancelled"
    # Idempotent: a second cancel succeeds and changes nothing.
    ok(await io.call("escalations_cancel", {"id": paged["id"]}))
    assert ok(await io.escalations_show(id=paged["id"]))["escalation"] == shown
    # The create with the same key still answers the same (now cancelled) escalation: no new page.
    assert ok(await io.call("escalations_create", page))["escalation"]["status"] == "cancelled"

    failed(await io.escalations_cancel(id=s.ESCALATION_CHECKOUT_ID), "422", "is resolved")
    gone(await io.escalations_cancel(id="01NOSUCHESCALATION"), "01NOSUCHESCALATION")
