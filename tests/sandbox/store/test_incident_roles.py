"""The incident roles store: a change reaches the incidents that embed the role, or nothing does."""

from __future__ import annotations

import pytest
from tests.sandbox.support import NOW

from incidentio_toolkit.sandbox import SandboxApp, seed
from incidentio_toolkit.sandbox._util import JSON
from incidentio_toolkit.sandbox._validate import Fields

ROLE = seed.ROLE_COMMS_ID
TEXTS = {"name": "Renamed", "shortform": "r", "description": "d", "instructions": "i"}


def _roles(app: SandboxApp) -> list[JSON]:
    incidents = [app.store.incidents.show(i) for i in (seed.INCIDENT_CHECKOUT_ID, "2", "3", "5")]
    return [a["role"] for i in incidents for a in i["incident_role_assignments"]]


@pytest.mark.parametrize("change", ["update", "delete"])
def test_a_change_whose_cascade_fails_half_way_changes_nothing(
    app: SandboxApp, change: str
) -> None:
    store = app.store
    role, embedded = store.incident_roles.show(ROLE), _roles(app)
    assert ROLE in {r["id"] for r in embedded}

    def cascade(role_id: str, value: JSON | None) -> None:
        store.incidents.cascade_role(role_id, value)  # the incidents are rewritten...
        raise RuntimeError("...and then something fails")

    store.incident_roles.cascade = cascade
    apply = (
        (lambda: store.incident_roles.update(ROLE, Fields(TEXTS), NOW))
        if change == "update"
        else (lambda: store.incident_roles.delete(ROLE))
    )
    with pytest.raises(RuntimeError):
        apply()
    assert store.incident_roles.show(ROLE) == role
    assert _roles(app) == embedded
