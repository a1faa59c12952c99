"""The incidents store: an edit, its incident update and what embeds the incident change together."""

from __future__ import annotations

from typing import Any

import pytest
from tests.sandbox.support import NOW

from incidentio_toolkit.sandbox import SandboxApp, seed
from incidentio_toolkit.sandbox._util import JSON
from incidentio_toolkit.sandbox._validate import Fields
from incidentio_toolkit.sandbox.store.incidents import incident_slim

ACTOR = {"api_key": {"id": "key", "name": "test"}}


def _state(app: SandboxApp) -> tuple[Any, ...]:
    store = app.store
    return (
        store.incidents.show(seed.INCIDENT_WEBHOOKS_ID),
        store.escalations.show(seed.ESCALATION_WEBHOOKS_ID),
        store.incident_updates.page(seed.INCIDENT_WEBHOOKS_ID, None, 250).texts,
    )


def test_an_edit_whose_escalations_fail_to_follow_changes_nothing(app: SandboxApp) -> None:
    store = app.store
    before = _state(app)
    assert before[1]["related_incidents"][0]["id"] == seed.INCIDENT_WEBHOOKS_ID

    def on_change(incident: JSON) -> None:
        store.escalations.refresh_incident(incident)  # the escalations are rewritten...
        raise RuntimeError("...and then something fails")

    store.incidents.on_change = on_change
    changes = Fields(
        {"name": "Renamed", "incident_status_id": seed.STATUS_MONITORING_ID}, "incident"
    )
    with pytest.raises(RuntimeError):
        store.incidents.edit(seed.INCIDENT_WEBHOOKS_ID, changes, ACTOR, NOW)
    assert _state(app) == before


def test_the_slim_incident_names_post_incident_and_active_categories_as_embeds_do(
    app: SandboxApp,
) -> None:
    live = incident_slim(app.store.incidents.show(seed.INCIDENT_WEBHOOKS_ID))
    assert (live["reference"], live["external_id"], live["status_category"]) == (
        "INC-5",
        5,
        "active",
    )
    documenting = incident_slim(app.store.incidents.show(seed.INCIDENT_SEARCH_LATENCY_ID))
    assert documenting["status_category"] == "post-incident"
