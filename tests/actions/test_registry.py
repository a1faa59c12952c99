"""The registry against the contract (spec/actions.json) and the OpenAPI spec."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, cast

import pytest
from tests.openapi_support import operation

from incidentio_toolkit.actions import (
    ACTIONS,
    custom_fields,
    escalation_paths,
    escalations,
    follow_ups,
    incident_actions,
    incident_roles,
    incident_timestamps,
    incident_updates,
    on_call,
    reference,
    schedules,
    users,
    workflows,
)

CONTRACT: list[dict[str, Any]] = json.loads(
    (Path(__file__).resolve().parents[2] / "spec" / "actions.json").read_text()
)["actions"]
CONTRACT_BY_NAME = {entry["name"]: entry for entry in CONTRACT}

# Contract parameters whose JSON type may be wider than the contract's.
WIDER_TYPES: dict[tuple[str, str], set[frozenset[str]]] = {
    ("escalations_create", "user_ids"): {frozenset({"array"}), frozenset({"string", "array"})},
    ("schedules_create", "rotations_config"): {frozenset({"object", "array"})},
    ("schedules_update", "rotations_config"): {frozenset({"object", "array"})},
}

MODULES = [
    (incident_actions, "actions", ["actions_list", "actions_show"]),
    (follow_ups, "follow_ups", ["follow_ups_list", "follow_ups_show"]),
    (users, "users", ["users_list", "users_show"]),
    (
        workflows,
        "workflows",
        [f"workflows_{verb}" for verb in ("list", "create", "show", "update", "delete")],
    ),
    (
        schedules,
        "schedules",
        [f"schedules_{verb}" for verb in ("list", "create", "show", "update", "delete")],
    ),
    (escalations, "escalations", ["escalations_list", "escalations_create", "escalations_show"]),
    (
        custom_fields,
        "custom_fields",
        [f"custom_fields_{verb}" for verb in ("list", "create", "show", "update", "delete")],
    ),
    (reference, "reference", ["severities_list", "incident_statuses_list", "incident_types_list"]),
    (
        incident_roles,
        "incident_roles",
        [f"incident_roles_{verb}" for verb in ("list", "create", "show", "update", "delete")],
    ),
    (incident_timestamps, "reference", ["incident_timestamps_list", "incident_timestamps_show"]),
    (incident_updates, "incidents", ["incident_updates_list"]),
    (on_call, "schedules", ["schedule_entries_list", "schedule_overrides_create"]),
    (
        escalation_paths,
        "escalation_paths",
        [f"escalation_paths_{verb}" for verb in ("list", "create", "show", "update", "delete")],
    ),
]


def _json_types(schema: dict[str, Any], definitions: dict[str, Any]) -> frozenset[str]:
    if "$ref" in schema:
        return _json_types(definitions[str(schema["$ref"]).rsplit("/", 1)[1]], definitions)
    if "anyOf" in schema:
        found: set[str] = set()
        for member in cast(list[dict[str, Any]], schema["anyOf"]):
            found |= _json_types(member, definitions)
        return frozenset(found - {"null"})
    if "type" in schema:
        return frozenset({str(schema["type"])})
    if "enum" in schema and all(isinstance(value, str) for value in schema["enum"]):
        return frozenset({"string"})
    return frozenset()


def test_registry_has_the_46_contract_actions_in_contract_order() -> None:
    assert len(ACTIONS) == 46
    assert list(ACTIONS) == [entry["name"] for entry in CONTRACT]


@pytest.mark.parametrize(("module", "toolset", "names"), MODULES)
def test_each_module_defines_its_actions_in_order_with_its_toolset(
    module: Any, toolset: str, names: list[str]
) -> None:
    assert [action.name for action in module.ACTIONS] == names
    assert {action.toolset for action in module.ACTIONS} == {toolset}


@pytest.mark.parametrize("name", list(ACTIONS))
def test_input_parameters_match_the_contract(name: str) -> None:
    schema = ACTIONS[name].input.model_json_schema()
    properties: dict[str, Any] = schema.get("properties", {})
    required = set(schema.get("required", []))
    definitions: dict[str, Any] = schema.get("$defs", {})
    contract = CONTRACT_BY_NAME[name]["params"]
    for param in contract:
        assert param["name"] in properties, param["name"]
        assert (param["name"] in required) == param["required"], param["name"]
        types = _json_types(properties[param["name"]], definitions)
        allowed = WIDER_TYPES.get((name, param["name"]), {frozenset({param["type"]})})
        assert types in allowed, (param["name"], types)
    added = set(properties) - {param["name"] for param in contract}
    assert not added & required, f"added parameters must be optional: {added & required}"
    assert "api_key" not in properties


@pytest.mark.parametrize("name", list(ACTIONS))
def test_input_models_forbid_unknown_parameters(name: str) -> None:
    assert ACTIONS[name].input.model_config.get("extra") == "forbid"


@pytest.mark.parametrize("name", list(ACTIONS))
def test_operation_id_and_success_status_match_the_spec(name: str) -> None:
    action = ACTIONS[name]
    spec_operation = operation(action.method, action.path)
    assert action.operation_id == spec_operation["operationId"]
    assert list(spec_operation["responses"]) == [str(action.success_status)]


@pytest.mark.parametrize("name", list(ACTIONS))
def test_path_parameters_match_the_path_template(name: str) -> None:
    action = ACTIONS[name]
    assert set(re.findall(r"\{(\w+)\}", action.path)) == set(action.input.path_params)
    for param in action.input.path_params:
        assert param in action.input.model_fields


@pytest.mark.parametrize("name", list(ACTIONS))
def test_kind_follows_the_verb_and_escalations_create_is_destructive(name: str) -> None:
    action = ACTIONS[name]
    if action.verb == "delete" or name == "escalations_create":
        expected = "destructive"
    elif action.verb in ("list", "show"):
        expected = "read"
    else:
        expected = "write"
    assert action.kind == expected


@pytest.mark.parametrize("name", list(ACTIONS))
def test_every_delete_and_only_a_delete_has_a_noun(name: str) -> None:
    action = ACTIONS[name]
    assert (action.noun is not None) == (action.verb == "delete")
    if action.noun is not None:
        assert action.noun[0].isupper()


@pytest.mark.parametrize("name", list(ACTIONS))
def test_descriptions_are_short_product_copy(name: str) -> None:
    description = ACTIONS[name].description
    assert 20 <= len(description) <= 170, len(description)
    assert description.endswith(".")
