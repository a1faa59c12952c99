from __future__ import annotations

import json
from typing import Any

import pytest
from tests.actions.support import built, rejected, sets_every_parameter
from tests.pinned_support import pinned

from incidentio_toolkit.actions import ACTIONS
from incidentio_toolkit.sandbox import seed

USER_LEVEL: dict[str, Any] = {
    "targets": [{"type": "user", "user_id": "01USR", "urgency": "high"}],
    "time_to_ack_seconds": 300,
}
SCHEDULE_LEVEL: dict[str, Any] = {
    "targets": [{"type": "schedule", "schedule_id": "01SCH", "urgency": "low"}],
    "time_to_ack_seconds": 600,
}


def _path(arguments: dict[str, Any]) -> Any:
    return built("escalation_paths_create", {"name": "Urgent", **arguments}).json["path"]


def test_escalation_paths_list_without_arguments_sends_no_query() -> None:
    request = built("escalation_paths_list", {})
    assert (request.path_params, request.query, request.json) == ({}, [], None)


def test_escalation_paths_list_sends_page_size_and_cursor() -> None:
    arguments = {"page_size": 25, "after": "01EP"}
    assert sets_every_parameter("escalation_paths_list", arguments)
    assert built("escalation_paths_list", arguments).query == [
        ("page_size", "25"),
        ("after", "01EP"),
    ]


def test_escalation_paths_list_rejects_page_size_outside_1_to_25() -> None:
    assert "less than or equal to 25" in rejected("escalation_paths_list", {"page_size": 26})
    assert "greater than or equal to 1" in rejected("escalation_paths_list", {"page_size": 0})


def test_escalation_paths_create_turns_contract_levels_into_level_nodes() -> None:
    request = built(
        "escalation_paths_create", {"name": "Urgent", "path": [USER_LEVEL, SCHEDULE_LEVEL]}
    )
    assert request.path_params == {}
    assert request.query == []
    assert request.json == {
        "name": "Urgent",
        "path": [
            {
                "id": "level-1",
                "type": "level",
                "level": {
                    "targets": [{"id": "01USR", "type": "user", "urgency": "high"}],
                    "time_to_ack_seconds": 300,
                },
            },
            {
                "id": "level-2",
                "type": "level",
                "level": {
                    "targets": [
                        {
                            "id": "01SCH",
                            "type": "schedule",
                            "urgency": "low",
                            "schedule_mode": "currently_on_call",
                        }
                    ],
                    "time_to_ack_seconds": 600,
                },
            },
        ],
    }


def test_escalation_paths_create_sends_every_parameter() -> None:
    arguments = {
        "name": "Urgent",
        "path": [USER_LEVEL],
        "working_hours": [{"weekday": "monday", "start_time": "09:00", "end_time": "17:00"}],
        "timezone": "Europe/London",
        "team_ids": ["01TEAM"],
        "repeat_config": {"repeat_after_seconds": 600},
    }
    assert sets_every_parameter("escalation_paths_create", arguments)
    body = built("escalation_paths_create", arguments).json
    assert set(body) == {"name", "path", "working_hours", "team_ids", "repeat_config"}
    assert body["team_ids"] == ["01TEAM"]
    assert body["repeat_config"] == {
        "repeat_after_seconds": 600,
        "delay_repeat_on_activity": False,
    }
    assert body["working_hours"] == [
        {
            "id": "working-hours",
            "name": "Working hours",
            "timezone": "Europe/London",
            "weekday_intervals": [
                {"weekday": "monday", "start_time": "09:00", "end_time": "17:00"}
            ],
        }
    ]


def test_escalation_paths_create_takes_a_target_id_from_id_and_defaults_urgency_to_high() -> None:
    path = _path({"path": [{"targets": [{"type": "user", "id": "01USR"}]}]})
    assert path[0]["level"] == {"targets": [{"id": "01USR", "type": "user", "urgency": "high"}]}


def test_escalation_paths_create_accepts_a_matching_id_and_user_id() -> None:
    target = {"type": "user", "id": "01USR", "user_id": "01USR"}
    assert _path({"path": [{"targets": [target]}]})[0]["level"]["targets"][0]["id"] == "01USR"


