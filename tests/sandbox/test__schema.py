"""Request bodies checked against their operation's schema in the official spec."""

from __future__ import annotations

from typing import Any

import pytest

from incidentio_toolkit.sandbox._schema import check_body, request_schema
from incidentio_toolkit.sandbox.errors import UnprocessableEntityError

INCIDENT = {"idempotency_key": "k", "visibility": "public"}


def _refusal(method: str, path: str, body: Any) -> tuple[str, str | None]:
    schema = request_schema(method, path)
    assert schema is not None
    with pytest.raises(UnprocessableEntityError) as caught:
        check_body(schema, body)
    return caught.value.code, caught.value.field


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [
        ([], "invalid_value", "body"),
        ({"visibility": "public"}, "missing_field", "idempotency_key"),
        ({**INCIDENT, "idempotency_key": None}, "missing_field", "idempotency_key"),
        ({**INCIDENT, "name": True}, "invalid_value", "name"),
        ({**INCIDENT, "visibility": "secret"}, "invalid_value", "visibility"),
        (
            {**INCIDENT, "retrospective_incident_options": {"external_id": 2**63}},
            "invalid_value",
            "retrospective_incident_options.external_id",
        ),
        (
            {**INCIDENT, "retrospective_incident_options": {"external_id": 1.0}},
            "invalid_value",
            "retrospective_incident_options.external_id",
        ),
        (
            {
                **INCIDENT,
                "incident_timestamp_values": [{"incident_timestamp_id": "t", "value": "x"}],
            },
            "invalid_value",
            "incident_timestamp_values[0].value",
        ),
        (
            {**INCIDENT, "custom_field_entries": [{"custom_field_id": "f"}]},
            "missing_field",
            "custom_field_entries[0].values",
        ),
    ],
)
def test_an_incident_create_body_is_refused_by_its_schema(body: Any, code: str, field: str) -> None:
    assert _refusal("POST", "/v2/incidents", body) == (code, field)


def test_nulls_and_unknown_fields_pass_as_the_api_decoder_skips_them() -> None:
    schema = request_schema("POST", "/v2/incidents")
    assert schema is not None
    check_body(schema, {**INCIDENT, "summary": None, "not_in_the_spec": {"any": "thing"}})


def test_a_map_of_strings_takes_only_strings() -> None:
    schedule = {"schedule": {"annotations": {"team": 1}}}
    assert _refusal("POST", "/v2/schedules", schedule) == (
        "invalid_value",
        "schedule.annotations.team",
    )


def test_lengths_and_bounds_come_from_the_spec() -> None:
    assert _refusal("POST", "/v2/incident_roles", {"name": ""}) == ("missing_field", "shortform")
    role = {"name": "", "shortform": "", "description": "d", "instructions": ""}
    assert _refusal("POST", "/v2/incident_roles", role) == ("invalid_value", "name")
    field = {"name": "n" * 51, "description": "", "field_type": "text"}
    assert _refusal("POST", "/v2/custom_fields", field) == ("invalid_value", "name")


def test_operations_without_a_json_body_have_no_schema() -> None:
    assert request_schema("GET", "/v2/incidents") is None
    assert request_schema("POST", "/_sandbox/reset") is None
