from __future__ import annotations

from tests.actions.support import built, rejected, sets_every_parameter

from incidentio_toolkit.actions import ACTIONS

ROLE = {
    "name": "Scribe",
    "description": "Takes notes",
    "instructions": "Write everything down",
    "shortform": "scribe",
}


def test_incident_roles_list_sends_no_query() -> None:
    request = built("incident_roles_list", {})
    assert (request.path_params, request.query, request.json) == ({}, [], None)


def test_incident_roles_create_sends_a_flat_body() -> None:
    assert sets_every_parameter("incident_roles_create", ROLE)
    request = built("incident_roles_create", ROLE)
    assert (request.path_params, request.query, request.json) == ({}, [], ROLE)


def test_incident_roles_create_requires_all_four_fields() -> None:
    error = rejected("incident_roles_create", {"name": "Scribe"})
    for name in ("description", "instructions", "shortform"):
        assert f"{name}\n  Field required" in error


def test_incident_roles_create_rejects_an_empty_name() -> None:
    assert "at least 1 character" in rejected("incident_roles_create", {**ROLE, "name": ""})


def test_incident_roles_show_puts_the_id_in_the_path() -> None:
    request = built("incident_roles_show", {"id": "01ROLE"})
    assert (request.path_params, request.query, request.json) == ({"id": "01ROLE"}, [], None)


def test_incident_roles_update_sends_the_whole_role() -> None:
    arguments = {"id": "01ROLE", **ROLE}
    assert sets_every_parameter("incident_roles_update", arguments)
    request = built("incident_roles_update", arguments)
    assert request.path_params == {"id": "01ROLE"}
    assert request.json == ROLE


def test_incident_roles_delete_sends_only_the_id() -> None:
    request = built("incident_roles_delete", {"id": "01ROLE"})
    assert (request.path_params, request.query, request.json) == ({"id": "01ROLE"}, [], None)
    assert ACTIONS["incident_roles_delete"].noun == "Incident role"
