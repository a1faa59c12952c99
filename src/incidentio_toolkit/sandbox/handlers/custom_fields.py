"""`/v2/custom_fields`: list, create, show, update and delete."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from incidentio_toolkit.sandbox._context import Sandbox
from incidentio_toolkit.sandbox._util import JSON
from incidentio_toolkit.sandbox._validate import Fields
from incidentio_toolkit.sandbox.handlers._common import (
    Endpoint,
    empty_response,
    json_response,
    path_id,
    read_body,
    spliced,
)
from incidentio_toolkit.sandbox.store.custom_fields import CUSTOM_FIELD_EXTRAS, FIELD_TYPES


def _field_values(body: Fields, *, creating: bool) -> JSON:
    values: JSON = {
        "name": body.req_str("name"),
        "description": body.req_str("description", nonempty=False),
    }
    if creating:
        values["field_type"] = body.enum("field_type", FIELD_TYPES, required=True)
        catalog_type = body.str("catalog_type_id")
        if catalog_type is not None:
            values["catalog_type_id"] = catalog_type
    for key in CUSTOM_FIELD_EXTRAS[1:]:
        if key in ("filter_by", "fixed_filter"):
            sub = body.obj(key)
            if sub is None:
                continue
            if key == "filter_by":
                values[key] = {
                    "custom_field_id": sub.req_str("custom_field_id"),
                    "catalog_attribute_id": sub.req_str("catalog_attribute_id"),
                }
            else:
                values[key] = {
                    "catalog_attribute_id": sub.req_str("catalog_attribute_id"),
                    "values": sub.strs("values", required=True),
                }
        else:
            text = body.str(key)
            if text is not None:
                values[key] = text
    return values


async def list_custom_fields(sb: Sandbox, request: Request) -> Response:
    """GET /v2/custom_fields"""
    return spliced("custom_fields", sb.store.custom_fields.list_texts())


async def create_custom_field(sb: Sandbox, request: Request) -> Response:
    """POST /v2/custom_fields (201)"""
    values = _field_values(await read_body(request), creating=True)
    return json_response({"custom_field": sb.store.custom_fields.create(values, sb.now())}, 201)


async def show_custom_field(sb: Sandbox, request: Request) -> Response:
    """GET /v2/custom_fields/{id}"""
    return json_response({"custom_field": sb.store.custom_fields.show(path_id(request))})


async def update_custom_field(sb: Sandbox, request: Request) -> Response:
    """PUT /v2/custom_fields/{id}"""
    values = _field_values(await read_body(request), creating=False)
    field = sb.store.custom_fields.update(path_id(request), values, sb.now())
    return json_response({"custom_field": field})


async def delete_custom_field(sb: Sandbox, request: Request) -> Response:
    """DELETE /v2/custom_fields/{id} (204)"""
    sb.store.custom_fields.delete(path_id(request))
    return empty_response(204)


ROUTES: tuple[Endpoint, ...] = (
    Endpoint("GET", "/v2/custom_fields", list_custom_fields),
    Endpoint("POST", "/v2/custom_fields", create_custom_field),
    Endpoint("GET", "/v2/custom_fields/{id}", show_custom_field),
    Endpoint("PUT", "/v2/custom_fields/{id}", update_custom_field),
    Endpoint("DELETE", "/v2/custom_fields/{id}", delete_custom_field),
)
