"""`/v2/escalations`: list (filtered, newest first), create (idempotent; pages people) and show."""

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
    query_str,
    read_body,
    spliced,
)
from incidentio_toolkit.sandbox.ratelimit import ESCALATION_CREATE_LIMIT_NAME


async def list_escalations(sb: Sandbox, request: Request) -> Response:
    """GET /v2/escalations"""
    size = page_size(request, maximum=50)
    page = sb.store.escalations.page(bracket_params(request), query_str(request, "after"), size)
    return spliced("escalations", page.texts, {"pagination_meta": pagination_meta(page, size)})


async def create_escalation(sb: Sandbox, request: Request) -> Response:
    """POST /v2/escalations (201, idempotent on `idempotency_key`)."""
    body = await read_body(request)
    escalation, _ = sb.store.escalations.create(body, sb.now())
    return json_response({"escalation": escalation}, 201)


async def show_escalation(sb: Sandbox, request: Request) -> Response:
    """GET /v2/escalations/{id}"""
    return json_response({"escalation": sb.store.escalations.show(path_id(request))})


ROUTES: tuple[Endpoint, ...] = (
    Endpoint("GET", "/v2/escalations", list_escalations),
    Endpoint("POST", "/v2/escalations", create_escalation, ESCALATION_CREATE_LIMIT_NAME),
    Endpoint("GET", "/v2/escalations/{id}", show_escalation),
)
