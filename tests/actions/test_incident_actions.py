from __future__ import annotations

from tests.actions.support import built, rejected, sets_every_parameter


def test_actions_list_without_arguments_sends_no_query() -> None:
    request = built("actions_list", {})
    assert request.path_params == {}
    assert request.query == []
    assert request.json is None


def test_actions_list_sends_incident_and_mode_filters() -> None:
    arguments = {"incident_id": "01INC", "incident_mode": "stream"}
    assert sets_every_parameter("actions_list", arguments)
    request = built("actions_list", arguments)
    assert request.query == [("incident_id", "01INC"), ("incident_mode", "stream")]
    assert request.json is None


def test_actions_list_rejects_unknown_incident_mode_listing_the_choices() -> None:
    error = rejected("actions_list", {"incident_mode": "live"})
    assert "incident_mode" in error
    assert "'standard', 'retrospective', 'test', 'tutorial' or 'stream'" in error


def test_actions_show_puts_the_id_in_the_path() -> None:
    request = built("actions_show", {"id": "01ACT"})
    assert request.path_params == {"id": "01ACT"}
    assert request.query == []
    assert request.json is None


def test_actions_show_rejects_an_empty_id() -> None:
    assert "id" in rejected("actions_show", {"id": ""})
