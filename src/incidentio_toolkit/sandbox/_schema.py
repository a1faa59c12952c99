"""Request bodies checked against their operation's schema in the official spec, before the handler
runs, as incident.io's API (generated with Goa) checks every payload before its service code sees
it: the JSON type, enum, format (int32/int64 range, RFC 3339 date-time), length and bounds of every
field present, at any depth, and the required fields of every object sent.

Unknown fields are ignored (docs/sandbox.md, "Known differences"); `null` counts as absent, as it
does for the stores' own getters (`_validate.Fields`). The first problem found is reported, naming
the field by its path in the request (`path[0].level.targets[1].urgency`).
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any, cast

from incidentio_toolkit.sandbox._util import JSON, parse_time
from incidentio_toolkit.sandbox.errors import invalid, missing

SPEC_RESOURCE = "spec/incident-io-openapi.json"
"""Where the spec sits inside the `incidentio_toolkit.sandbox` package."""

_INTEGER_RANGES = {"int32": 2**31, "int64": 2**63}
_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "array": (list,),
    "object": (dict,),
}
_ARTICLES = {"integer": "an integer", "array": "an array", "object": "a JSON object"}


@functools.cache
def _spec() -> JSON:
    text = resources.files("incidentio_toolkit.sandbox").joinpath(SPEC_RESOURCE).read_text()
    spec: JSON = json.loads(text)
    return spec


@functools.cache
def request_schema(method: str, path: str) -> JSON | None:
    """The JSON request body schema of the spec's operation `method path`, if it takes one."""
    operation = _spec()["paths"].get(path, {}).get(method.lower())
    if operation is None or "requestBody" not in operation:
        return None
    schema: JSON = operation["requestBody"]["content"]["application/json"]["schema"]
    return schema


def check_body(schema: JSON, body: Any) -> None:
    """Raise the 422 of the first part of `body` that `schema` refuses."""
    if not isinstance(body, dict):
        raise invalid("body", "body must be a JSON object")
    _check(schema, body, "")


def _resolve(schema: JSON) -> JSON:
    while "$ref" in schema:
        name = str(schema["$ref"]).rsplit("/", 1)[-1]
        schema = cast(JSON, _spec()["components"]["schemas"][name])
    return schema


def _check(schema: JSON, value: Any, path: str) -> None:
    schema = _resolve(schema)
    kind = schema.get("type") or ("object" if "properties" in schema else None)
    label = path or "body"
    if kind in _JSON_TYPES:
        wrong_bool = isinstance(value, bool) and kind != "boolean"
        if wrong_bool or not isinstance(value, _JSON_TYPES[kind]):
            raise invalid(label, f"{label} must be {_ARTICLES.get(kind, f'a {kind}')}")
    if "enum" in schema and value not in schema["enum"]:
        allowed = ", ".join(str(v) for v in schema["enum"])
        raise invalid(label, f"{label} must be one of: {allowed}")
    if isinstance(value, str):
        _check_string(schema, value, label)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        _check_number(schema, value, label)
    elif isinstance(value, list):
        items = cast(JSON, schema.get("items", {}))
        for index, item in enumerate(cast(list[Any], value)):
            _check(items, item, f"{path}[{index}]")
    elif isinstance(value, dict):
        _check_object(schema, cast(JSON, value), path)


def _check_string(schema: JSON, value: str, label: str) -> None:
    if schema.get("format") == "date-time":
        try:
            parse_time(value)
        except ValueError:
            raise invalid(label, f"{label} must be an RFC 3339 date-time") from None
    if "minLength" in schema and len(value) < schema["minLength"]:
        raise invalid(label, f"{label} must be at least {schema['minLength']} characters long")
    if "maxLength" in schema and len(value) > schema["maxLength"]:
        raise invalid(label, f"{label} must be at most {schema['maxLength']} characters long")


def _check_number(schema: JSON, value: float, label: str) -> None:
    limit = _INTEGER_RANGES.get(str(schema.get("format")))
    if limit is not None and not -limit <= value < limit:
        raise invalid(label, f"{label} must fit in a {schema['format']}")
    if "minimum" in schema and value < schema["minimum"]:
        raise invalid(label, f"{label} must be at least {schema['minimum']}")
    if "maximum" in schema and value > schema["maximum"]:
        raise invalid(label, f"{label} must be at most {schema['maximum']}")


def _check_object(schema: JSON, value: JSON, path: str) -> None:
    for key in schema.get("required", []):
        if value.get(key) is None:
            raise missing(f"{path}.{key}" if path else key)
    properties = cast(JSON, schema.get("properties", {}))
    extra = schema.get("additionalProperties")
    for key, item in value.items():
        if item is None:
            continue
        child = f"{path}.{key}" if path else key
        if key in properties:
            _check(properties[key], item, child)
        elif isinstance(extra, dict):
            _check(cast(JSON, extra), item, child)
