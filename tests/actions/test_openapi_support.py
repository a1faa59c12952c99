"""The spec check the action tests rely on must itself reject what the spec forbids."""

from __future__ import annotations

import pytest
from tests.openapi_support import SpecViolation, concrete_path, validate_request

LEVEL_NODE = {
    "id": "level-1",
    "type": "level",
    "level": {"targets": [{"id": "01USR", "type": "user", "urgency": "high"}]},
}


def test_validate_request_accepts_a_request_that_fits_the_spec() -> None:
    validate_request("POST", "/v2/escalation_paths", [], {"name": "n", "path": [LEVEL_NODE]})
    validate_request("GET", "/v2/escalations/01ESC", [], None)


def test_validate_request_rejects_an_unknown_path() -> None:
    with pytest.raises(SpecViolation, match="Path not found"):
        validate_request("GET", "/v2/nothing", [], None)


def test_validate_request_rejects_a_missing_required_body_field() -> None:
    with pytest.raises(SpecViolation, match="'idempotency_key' is a required property"):
        validate_request("POST", "/v2/escalations", [], {"title": "t"})


def test_validate_request_rejects_a_nested_property_the_spec_does_not_declare() -> None:
    target = {"id": "01USR", "type": "user", "urgency": "high", "user_id": "01USR"}
    node = {**LEVEL_NODE, "level": {"targets": [target]}}
    with pytest.raises(SpecViolation, match=r"body\.path\[0\]\.level\.targets\[0\]\.user_id"):
        validate_request("POST", "/v2/escalation_paths", [], {"name": "n", "path": [node]})


def test_validate_request_rejects_an_undeclared_query_key() -> None:
    with pytest.raises(SpecViolation, match="query keys not in the spec: \\['pagesize'\\]"):
        validate_request("GET", "/v2/users", [("pagesize", "10")], None)


def test_validate_request_rejects_a_query_value_out_of_bounds() -> None:
    with pytest.raises(SpecViolation, match="page_size"):
        validate_request("GET", "/v2/escalation_paths", [("page_size", "26")], None)


def test_validate_request_checks_only_the_base_name_of_bracket_filters() -> None:
    validate_request("GET", "/v2/incidents", [("status[one_of]", "01ST")], None)
    with pytest.raises(SpecViolation, match="statuses"):
        validate_request("GET", "/v2/incidents", [("statuses[one_of]", "01ST")], None)


def test_validate_request_rejects_a_time_that_is_not_rfc3339() -> None:
    body = {
        "rotation_id": "r",
        "layer_id": "l",
        "schedule_id": "s",
        "start_at": "2026-11-26 09:00",
        "end_at": "2026-11-26T10:00:00Z",
        "user": {"id": "u"},
    }
    with pytest.raises(SpecViolation, match="is not a 'date-time'"):
        validate_request("POST", "/v2/schedule_overrides", [], body)


def test_concrete_path_percent_encodes_ids() -> None:
    assert concrete_path("/v2/users/{id}", {"id": "a/b c"}) == "/v2/users/a%2Fb%20c"
