from __future__ import annotations

from tests.actions.support import built, rejected


def test_incident_timestamps_list_sends_no_query() -> None:
    request = built("incident_timestamps_list", {})
    assert (request.path_params, request.query, request.json) == ({}, [], None)


def test_incident_timestamps_show_puts_the_id_in_the_path() -> None:
    request = built("incident_timestamps_show", {"id": "01TS"})
    assert (request.path_params, request.query, request.json) == ({"id": "01TS"}, [], None)


def test_incident_timestamps_show_requires_an_id() -> None:
    assert "id\n  Field required" in rejected("incident_timestamps_show", {})
