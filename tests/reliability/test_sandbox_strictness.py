"""The sandbox is as strict as the API, never more lenient, for the operation behind every action.

Starting from a request that succeeds (`SEED_ARGUMENTS`), each mutation the spec forbids is sent:
every body field of the wrong JSON type, every enum field with a value outside its enum, every
date-time without an offset, every declared integer, boolean or enum query parameter with a value
it cannot take, and ids of the wrong kind in the path, query and body. Each must be refused in
incident.io's envelope, naming the field (`source.field`), with the organisation unchanged. Every
field the spec declares is refused with the wrong type or enum even when the request does not use
it (a `delay` on a `level` node), as the API's generated decoder refuses it.

Never stricter either: an empty string is refused only where the spec sets a `minLength` (or where
the string must name or spell something).

What the sandbox deliberately accepts (unknown body fields and query parameters) is
docs/sandbox.md's "Known differences"; the last test pins that down.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import AsyncIterator, Iterator
from typing import Any, cast

import httpx2
import pytest
from tests.openapi_support import concrete_path
from tests.sandbox.sdk_conformance_support import SEED_ARGUMENTS

from incidentio_toolkit.actions import ACTIONS, Action, ApiRequest, is_id
from incidentio_toolkit.sandbox import DEMO_API_KEY, SandboxApp, create_app
from incidentio_toolkit.sandbox import seed as s
from incidentio_toolkit.sandbox.store._migrations import RESOURCE_TABLES
from incidentio_toolkit.sandbox.testing import assert_error_envelope, load_spec

pytestmark = pytest.mark.anyio

JsonObject = dict[str, Any]
Path = tuple[str | int, ...]
SPEC = load_spec()
WRONG_TYPE: dict[str, Any] = {
    "string": 12345,
    "integer": "12",
    "number": "1.5",
    "boolean": "true",
    "array": {"not": "an array"},
    "object": "not an object",
}
ANOTHER_KIND_OF_ID = s.OPTION_TEAM_PAYMENTS_ID  # a custom field option: no user, path, status...


def _resolve(schema: JsonObject) -> JsonObject:
    while "$ref" in schema:
        name = str(schema["$ref"]).rsplit("/", 1)[-1]
        schema = cast(JsonObject, SPEC["components"]["schemas"][name])
    return schema


def _label(path: Path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "body"


def _replaced(body: Any, path: Path, value: Any) -> Any:
    if not path:
        return value
    copied = copy.deepcopy(body)
    node = copied
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return copied


def body_mutations(schema: JsonObject, value: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    """(path, forbidden value) for every field present in `value`, depth first."""
    schema = _resolve(schema)
    kind = schema.get("type") or ("object" if "properties" in schema else None)
    if kind in WRONG_TYPE:
        yield path, WRONG_TYPE[kind]
    if "enum" in schema:
        yield path, "not_a_value_of_this_enum"
    if schema.get("format") == "date-time":
        yield path, "2026-01-14T12:00:00"  # no offset: not RFC 3339
    if isinstance(value, dict):
        properties = cast(JsonObject, schema.get("properties", {}))
        for key, item in cast(JsonObject, value).items():
            if key in properties:
                yield from body_mutations(properties[key], item, (*path, key))
    elif isinstance(value, list) and value and "items" in schema:
        items = cast(list[Any], value)
        yield from body_mutations(cast(JsonObject, schema["items"]), items[0], (*path, 0))


def query_mutations(action: Action) -> Iterator[tuple[str, str]]:
    """(parameter, forbidden value) for every declared integer, boolean or enum query parameter."""
    operation = SPEC["paths"][action.path][action.method.lower()]
    for parameter in operation.get("parameters", []):
        if parameter["in"] != "query":
            continue
        schema = _resolve(parameter["schema"])
        if schema.get("type") in ("integer", "boolean"):
            yield parameter["name"], "not-a-number-or-boolean"
        if "enum" in schema:
            yield parameter["name"], "not_a_value_of_this_enum"


def seed_request(name: str) -> ApiRequest:
    action = ACTIONS[name]
    return action.request(action.input.model_validate(SEED_ARGUMENTS[name]))


def snapshot(app: SandboxApp) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    for table in RESOURCE_TABLES:
        rows += app.store.db.query(f"SELECT id, data, deleted FROM {table} ORDER BY seq")  # noqa: S608
    return rows


@pytest.fixture
async def sandbox() -> AsyncIterator[tuple[SandboxApp, httpx2.AsyncClient]]:
    app = create_app()
    async with httpx2.AsyncClient(
        transport=httpx2.ASGITransport(app=app),
        base_url="http://sandbox",
        headers={"Authorization": f"Bearer {DEMO_API_KEY}"},
    ) as client:
        yield app, client
    app.close()


async def refused(
    sandbox: tuple[SandboxApp, httpx2.AsyncClient],
    action: Action,
    request: ApiRequest,
    *,
    query: list[tuple[str, str]] | None = None,
    body: Any = None,
) -> JsonObject:
    """Send the action's request with `query`/`body` swapped in; returns the first error."""
    app, client = sandbox
    before = snapshot(app)
    response = await client.request(
        action.method,
        concrete_path(action.path, dict(request.path_params)),
        params=tuple(request.query if query is None else query),
        json=request.json if body is None else body,
    )
    assert response.status_code in (400, 404, 422), response.text
    envelope = assert_error_envelope(response)
    assert snapshot(app) == before, "a refused request changed the organisation"
    return cast(JsonObject, envelope["errors"][0])


