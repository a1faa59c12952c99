"""`/v2/schedule_overrides`: list a schedule's overrides, move one (`PUT .../{id}`), delete one
(`DELETE .../{id}`, 204 also when it was deleted already). Creating one is in `on_call.py` (its
action is in `actions/on_call.py`); all four go to the schedule overrides store."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from incidentio_toolkit.sandbox._context import Sandbox
from incidentio_toolkit.sandbox.handlers._common import (
    Endpoint,
    empty_response,
    json_response,
    page_size,
    pagination_meta,
    path_id,
    query_str,
    read_body,
    spliced,
)


async def list_schedule_overrides(sb: Sandbox, request: Request) -> Response:
    """GET /v2/schedule_overrides"""
    schedule_id = query_str(request, "schedule_id", required=True)
    assert schedule_id is not None
    size = page_size(request, maximum=250)
    page = sb.store.schedule_overrides.page(
        schedule_id,
        rotation_id=query_str(request, "rotation_id"),
        layer_id=query_str(request, "layer_id"),
        after=query_str(request, "after"),
        limit=size,
    )
    return spliced("overrides", page.texts, {"pagination_meta": pagination_meta(page, size)})


async def update_schedule_override(sb: Sandbox, request: Request) -> Response:
    """PUT /v2/schedule_overrides/{id}"""
    body = await read_body(request)
    override = sb.store.schedule_overrides.update(path_id(request), body, sb.now())
    return json_response({"override": override})


async def delete_schedule_override(sb: Sandbox, request: Request) -> Response:
    """DELETE /v2/schedule_overrides/{id} (204)"""
    sb.store.schedule_overrides.delete(path_id(request))
    return empty_response(204)


ROUTES: tuple[Endpoint, ...] = (
    Endpoint("GET", "/v2/schedule_overrides", list_schedule_overrides),
    Endpoint("PUT", "/v2/schedule_overrides/{id}", update_schedule_override),
    Endpoint("DELETE", "/v2/schedule_overrides/{id}", delete_schedule_override),
)
