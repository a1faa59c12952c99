from __future__ import annotations

from typing import Any

import pytest
from tests.actions.support import built, rejected, sets_every_parameter

OVERRIDE: dict[str, Any] = {
    "rotation_id": "01ROT",
    "layer_id": "01LAY",
    "schedule_id": "01SCH",
    "start_at": "2026-11-26T09:00:00Z",
    "end_at": "2026-11-26T17:00:00+01:00",
}


def test_schedule_entries_list_with_only_the_schedule_sends_it_in_the_query() -> None:
    request = built("schedule_entries_list", {"schedule_id": "01SCH"})
    assert (request.path_params, request.query, request.json) == (
        {},
        [("schedule_id", "01SCH")],
        None,
    )


def test_schedule_entries_list_sends_the_window_in_rfc3339() -> None:
    arguments = {
        "schedule_id": "01SCH",
        "entry_window_start": "2026-11-26T00:00:00Z",
        "entry_window_end": "2026-11-27T00:00:00+02:00",
    }
    assert sets_every_parameter("schedule_entries_list", arguments)
    assert built("schedule_entries_list", arguments).query == [
        ("schedule_id", "01SCH"),
        ("entry_window_start", "2026-11-26T00:00:00Z"),
        ("entry_window_end", "2026-11-27T00:00:00+02:00"),
    ]


def test_schedule_entries_list_passes_a_pagination_cursor_through_unchanged() -> None:
    arguments = {"schedule_id": "01SCH", "entry_window_start": "opaque-cursor=="}
    assert built("schedule_entries_list", arguments).query[1] == (
        "entry_window_start",
        "opaque-cursor==",
    )


def test_schedule_entries_list_rejects_an_end_without_a_utc_offset() -> None:
    error = rejected(
        "schedule_entries_list", {"schedule_id": "01SCH", "entry_window_end": "2026-11-27T00:00:00"}
    )
    assert "'2026-11-27T00:00:00' has no UTC offset: add Z or +HH:MM" in error


def test_schedule_entries_list_requires_the_schedule_id() -> None:
    assert "schedule_id\n  Field required" in rejected("schedule_entries_list", {})


@pytest.mark.parametrize(
    ("argument", "user"),
    [
        ({"user_id": "01USR"}, {"id": "01USR"}),
        ({"user_email": "a@example.com"}, {"email": "a@example.com"}),
        ({"user_slack_id": "U123"}, {"slack_user_id": "U123"}),
    ],
)
def test_schedule_overrides_create_builds_the_user_object(
    argument: dict[str, str], user: dict[str, str]
) -> None:
    request = built("schedule_overrides_create", {**OVERRIDE, **argument})
    assert request.path_params == {}
    assert request.query == []
    assert request.json == {
        "rotation_id": "01ROT",
        "layer_id": "01LAY",
        "schedule_id": "01SCH",
        "start_at": "2026-11-26T09:00:00Z",
        "end_at": "2026-11-26T17:00:00+01:00",
        "user": user,
    }


def test_schedule_overrides_create_sends_every_user_reference_given() -> None:
    arguments = {
        **OVERRIDE,
        "user_id": "01USR",
        "user_email": "a@example.com",
        "user_slack_id": "U123",
    }
    assert sets_every_parameter("schedule_overrides_create", arguments)
    body = built("schedule_overrides_create", arguments).json
    assert body["user"] == {"id": "01USR", "email": "a@example.com", "slack_user_id": "U123"}
    assert "user_id" not in body


def test_schedule_overrides_create_rejects_a_missing_user() -> None:
    error = rejected("schedule_overrides_create", OVERRIDE)
    assert "No user for the override: give user_id (from users_list), user_email or" in error


def test_schedule_overrides_create_rejects_an_end_before_the_start() -> None:
    arguments = {**OVERRIDE, "end_at": "2026-11-26T08:00:00Z", "user_id": "01USR"}
    error = rejected("schedule_overrides_create", arguments)
    assert "end_at (2026-11-26T08:00:00Z) must be after start_at (2026-11-26T09:00:00Z)." in error


def test_schedule_overrides_create_rejects_a_time_that_is_not_iso_8601() -> None:
    error = rejected(
        "schedule_overrides_create", {**OVERRIDE, "start_at": "tomorrow 9am", "user_id": "01U"}
    )
    assert "'tomorrow 9am' is not an ISO 8601 time such as 2026-11-26T09:00:00Z" in error


def test_schedule_overrides_create_sends_times_in_rfc3339_form() -> None:
    arguments = {
        **OVERRIDE,
        "start_at": "2026-11-26 09:00:00+00:00",
        "end_at": "2026-11-26T10:30:00.5-05:00",
        "user_id": "01USR",
    }
    body = built("schedule_overrides_create", arguments).json
    assert body["start_at"] == "2026-11-26T09:00:00Z"
    assert body["end_at"] == "2026-11-26T10:30:00.500000-05:00"
