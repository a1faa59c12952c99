from __future__ import annotations

from tests.actions.support import built, rejected, sets_every_parameter


def test_users_list_without_arguments_sends_no_query() -> None:
    request = built("users_list", {})
    assert request.path_params == {}
    assert request.query == []
    assert request.json is None


def test_users_list_sends_every_filter_and_include_inactive_as_true() -> None:
    arguments = {
        "page_size": 10000,
        "after": "01USR",
        "email": "a@example.com",
        "slack_user_id": "U123",
        "include_inactive": True,
    }
    assert sets_every_parameter("users_list", arguments)
    assert built("users_list", arguments).query == [
        ("page_size", "10000"),
        ("after", "01USR"),
        ("email", "a@example.com"),
        ("slack_user_id", "U123"),
        ("include_inactive", "true"),
    ]


def test_users_list_sends_include_inactive_false_when_given() -> None:
    assert built("users_list", {"include_inactive": False}).query == [("include_inactive", "false")]


def test_users_list_rejects_page_size_outside_1_to_10000() -> None:
    assert "less than or equal to 10000" in rejected("users_list", {"page_size": 10001})
    assert "greater than or equal to 1" in rejected("users_list", {"page_size": 0})


def test_users_show_puts_the_id_in_the_path() -> None:
    request = built("users_show", {"id": "01USR"})
    assert request.path_params == {"id": "01USR"}
    assert request.query == []
    assert request.json is None
