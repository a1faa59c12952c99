from __future__ import annotations

from typing import Any

import pytest
from tests.actions.support import built, rejected, sets_every_parameter
from tests.pinned_support import pinned

from incidentio_toolkit.actions import ACTIONS
from incidentio_toolkit.actions.schedules import SCHEDULE, layer_names, shift

ROTATION: dict[str, Any] = {
    "name": "Weekly",
    "users": [{"id": "01USR"}, {"email": "b@example.com"}],
    "handover_start_at": "2026-11-23T09:00:00Z",
    "handovers": [{"interval": 1, "interval_type": "weekly"}],
    "layers": [{"name": "Layer 1"}],
    "working_intervals": [{"weekday": "monday", "start_time": "09:00", "end_time": "17:00"}],
}


def test_schedules_list_without_arguments_sends_no_query() -> None:
    request = built("schedules_list", {})
    assert (request.path_params, request.query, request.json) == ({}, [], None)


def test_schedules_list_sends_page_size_and_cursor() -> None:
    arguments = {"page_size": 10000, "after": "01SCH"}
    assert sets_every_parameter("schedules_list", arguments)
    assert built("schedules_list", arguments).query == [("page_size", "10000"), ("after", "01SCH")]


def test_schedules_list_rejects_page_size_over_10000() -> None:
    assert "less than or equal to 10000" in rejected("schedules_list", {"page_size": 10001})


def test_schedules_create_nests_fields_under_schedule_and_config() -> None:
    arguments = {
        "name": "Primary",
        "timezone": "Europe/London",
        "rotations_config": {"rotations": [ROTATION]},
    }
    assert sets_every_parameter("schedules_create", arguments)
    request = built("schedules_create", arguments)
    assert request.path_params == {}
    assert request.query == []
    assert request.json == {
        "schedule": {
            "name": "Primary",
            "timezone": "Europe/London",
            "config": {"rotations": [ROTATION]},
        }
    }


def test_schedules_create_wraps_a_bare_list_of_rotations() -> None:
    arguments = {"name": "Primary", "timezone": "UTC", "rotations_config": [ROTATION]}
    request = built("schedules_create", arguments)
    assert request.json == {
        "schedule": {"name": "Primary", "timezone": "UTC", "config": {"rotations": [ROTATION]}}
    }


def test_schedules_create_rejects_an_object_without_rotations() -> None:
    error = rejected(
        "schedules_create",
        {"name": "Primary", "timezone": "UTC", "rotations_config": {"name": "Weekly"}},
    )
    assert 'rotations_config needs a "rotations" list' in error


def test_schedules_create_rejects_other_keys_beside_rotations() -> None:
    config = {"rotations": [ROTATION], "timezone": "UTC"}
    error = rejected(
        "schedules_create", {"name": "Primary", "timezone": "UTC", "rotations_config": config}
    )
    assert """rotations_config takes only "rotations"; remove 'timezone'.""" in error


def test_schedules_update_sends_rotations_as_given_with_their_users() -> None:
    rotation = {
        "id": "01ROT",
        "name": "Weekly",
        "users": [{"id": "01USR", "email": None}, {"slack_user_id": "U1"}],
        "effective_from": None,
    }
    arguments = {"id": "01SCH", "rotations_config": {"rotations": [rotation]}}
    model = ACTIONS["schedules_update"].input.model_validate(arguments)
    request = ACTIONS["schedules_update"].request(model)
    assert request.json == {"schedule": {"config": {"rotations": [rotation]}}}


def test_schedules_create_rejects_a_rotation_without_a_name() -> None:
    error = rejected(
        "schedules_create",
        {"name": "P", "timezone": "UTC", "rotations_config": [ROTATION, {"users": []}]},
    )
    assert 'rotations[1] needs a "name"' in error


def test_schedules_create_requires_name_timezone_and_rotations() -> None:
    error = rejected("schedules_create", {})
    for name in ("name", "timezone", "rotations_config"):
        assert f"{name}\n  Field required" in error


