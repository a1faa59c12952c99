"""Escalation paths read back: levels in paging order, who each target pages now."""

from __future__ import annotations

from typing import Any

import pytest
from tests.pinned_support import pinned

from incidentio_toolkit.actions.escalation_paths import (
    ESCALATION_PATH,
    levels_of,
    paged_people,
    resolve_levels,
    schedule_target,
)
from incidentio_toolkit.sandbox import seed

SCHEDULE: dict[str, Any] = {
    "id": "01S",
    "name": "Primary On-call",
    "config": {
        "rotations": [
            {
                "id": "R1",
                "name": "Primary",
                "layers": [{"id": "L1", "name": "Primary"}],
                "users": [
                    {"id": "U1", "name": "Ann", "email": "ann@x"},
                    {"id": "U2", "name": "Bo"},
                ],
            },
            {"id": "R2", "name": "Backup", "layers": [{"id": "L2", "name": "Backup"}], "users": []},
        ]
    },
    "current_shifts": [
        {
            "rotation_id": "R1",
            "layer_id": "L1",
            "user": {"id": "U1", "name": "Ann", "email": "ann@x"},
            "start_at": "2025-06-09T08:00:00Z",
            "end_at": "2025-06-16T08:00:00Z",
        }
    ],
    "next_shifts": [
        {
            "rotation_id": "R1",
            "layer_id": "L1",
            "user": {"id": "U2", "name": "Bo"},
            "start_at": "2025-06-16T08:00:00Z",
            "end_at": "2025-06-23T08:00:00Z",
        }
    ],
}


def test_levels_follow_the_then_branch_and_stop_at_a_repeat() -> None:
    path: dict[str, Any] = {
        "path": [
            {
                "id": "if",
                "type": "if_else",
                "if_else": {
                    "then_path": [
                        {
                            "id": "l1",
                            "type": "level",
                            "level": {
                                "targets": [{"type": "user", "id": "U1"}],
                                "time_to_ack_seconds": 60,
                            },
                        }
                    ],
                    "else_path": [{"id": "x", "type": "level", "level": {"targets": []}}],
                },
            },
            {"id": "n", "type": "notify_channel", "notify_channel": {"targets": []}},
            {"id": "l2", "type": "level", "level": {"targets": [{"type": "schedule", "id": "S"}]}},
            {"id": "r", "type": "repeat", "repeat": {"to_node": "l1", "repeat_times": 2}},
            {"id": "l3", "type": "level", "level": {"targets": []}},
        ]
    }
    levels = levels_of(path)
    assert [level.position for level in levels] == [1, 2]
    assert [level.time_to_ack_seconds for level in levels] == [60, None]
    assert levels[1].targets == ({"type": "schedule", "id": "S"},)


@pytest.mark.parametrize(
    ("target", "people"),
    [
        ({}, ["Ann"]),
        ({"schedule_mode": "next_on_call"}, ["Bo"]),
        ({"schedule_mode": "all_users"}, ["Ann", "Bo"]),
        ({"schedule_mode": "currently_on_call_for_rota", "selected_rota_id": "R2"}, []),
    ],
)
def test_a_schedule_target_pages_by_its_mode(target: dict[str, Any], people: list[str]) -> None:
    answer = schedule_target(SCHEDULE, {"type": "schedule", "id": "01S", **target})
    assert [user["name"] for user in answer["users"]] == people
    assert answer["uncovered"] is (not people)
    assert ("mode" in answer) is bool(target)


def test_paged_people_are_listed_once_with_the_schedule_that_pages_them() -> None:
    targets = [
        schedule_target(SCHEDULE, {"type": "schedule", "id": "01S"}),
        {"user": "Ann", "email": "ann@x"},
        {"user": "Cy", "email": "cy@x"},
    ]
    assert paged_people(targets) == [
        {"name": "Ann", "email": "ann@x", "via": "Primary On-call"},
        {"name": "Cy", "email": "cy@x"},
    ]


@pytest.mark.anyio
async def test_resolving_a_seeded_path_reads_each_schedule_and_user_once() -> None:
    async with pinned() as sandbox:
        path = await sandbox.client.call(
            "escalation_paths_show", {"id": seed.ESCALATION_PATH_URGENT_ID}
        )
        before = len(sandbox.transport.requests)
        resolved = await resolve_levels(sandbox.client, levels_of(path["escalation_path"]))
        paths = sorted(sandbox.transport.paths()[before:])
    assert paths == [
        f"GET /v2/schedules/{seed.SCHEDULE_PRIMARY_ID}",
        f"GET /v2/users/{seed.USER_MARCUS_ID}",
    ]
    assert [u["name"] for u in resolved[0][0]["users"]] == ["Liam O'Brien", "Sofia Rossi"]
    assert resolved[1] == [{"user": "Marcus Johnson", "email": "marcus.johnson@northwind.example"}]
    summary = ESCALATION_PATH.summarize(path["escalation_path"])
    assert summary["levels"][0]["time_to_ack_seconds"] == 300
    assert summary["current_responders"] == [{"name": "Liam O'Brien"}, {"name": "Sofia Rossi"}]
