from __future__ import annotations

from typing import Any

from tests.actions.support import built, rejected, sets_every_parameter

from incidentio_toolkit.actions import ACTIONS
from incidentio_toolkit.actions.workflows import WorkflowsCreateInput

STEP = {
    "id": "01STEP",
    "name": "slack.post_message",
    "param_bindings": [{"value": {"literal": "hello"}}],
}
CONDITION_GROUP = {
    "conditions": [
        {
            "subject": "incident.severity",
            "operation": "one_of",
            "param_bindings": [{"array_value": [{"literal": "01SEV"}]}],
        }
    ]
}
EXPRESSION = {
    "label": "Team channel",
    "reference": "team_channel",
    "root_reference": "incident.custom_field",
    "operations": [{"operation_type": "navigate"}],
}
DELAY = {"for_seconds": 60, "conditions_apply_over_delay": False}

UPDATE_REQUIRED: dict[str, Any] = {
    "id": "01WF",
    "name": "Page on SEV1",
    "steps": [STEP],
    "condition_groups": [CONDITION_GROUP],
    "runs_on_incidents": "newly_created_and_active",
    "runs_on_incident_modes": ["standard", "test"],
    "include_private_incidents": False,
    "continue_on_step_error": True,
    "once_for": ["incident.url"],
    "expressions": [EXPRESSION],
}


def test_workflows_list_sends_no_query() -> None:
    request = built("workflows_list", {})
    assert (request.path_params, request.query, request.json) == ({}, [], None)


def test_workflows_create_with_only_a_name_sends_every_field_the_api_requires() -> None:
    request = built("workflows_create", {"name": "Notify"})
    assert request.path_params == {}
    assert request.query == []
    assert request.json == {
        "name": "Notify",
        "state": "draft",
        "trigger": "incident.updated",
        "steps": [],
        "condition_groups": [],
        "runs_on_incidents": "newly_created",
        "runs_on_incident_modes": ["standard"],
        "include_private_incidents": True,
        "continue_on_step_error": False,
        "once_for": [],
        "expressions": [],
    }


def test_workflows_create_sends_every_parameter_as_given() -> None:
    arguments = {
        "name": "Page on SEV1",
        "folder": "Paging",
        "state": "active",
        "trigger": "incident.created",
        "steps": [STEP],
        "condition_groups": [CONDITION_GROUP],
        "runs_on_incidents": "newly_created_and_active",
        "runs_on_incident_modes": ["standard", "retrospective"],
        "include_private_incidents": False,
        "continue_on_step_error": True,
        "once_for": ["incident.url"],
        "expressions": [EXPRESSION],
        "delay": DELAY,
    }
    assert sets_every_parameter("workflows_create", arguments)
    assert built("workflows_create", arguments).json == arguments


def test_workflows_create_defaults_are_visible_in_the_schema() -> None:
    properties = ACTIONS["workflows_create"].input.model_json_schema()["properties"]
    assert properties["state"]["default"] == "draft"
    assert properties["trigger"]["default"] == "incident.updated"
    assert properties["steps"]["default"] == []
    assert properties["runs_on_incidents"]["default"] == "newly_created"
    assert properties["runs_on_incident_modes"]["default"] == ["standard"]
    assert properties["include_private_incidents"]["default"] is True
    assert properties["continue_on_step_error"]["default"] is False
    for name in ("condition_groups", "once_for", "expressions"):
        assert properties[name]["default"] == [], name


def test_workflows_create_defaults_are_not_shared_between_calls() -> None:
    first = WorkflowsCreateInput.model_validate({"name": "a"})
    first.steps.append({"id": "x"})
    assert WorkflowsCreateInput.model_validate({"name": "b"}).steps == []


def test_workflows_create_rejects_runs_on_incidents_outside_the_api_enum() -> None:
    for value in ("active", "all"):
        error = rejected("workflows_create", {"name": "n", "runs_on_incidents": value})
        assert "runs_on_incidents" in error
        assert "'newly_created' or 'newly_created_and_active'" in error


def test_workflows_create_rejects_unknown_state_listing_the_choices() -> None:
    error = rejected("workflows_create", {"name": "n", "state": "enabled"})
    assert "'active', 'disabled', 'draft' or 'error'" in error


def test_workflows_create_accepts_the_error_state() -> None:
    assert built("workflows_create", {"name": "n", "state": "error"}).json["state"] == "error"


def test_workflows_create_rejects_an_unknown_incident_mode() -> None:
    error = rejected("workflows_create", {"name": "n", "runs_on_incident_modes": ["tutorial"]})
    assert "runs_on_incident_modes.0" in error


def test_workflows_create_requires_a_name() -> None:
    assert "name\n  Field required" in rejected("workflows_create", {})


def test_workflows_show_sends_skip_step_upgrades_as_a_query_bool() -> None:
    request = built("workflows_show", {"id": "01WF", "skip_step_upgrades": True})
    assert request.path_params == {"id": "01WF"}
    assert request.query == [("skip_step_upgrades", "true")]
    assert request.json is None
    assert built("workflows_show", {"id": "01WF", "skip_step_upgrades": False}).query == [
        ("skip_step_upgrades", "false")
    ]


def test_workflows_show_with_only_an_id_sends_no_query() -> None:
    request = built("workflows_show", {"id": "01WF"})
    assert (request.path_params, request.query) == ({"id": "01WF"}, [])


def test_workflows_update_with_the_required_fields_sends_them_as_the_body() -> None:
    request = built("workflows_update", UPDATE_REQUIRED)
    assert request.path_params == {"id": "01WF"}
    assert request.query == []
    assert request.json == {key: value for key, value in UPDATE_REQUIRED.items() if key != "id"}


def test_workflows_update_sends_every_parameter() -> None:
    arguments = {**UPDATE_REQUIRED, "state": "disabled", "folder": "Paging", "delay": DELAY}
    assert sets_every_parameter("workflows_update", arguments)
    request = built("workflows_update", arguments)
    assert request.json == {key: value for key, value in arguments.items() if key != "id"}


def test_workflows_update_keeps_every_contract_field_required() -> None:
    for name in UPDATE_REQUIRED:
        arguments = {key: value for key, value in UPDATE_REQUIRED.items() if key != name}
        assert f"{name}\n  Field required" in rejected("workflows_update", arguments), name


def test_workflows_update_rejects_runs_on_incidents_outside_the_api_enum() -> None:
    error = rejected("workflows_update", {**UPDATE_REQUIRED, "runs_on_incidents": "all"})
    assert "'newly_created' or 'newly_created_and_active'" in error


def test_workflows_delete_sends_only_the_id() -> None:
    request = built("workflows_delete", {"id": "01WF"})
    assert (request.path_params, request.query, request.json) == ({"id": "01WF"}, [], None)
    assert ACTIONS["workflows_delete"].noun == "Workflow"
