"""The tool boundary's translations: arguments in, a 2xx body out, each failure with its fix."""

from __future__ import annotations

from typing import Any

import pytest

from incidentio_toolkit.actions import ACTIONS
from incidentio_toolkit.client import InvalidArgumentsError, InvalidResponseError
from incidentio_toolkit.client._codec import (
    ItemCursor,
    parse_output,
    unknown_action_text,
    validate_arguments,
)
from incidentio_toolkit.composites import TOOLS


@pytest.mark.parametrize("arguments", [["page_size", 5], "page_size=5", 5])
def test_arguments_that_are_not_an_object_are_refused_naming_the_action(arguments: Any) -> None:
    with pytest.raises(InvalidArgumentsError, match=r"incidents_list must be a JSON object"):
        validate_arguments(ACTIONS["incidents_list"], arguments)


def test_unknown_and_missing_parameters_are_named_with_the_valid_ones() -> None:
    with pytest.raises(InvalidArgumentsError) as info:
        validate_arguments(ACTIONS["incidents_show"], {"incident_id": "01X"})
    text = str(info.value)
    assert "unknown parameter 'incident_id' (valid: id, fields)" in text
    assert "'id' is required" in text
    assert text.endswith("Nothing was sent.")


def test_a_validated_input_passes_through_unchanged() -> None:
    action = ACTIONS["users_list"]
    given = action.input.model_validate({"page_size": 3})
    assert validate_arguments(action, given) is given


def test_the_result_field_must_be_in_the_body_and_the_optional_ones_may_be_absent() -> None:
    action = ACTIONS["users_list"]
    output = parse_output(action, b'{"users": [{"id": "1"}]}', {})
    assert output.model_dump() == {
        "success": True,
        "error": None,
        "users": [{"id": "1"}],
        "pagination_meta": None,
    }
    with pytest.raises(InvalidResponseError, match=r"lacks 'users'; check with users_list"):
        parse_output(action, b'{"pagination_meta": {}}', {})


@pytest.mark.parametrize(
    ("body", "problem"),
    [(b"<html>", "not JSON"), (b"[1]", "JSON list, not an object"), (b"null", "JSON NoneType")],
)
def test_a_body_that_is_not_an_object_names_the_read_that_checks_the_write(
    body: bytes, problem: str
) -> None:
    action = ACTIONS["incidents_create"]
    with pytest.raises(InvalidResponseError) as info:
        parse_output(action, body, {})
    assert problem in str(info.value)
    assert f"check with {action.check_with}" in str(info.value)


def test_a_delete_answers_with_a_message_naming_what_went() -> None:
    action = ACTIONS["workflows_delete"]
    output = parse_output(action, b"", {"id": "01WF"})
    assert output.model_dump() == {
        "success": True,
        "error": None,
        "message": "Workflow '01WF' deleted.",
    }


def test_item_cursor_gives_each_item_once_across_pages_up_to_the_cap() -> None:
    cursor = ItemCursor(ACTIONS["schedule_entries_list"], max_items=3)
    first = cursor.take({"schedule_entries": {"final": [{"entry_id": "a"}, {"entry_id": "b"}]}})
    second = cursor.take(
        {"schedule_entries": {"final": [{"entry_id": "b"}, {"entry_id": "c"}, {"entry_id": "d"}]}}
    )
    assert [e["entry_id"] for e in first + second] == ["a", "b", "c"]
    assert cursor.done


def test_an_unknown_action_text_points_at_the_list_of_actions() -> None:
    text = unknown_action_text("incident_list")
    assert "'incident_list'" in text
    assert f"{len(TOOLS)} tool names" in text
