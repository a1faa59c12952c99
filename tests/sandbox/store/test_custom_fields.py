"""The custom fields store: a change reaches the incidents that embed the field, or nothing does."""

from __future__ import annotations

import pytest
from tests.sandbox.support import NOW

from incidentio_toolkit.sandbox import SandboxApp, seed
from incidentio_toolkit.sandbox._util import JSON
from incidentio_toolkit.sandbox._validate import Fields

FIELD = seed.CUSTOM_FIELD_AFFECTED_TEAM_ID


def _names(app: SandboxApp) -> list[str]:
    incident = app.store.incidents.show(seed.INCIDENT_CHECKOUT_ID)
    return [entry["custom_field"]["name"] for entry in incident["custom_field_entries"]]


@pytest.mark.parametrize("change", ["update", "delete"])
def test_a_change_whose_cascade_fails_half_way_changes_nothing(
    app: SandboxApp, change: str
) -> None:
    store = app.store
    field, names = store.custom_fields.show(FIELD), _names(app)
    assert field["name"] in names

    def cascade(field_id: str, info: JSON | None) -> None:
        store.incidents.cascade_custom_field(field_id, info)  # the incidents are rewritten...
        raise RuntimeError("...and then something fails")

    store.custom_fields.cascade = cascade
    apply = (
        (
            lambda: store.custom_fields.update(
                FIELD, Fields({"name": "Renamed", "description": ""}), NOW
            )
        )
        if change == "update"
        else (lambda: store.custom_fields.delete(FIELD))
    )
    with pytest.raises(RuntimeError):
        apply()
    assert store.custom_fields.show(FIELD) == field
    assert _names(app) == names
