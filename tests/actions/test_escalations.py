from __future__ import annotations

from tests.actions.support import built, rejected, sets_every_parameter

from incidentio_toolkit.actions import ACTIONS


def test_escalations_list_without_arguments_sends_no_query() -> None:
    request = built("escalations_list", {})
    assert (request.path_params, request.query, request.json) == ({}, [], None)


def test_escalations_list_sends_page_size_and_cursor() -> None:
    arguments = {"page_size": 50, "after": "01ESC"}
    assert sets_every_parameter("escalations_list", arguments)
    assert built("escalations_list", arguments).query == [("page_size", "50"), ("after", "01ESC")]


def test_escalations_list_rejects_page_size_outside_1_to_50() -> None:
    assert "less than or equal to 50" in rejected("escalations_list", {"page_size": 51})
    assert "greater than or equal to 1" in rejected("escalations_list", {"page_size": 0})


def test_escalations_create_through_a_path_sends_the_path_id() -> None:
    arguments = {"idempotency_key": "k1", "title": "DB down", "escalation_path_id": "01EP"}
    request = built("escalations_create", arguments)
    assert request.path_params == {}
    assert request.query == []
    assert request.json == arguments


def test_escalations_create_splits_comma_separated_user_ids_into_a_list() -> None:
    arguments = {
        "idempotency_key": "k1",
        "title": "DB down",
        "user_ids": "01USR1, 01USR2,,01USR3",
        "description": "Primary is unreachable",
        "incident_id": "01INC",
    }
    # Every parameter but escalation_path_id, which cannot be combined with user_ids.
    fields = set(ACTIONS["escalations_create"].input.model_fields)
    assert fields - set(arguments) == {"escalation_path_id"}
    assert built("escalations_create", arguments).json == {
        "idempotency_key": "k1",
        "title": "DB down",
        "user_ids": ["01USR1", "01USR2", "01USR3"],
        "description": "Primary is unreachable",
        "incident_id": "01INC",
    }


def test_escalations_create_accepts_user_ids_as_a_list() -> None:
    arguments = {"idempotency_key": "k1", "title": "t", "user_ids": ["01USR1"]}
    assert built("escalations_create", arguments).json == arguments


def test_escalations_create_rejects_both_path_and_users() -> None:
    error = rejected(
        "escalations_create",
        {"idempotency_key": "k", "title": "t", "escalation_path_id": "01EP", "user_ids": "01U"},
    )
    assert "escalation_path_id and user_ids were both given" in error
    assert "Remove one of them." in error


def test_escalations_create_rejects_neither_path_nor_users() -> None:
    error = rejected("escalations_create", {"idempotency_key": "k", "title": "t"})
    assert "give escalation_path_id (from escalation_paths_list) or user_ids" in error


def test_escalations_create_treats_empty_user_ids_as_not_given() -> None:
    error = rejected(
        "escalations_create", {"idempotency_key": "k", "title": "t", "user_ids": " , "}
    )
    assert "Nobody to page" in error
    request = built(
        "escalations_create",
        {"idempotency_key": "k", "title": "t", "escalation_path_id": "01EP", "user_ids": ""},
    )
    assert request.json == {"idempotency_key": "k", "title": "t", "escalation_path_id": "01EP"}


def test_escalations_create_requires_an_idempotency_key_and_title() -> None:
    error = rejected("escalations_create", {"escalation_path_id": "01EP"})
    assert "idempotency_key\n  Field required" in error
    assert "title\n  Field required" in error


def test_escalations_show_puts_the_id_in_the_path() -> None:
    request = built("escalations_show", {"id": "01ESC"})
    assert (request.path_params, request.query, request.json) == ({"id": "01ESC"}, [], None)