BODY_ACTIONS = [name for name in ACTIONS if seed_request(name).json is not None]


@pytest.mark.parametrize("name", BODY_ACTIONS)
async def test_every_body_field_of_the_wrong_type_or_enum_is_refused_by_name(
    name: str, sandbox: tuple[SandboxApp, httpx2.AsyncClient]
) -> None:
    action = ACTIONS[name]
    request = seed_request(name)
    operation = SPEC["paths"][action.path][action.method.lower()]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    mutations = list(body_mutations(schema, request.json))
    assert len(mutations) > 1
    for path, value in mutations:
        error = await refused(sandbox, action, request, body=_replaced(request.json, path, value))
        assert error.get("source") == {"field": _label(path)}, (path, value, error)


def declared_mutations(
    schema: JsonObject, path: Path = (), depth: int = 0
) -> Iterator[tuple[Path, Any]]:
    """(path, forbidden value) for every field `schema` declares, sent or not, down to the
    depth where nested escalation path nodes repeat themselves."""
    schema = _resolve(schema)
    kind = schema.get("type") or ("object" if "properties" in schema else None)
    if path:
        if kind in WRONG_TYPE:
            yield path, WRONG_TYPE[kind]
        if "enum" in schema:
            yield path, "not_a_value_of_this_enum"
    if depth > 6:
        return
    for key, child in cast(JsonObject, schema.get("properties", {})).items():
        yield from declared_mutations(child, (*path, key), depth + 1)
    if "items" in schema:
        yield from declared_mutations(cast(JsonObject, schema["items"]), (*path, 0), depth + 1)


def _inserted(body: Any, path: Path, value: Any) -> Any:
    """`body` with `value` at `path`, the objects and arrays on the way made when missing (None
    when the body holds something else on the way)."""
    copied = copy.deepcopy(body)
    node: Any = copied
    for part, following in itertools.pairwise(path):
        empty: Any = [] if isinstance(following, int) else {}
        if isinstance(node, list):
            items = cast(list[Any], node)
            if not isinstance(part, int) or len(items) < part:
                return None
            if len(items) == part:
                items.append(empty)
            node = items[part]
        elif isinstance(node, dict):
            node = cast(JsonObject, node).setdefault(str(part), empty)
        else:
            return None
        if not isinstance(node, (dict, list)):
            return None
    last = path[-1]
    if isinstance(node, list):
        items = cast(list[Any], node)
        if not isinstance(last, int) or len(items) < last:
            return None
        if len(items) == last:
            items.append(None)
        items[last] = value
    else:
        cast(JsonObject, node)[str(last)] = value
    return copied


@pytest.mark.parametrize("name", BODY_ACTIONS)
async def test_every_field_the_spec_declares_is_checked_even_where_it_is_not_used(
    name: str, sandbox: tuple[SandboxApp, httpx2.AsyncClient]
) -> None:
    """Like the API's generated decoder, the sandbox checks every field it is sent, whatever it
    then uses: a node's `delay` object on a `level` node, say, must be an object."""
    app, client = sandbox
    action = ACTIONS[name]
    request = seed_request(name)
    operation = SPEC["paths"][action.path][action.method.lower()]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    before = snapshot(app)
    accepted: list[str] = []
    for path, value in declared_mutations(schema):
        body = _inserted(request.json, path, value)
        if body is None:
            continue
        response = await client.request(
            action.method,
            concrete_path(action.path, dict(request.path_params)),
            params=tuple(request.query),
            json=body,
        )
        if response.status_code < 400:
            accepted.append(f"{_label(path)} = {value!r}")
        else:
            assert_error_envelope(response)
    assert accepted == []
    assert snapshot(app) == before


@pytest.mark.parametrize("name", [n for n in ACTIONS if list(query_mutations(ACTIONS[n]))])
async def test_every_typed_query_parameter_refuses_a_value_it_cannot_take(
    name: str, sandbox: tuple[SandboxApp, httpx2.AsyncClient]
) -> None:
    action = ACTIONS[name]
    request = seed_request(name)
    for parameter, value in query_mutations(action):
        query = [(k, v) for k, v in request.query if k != parameter] + [(parameter, value)]
        error = await refused(sandbox, action, request, query=query)
        assert error.get("source") == {"field": parameter}, (parameter, error)


