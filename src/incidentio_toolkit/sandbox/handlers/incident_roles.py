"""`/v2/incident_roles`: list, create, show, update and delete."""

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


async def list_incident_roles(sb: Sandbox, request: Request) -> Response:
    """GET /v2/incident_roles"""
    return spliced("incident_roles", sb.store.incident_roles.list_texts())


async def create_incident_role(sb: Sandbox, request: Request) -> Response:
    """POST /v2/incident_roles (201)"""
    body = await read_body(request)
    return json_response({"incident_role": sb.store.incident_roles.create(body, sb.now())}, 201)


async def show_incident_role(sb: Sandbox, request: Request) -> Response:
    """GET /v2/incident_roles/{id}"""
    return json_response({"incident_role": sb.store.incident_roles.show(path_id(request))})


async def update_incident_role(sb: Sandbox, request: Request) -> Response:
    """PUT /v2/incident_roles/{id}"""
    body = await read_body(request)
    role = sb.store.incident_roles.update(path_id(request), body, sb.now())
    return json_response({"incident_role": role})


async def delete_incident_role(sb: Sandbox, request: Request) -> Response:
    """DELETE /v2/incident_roles/{id} (204)"""
    sb.store.incident_roles.delete(path_id(request))
    return empty_response(204)


ROUTES: tuple[Endpoint, ...] = (
    Endpoint("GET", "/v2/incident_roles", list_incident_roles),
    Endpoint("POST", "/v2/incident_roles", create_incident_role),
    Endpoint("GET", "/v2/incident_roles/{id}", show_incident_role),
    Endpoint("PUT", "/v2/incident_roles/{id}", update_incident_role),
    Endpoint("DELETE", "/v2/incident_roles/{id}", delete_incident_role),
)
