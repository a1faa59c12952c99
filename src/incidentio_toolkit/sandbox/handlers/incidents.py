"""`/v2/incidents`: list (filtered, sorted, paged), create (idempotent), show and edit."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from incidentio_toolkit.sandbox._context import Sandbox
from incidentio_toolkit.sandbox.handlers._common import (
    Endpoint,
    bracket_params,
    json_response,
    page_size,
    pagination_meta,
    path_id,
    query_enum,
    query_str,
    read_body,
    spliced,
)

SORTS = ("created_at_newest_first", "created_at_oldest_first")
FILTER_MODES = ("all", "any")


async def list_incidents(sb: Sandbox, request: Request) -> Response:
    """GET /v2/incidents"""
    size = page_size(request, maximum=250)
    page = sb.store.incidents.page(
        bracket_params(request),
        filter_mode=query_enum(request, "filter_mode", FILTER_MODES) or "all",
        sort_by=query_enum(request, "sort_by", SORTS) or SORTS[0],
        after=query_str(request, "after"),
        limit=size,
    )
    return spliced("incidents", page.texts, {"pagination_meta": pagination_meta(page, size)})


async def create_incident(sb: Sandbox, request: Request) -> Response:
    """POST /v2/incidents (200, idempotent on `idempotency_key`)."""
    body = await read_body(request)
    key = request.state.api_key
    incident, _ = sb.store.incidents.create(body, sb.auth.actor(key), sb.now())
    return json_response({"incident": incident})


async def show_incident(sb: Sandbox, request: Request) -> Response:
    """GET /v2/incidents/{id}"""
    return json_response({"incident": sb.store.incidents.show(path_id(request))})


async def edit_incident(sb: Sandbox, request: Request) -> Response:
    """POST /v2/incidents/{id}/actions/edit"""
    body = await read_body(request)
    changes = body.req_obj("incident")
    body.bool("notify_incident_channel", required=True)
    actor = sb.auth.actor(request.state.api_key)
    incident = sb.store.incidents.edit(path_id(request), changes, actor, sb.now())
    return json_response({"incident": incident})


ROUTES: tuple[Endpoint, ...] = (
    Endpoint("GET", "/v2/incidents", list_incidents),
    Endpoint("POST", "/v2/incidents", create_incident),
    Endpoint("GET", "/v2/incidents/{id}", show_incident),
    Endpoint("POST", "/v2/incidents/{id}/actions/edit", edit_incident),
)
