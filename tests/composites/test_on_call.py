"""on_call_now for a schedule, an escalation path, a team or a user: who, until when, and who is
next."""

from __future__ import annotations

from typing import Any

import pytest
from tests.pinned_support import pinned

from incidentio_toolkit.sandbox import seed

pytestmark = pytest.mark.anyio

PRIMARY_NOW = [
    ("Liam O'Brien", "Primary", "2025-06-16T08:00:00Z"),
    ("Sofia Rossi", "Secondary", "2025-06-16T08:00:00Z"),
]


def shifts(items: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    return [(s["user"], s["layer"], s["until"]) for s in items]


async def test_a_schedule_by_name_costs_one_show_after_the_lookup() -> None:
    async with pinned() as sandbox:
        answer = (await sandbox.client.call("on_call_now", {"schedule": "primary on-call"}))[
            "on_call"
        ]
        sent = sandbox.transport.paths()
    assert sent == ["GET /v2/schedules", f"GET /v2/schedules/{seed.SCHEDULE_PRIMARY_ID}"]
    assert answer["now"] == "2025-06-10T12:00:00Z"
    assert shifts(answer["on_call"]) == PRIMARY_NOW
    assert answer["uncovered"] is False
    assert answer["next_handover"]["at"] == "2025-06-16T08:00:00Z"
    assert [s["user"] for s in answer["next_handover"]["to"]] == ["Sofia Rossi", "Kenji Tanaka"]


async def test_a_schedule_with_nobody_on_call_says_it_is_uncovered() -> None:
    rotation = {
        "name": "Sundays",
        "users": [{"id": seed.USER_KENJI_ID}],
        "handover_start_at": "2024-01-07T09:00:00Z",
        "handovers": [{"interval": 1, "interval_type": "weekly"}],
        "layers": [{"name": "Only"}],
        "working_intervals": [{"weekday": "sunday", "start_time": "09:00", "end_time": "17:00"}],
    }
    async with pinned() as sandbox:
        made = await sandbox.client.call(
            "schedules_create",
            {"name": "Weekend cover", "timezone": "UTC", "rotations_config": [rotation]},
        )
        assert made["success"] is True, made
        answer = (await sandbox.client.call("on_call_now", {"schedule": "Weekend cover"}))[
            "on_call"
        ]
    assert answer["on_call"] == []
    assert answer["uncovered"] is True
    assert answer["next_handover"]["to"][0]["user"] == "Kenji Tanaka"
    assert answer["next_handover"]["at"] == "2025-06-15T09:00:00Z"


async def test_an_escalation_path_gives_each_level_and_who_it_pages_now() -> None:
    async with pinned() as sandbox:
        answer = (
            await sandbox.client.call(
                "on_call_now", {"escalation_path": seed.ESCALATION_PATH_URGENT_ID}
            )
        )["on_call"]
        sent = sandbox.transport.paths()
    assert [p["name"] for p in answer["pages_now"]] == ["Liam O'Brien", "Sofia Rossi"]
    assert [level["after_seconds"] for level in answer["levels"]] == [0, 300]
    assert answer["levels"][1]["targets"] == [
        {"user": "Marcus Johnson", "email": "marcus.johnson@northwind.example"}
    ]
    assert "uncovered" not in answer
    assert len(sent) == 3  # the path, then its schedule and its user at once


async def test_a_team_gives_its_schedules_and_whom_its_paths_page_now() -> None:
    async with pinned() as sandbox:
        answer = (await sandbox.client.call("on_call_now", {"team": "payments"}))["on_call"]
        sent = sandbox.transport.paths()
    assert (answer["team"], answer["id"]) == ("Payments", seed.TEAM_PAYMENTS_ID)
    assert [s["schedule"] for s in answer["schedules"]] == ["Primary On-call"]
    assert shifts(answer["schedules"][0]["on_call"]) == PRIMARY_NOW
    assert answer["escalation_paths"] == [
        {
            "escalation_path": "Urgent Support",
            "id": seed.ESCALATION_PATH_URGENT_ID,
            "pages_now": [
                {"name": "Liam O'Brien", "email": "liam.obrien@northwind.example"},
                {"name": "Sofia Rossi", "email": "sofia.rossi@northwind.example"},
            ],
        }
    ]
    assert "uncovered" not in answer
    assert sent[0] == "GET /v3/teams"  # the name's lookup, kept for the answer
    assert sorted(sent[1:]) == [
        "GET /v2/escalation_paths",
        f"GET /v2/escalation_paths/{seed.ESCALATION_PATH_URGENT_ID}",
        "GET /v2/schedules",
        f"GET /v2/schedules/{seed.SCHEDULE_PRIMARY_ID}",
    ]


async def test_a_team_by_id_reads_the_team_list_once_and_the_catalogs_stay_cached() -> None:
    async with pinned() as sandbox:
        first = await sandbox.client.call("on_call_now", {"team": seed.TEAM_PLATFORM_ID})
        second = await sandbox.client.call("on_call_now", {"team": "Platform"})
        sent = sandbox.transport.paths()
    assert first == second
    platform = first["on_call"]
    assert [s["schedule"] for s in platform["schedules"]] == ["Platform Support"]
    assert [p["escalation_path"] for p in platform["escalation_paths"]] == [
        "Platform (business hours)"
    ]
    assert [s["user"] for s in platform["schedules"][0]["on_call"]] == ["Marcus Johnson"]
    assert sent.count("GET /v3/teams") == 1
    assert sent.count("GET /v2/schedules") == 1
    assert sent.count(f"GET /v2/schedules/{seed.SCHEDULE_PLATFORM_ID}") == 2  # shifts stay fresh


async def test_a_team_without_schedules_or_paths_says_so() -> None:
    async with pinned() as sandbox:
        answer = (await sandbox.client.call("on_call_now", {"team": "Search"}))["on_call"]
    assert answer["schedules"] == []
    assert answer["escalation_paths"] == []
    assert "team_ids" in answer["note"]


async def test_an_unknown_team_names_the_closest_and_sends_nothing_else() -> None:
    async with pinned() as sandbox:
        result = await sandbox.client.call("on_call_now", {"team": "Paymnts"})
        sent = sandbox.transport.paths()
    assert result["success"] is False
    assert "'Payments'" in result["error"]
    assert sent == ["GET /v3/teams"]


async def test_a_user_is_on_call_now_and_next_on_the_schedules_of_their_rotations() -> None:
    async with pinned() as sandbox:
        answer = (
            await sandbox.client.call(
                "on_call_now", {"user": "sofia.rossi@northwind.example", "days": 14}
            )
        )["on_call"]
        sent = sandbox.transport.paths()
    assert answer["user"] == {"name": "Sofia Rossi", "email": "sofia.rossi@northwind.example"}
    assert answer["on_call_now"] is True
    assert [(s["schedule"], s["layer"]) for s in answer["current"]] == [
        ("Primary On-call", "Secondary")
    ]
    assert answer["next_shift"] == answer["upcoming"][0]
    assert answer["next_shift"]["from"] == "2025-06-16T08:00:00Z"
    assert answer["schedules"] == ["Primary On-call"]
    assert answer["window_end"] == "2025-06-24T12:00:00Z"
    assert sent == [
        "GET /v2/users",  # the email lookup
        "GET /v2/schedules",  # the schedule catalog, whose rotations name her
        "GET /v2/schedule_entries",
    ]


async def test_a_user_on_no_rotation_is_read_once_and_is_not_on_call() -> None:
    async with pinned() as sandbox:
        answer = (await sandbox.client.call("on_call_now", {"user": "Diego Alvarez"}))["on_call"]
    assert answer["user"]["name"] == "Diego Alvarez"
    assert answer["on_call_now"] is False
    assert answer["schedules"] == []
    assert "next_shift" not in answer


async def test_a_user_on_call_through_an_override_alone_is_on_call() -> None:
    async with pinned() as sandbox:
        io = sandbox.client
        schedule = (await io.call("schedules_show", {"id": "Primary On-call", "fields": ["*"]}))[
            "schedule"
        ]
        rotation = schedule["config"]["rotations"][0]
        made = await io.call(
            "schedule_overrides_create",
            {
                "schedule_id": schedule["id"],
                "rotation_id": rotation["id"],
                "layer_id": rotation["layers"][0]["id"],
                "user_id": "Diego Alvarez",
                "start_at": "2025-06-10T11:00:00Z",
                "end_at": "2025-06-10T18:00:00Z",
            },
        )
        assert made["success"] is True, made
        by_schedule = (await io.call("on_call_now", {"schedule": schedule["id"]}))["on_call"]
        before = len(sandbox.transport.requests)
        answer = (await io.call("on_call_now", {"user": seed.USER_DIEGO_ID}))["on_call"]
        sent = sandbox.transport.paths()[before:]
    assert "Diego Alvarez" in [s["user"] for s in by_schedule["on_call"]]
    assert answer["user"]["name"] == "Diego Alvarez"
    assert answer["on_call_now"] is True
    assert [(s["schedule"], s["until"]) for s in answer["current"]] == [
        ("Primary On-call", "2025-06-10T18:00:00Z")
    ]
    assert answer["schedules"] == ["Primary On-call"]
    assert sent == [
        "GET /v2/schedules",  # the catalog (emptied by the write): rotations and shifts
        "GET /v2/schedule_entries",  # no users_show: the shift names him
    ]


@pytest.mark.parametrize(
    "arguments",
    [{}, {"schedule": "Primary On-call", "user": "Sofia Rossi"}],
    ids=["none", "two"],
)
async def test_exactly_one_target_is_required(arguments: dict[str, Any]) -> None:
    async with pinned() as sandbox:
        result = await sandbox.client.call("on_call_now", arguments)
        assert sandbox.transport.requests == []
    assert result["success"] is False
    assert "exactly one of schedule, escalation_path, team or user" in result["error"]
    assert ".." not in result["error"]