def test_escalation_paths_create_keeps_a_given_schedule_mode_and_rota() -> None:
    target = {
        "type": "schedule",
        "id": "01SCH",
        "schedule_mode": "next_on_call_for_rota",
        "selected_rota_id": "01ROT",
    }
    [node] = _path({"path": [{"targets": [target], "time_to_ack_seconds": 60}]})
    assert node["level"]["targets"] == [
        {
            "id": "01SCH",
            "type": "schedule",
            "urgency": "high",
            "schedule_mode": "next_on_call_for_rota",
            "selected_rota_id": "01ROT",
        }
    ]


def test_escalation_paths_create_passes_node_form_items_through_unchanged() -> None:
    level_node = {
        "id": "first",
        "type": "level",
        "level": {
            "targets": [{"id": "01USR", "type": "user", "urgency": "high"}],
            "ack_mode": "first",
        },
    }
    branch: dict[str, Any] = {
        "id": "hours",
        "type": "if_else",
        "if_else": {
            "conditions": [
                {
                    "subject": "escalation.working_hours",
                    "operation": "is_active",
                    "param_bindings": [],
                }
            ],
            "then_path": [{"id": "wait", "type": "delay", "delay": {"delay_seconds": 60}}],
            "else_path": [],
        },
    }
    repeat = {"id": "again", "type": "repeat", "repeat": {"to_node": "level-3", "repeat_times": 2}}
    path = _path({"path": [level_node, branch, USER_LEVEL, repeat]})
    assert path[0] == level_node
    assert path[1] == branch
    assert path[2]["id"] == "level-3"
    assert path[3] == repeat


def test_escalation_paths_create_generates_ids_unique_within_the_path() -> None:
    taken = {
        "id": "level-2",
        "type": "notify_channel",
        "notify_channel": {"targets": [{"id": "C1", "type": "slack_channel", "urgency": "high"}]},
    }
    nested = {
        "id": "branch",
        "type": "if_else",
        "if_else": {
            "then_path": [{"id": "level-3", "type": "delay", "delay": {"delay_seconds": 5}}],
            "else_path": [],
        },
    }
    path = _path({"path": [taken, USER_LEVEL, nested, USER_LEVEL]})
    ids = [node["id"] for node in path]
    assert ids == ["level-2", "level-2-2", "branch", "level-4"]


def test_escalation_paths_create_ids_are_deterministic() -> None:
    arguments = {"path": [USER_LEVEL, SCHEDULE_LEVEL]}
    assert _path(arguments) == _path(arguments)


def test_escalation_paths_create_revalidating_its_own_output_changes_nothing() -> None:
    model = ACTIONS["escalation_paths_create"].input
    arguments = {
        "name": "Urgent",
        "path": [USER_LEVEL],
        "working_hours": [{"weekday": "Friday", "start_time": "9:00", "end_time": "17:30"}],
        "timezone": "UTC",
    }
    first = model.model_validate(arguments)
    again = model.model_validate(first.model_dump(exclude_none=True))
    assert again == first


def test_escalation_paths_create_rejects_a_target_without_an_id() -> None:
    error = rejected(
        "escalation_paths_create", {"name": "n", "path": [{"targets": [{"type": "user"}]}]}
    )
    assert "path[0].targets[0]: a user target needs user_id (or id)" in error


def test_escalation_paths_create_rejects_an_unknown_target_type_with_its_index() -> None:
    level = {"targets": [{"type": "user", "id": "u"}, {"type": "team", "id": "01TEAM"}]}
    error = rejected("escalation_paths_create", {"name": "n", "path": [USER_LEVEL, level]})
    assert "path[1].targets[1].type: Input should be 'user' or 'schedule'" in error


