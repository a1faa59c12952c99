"""Check a request against the official incident.io OpenAPI spec (`sandbox.testing.load_spec`).

openapi-core validates the path, the declared parameters and the body schema. It lets two things
through that matter here, so they are checked as well:
- query keys the operation does not declare (a misspelt or misplaced parameter);
- body properties the schema does not declare (the spec never says `additionalProperties: false`,
  so a contract-only field such as a target's `user_id` would otherwise pass).

The incident and escalation list filters are `object` parameters declared without
`style: deepObject`, sent in bracket form (`status[one_of]=...`). openapi-core cannot parse those
keys and ignores them, so for them only the base name (`status`) is checked against the operation.
"""

from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass, field
from functools import cache
from typing import Any, cast
from urllib.parse import quote

from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.exceptions import OpenAPIError
from werkzeug.datastructures import Headers, ImmutableMultiDict

from incidentio_toolkit.sandbox.testing import load_spec

BASE_URL = "https://api.incident.io"

JsonObject = dict[str, Any]


class SpecViolation(AssertionError):
    """The request does not match the operation the spec defines for it."""


@cache
def spec() -> JsonObject:
    """The spec as a dict, loaded once."""
    return load_spec()


@cache
def _openapi() -> OpenAPI:
    return OpenAPI.from_dict(spec())


def operation(method: str, template: str) -> JsonObject:
    """The spec's operation at (method, path template), e.g. ("GET", "/v2/users/{id}")."""
    return cast(JsonObject, spec()["paths"][template][method.lower()])


def concrete_path(template: str, path_params: dict[str, str]) -> str:
    """Fill a path template with percent-encoded ids."""
    return re.sub(r"\{(\w+)\}", lambda match: quote(path_params[match[1]], safe=""), template)


@dataclass
class _Request:
    """The request shape openapi-core reads (its `openapi_core.protocols.Request`)."""

    path: str
    method: str
    body: bytes | None
    parameters: RequestParameters
    host_url: str = BASE_URL
    content_type: str = "application/json"
    headers: Headers = field(default_factory=Headers)


def _template_for(method: str, path: str) -> str:
    for template, item in cast(dict[str, JsonObject], spec()["paths"]).items():
        pattern = re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(template))
        if method.lower() in item and re.fullmatch(pattern, path):
            return template
    raise SpecViolation(f"no {method} operation in the spec matches {path!r}")


def _resolve(schema: JsonObject) -> JsonObject:
    while "$ref" in schema:
        name = str(schema["$ref"]).removeprefix("#/components/schemas/")
        schema = cast(JsonObject, spec()["components"]["schemas"][name])
    return schema


def _undeclared_properties(schema: JsonObject, value: object, where: str) -> list[str]:
    schema = _resolve(schema)
    found: list[str] = []
    if isinstance(value, dict):
        fields = cast(JsonObject, value)
        properties = cast(JsonObject, schema.get("properties", {}))
        extra = schema.get("additionalProperties")
        for key, item in fields.items():
            if key in properties:
                found += _undeclared_properties(properties[key], item, f"{where}.{key}")
            elif isinstance(extra, dict):
                found += _undeclared_properties(cast(JsonObject, extra), item, f"{where}.{key}")
            elif properties and extra is not True:
                found.append(f"{where}.{key}")
    elif isinstance(value, list) and "items" in schema:
        items = cast(JsonObject, schema["items"])
        for index, item in enumerate(cast(list[object], value)):
            found += _undeclared_properties(items, item, f"{where}[{index}]")
    return found


def validate_request(
    method: str, path: str, query: list[tuple[str, str]], body: object | None
) -> None:
    """Raise `SpecViolation` unless the request (concrete path, ids filled in) fits the spec."""
    request = _Request(
        path=path,
        method=method.lower(),
        body=None if body is None else json.dumps(body).encode(),
        parameters=RequestParameters(query=ImmutableMultiDict(query), header=Headers()),
    )
    try:
        with warnings.catch_warnings():
            # The official spec marks many query parameters `allowEmptyValue`, which OpenAPI 3.0
            # deprecates; openapi-core warns about the spec, not about the request.
            warnings.filterwarnings(
                "ignore", "Use of allowEmptyValue property is deprecated", DeprecationWarning
            )
            _openapi().validate_request(request)
    except OpenAPIError as error:
        cause = f" ({error.__cause__})" if error.__cause__ is not None else ""
        raise SpecViolation(f"{method} {path}: {error}{cause}") from error

    spec_operation = operation(method, _template_for(method, path))
    declared = {
        str(parameter["name"])
        for parameter in cast(list[JsonObject], spec_operation.get("parameters", []))
        if parameter["in"] == "query"
    }
    unknown = [key for key, _ in query if key.split("[", 1)[0] not in declared]
    if unknown:
        raise SpecViolation(f"{method} {path}: query keys not in the spec: {unknown}")

    if body is not None:
        content = cast(JsonObject, spec_operation.get("requestBody", {})).get("content", {})
        if "application/json" not in content:
            raise SpecViolation(f"{method} {path}: the spec defines no JSON body")
        schema = cast(JsonObject, content["application/json"]["schema"])
        extra = _undeclared_properties(schema, body, "body")
        if extra:
            raise SpecViolation(f"{method} {path}: properties not in the spec: {extra}")
