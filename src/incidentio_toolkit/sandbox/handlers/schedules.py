"""`/v2/schedules`: list, create, show, update and delete; each schedule answered with its current
and next shifts (computed by the on-call store)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from incidentio_toolkit.sandbox._context import Sandbox
from incidentio_toolkit.sandbox._util import loads_object
from incidentio_toolkit.sandbox.handlers._common import (
    RESULT_PAGE_SIZE_MAX,
    Endpoint,
    empty_response,
    json_response,
    page_size,
    pagination_meta,
    path_id,
    query_str,
    read_body,
)

NEXT_SHIFTS_MAX_PAGE_SIZE = 25
"""List pages larger than this carry empty `next_shifts`, as the real API does."""


async def list_schedules(sb: Sandbox, request: Request) -> Response:
    """GET /v2/schedules"""
    requested = page_size(request, maximum=10000)
    size = min(requested, RESULT_PAGE_SIZE_MAX)
    page = sb.store.schedules.page(query_str(request, "after"), size)
    now = sb.now()
    include_next = requested <= NEXT_SHIFTS_MAX_PAGE_SIZE
    schedules = [
        sb.store.on_call.with_shifts(loads_object(t), now, include_next=include_next)
        for t in page.texts
    ]
    return json_response({"schedules": schedules, "pagination_meta": pagination_meta(page, size)})


async def create_schedule(sb: Sandbox, request: Request) -> Response:
    """POST /v2/schedules (201)"""
    body = await read_body(request)
    with sb.store.db.transaction():  # kept only if it can be answered with its shifts
        schedule = sb.store.schedules.create(body, sb.now())
        answer = sb.store.on_call.with_shifts(schedule, sb.now())
    return json_response({"schedule": answer}, 201)


async def show_schedule(sb: Sandbox, request: Request) -> Response:
    """GET /v2/schedules/{id}"""
    schedule = sb.store.schedules.show(path_id(request))
    return json_response({"schedule": sb.store.on_call.with_shifts(schedule, sb.now())})


async def update_schedule(sb: Sandbox, request: Request) -> Response:
    """PUT /v2/schedules/{id}"""
    body = await read_body(request)
    with sb.store.db.transaction():  # kept only if it can be answered with its shifts
        schedule = sb.store.schedules.update(path_id(request), body, sb.now())
        answer = sb.store.on_call.with_shifts(schedule, sb.now())
    return json_response({"schedule": answer})


async def delete_schedule(sb: Sandbox, request: Request) -> Response:
    """DELETE /v2/schedules/{id} (202)"""
    sb.store.schedules.delete(path_id(request))
    return empty_response(202)


ROUTES: tuple[Endpoint, ...] = (
    Endpoint("GET", "/v2/schedules", list_schedules),
    Endpoint("POST", "/v2/schedules", create_schedule),
    Endpoint("GET", "/v2/schedules/{id}", show_schedule),
    Endpoint("PUT", "/v2/schedules/{id}", update_schedule),
    Endpoint("DELETE", "/v2/schedules/{id}", delete_schedule),
)
