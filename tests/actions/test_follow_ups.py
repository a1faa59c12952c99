from __future__ import annotations

from tests.actions.support import built, rejected, sets_every_parameter


def test_follow_ups_list_without_arguments_sends_no_query() -> None:
    request = built("follow_ups_list", {})
    assert request.path_params == {}
    assert request.query == []
    assert request.json is None


def test_follow_ups_list_sends_incident_and_mode_filters() -> None:
    arguments = {"incident_id": "01INC", "incident_mode": "retrospective"}
    assert sets_every_parameter("follow_ups_list", arguments)
    request = built("follow_ups_list", arguments)
    assert request.query == [("incident_id", "01INC"), ("incident_mode", "retrospective")]


def test_follow_ups_list_rejects_unknown_incident_mode() -> None:
    error = rejected("follow_ups_list", {"incident_mode": "all"})
    assert "'standard', 'retrospective', 'test', 'tutorial' or 'stream'" in error


def test_follow_ups_show_puts_the_id_in_the_path() -> None:
    request = built("follow_ups_show", {"id": "01FU"})
    assert request.path_params == {"id": "01FU"}
    assert request.query == []
    assert request.json is None


def test_follow_ups_show_requires_an_id() -> None:
    assert "Field required" in rejected("follow_ups_show", {})