def test_escalation_paths_create_reports_every_bad_level_at_once() -> None:
    error = rejected(
        "escalation_paths_create",
        {
            "name": "n",
            "path": [
                {"targets": [{"type": "schedule"}]},
                {"targets": [{"type": "user", "id": "u", "urgency": "urgent"}]},
            ],
        },
    )
    assert "path[0].targets[0]: a schedule target needs schedule_id (or id)" in error
    assert "path[1].targets[0].urgency: Input should be 'high' or 'low'" in error
    assert "A level is {targets: [{type: user|schedule, id, urgency: high|low}]" in error


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (
            {"type": "user", "schedule_id": "s"},
            "a user target takes user_id or id, not schedule_id",
        ),
        ({"type": "user", "id": "a", "user_id": "b"}, "user_id and id differ"),
        (
            {"type": "user", "id": "u", "schedule_mode": "all_users"},
            "schedule_mode and selected_rota_id are for schedule targets only",
        ),
        (
            {"type": "schedule", "id": "s", "schedule_mode": "all_users_for_rota"},
            "schedule_mode 'all_users_for_rota' needs selected_rota_id",
        ),
        (
            {"type": "schedule", "id": "s", "selected_rota_id": "r"},
            "selected_rota_id needs a *_for_rota schedule_mode",
        ),
        ({"type": "user", "id": "u", "name": "Ann"}, "path[0].targets[0].name: Extra inputs"),
    ],
)
def test_escalation_paths_create_rejects_inconsistent_targets(
    target: dict[str, str], message: str
) -> None:
    error = rejected("escalation_paths_create", {"name": "n", "path": [{"targets": [target]}]})
    assert message in error


def test_escalation_paths_create_rejects_a_node_without_an_id() -> None:
    node: dict[str, Any] = {"type": "level", "level": {"targets": []}}
    error = rejected("escalation_paths_create", {"name": "n", "path": [node]})
    assert "path[0]: has a type but no id" in error


def test_escalation_paths_create_rejects_an_empty_level_and_an_empty_path() -> None:
    error = rejected("escalation_paths_create", {"name": "n", "path": [{"targets": []}]})
    assert "path[0].targets: List should have at least 1 item" in error
    assert "path\n  List should have at least 1 item" in rejected(
        "escalation_paths_create", {"name": "n", "path": []}
    )


def test_escalation_paths_create_groups_working_hours_in_utc_by_default() -> None:
    arguments = {
        "name": "n",
        "path": [USER_LEVEL],
        "working_hours": [
            {"weekday": "Monday", "start_time": "9:00", "end_time": "17:00"},
            {"weekday": "tuesday", "start_time": "09:30", "end_time": "24:00"},
        ],
    }
    assert built("escalation_paths_create", arguments).json["working_hours"] == [
        {
            "id": "working-hours",
            "name": "Working hours",
            "timezone": "UTC",
            "weekday_intervals": [
                {"weekday": "monday", "start_time": "09:00", "end_time": "17:00"},
                {"weekday": "tuesday", "start_time": "09:30", "end_time": "24:00"},
            ],
        }
    ]


def test_escalation_paths_create_passes_api_form_working_hours_through() -> None:
    config = {
        "id": "working-hours",
        "name": "Office",
        "timezone": "Europe/Paris",
        "weekday_intervals": [{"weekday": "friday", "start_time": "08:00", "end_time": "12:00"}],
    }
    interval = {"weekday": "saturday", "start_time": "10:00", "end_time": "14:00"}
    arguments = {"name": "n", "path": [USER_LEVEL], "working_hours": [config, interval]}
    assert built("escalation_paths_create", arguments).json["working_hours"] == [
        config,
        {
            "id": "working-hours-2",
            "name": "Working hours",
            "timezone": "UTC",
            "weekday_intervals": [interval],
        },
    ]


def test_escalation_paths_create_rejects_bad_working_hours_with_their_index() -> None:
    hours = [
        {"weekday": "monday", "start_time": "09:00", "end_time": "17:00"},
        {"weekday": "someday", "start_time": "09:00", "end_time": "5pm"},
    ]
    error = rejected(
        "escalation_paths_create", {"name": "n", "path": [USER_LEVEL], "working_hours": hours}
    )
    assert "working_hours[1].weekday: Input should be 'monday'" in error
    assert "working_hours[1].end_time: '5pm' is not a 24h HH:MM time such as 09:00" in error


def test_escalation_paths_create_rejects_a_timezone_without_contract_working_hours() -> None:
    error = rejected(
        "escalation_paths_create", {"name": "n", "path": [USER_LEVEL], "timezone": "UTC"}
    )
    assert "timezone applies to working_hours given as {weekday, start_time, end_time}" in error


def test_escalation_paths_create_states_the_default_timezone_once() -> None:
    fields = ACTIONS["escalation_paths_create"].input.model_fields
    assert "in timezone or UTC" in (fields["working_hours"].description or "")
    assert fields["timezone"].description is None
    assert "escalation_paths_create" in ACTIONS["escalation_paths_update"].description


