from __future__ import annotations

from typing import Any

from tests.actions.support import built, rejected, sets_every_parameter

MOVE: dict[str, Any] = {
    "id": "01OVR",
    "rotation_id": "01ROT",
    "layer_id": "01LAY",
    "start_at": "2026-11-26T09:00:00Z",
    "end_at": "2026-11-26T17:00:00+01:00",
}


def test_schedule_overrides_list_sends_the_schedule_and_every_filter() -> None:
    arguments = {
        "schedule_id": "01SCH",
        "rotation_id": "01ROT",
        "layer_id": "01LAY",
        "page_size": 250,
        "after": "01OVR",
    }
    assert sets_every_parameter("schedule_overrides_list", arguments)
    request = built("schedule_overrides_list", arguments)
    assert request.query == [(name, str(value)) for name, value in arguments.items()]
    assert request.json is None


def test_schedule_overrides_list_needs_a_schedule() -> None:
    assert "schedule_id\n  Field required" in rejected("schedule_overrides_list", {})
    assert "less than or equal to 250" in rejected(
        "schedule_overrides_list", {"schedule_id": "01SCH", "page_size": 251}
    )


def test_schedule_overrides_update_puts_the_id_in_the_path_and_the_user_in_an_object() -> None:
    request = built("schedule_overrides_update", {**MOVE, "user_email": "a@example.com"})
    assert request.path_params == {"id": "01OVR"}
    assert request.json == {
        "rotation_id": "01ROT",
        "layer_id": "01LAY",
        "start_at": "2026-11-26T09:00:00Z",
        "end_at": "2026-11-26T17:00:00+01:00",
        "user": {"email": "a@example.com"},
    }


def test_schedule_overrides_update_sends_every_user_reference_given() -> None:
    arguments = {**MOVE, "user_id": "01USR", "user_email": "a@example.com", "user_slack_id": "U1"}
    assert sets_every_parameter("schedule_overrides_update", arguments)
    body = built("schedule_overrides_update", arguments).json
    assert body["user"] == {"id": "01USR", "email": "a@example.com", "slack_user_id": "U1"}


def test_schedule_overrides_update_needs_the_whole_override() -> None:
    error = rejected("schedule_overrides_update", {"id": "01OVR", "user_id": "01USR"})
    for name in ("rotation_id", "layer_id", "start_at", "end_at"):
        assert f"{name}\n  Field required" in error
    assert "No user for the override" in rejected("schedule_overrides_update", MOVE)
    backwards = {**MOVE, "end_at": "2026-11-26T08:00:00Z", "user_id": "01USR"}
    assert "must be after start_at" in rejected("schedule_overrides_update", backwards)


def test_schedule_overrides_delete_puts_the_id_in_the_path() -> None:
    request = built("schedule_overrides_delete", {"id": "01OVR"})
    assert (request.path_params, request.query, request.json) == ({"id": "01OVR"}, [], None)
