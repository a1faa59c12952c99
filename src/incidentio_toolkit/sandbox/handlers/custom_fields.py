"""`/v2/custom_fields`: list, create, show, update and delete."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from incidentio_toolkit.sandbox._context import Sandbox
from incidentio_toolkit.sandbox.handlers._common import (
    Endpoint,
    empty_response,
    json_response,
    path_id,
    read_body,
    spliced,
)


async def list_custom_fields(sb: Sandbox, request: Request) -> Response:
    """GET /v2/custom_fields"""
    return spliced("custom_fields", sb.store.custom_fields.list_texts())


async def create_custom_field(sb: Sandbox, request: Request) -> Response:
    """POST /v2/custom_fields (201)"""
    body = await read_body(request)
    return json_response({"custom_field": sb.store.custom_fields.create(body, sb.now())}, 201)


async def show_custom_field(sb: Sandbox, request: Request) -> Response:
    """GET /v2/custom_fields/{id}"""
    return json_response({"custom_field": sb.store.custom_fields.show(path_id(request))})


async def update_custom_field(sb: Sandbox, request: Request) -> Response:
    """PUT /v2/custom_fields/{id}"""
    body = await read_body(request)
    field = sb.store.custom_fields.update(path_id(request), body, sb.now())
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
