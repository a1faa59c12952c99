"""`/v2/escalation_paths`: list, create, show, update and delete; each path answered with its
`current_responders`."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from incidentio_toolkit.sandbox._context import Sandbox
from incidentio_toolkit.sandbox._util import loads_object
from incidentio_toolkit.sandbox.handlers._common import (
    Endpoint,
    empty_response,
    json_response,
    page_size,
    pagination_meta,
    path_id,
    query_str,
    read_body,
)


async def list_escalation_paths(sb: Sandbox, request: Request) -> Response:
    """GET /v2/escalation_paths"""
    size = page_size(request, maximum=25)
    page = sb.store.escalation_paths.page(query_str(request, "after"), size)
    now = sb.now()
    paths = [sb.store.escalation_paths.with_responders(loads_object(t), now) for t in page.texts]
    return json_response(
        {"escalation_paths": paths, "pagination_meta": pagination_meta(page, size)}
    )


async def create_escalation_path(sb: Sandbox, request: Request) -> Response:
    """POST /v2/escalation_paths (201)"""
    body = await read_body(request)
    path = sb.store.escalation_paths.create(body, sb.now())
    return json_response(
        {"escalation_path": sb.store.escalation_paths.with_responders(path, sb.now())}, 201
    )


async def show_escalation_path(sb: Sandbox, request: Request) -> Response:
    """GET /v2/escalation_paths/{id}"""
    path = sb.store.escalation_paths.show(path_id(request))
    return json_response(
        {"escalation_path": sb.store.escalation_paths.with_responders(path, sb.now())}
    )


async def update_escalation_path(sb: Sandbox, request: Request) -> Response:
    """PUT /v2/escalation_paths/{id}"""
    body = await read_body(request)
    path = sb.store.escalation_paths.update(path_id(request), body)
    return json_response(
        {"escalation_path": sb.store.escalation_paths.with_responders(path, sb.now())}
    )


async def delete_escalation_path(sb: Sandbox, request: Request) -> Response:
    """DELETE /v2/escalation_paths/{id} (204)"""
    sb.store.escalation_paths.delete(path_id(request))
    return empty_response(204)


ROUTES: tuple[Endpoint, ...] = (
    Endpoint("GET", "/v2/escalation_paths", list_escalation_paths),
    Endpoint("POST", "/v2/escalation_paths", create_escalation_path),
    Endpoint("GET", "/v2/escalation_paths/{id}", show_escalation_path),
    Endpoint("PUT", "/v2/escalation_paths/{id}", update_escalation_path),
    Endpoint("DELETE", "/v2/escalation_paths/{id}", delete_escalation_path),
)
