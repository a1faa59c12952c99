"""Workflows."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from incidentio_toolkit.sandbox._context import Sandbox
from incidentio_toolkit.sandbox.handlers._common import (
    Endpoint,
    empty_response,
    json_response,
    path_id,
    query_bool,
    read_body,
)


async def list_workflows(sb: Sandbox, request: Request) -> Response:
    """GET /v2/workflows"""
    return json_response({"workflows": sb.store.workflows.list_slim()})


async def create_workflow(sb: Sandbox, request: Request) -> Response:
    """POST /v2/workflows (201)"""
    body = await read_body(request)
    return json_response(sb.store.workflows.create(body, sb.now()), 201)


async def show_workflow(sb: Sandbox, request: Request) -> Response:
    """GET /v2/workflows/{id}"""
    query_bool(request, "skip_step_upgrades")
    return json_response(sb.store.workflows.show(path_id(request)))


async def update_workflow(sb: Sandbox, request: Request) -> Response:
    """PUT /v2/workflows/{id}"""
    body = await read_body(request)
    body.bool("skip_step_upgrades")
    return json_response(sb.store.workflows.update(path_id(request), body, sb.now()))


async def delete_workflow(sb: Sandbox, request: Request) -> Response:
    """DELETE /v2/workflows/{id} (204)"""
    sb.store.workflows.delete(path_id(request))
    return empty_response(204)


ROUTES: tuple[Endpoint, ...] = (
    Endpoint("GET", "/v2/workflows", list_workflows),
    Endpoint("POST", "/v2/workflows", create_workflow),
    Endpoint("GET", "/v2/workflows/{id}", show_workflow),
    Endpoint("PUT", "/v2/workflows/{id}", update_workflow),
    Endpoint("DELETE", "/v2/workflows/{id}", delete_workflow),
)
