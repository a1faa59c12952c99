"""`/v2/incident_timestamps` (read-only)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from incidentio_toolkit.sandbox._context import Sandbox
from incidentio_toolkit.sandbox.handlers._common import (
    Endpoint,
    json_response,
    path_id,
    spliced,
)


async def list_incident_timestamps(sb: Sandbox, request: Request) -> Response:
    """GET /v2/incident_timestamps"""
    return spliced("incident_timestamps", sb.store.incident_timestamps.list_texts())


async def show_incident_timestamp(sb: Sandbox, request: Request) -> Response:
    """GET /v2/incident_timestamps/{id}"""
    timestamp = sb.store.incident_timestamps.show(path_id(request))
    return json_response({"incident_timestamp": timestamp})


ROUTES: tuple[Endpoint, ...] = (
    Endpoint("GET", "/v2/incident_timestamps", list_incident_timestamps),
    Endpoint("GET", "/v2/incident_timestamps/{id}", show_incident_timestamp),
)