@pytest.mark.parametrize("name", [n for n, a in ACTIONS.items() if a.input.path_params])
async def test_an_id_of_another_kind_in_the_path_is_a_404(
    name: str, sandbox: tuple[SandboxApp, httpx2.AsyncClient]
) -> None:
    action = ACTIONS[name]
    request = seed_request(name)
    wrong = ApiRequest(
        dict.fromkeys(request.path_params, ANOTHER_KIND_OF_ID), request.query, request.json
    )
    error = await refused(sandbox, action, wrong)
    assert error["code"] == "not_found"


def _is_reference(path: Path, key: str) -> bool:
    """`*_id` fields, and the `id` of a rotation's user or a level's target (other `id`s, such
    as a step's or a node's, name the object itself)."""
    return key.endswith("_id") or (key == "id" and len(path) >= 2 and path[-2] in REFERRING)


REFERRING = ("users", "targets")


def _ids_in(value: Any, path: Path = ()) -> Iterator[Path]:
    if isinstance(value, dict):
        for key, item in cast(JsonObject, value).items():
            if isinstance(item, str) and _is_reference(path, key):
                yield (*path, key)
            else:
                yield from _ids_in(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(cast(list[Any], value)):
            if isinstance(item, str) and path and str(path[-1]).endswith("_ids"):
                yield (*path, index)
            else:
                yield from _ids_in(item, (*path, index))


def _query_ids(request: ApiRequest) -> list[int]:
    """Where the query holds an id (every seeded id is a ULID)."""
    return [index for index, (_, value) in enumerate(request.query) if is_id(value)]


FILTERS_BY_INCIDENT = ["actions_list", "follow_ups_list", "incident_updates_list"]
BODIES_WITH_IDS = [name for name in BODY_ACTIONS if list(_ids_in(seed_request(name).json))]
QUERIES_WITH_IDS = [
    name for name in ACTIONS if name not in FILTERS_BY_INCIDENT and _query_ids(seed_request(name))
]


def test_ids_of_another_kind_are_tried_in_queries_and_bodies() -> None:
    """An empty list would leave the two tests below with nothing to run."""
    assert "escalations_create" in BODIES_WITH_IDS
    assert "schedule_entries_list" in QUERIES_WITH_IDS


@pytest.mark.parametrize("name", BODIES_WITH_IDS)
async def test_an_id_of_another_kind_in_the_body_is_a_422_naming_it(
    name: str, sandbox: tuple[SandboxApp, httpx2.AsyncClient]
) -> None:
    action = ACTIONS[name]
    request = seed_request(name)
    for path in _ids_in(request.json):
        body = _replaced(request.json, path, ANOTHER_KIND_OF_ID)
        error = await refused(sandbox, action, request, body=body)
        assert (error["code"], error.get("source")) == ("not_found", {"field": _label(path)})


@pytest.mark.parametrize("name", QUERIES_WITH_IDS)
async def test_an_id_of_another_kind_in_the_query_is_a_422_naming_it(
    name: str, sandbox: tuple[SandboxApp, httpx2.AsyncClient]
) -> None:
    action = ACTIONS[name]
    request = seed_request(name)
    for index in _query_ids(request):
        key = request.query[index][0]
        query = [*request.query[:index], (key, ANOTHER_KIND_OF_ID), *request.query[index + 1 :]]
        error = await refused(sandbox, action, request, query=query)
        assert (error["code"], error.get("source")) == ("not_found", {"field": key})


def empty_strings(schema: JsonObject, value: Any, path: Path = ()) -> Iterator[Path]:
    """Every free-text string in `value` whose schema sets no `minLength` (nor an enum, a format,
    or a reference to something that must exist)."""
    schema = _resolve(schema)
    if isinstance(value, str):
        plain = not {"enum", "format", "minLength"} & set(schema)
        key = str(path[-1]) if path else ""
        named = isinstance(path[-1], int) or _is_reference(path[:-1], key) if path else True
        if plain and not named and key not in HAS_A_SYNTAX:
            yield path
    elif isinstance(value, dict):
        properties = cast(JsonObject, schema.get("properties", {}))
        for key, item in cast(JsonObject, value).items():
            if key in properties:
                yield from empty_strings(properties[key], item, (*path, key))
    elif isinstance(value, list) and value and "items" in schema:
        items = cast(list[Any], value)
        yield from empty_strings(cast(JsonObject, schema["items"]), items[0], (*path, 0))


HAS_A_SYNTAX = ("value_numeric", "start_time", "end_time", "timezone", "to_node", "email")
"""Strings the API reads as something else: a number, a time of day, a timezone, a node id, an
email (each is refused when empty, as it is when it is malformed)."""


@pytest.mark.parametrize("name", BODY_ACTIONS)
async def test_a_string_is_empty_unless_the_spec_sets_a_min_length(
    name: str, sandbox: tuple[SandboxApp, httpx2.AsyncClient]
) -> None:
    """Never stricter than the spec: only `minLength` makes an empty string a 422."""
    _, client = sandbox
    action = ACTIONS[name]
    request = seed_request(name)
    operation = SPEC["paths"][action.path][action.method.lower()]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    refused_empty: list[str] = []
    for path in empty_strings(schema, request.json):
        response = await client.request(
            action.method,
            concrete_path(action.path, dict(request.path_params)),
            params=tuple(request.query),
            json=_replaced(request.json, path, ""),
        )
        if response.status_code >= 400:
            refused_empty.append(f"{_label(path)}: {response.text}")
    assert refused_empty == []


PRIMARY = {"schedule_id": s.SCHEDULE_PRIMARY_ID}
PAGE = {"page_size": "10"}
ID_FILTERS: list[tuple[str, dict[str, str], str]] = [
    *(
        ("/v2/incidents", {}, f"{name}[{op}]")
        for name in ("status", "severity", "incident_type")
        for op in ("one_of", "not_in")
    ),
    ("/v2/incidents", {}, "severity[gte]"),
    ("/v2/incidents", {}, f"incident_role[{s.ROLE_LEAD_ID}][one_of]"),  # a user
    ("/v2/incidents", {}, f"custom_field[{s.CUSTOM_FIELD_AFFECTED_SERVICES_ID}][one_of]"),
    ("/v2/incidents", {}, f"custom_field[{s.CUSTOM_FIELD_AFFECTED_SERVICES_ID}][not_in]"),
    *(
        ("/v2/escalations", {}, f"{name}[{op}]")
        for name in ("escalation_path", "incident", "alert")
        for op in ("one_of", "not_in")
    ),
    ("/v2/alerts", PAGE, "alert_source[one_of]"),
    ("/v2/alerts", PAGE, "alert_source[not_in]"),
    ("/v2/actions", {}, "incident_id"),
    ("/v2/follow_ups", {}, "incident_id"),
    ("/v2/follow_ups", {}, "assignee_team_id"),
    ("/v2/incident_updates", {}, "incident_id"),
    ("/v2/incident_alerts", PAGE, "incident_id"),
    ("/v2/incident_alerts", PAGE, "alert_id"),
    ("/v1/postmortem_documents", {}, "incident_id"),
    ("/v2/schedule_entries", {}, "schedule_id"),
    ("/v2/schedule_overrides", PRIMARY, "rotation_id"),
    ("/v2/schedule_overrides", PRIMARY, "layer_id"),
]
"""Every query parameter that takes an id (`ANOTHER_KIND_OF_ID` names none of its kind)."""


@pytest.mark.parametrize(("path", "params", "name"), ID_FILTERS)
async def test_every_id_a_query_names_must_exist(
    path: str, params: dict[str, str], name: str, sandbox: tuple[SandboxApp, httpx2.AsyncClient]
) -> None:
    _, client = sandbox
    response = await client.get(path, params={**params, name: ANOTHER_KIND_OF_ID})
    assert response.status_code == 422, response.text
    error = assert_error_envelope(response)["errors"][0]
    assert (error["code"], error.get("source")) == ("not_found", {"field": name})


@pytest.mark.parametrize(
    "name",
    [f"incident_role[{ANOTHER_KIND_OF_ID}][is_set]", f"custom_field[{s.ROLE_LEAD_ID}][is_set]"],
)
async def test_the_role_or_field_a_filter_is_keyed_by_must_exist(
    name: str, sandbox: tuple[SandboxApp, httpx2.AsyncClient]
) -> None:
    _, client = sandbox
    response = await client.get("/v2/incidents", params={name: "true"})
    assert response.status_code == 422, response.text
    assert assert_error_envelope(response)["errors"][0]["source"] == {"field": name}


# Known differences (docs/sandbox.md): accepted on purpose, as incident.io accepts them.


@pytest.mark.parametrize("name", list(ACTIONS))
async def test_unknown_body_fields_and_query_parameters_are_ignored(
    name: str, sandbox: tuple[SandboxApp, httpx2.AsyncClient]
) -> None:
    action = ACTIONS[name]
    request = seed_request(name)
    _, client = sandbox
    body = None if request.json is None else {**request.json, "sandbox_unknown_field": 1}
    response = await client.request(
        action.method,
        concrete_path(action.path, dict(request.path_params)),
        params=(*request.query, ("sandbox_unknown_parameter", "1")),
        json=body,
    )
    assert response.status_code == action.success_status, response.text
    assert b"sandbox_unknown" not in response.content
