from __future__ import annotations

from tests.actions.support import built, rejected, sets_every_parameter


def test_incident_updates_list_without_arguments_sends_no_query() -> None:
    request = built("incident_updates_list", {})
    assert (request.path_params, request.query, request.json) == ({}, [], None)


def test_incident_updates_list_sends_incident_page_size_and_cursor() -> None:
    arguments = {"incident_id": "01INC", "page_size": 250, "after": "01UPD"}
    assert sets_every_parameter("incident_updates_list", arguments)
    assert built("incident_updates_list", arguments).query == [
        ("incident_id", "01INC"),
        ("page_size", "250"),
        ("after", "01UPD"),
    ]


def test_incident_updates_list_rejects_page_size_over_250() -> None:
    assert "less than or equal to 250" in rejected("incident_updates_list", {"page_size": 251})
