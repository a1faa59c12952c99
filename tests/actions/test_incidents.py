"""The incident records: the list filters in bracket form, the create body and the edit body."""

from __future__ import annotations

import json
from typing import Any

import pytest
from tests.actions.support import built, rejected

from incidentio_toolkit.actions import ACTIONS
from incidentio_toolkit.actions.incidents import INCIDENT, custom_field_values
from incidentio_toolkit.client import sandbox_client


def test_incidents_list_without_arguments_sends_no_query() -> None:
    request = built("incidents_list", {})
    assert (request.path_params, request.query, request.json) == ({}, [], None)


def test_incidents_list_sends_paging_first_then_each_filter_in_bracket_form() -> None:
    request = built(
        "incidents_list",
        {
            "page_size": 5,
            "after": "01CURSOR",
            "sort_by": "created_at_oldest_first",
            "filter_mode": "any",
            "status_category": ["live", "triage"],
            "severity_at_least": "01SEV2",
            "created_after": "2026-11-01",
            "created_before": "2026-11-30",
        },
    )
    assert request.query == [
        ("page_size", "5"),
        ("after", "01CURSOR"),
        ("sort_by", "created_at_oldest_first"),
        ("filter_mode", "any"),
        ("status_category[one_of]", "live"),
        ("status_category[one_of]", "triage"),
        ("severity[gte]", "01SEV2"),
        ("created_at[gte]", "2026-11-01"),
        ("created_at[lte]", "2026-11-30"),
    ]


def test_incidents_list_id_lists_accept_one_comma_separated_string() -> None:
    request = built("incidents_list", {"status_ids": "01A, 01B,,", "incident_type_ids": ["01T"]})
    assert request.query == [
        ("status[one_of]", "01A"),
        ("status[one_of]", "01B"),
        ("incident_type[one_of]", "01T"),
    ]


def test_incidents_list_dates_are_sent_as_iso_days_and_bad_days_are_refused() -> None:
    request = built(
        "incidents_list", {"updated_after": "2026-02-28", "updated_before": "2026-03-01"}
    )
    assert request.query == [("updated_at[gte]", "2026-02-28"), ("updated_at[lte]", "2026-03-01")]
    assert "updated_after" in rejected("incidents_list", {"updated_after": "2026-02-30"})


def test_incidents_list_refuses_an_unknown_status_category_naming_the_choices() -> None:
    text = rejected("incidents_list", {"status_category": ["burning"]})
    assert "live" in text
    assert "triage" in text


def test_incidents_create_sends_a_flat_body() -> None:
    request = built(
        "incidents_create",
        {"idempotency_key": "k-1", "severity_id": "01SEV", "visibility": "public", "mode": "test"},
    )
    assert request.json == {
        "idempotency_key": "k-1",
        "severity_id": "01SEV",
        "visibility": "public",
        "mode": "test",
    }


def test_incidents_update_nests_the_changes_and_keeps_the_notify_flag_outside() -> None:
    request = built(
        "incidents_update",
        {"id": "01INC", "notify_incident_channel": False, "incident_status_id": "01ST"},
    )
    assert request.path_params == {"id": "01INC"}
    assert request.json == {
        "incident": {"incident_status_id": "01ST"},
        "notify_incident_channel": False,
    }


def test_incidents_update_with_nothing_to_change_is_refused_naming_what_to_give() -> None:
    error = rejected("incidents_update", {"id": "01INC", "notify_incident_channel": False})
    assert "Nothing to update: give name, summary, severity_id or incident_status_id." in error


def test_incidents_update_takes_any_one_change_alone() -> None:
    model = ACTIONS["incidents_update"].input
    changes = set(model.model_fields) - {"id", "notify_incident_channel", "incident_type_id"}
    assert changes
    for name in changes:
        request = built(
            "incidents_update", {"id": "01INC", "notify_incident_channel": True, name: "x"}
        )
        assert request.json["incident"] == {name: "x"}


def test_incidents_update_refuses_an_incident_type_with_the_fix() -> None:
    text = rejected(
        "incidents_update",
        {"id": "01INC", "notify_incident_channel": True, "incident_type_id": "x"},
    )
    assert "incident_type_id cannot be changed" in text


@pytest.mark.parametrize(
    "pasted", ["INC-123", "inc-123", "#INC-123", "#123", " INC-123 ", "123", "\tINC-0123\n"]
)
def test_incidents_show_sends_a_pasted_reference_as_its_bare_number(pasted: str) -> None:
    assert built("incidents_show", {"id": pasted}).path_params == {"id": "123"}


def test_incidents_show_sends_an_incident_id_unchanged_but_trimmed() -> None:
    request = built("incidents_show", {"id": " 01FDAG4SAP5TYPT98WGR2N7W91 "})
    assert request.path_params == {"id": "01FDAG4SAP5TYPT98WGR2N7W91"}


@pytest.mark.parametrize("garbage", ["INC-", "INC-12a", "#", "#abc", "INC 12 3", "1 2", "   "])
def test_incidents_show_refuses_garbage_naming_both_accepted_forms(garbage: str) -> None:
    error = rejected("incidents_show", {"id": garbage})
    assert repr(garbage) in error
    assert "INC-123" in error
    assert "01FDAG4SAP5TYPT98WGR2N7W91" in error


async def _incident(number: str) -> dict[str, Any]:
    async with sandbox_client() as io:
        return (await io.call("incidents_show", {"id": number}))["incident"]


@pytest.mark.anyio
async def test_the_incident_summary_has_names_lead_roles_values_and_timestamps() -> None:
    full = await _incident("1")
    summary = INCIDENT.summarize(full)
    assert summary["incident_status"] == {"name": "Closed", "category": "closed"}
    assert summary["severity"] == {"name": "Critical"}
    assert summary["lead"] == "Sofia Rossi"
    assert summary["roles"] == {
        "Incident Lead": "Sofia Rossi",
        "Reporter": "Priya Patel",
        "Communications Lead": "Chloé Martin",
    }
    assert summary["custom_fields"]["Affected Team"] == "Payments"
    assert summary["custom_fields"]["Affected Services"] == ["checkout-api"]  # multi-select
    assert summary["custom_fields"]["Customers affected"] == "1200"
    assert summary["timestamps"]["Resolved at"] == "2025-03-04T16:30:00Z"
    assert "custom_field_entries" not in summary  # the definitions with every option
    assert len(json.dumps(summary)) < len(json.dumps(full)) / 3


@pytest.mark.anyio
async def test_an_incident_without_a_lead_or_values_leaves_them_out() -> None:
    summary = INCIDENT.summarize(await _incident("6"))
    assert "lead" not in summary
    assert "roles" not in summary
    assert summary["custom_fields"] == {"Affected Team": "Identity"}


def test_custom_field_values_read_every_value_kind() -> None:
    incident: dict[str, Any] = {
        "custom_field_entries": [
            {
                "custom_field": {"name": "Owner", "field_type": "single_select"},
                "values": [{"value_catalog_entry": {"name": "Payments team"}}],
            },
            {
                "custom_field": {"name": "Link", "field_type": "link"},
                "values": [{"value_link": "https://x"}],
            },
            {"custom_field": {"name": "Unset", "field_type": "text"}, "values": []},
        ]
    }
    assert custom_field_values(incident) == {"Owner": "Payments team", "Link": "https://x"}
