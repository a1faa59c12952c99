from __future__ import annotations

import re
from typing import Any

import pytest
from tests.adapters.conftest import RequestLog

from incidentio_toolkit.actions import ACTIONS
from incidentio_toolkit.adapters._confirm import MAX_QUESTION_CHARS, needs_confirmation, question
from incidentio_toolkit.client import AsyncIncidentIO, InvalidArgumentsError
from incidentio_toolkit.composites import TOOLS

pytestmark = pytest.mark.anyio

PAGE = {"idempotency_key": "confirm-test", "title": "DB down"}
WORKFLOW = "01HKM4VD09NEFW3FSSSVS4M3YQ"
"""A workflow of the demo organisation."""


@pytest.mark.parametrize("name", list(TOOLS))
def test_calls_that_change_remove_or_page_need_confirmation_and_reads_do_not(name: str) -> None:
    tool = TOOLS[name]
    needed = needs_confirmation(tool, {})
    assert needed == (tool.annotations.destructive or tool.kind == "destructive")
    if tool.kind == "read":
        assert not needed
    if getattr(tool, "verb", None) in ("update", "delete") or tool.kind == "destructive":
        assert needed


def test_a_dry_run_needs_no_confirmation() -> None:
    paging = ACTIONS["escalations_create"]
    assert needs_confirmation(paging, {**PAGE, "dry_run": False})
    assert not needs_confirmation(paging, {**PAGE, "dry_run": True})


async def test_a_page_asks_by_name_who_the_path_pages_now(sandbox_io: AsyncIncidentIO) -> None:
    path = "Urgent Support"
    truth = (await sandbox_io.call("on_call_now", {"escalation_path": path}))["on_call"]
    people = [person["name"] for person in truth["pages_now"]]
    asked = await question(
        sandbox_io, ACTIONS["escalations_create"], {**PAGE, "escalation_path_id": path}
    )
    assert people
    assert asked.startswith("Page ")
    assert all(name in asked for name in people)
    assert " and ".join(people) in asked  # grouped: "A and B (Primary On-call)"
    assert '"DB down"' in asked
    assert re.search(r"[0-7][0-9A-HJKMNP-TV-Z]{25}", asked) is None  # no id shown
    listed = (await sandbox_io.call("escalations_list", {}))["escalations"]
    assert not [e for e in listed if e.get("title") == "DB down"]  # asking sent nothing


async def test_a_page_to_users_given_by_email_names_them(sandbox_io: AsyncIncidentIO) -> None:
    users = (await sandbox_io.call("users_list", {}))["users"][:2]
    asked = await question(
        sandbox_io,
        ACTIONS["escalations_create"],
        {**PAGE, "user_ids": [user["email"] for user in users]},
    )
    assert asked == f'Page {users[0]["name"]} and {users[1]["name"]} now about "DB down"?'


async def test_a_delete_names_what_it_removes(sandbox_io: AsyncIncidentIO) -> None:
    field = (await sandbox_io.call("custom_fields_list", {}))["custom_fields"][0]
    asked = await question(sandbox_io, ACTIONS["custom_fields_delete"], {"id": field["id"]})
    assert asked == f'Delete custom field "{field["name"]}"? This cannot be undone.'
    shown = await sandbox_io.call("custom_fields_show", {"id": field["id"]})
    assert shown["success"] is True  # still there


async def test_an_update_names_the_incident_and_the_values_it_sets(
    sandbox_io: AsyncIncidentIO,
) -> None:
    incident = (await sandbox_io.call("incidents_show", {"id": "INC-6"}))["incident"]
    severity = (await sandbox_io.call("severities_list", {}))["severities"][-1]
    arguments = {"id": "INC-6", "severity_id": severity["id"], "notify_incident_channel": False}
    asked = await question(sandbox_io, ACTIONS["incidents_update"], arguments)
    assert asked.startswith(f'Update incident INC-6 "{incident["name"]}": ')
    assert f'severity_id "{severity["name"]}"' in asked
    assert severity["id"] not in asked
    assert "notify_incident_channel no" in asked


async def test_an_object_that_cannot_be_read_is_named_by_its_id(
    sandbox_io: AsyncIncidentIO,
) -> None:
    missing = "01HKM4VD09NEFW3FSSSVS4M3YZ"
    asked = await question(sandbox_io, ACTIONS["workflows_delete"], {"id": missing})
    assert asked == f"Delete workflow {missing}? This cannot be undone."


@pytest.mark.parametrize(
    ("name", "arguments", "fragment"),
    [
        ("escalations_create", {"idempotency_key": "k", "user_ids": ["u"]}, "'title' is required"),
        ("incidents_update", {"id": "INC-6"}, "notify_incident_channel"),
        ("workflows_delete", {"id": ".."}, "not a valid id"),
    ],
    ids=["missing-title", "missing-required", "bad-path"],
)
async def test_bad_arguments_raise_before_any_question_or_request(
    counting_client: AsyncIncidentIO,
    request_log: RequestLog,
    name: str,
    arguments: dict[str, Any],
    fragment: str,
) -> None:
    with pytest.raises(InvalidArgumentsError, match=fragment):
        await question(counting_client, ACTIONS[name], arguments)
    assert request_log.requests == []


async def test_an_unknown_name_raises_with_the_closest_candidates(
    sandbox_io: AsyncIncidentIO,
) -> None:
    with pytest.raises(InvalidArgumentsError, match="Closest: 'Urgent Support'"):
        await question(
            sandbox_io,
            ACTIONS["escalations_create"],
            {**PAGE, "escalation_path_id": "Urgent Suport"},
        )


async def test_an_update_of_many_fields_is_asked_in_a_bounded_question(
    sandbox_io: AsyncIncidentIO,
) -> None:
    workflow = (await sandbox_io.call("workflows_show", {"id": WORKFLOW}))["workflow"]
    arguments: dict[str, Any] = {
        "id": WORKFLOW,
        "name": "x" * 700,
        "steps": [{"id": "s1", "name": "slack.post", "param_bindings": []}],
        "condition_groups": [],
        "runs_on_incidents": "newly_created",
        "runs_on_incident_modes": ["standard"],
        "include_private_incidents": True,
        "continue_on_step_error": False,
        "once_for": ["incident.url"],
        "expressions": [],
    }
    asked = await question(sandbox_io, ACTIONS["workflows_update"], arguments)
    many = {**arguments, "once_for": [f"incident.custom_field_{n}" for n in range(40)]}
    cut = await question(sandbox_io, ACTIONS["workflows_update"], many)
    assert asked.startswith(f'Update workflow "{workflow["name"]}": name (700 characters), ')
    assert "steps (1 item)" in asked
    assert 'once_for "incident.url"' in asked
    assert len(cut) == MAX_QUESTION_CHARS + 1
    assert cut.endswith("…?")