@pytest.mark.parametrize("name", ["schedules_create", "schedules_update"])
def test_schedules_create_and_update_refuse_an_unknown_timezone_naming_a_valid_one(
    name: str,
) -> None:
    arguments: dict[str, Any] = {
        "id": "01SCH",
        "name": "P",
        "timezone": "Europe/Londn",
        "rotations_config": [],
    }
    if name == "schedules_create":
        del arguments["id"]
    error = rejected(name, arguments)
    assert "timezone" in error
    assert "'Europe/Londn' is not a time zone" in error
    assert "such as Europe/London" in error


def test_schedules_create_takes_any_iana_timezone() -> None:
    arguments: dict[str, Any] = {
        "name": "P",
        "timezone": "America/Argentina/Buenos_Aires",
        "rotations_config": [],
    }
    assert built("schedules_create", arguments).json["schedule"]["timezone"] == (
        "America/Argentina/Buenos_Aires"
    )


def test_schedules_show_puts_the_id_in_the_path() -> None:
    request = built("schedules_show", {"id": "01SCH"})
    assert (request.path_params, request.query, request.json) == ({"id": "01SCH"}, [], None)


def test_schedules_update_sends_only_the_fields_given() -> None:
    request = built("schedules_update", {"id": "01SCH", "name": "Secondary"})
    assert request.path_params == {"id": "01SCH"}
    assert request.query == []
    assert request.json == {"schedule": {"name": "Secondary"}}


def test_schedules_update_sends_every_parameter_and_wraps_a_list() -> None:
    rotation = {"name": "Daily", "users": [{"slack_user_id": "U1"}]}
    arguments = {"id": "01SCH", "name": "P", "timezone": "UTC", "rotations_config": [rotation]}
    assert sets_every_parameter("schedules_update", arguments)
    assert built("schedules_update", arguments).json == {
        "schedule": {"name": "P", "timezone": "UTC", "config": {"rotations": [rotation]}}
    }


def test_schedules_update_rejects_a_call_with_nothing_to_change() -> None:
    error = rejected("schedules_update", {"id": "01SCH"})
    assert "Nothing to update: give name, timezone or rotations_config." in error


def test_schedules_delete_sends_only_the_id() -> None:
    request = built("schedules_delete", {"id": "01SCH"})
    assert (request.path_params, request.query, request.json) == ({"id": "01SCH"}, [], None)
    assert ACTIONS["schedules_delete"].noun == "Schedule"
    assert ACTIONS["schedules_delete"].success_status == 202


@pytest.mark.anyio
async def test_the_schedule_summary_names_rotations_and_who_is_on_call_now_and_next() -> None:
    async with pinned() as sandbox:
        full = (await sandbox.client.call("schedules_show", {"id": "Primary On-call"}))["schedule"]
    summary = SCHEDULE.summarize(full)
    assert summary["rotations"] == [
        {
            "name": "Primary",
            "layers": ["Primary", "Secondary"],
            "users": ["Sofia Rossi", "Kenji Tanaka", "Amara Okafor", "Liam O'Brien"],
        }
    ]
    assert [(s["user"], s["layer"]) for s in summary["on_call_now"]] == [
        ("Liam O'Brien", "Primary"),
        ("Sofia Rossi", "Secondary"),
    ]
    assert summary["on_call_now"][0]["until"] == summary["next"][0]["from"]
    assert "config" not in summary


def test_layers_are_named_with_their_rotation_only_when_a_schedule_has_several() -> None:
    two = {
        "config": {
            "rotations": [
                {"id": "R1", "name": "Follow the sun", "layers": [{"id": "L1", "name": "On call"}]},
                {"id": "R2", "name": "Office", "layers": [{"id": "L2", "name": "Office"}]},
            ]
        }
    }
    assert layer_names(two) == {("R1", "L1"): "Follow the sun / On call", ("R2", "L2"): "Office"}
    one = {
        "config": {
            "rotations": [{"id": "R", "name": "Weekly", "layers": [{"id": "L", "name": "A"}]}]
        }
    }
    assert layer_names(one) == {("R", "L"): "A"}
    assert layer_names({}) == {}
    entry = {
        "rotation_id": "R",
        "layer_id": "L",
        "user": {"name": "Ann"},
        "start_at": "a",
        "end_at": "b",
    }
    assert shift(entry, layer_names(one)) == {
        "user": "Ann",
        "layer": "A",
        "from": "a",
        "until": "b",
    }
