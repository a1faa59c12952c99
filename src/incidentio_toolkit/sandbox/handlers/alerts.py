"""`/v2/alerts` (list with bracket filters, show, resolve) and `/v2/incident_alerts` (which
alerts are linked to which incidents). Both lists require `page_size`, as incident.io does."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from incidentio_toolkit.sandbox._context import Sandbox
from incidentio_toolkit.sandbox.errors import missing
from incidentio_toolkit.sandbox.handlers._common import (
    Endpoint,
    bracket_params,
    json_response,
    page_size,
    pagination_meta,
    path_id,
    query_str,
    spliced,
)


def _required_page_size(request: Request) -> int:
    if "page_size" not in request.query_params:
        raise missing("page_size")
    return page_size(request, maximum=50)


async def list_alerts(sb: Sandbox, request: Request) -> Response:
    """GET /v2/alerts"""
    size = _required_page_size(request)
    page = sb.store.alerts.page(bracket_params(request), query_str(request, "after"), size)
    return spliced("alerts", page.texts, {"pagination_meta": pagination_meta(page, size)})


async def show_alert(sb: Sandbox, request: Request) -> Response:
    """GET /v2/alerts/{id}"""
    return json_response({"alert": sb.store.alerts.show(path_id(request))})


async def resolve_alert(sb: Sandbox, request: Request) -> Response:
    """POST /v2/alerts/{id}/actions/resolve (200; a resolved alert is answered unchanged)"""
    return json_response({"alert": sb.store.alerts.resolve(path_id(request), sb.now())})


async def list_incident_alerts(sb: Sandbox, request: Request) -> Response:
    """GET /v2/incident_alerts"""
    size = _required_page_size(request)
    links, page = sb.store.alerts.incident_alerts(
        query_str(request, "incident_id"),
        query_str(request, "alert_id"),
        query_str(request, "after"),
        size,
    )
    return json_response({"incident_alerts": links, "pagination_meta": pagination_meta(page, size)})


ROUTES: tuple[Endpoint, ...] = (
    Endpoint("GET", "/v2/alerts", list_alerts),
    Endpoint("GET", "/v2/alerts/{id}", show_alert),
    Endpoint("POST", "/v2/alerts/{id}/actions/resolve", resolve_alert),
    Endpoint("GET", "/v2/incident_alerts", list_incident_alerts),
)
