"""`/v1/severities`, `/v1/incident_statuses` and `/v1/incident_types` (read-only)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from incidentio_toolkit.sandbox._context import Sandbox
from incidentio_toolkit.sandbox.handlers._common import (
    Endpoint,
    spliced,
)


async def list_severities(sb: Sandbox, request: Request) -> Response:
    """GET /v1/severities"""
    return spliced("severities", sb.store.reference.list_severities())


async def list_incident_statuses(sb: Sandbox, request: Request) -> Response:
    """GET /v1/incident_statuses"""
    return spliced("incident_statuses", sb.store.reference.list_statuses())


async def list_incident_types(sb: Sandbox, request: Request) -> Response:
    """GET /v1/incident_types"""
    return spliced("incident_types", sb.store.reference.list_types())


ROUTES: tuple[Endpoint, ...] = (
    Endpoint("GET", "/v1/severities", list_severities),
    Endpoint("GET", "/v1/incident_statuses", list_incident_statuses),
    Endpoint("GET", "/v1/incident_types", list_incident_types),
)
