from __future__ import annotations

from tests.actions.support import built, rejected, sets_every_parameter

from incidentio_toolkit.actions import ACTIONS


def test_custom_fields_list_sends_no_query() -> None:
    request = built("custom_fields_list", {})
    assert (request.path_params, request.query, request.json) == ({}, [], None)


def test_custom_fields_create_sends_a_flat_body() -> None:
    arguments = {"name": "Team", "description": "Owning team", "field_type": "single_select"}
    assert sets_every_parameter("custom_fields_create", arguments)
    request = built("custom_fields_create", arguments)
    assert (request.path_params, request.query, request.json) == ({}, [], arguments)


def test_custom_fields_create_accepts_exactly_the_api_field_types() -> None:
    for field_type in ("single_select", "multi_select", "text", "link", "numeric"):
        arguments = {"name": "F", "description": "d", "field_type": field_type}
        assert built("custom_fields_create", arguments).json == arguments
    error = rejected(
        "custom_fields_create", {"name": "F", "description": "d", "field_type": "date"}
    )
    assert "'single_select', 'multi_select', 'text', 'link' or 'numeric'" in error


def test_custom_fields_create_rejects_a_name_over_50_characters() -> None:
    error = rejected(
        "custom_fields_create", {"name": "x" * 51, "description": "d", "field_type": "text"}
    )
    assert "at most 50 characters" in error


def test_custom_fields_show_puts_the_id_in_the_path() -> None:
    request = built("custom_fields_show", {"id": "01CF"})
    assert (request.path_params, request.query, request.json) == ({"id": "01CF"}, [], None)


def test_custom_fields_update_sends_name_and_description() -> None:
    arguments = {"id": "01CF", "name": "Team", "description": "Owning team"}
    assert sets_every_parameter("custom_fields_update", arguments)
    request = built("custom_fields_update", arguments)
    assert request.path_params == {"id": "01CF"}
    assert request.json == {"name": "Team", "description": "Owning team"}


def test_custom_fields_update_cannot_change_the_field_type() -> None:
    error = rejected(
        "custom_fields_update",
        {"id": "01CF", "name": "T", "description": "d", "field_type": "text"},
    )
    assert "field_type\n  Extra inputs are not permitted" in error


def test_custom_fields_delete_sends_only_the_id() -> None:
    request = built("custom_fields_delete", {"id": "01CF"})
    assert (request.path_params, request.query, request.json) == ({"id": "01CF"}, [], None)
    assert ACTIONS["custom_fields_delete"].noun == "Custom field"
