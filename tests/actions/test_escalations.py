from __future__ import annotations

import pytest
from tests.actions.support import built, rejected, sets_every_parameter
from tests.pinned_support import pinned

from incidentio_toolkit.actions import ACTIONS
from incidentio_toolkit.actions.escalations import ESCALATION
from incidentio_toolkit.sandbox import seed


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
    # Every parameter a request carries but escalation_path_id, which excludes user_ids.
    model = ACTIONS["escalations_create"].input
    fields = set(model.model_fields) - model.toolkit_params
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


@pytest.mark.anyio
async def test_a_dry_run_reads_only_and_names_exactly_whom_the_page_then_notifies() -> None:
    page = {
        "idempotency_key": "dry-1",
        "title": "Webhooks delayed",
        "escalation_path_id": "Urgent Support",
        "incident_id": "INC-5",
    }
    async with pinned() as sandbox:
        preview = await sandbox.client.call("escalations_create", {**page, "dry_run": True})
        assert {r.method for r in sandbox.transport.requests} == {"GET"}
        listed_before = len((await sandbox.client.call("escalations_list", {}))["escalations"])
        created = await sandbox.client.call("escalations_create", page)
        listed_after = len((await sandbox.client.call("escalations_list", {}))["escalations"])
    draft = preview["escalation"]
    assert preview["success"] is True
    assert draft["dry_run"] is True
    assert draft["escalation_path"]["name"] == "Urgent Support"
    assert draft["incident_id"] == seed.INCIDENT_WEBHOOKS_ID
    assert draft["would_page"] == [
        {
            "name": "Liam O'Brien",
            "email": "liam.obrien@northwind.example",
            "via": "Primary On-call",
        },
        {"name": "Sofia Rossi", "email": "sofia.rossi@northwind.example", "via": "Primary On-call"},
    ]
    assert draft["if_not_acknowledged"] == [
        {
            "level": 2,
            "after_seconds": 300,
            "would_page": [{"name": "Marcus Johnson", "email": "marcus.johnson@northwind.example"}],
        }
    ]
    assert draft["message"] == (
        "Would page Liam O'Brien and Sofia Rossi (Primary On-call) now. Nothing was sent."
    )
    assert draft["question"] == (
        'Page Liam O\'Brien and Sofia Rossi (Primary On-call) now about "Webhooks delayed"? '
        "If nobody acknowledges: Marcus Johnson after 5 min."
    )
    notified = next(e for e in created["escalation"]["events"] if e["event"] == "notified_users")
    assert [u["name"] for u in notified["users"]] == [p["name"] for p in draft["would_page"]]
    assert listed_after == listed_before + 1  # only the real create made an escalation


@pytest.mark.anyio
async def test_a_dry_run_to_users_names_them_and_sends_nothing() -> None:
    arguments = {
        "idempotency_key": "dry-2",
        "title": "t",
        "user_ids": "kenji.tanaka@northwind.example, Amara Okafor",
        "dry_run": True,
    }
    async with pinned() as sandbox:
        preview = await sandbox.client.call("escalations_create", arguments)
        methods = {r.method for r in sandbox.transport.requests}
    assert methods == {"GET"}
    assert [p["name"] for p in preview["escalation"]["would_page"]] == [
        "Kenji Tanaka",
        "Amara Okafor",
    ]
    assert preview["escalation"]["urgency"] == "high"


def test_the_escalation_summary_keeps_a_timeline_of_who_was_notified() -> None:
    escalation = {
        "id": "01E",
        "title": "t",
        "status": "acked",
        "events": [
            {"id": "1", "event": "triggered", "occurred_at": "T0"},
            {"id": "2", "event": "notified_users", "occurred_at": "T0", "users": [{"name": "Ann"}]},
            {"id": "3", "event": "acked", "occurred_at": "T1"},
        ],
    }
    summary = ESCALATION.summarize(escalation)
    assert summary["timeline"] == [
        {"event": "notified_users", "at": "T0", "users": ["Ann"]},
        {"event": "acked", "at": "T1"},
    ]
    assert "events" not in summary
