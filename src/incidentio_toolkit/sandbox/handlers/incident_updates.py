"""`/v2/incident_updates`: the status and severity changes of incidents, newest first."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from incidentio_toolkit.sandbox._context import Sandbox
from incidentio_toolkit.sandbox.handlers._common import (
    Endpoint,
    page_size,
    pagination_meta,
    query_str,
    spliced,
)


async def list_incident_updates(sb: Sandbox, request: Request) -> Response:
    """GET /v2/incident_updates"""
    size = page_size(request, maximum=250)
    page = sb.store.incident_updates.page(
        query_str(request, "incident_id"), query_str(request, "after"), size
    )
    return spliced("incident_updates", page.texts, {"pagination_meta": pagination_meta(page, size)})


ROUTES: tuple[Endpoint, ...] = (Endpoint("GET", "/v2/incident_updates", list_incident_updates),)
