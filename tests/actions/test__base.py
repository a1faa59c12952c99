"""The action record: annotations from the verb, the default request, page items by path, the
message of an answer without a body."""

from __future__ import annotations

from typing import Any, ClassVar

import pytest
from pydantic import Field

from incidentio_toolkit.actions import ACTIONS, Action, ActionInput, ActionOutput, Projection
from incidentio_toolkit.actions._base import default_request


class _ThingsInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: str
    flags: list[str] | None = None
    enabled: bool | None = None
    name: str | None = None


class _ThingsOutput(ActionOutput):
    things: dict[str, Any] | None = None
    pagination_meta: dict[str, Any] | None = None


def _record(method: Any, **fields: Any) -> Action:
    values: dict[str, Any] = {
        "name": "things_list",
        "description": "List things.",
        "kind": "read",
        "verb": "list",
        "toolset": "things",
        "method": method,
        "path": "/v2/things/{id}",
        "operation_id": "Things#List",
        "success_status": 200,
        "input": _ThingsInput,
        "output": _ThingsOutput,
        "result": "things",
        **fields,
    }
    return Action(**values)


def test_default_get_request_fills_the_path_and_repeats_list_values_in_the_query() -> None:
    action = _record("GET")
    request = default_request(
        action, _ThingsInput(id="01X", flags=["a", "b"], enabled=False, name=None)
    )
    assert request.path_params == {"id": "01X"}
    assert request.query == [("flags", "a"), ("flags", "b"), ("enabled", "false")]
    assert request.json is None


def test_default_put_request_sends_the_rest_as_a_flat_json_body() -> None:
    request = default_request(_record("PUT"), _ThingsInput(id="01X", name="n"))
    assert request.query == []
    assert request.json == {"name": "n"}


class _PathOnlyInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: str


def test_a_post_whose_parameters_all_fill_the_path_sends_no_body() -> None:
    request = default_request(_record("POST", input=_PathOnlyInput), _PathOnlyInput(id="01X"))
    assert (request.path_params, request.query, request.json) == ({"id": "01X"}, [], None)
    # With other parameters, even all unset, a POST still sends its (empty) JSON object.
    assert default_request(_record("POST"), _ThingsInput(id="01X")).json == {}


def test_page_items_follow_a_dotted_path_and_tolerate_missing_parts() -> None:
    action = _record("GET", items="things.final")
    assert action.page_items({"things": {"final": [{"id": "1"}]}}) == [{"id": "1"}]
    assert action.page_items({"things": None}) == []
    assert action.page_items({}) == []
    assert _record("GET").page_items({"things": [{"id": "1"}]}) == []  # no items declared


def test_data_fields_are_the_output_fields_after_success_and_error() -> None:
    assert _record("GET").data_fields == ("things", "pagination_meta")


class _KeyedInput(ActionInput):
    idempotency_key: str = Field(min_length=1)


@pytest.mark.parametrize(
    ("verb", "input_model", "expected"),
    [
        ("list", _ThingsInput, (True, False, True)),
        ("show", _ThingsInput, (True, False, True)),
        ("content", _ThingsInput, (True, False, True)),
        ("update", _ThingsInput, (False, True, True)),
        ("delete", _ThingsInput, (False, True, True)),
        ("cancel", _ThingsInput, (False, False, True)),
        ("resolve", _ThingsInput, (False, False, True)),
        ("create", _ThingsInput, (False, False, False)),
        ("create", _KeyedInput, (False, False, True)),
    ],
)
def test_annotations_follow_the_verb_and_the_idempotency_key(
    verb: str, input_model: type[ActionInput], expected: tuple[bool, bool, bool]
) -> None:
    hints = _record("POST", verb=verb, input=input_model).annotations
    assert (hints.read_only, hints.destructive, hints.idempotent) == expected
    assert hints.open_world is True


@pytest.mark.parametrize(
    ("verb", "expected"), [("delete", "Thing '01X' deleted."), ("cancel", "Thing '01X' cancelled.")]
)
def test_an_answer_without_a_body_is_told_by_noun_id_and_verb(verb: str, expected: str) -> None:
    action = _record("DELETE", verb=verb, result=None, noun="Thing")
    assert action.done_message({"id": "01X"}) == expected


def test_every_registered_record_is_frozen() -> None:
    action = next(iter(ACTIONS.values()))
    with pytest.raises(AttributeError):
        action.name = "renamed"  # type: ignore[misc]


class _ShapedInput(ActionInput):
    name: str | None = None
    fields: list[str] | None = None
    dry_run: bool | None = None


WIDGET = Projection(
    noun="widget", schema="WidgetV1", fields=("id", "name", "size"), summary=("id", "name")
)


def test_the_toolkits_own_parameters_never_reach_a_request() -> None:
    arguments = _ShapedInput(name="n", fields=["id"], dry_run=True)
    assert arguments.api_values() == {"name": "n"}
    request = default_request(_record("POST", input=_ShapedInput), arguments)
    assert request.json == {"name": "n"}


def test_projected_shapes_each_item_of_a_page_and_keeps_the_envelope() -> None:
    action = _record("GET", items="things", projection=WIDGET)
    things: list[dict[str, Any]] = [
        {"id": "1", "name": "a", "size": 3},
        {"id": "2", "name": "b", "size": 4},
    ]
    page: dict[str, Any] = {
        "success": True,
        "error": None,
        "things": things,
        "pagination_meta": {"after": "2"},
    }
    assert action.projected(page) == {
        **page,
        "things": [{"id": "1", "name": "a"}, {"id": "2", "name": "b"}],
    }
    assert action.projected(page, ["size"])["things"] == [{"size": 3}, {"size": 4}]
    assert things[0]["size"] == 3  # the input is not changed


def test_projected_keeps_only_the_items_of_a_nested_page() -> None:
    action = _record("GET", items="things.final", projection=WIDGET)
    page: dict[str, Any] = {
        "success": True,
        "things": {"final": [{"id": "1", "size": 3}], "scheduled": [{}]},
    }
    assert action.projected(page) == {"success": True, "things": {"final": [{"id": "1"}]}}


def test_projected_shapes_the_one_object_of_a_show_and_leaves_failures_alone() -> None:
    action = _record("GET", projection=WIDGET)
    shown = {"success": True, "things": {"id": "1", "name": "a", "size": 3}}
    assert action.projected(shown) == {"success": True, "things": {"id": "1", "name": "a"}}
    failed = {"success": False, "error": "boom", "things": None}
    assert action.projected(failed) == failed
    assert _record("GET").projected(shown) == shown  # no projection declared
