from __future__ import annotations

from tests.actions.support import built, rejected, sets_every_parameter


def test_teams_list_without_arguments_sends_no_query() -> None:
    request = built("teams_list", {})
    assert (request.path_params, request.query, request.json) == ({}, [], None)


def test_teams_list_sends_page_size_and_cursor() -> None:
    arguments = {"page_size": 250, "after": "01TEAM"}
    assert sets_every_parameter("teams_list", arguments)
    assert built("teams_list", arguments).query == [("page_size", "250"), ("after", "01TEAM")]


def test_teams_list_rejects_page_size_outside_1_to_250() -> None:
    assert "less than or equal to 250" in rejected("teams_list", {"page_size": 251})
    assert "greater than or equal to 1" in rejected("teams_list", {"page_size": 0})


def test_teams_show_puts_the_id_in_the_path() -> None:
    request = built("teams_show", {"id": "01TEAM"})
    assert (request.path_params, request.query, request.json) == ({"id": "01TEAM"}, [], None)
