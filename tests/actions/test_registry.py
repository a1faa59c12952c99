"""The registry against the contract (spec/actions.json) and the OpenAPI spec."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, cast

import pytest
from tests.openapi_support import operation, spec

from incidentio_toolkit.actions import (
    ACTIONS,
    CATALOGS,
    CONTRACT_ACTIONS,
    DRY_RUN_PARAM,
    FIELDS_PARAM,
    READ_VERBS,
    Action,
    resolves,
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


def test_registry_is_the_contract_in_its_order() -> None:
    assert list(ACTIONS) == [entry["name"] for entry in CONTRACT]


def test_the_product_contract_comes_first_and_the_rest_in_modules_of_their_own() -> None:
    assert CONTRACT_ACTIONS
    assert list(ACTIONS)[: len(CONTRACT_ACTIONS)] == list(CONTRACT_ACTIONS)
    contract_modules = {ACTIONS[name].input.__module__ for name in CONTRACT_ACTIONS}
    beyond = [action for name, action in ACTIONS.items() if name not in CONTRACT_ACTIONS]
    assert all(action.input.__module__ not in contract_modules for action in beyond)


@pytest.mark.parametrize("name", list(ACTIONS))
def test_output_model_schema_equals_the_contract(name: str) -> None:
    output = ACTIONS[name].output
    assert output.__name__ == CONTRACT_BY_NAME[name]["output"]["title"]
    assert output.model_json_schema() == CONTRACT_BY_NAME[name]["output"]


def test_each_resource_module_keeps_one_toolset() -> None:
    toolsets: dict[str, set[str]] = {}
    for action in ACTIONS.values():
        toolsets.setdefault(action.input.__module__, set()).add(action.toolset)
    assert all(len(found) == 1 for found in toolsets.values()), toolsets


@pytest.mark.parametrize("name", list(ACTIONS))
def test_input_and_output_models_live_beside_the_record(name: str) -> None:
    action = ACTIONS[name]
    assert action.output.__module__ == action.input.__module__
    assert action.input.__module__.startswith("incidentio_toolkit.actions.")


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
def test_name_is_the_resource_and_the_verb(name: str) -> None:
    assert name.endswith(f"_{ACTIONS[name].verb}")


@pytest.mark.parametrize("name", list(ACTIONS))
def test_kind_follows_the_verb_and_only_deletes_and_paging_are_destructive(name: str) -> None:
    action = ACTIONS[name]
    if action.verb in READ_VERBS:
        assert action.kind == "read"
        assert action.method == "GET"
    elif action.verb == "delete":
        assert action.kind == "destructive"
    elif action.kind == "destructive":  # a create that pages people
        assert (action.verb, action.method, action.path) == ("create", "POST", "/v2/escalations")
    else:
        assert action.kind == "write"


@pytest.mark.parametrize("name", list(ACTIONS))
def test_answers_without_a_body_synthesize_a_message_and_others_name_their_result(
    name: str,
) -> None:
    action = ACTIONS[name]
    answer = operation(action.method, action.path)["responses"][str(action.success_status)]
    if "content" not in answer:  # the spec's answer has no body: deletes, an escalation's cancel
        assert action.result is None
        assert action.noun is not None
        assert action.noun[0].isupper()
        assert action.data_fields == ("message",)
        assert action.done_message({"id": "01X"}).startswith(f"{action.noun} '01X' ")
    else:
        assert action.noun is None
        assert action.result == action.data_fields[0]


@pytest.mark.parametrize("name", list(ACTIONS))
def test_list_items_and_cursor_are_declared_only_where_they_exist(name: str) -> None:
    action = ACTIONS[name]
    if action.verb != "list":
        assert action.items is None
        assert action.cursor is None
        return
    assert action.items is not None
    assert action.items.split(".")[0] == action.result
    pages = "pagination_meta" in action.data_fields
    assert (action.cursor is not None) == pages
    if action.cursor is not None:
        assert action.cursor in action.input.model_fields


@pytest.mark.parametrize("name", list(ACTIONS))
def test_every_write_names_a_read_of_its_toolset_to_check_with(name: str) -> None:
    action = ACTIONS[name]
    if action.kind == "read":
        assert action.check_with is None
        return
    assert action.check_with is not None
    check = ACTIONS[action.check_with]
    assert check.kind == "read"
    assert check.toolset == action.toolset


@pytest.mark.parametrize("name", list(ACTIONS))
def test_what_a_replace_keeps_is_read_back_from_the_object_its_show_answers(name: str) -> None:
    action = ACTIONS[name]
    if not action.keeps:
        return
    assert (action.verb, action.method) == ("update", "PUT")
    show = ACTIONS[str(action.check_with)]
    assert show.verb == "show"
    assert show.input.path_params == action.input.path_params
    assert show.projection is not None
    fields = action.input.model_fields
    for kept in action.keeps:
        assert not fields[kept].is_required(), kept
        assert kept in show.projection.fields, kept  # the object's field of the same name


@pytest.mark.parametrize("name", list(ACTIONS))
def test_descriptions_are_short_product_copy(name: str) -> None:
    description = ACTIONS[name].description
    assert 20 <= len(description) <= 170, len(description)
    assert description.endswith(".")


def _schema(name: str) -> dict[str, Any]:
    return cast(dict[str, Any], spec()["components"]["schemas"][name])


def _answer_object_schema(action: Action) -> dict[str, Any]:
    """The spec's schema of one object of the action's answer (an item, or the shown object)."""
    responses = operation(action.method, action.path)["responses"]
    body = responses[str(action.success_status)]["content"]["application/json"]["schema"]
    node = _schema(str(body["$ref"]).rsplit("/", 1)[1])
    key, _, inner = (action.items or action.result or "").partition(".")
    prop = node["properties"][key]
    if inner:
        prop = _schema(str(prop["$ref"]).rsplit("/", 1)[1])["properties"][inner]
    if prop.get("type") == "array":
        prop = prop["items"]
    return _schema(str(prop["$ref"]).rsplit("/", 1)[1])


@pytest.mark.parametrize("name", [n for n, a in ACTIONS.items() if a.verb in ("list", "show")])
def test_every_list_and_show_action_takes_fields_and_has_a_projection(name: str) -> None:
    action = ACTIONS[name]
    assert action.projection is not None
    field = action.input.model_fields[FIELDS_PARAM]
    assert not field.is_required()
    assert FIELDS_PARAM in action.input.toolkit_params


@pytest.mark.parametrize("name", [n for n, a in ACTIONS.items() if a.projection is not None])
def test_a_projection_names_the_spec_fields_of_the_objects_it_shapes(name: str) -> None:
    projection = ACTIONS[name].projection
    assert projection is not None
    assert set(projection.fields) == set(_schema(projection.schema)["properties"])
    assert set(_answer_object_schema(ACTIONS[name])["properties"]) <= set(projection.fields)
    assert not set(projection.derived) & set(projection.fields)
    for path in projection.summary:
        assert path.split(".")[0] in projection.fields, path


def test_every_catalog_is_read_through_registered_read_actions() -> None:
    assert CATALOGS
    for catalog in CATALOGS:
        for name in (catalog.list_action, catalog.show_action):
            if name is not None:
                assert ACTIONS[name].kind == "read", name
        if catalog.list_action is not None:
            listing = ACTIONS[catalog.list_action]
            assert listing.verb == "list"
            assert listing.items is not None
            assert {lookup.parameter for lookup in catalog.lookups} <= set(
                listing.input.model_fields
            )


NAMED_PARAMETERS = [
    (name, field_name)
    for name, action in ACTIONS.items()
    for field_name, field in action.input.model_fields.items()
    if resolves(field) is not None
]
"""(action, parameter) for every parameter that accepts a name instead of an id."""


def test_every_catalog_is_named_by_some_parameter() -> None:
    markers = [
        resolves(ACTIONS[name].input.model_fields[field]) for name, field in NAMED_PARAMETERS
    ]
    assert {marker.catalog for marker in markers if marker is not None} == set(CATALOGS)


@pytest.mark.parametrize(
    ("name", "field_name"), NAMED_PARAMETERS, ids=[f"{n}.{f}" for n, f in NAMED_PARAMETERS]
)
def test_names_are_accepted_only_on_string_parameters(name: str, field_name: str) -> None:
    types = _json_types(ACTIONS[name].input.model_json_schema()["properties"][field_name], {})
    assert types in ({"string"}, {"array"}, {"string", "array"}), types


@pytest.mark.parametrize("name", list(ACTIONS))
def test_dry_run_is_taken_exactly_by_the_writes_with_a_preview(name: str) -> None:
    action = ACTIONS[name]
    takes = DRY_RUN_PARAM in action.input.model_fields
    assert takes == (action.preview is not None)
    if takes:
        assert action.kind != "read"
        assert action.result is not None