def test_escalation_paths_show_puts_the_id_in_the_path() -> None:
    request = built("escalation_paths_show", {"id": "01EP"})
    assert (request.path_params, request.query, request.json) == ({"id": "01EP"}, [], None)


def test_escalation_paths_update_converts_like_create_and_puts_the_id_in_the_path() -> None:
    request = built(
        "escalation_paths_update", {"id": "01EP", "name": "Urgent", "path": [SCHEDULE_LEVEL]}
    )
    assert request.path_params == {"id": "01EP"}
    assert request.query == []
    assert request.json == {
        "name": "Urgent",
        "path": [
            {
                "id": "level-1",
                "type": "level",
                "level": {
                    "targets": [
                        {
                            "id": "01SCH",
                            "type": "schedule",
                            "urgency": "low",
                            "schedule_mode": "currently_on_call",
                        }
                    ],
                    "time_to_ack_seconds": 600,
                },
            }
        ],
    }


def test_escalation_paths_update_sends_every_parameter() -> None:
    arguments = {
        "id": "01EP",
        "name": "Urgent",
        "path": [USER_LEVEL],
        "working_hours": [{"weekday": "sunday", "start_time": "00:00", "end_time": "23:59"}],
        "timezone": "America/New_York",
        "team_ids": "01TEAM1, 01TEAM2",
        "repeat_config": {"repeat_after_seconds": 300, "delay_repeat_on_activity": True},
    }
    assert sets_every_parameter("escalation_paths_update", arguments)
    body = built("escalation_paths_update", arguments).json
    assert body["working_hours"][0]["timezone"] == "America/New_York"
    assert body["team_ids"] == ["01TEAM1", "01TEAM2"]
    assert body["repeat_config"] == {"repeat_after_seconds": 300, "delay_repeat_on_activity": True}
    assert body["path"][0]["level"]["targets"] == [
        {"id": "01USR", "type": "user", "urgency": "high"}
    ]


def test_escalation_paths_update_rejects_bad_targets_like_create() -> None:
    error = rejected(
        "escalation_paths_update",
        {"id": "01EP", "name": "n", "path": [{"targets": [{"type": "rota", "id": "x"}]}]},
    )
    assert "path[0].targets[0].type" in error


@pytest.mark.parametrize("name", ["escalation_paths_create", "escalation_paths_update"])
def test_escalation_paths_refuse_an_unknown_timezone_naming_a_valid_one(name: str) -> None:
    hours = [{"weekday": "monday", "start_time": "09:00", "end_time": "17:00"}]
    arguments = {"id": "01EP", "name": "n", "path": [USER_LEVEL], "working_hours": hours}
    if name == "escalation_paths_create":
        del arguments["id"]
    error = rejected(name, {**arguments, "timezone": "Europe/Londn"})
    assert "timezone" in error
    assert "'Europe/Londn' is not a time zone" in error
    assert "such as Europe/London" in error


def test_escalation_paths_create_refuses_an_unknown_timezone_in_an_api_form_config() -> None:
    config = {
        "id": "office",
        "name": "Office",
        "timezone": "Mars/Olympus",
        "weekday_intervals": [{"weekday": "friday", "start_time": "08:00", "end_time": "12:00"}],
    }
    error = rejected(
        "escalation_paths_create", {"name": "n", "path": [USER_LEVEL], "working_hours": [config]}
    )
    assert "working_hours[0].timezone: 'Mars/Olympus' is not a time zone" in error


@pytest.mark.parametrize(
    ("repeat", "message"),
    [
        ({"repeat_after_seconds": 60}, "greater than or equal to 300"),
        ({"repeat_after_seconds": 345601}, "less than or equal to 345600"),
        ({"delay_repeat_on_activity": True}, "repeat_after_seconds"),
        ({"repeat_after_seconds": 600, "times": 2}, "times"),
    ],
)
def test_escalation_paths_create_checks_repeat_config(repeat: dict[str, Any], message: str) -> None:
    error = rejected(
        "escalation_paths_create", {"name": "n", "path": [USER_LEVEL], "repeat_config": repeat}
    )
    assert "repeat_config" in error
    assert message in error


def test_escalation_paths_update_keeps_what_its_put_would_clear() -> None:
    action = ACTIONS["escalation_paths_update"]
    assert action.keeps == ("team_ids", "repeat_config", "working_hours")
    assert action.check_with == "escalation_paths_show"
    optional = {n for n, f in action.input.model_fields.items() if not f.is_required()}
    assert set(action.keeps) == optional - {"timezone"}  # a timezone is only of given hours


@pytest.mark.anyio
async def test_escalation_paths_update_keeps_the_teams_and_repeat_it_is_not_given() -> None:
    async with pinned() as sandbox:
        io = sandbox.client
        shown = await io.call("escalation_paths_show", {"id": "Urgent Support", "fields": ["*"]})
        path = shown["escalation_path"]
        assert path["team_ids"] == [seed.TEAM_PAYMENTS_ID]
        set_repeat = await io.call(
            "escalation_paths_update",
            {
                "id": path["id"],
                "name": path["name"],
                "path": path["path"],
                "repeat_config": {"repeat_after_seconds": 900},
            },
        )
        assert set_repeat["success"] is True, set_repeat
        before = len(sandbox.transport.requests)
        renamed = await io.call(
            "escalation_paths_update",
            {"id": "Urgent Support", "name": "Urgent Support (24/7)", "path": path["path"]},
        )
        sent = sandbox.transport.paths()[before:]
        body = json.loads(sandbox.transport.requests[-1].content)
        on_call = await io.call("on_call_now", {"team": "Payments"})
    assert renamed["success"] is True, renamed
    assert renamed["escalation_path"]["team_ids"] == [seed.TEAM_PAYMENTS_ID]
    assert sent == [
        "GET /v2/escalation_paths",  # the name's lookup
        f"GET /v2/escalation_paths/{path['id']}",  # what the path has now
        f"PUT /v2/escalation_paths/{path['id']}",
    ]
    assert body["team_ids"] == [seed.TEAM_PAYMENTS_ID]
    assert body["repeat_config"] == {
        "repeat_after_seconds": 900,
        "delay_repeat_on_activity": False,
    }
    paths = on_call["on_call"]["escalation_paths"]
    assert [p["escalation_path"] for p in paths] == ["Urgent Support (24/7)"]


@pytest.mark.anyio
async def test_escalation_paths_update_clears_teams_only_when_told_and_then_reads_nothing() -> None:
    async with pinned() as sandbox:
        shown = await sandbox.client.call(
            "escalation_paths_show", {"id": seed.ESCALATION_PATH_URGENT_ID, "fields": ["*"]}
        )
        path = shown["escalation_path"]
        before = len(sandbox.transport.requests)
        cleared = await sandbox.client.call(
            "escalation_paths_update",
            {
                "id": path["id"],
                "name": path["name"],
                "path": path["path"],
                "team_ids": [],
                "repeat_config": {"repeat_after_seconds": 300},
                "working_hours": [],
            },
        )
        sent = sandbox.transport.paths()[before:]
    assert cleared["success"] is True, cleared
    assert cleared["escalation_path"]["team_ids"] == []
    assert sent == [f"PUT /v2/escalation_paths/{path['id']}"]


@pytest.mark.anyio
async def test_escalation_paths_create_takes_team_and_target_names() -> None:
    level = {
        "targets": [
            {"type": "user", "id": "diego.alvarez@northwind.example"},
            {"type": "user", "user_id": "Hannah Schmidt"},
            {"type": "schedule", "id": "platform support"},
        ]
    }
    async with pinned() as sandbox:
        made = await sandbox.client.call(
            "escalation_paths_create",
            {"name": "Search escalation", "path": [level], "team_ids": "Search"},
        )
        body = json.loads(sandbox.transport.requests[-1].content)
    assert made["success"] is True, made
    assert body["team_ids"] == [seed.TEAM_SEARCH_ID]
    assert [t["id"] for t in body["path"][0]["level"]["targets"]] == [
        seed.USER_DIEGO_ID,
        seed.USER_HANNAH_ID,
        seed.SCHEDULE_PLATFORM_ID,
    ]


def test_escalation_paths_delete_sends_only_the_id() -> None:
    request = built("escalation_paths_delete", {"id": "01EP"})
    assert (request.path_params, request.query, request.json) == ({"id": "01EP"}, [], None)
    assert ACTIONS["escalation_paths_delete"].noun == "Escalation path"
