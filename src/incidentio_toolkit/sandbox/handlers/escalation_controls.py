"""`/v2/escalations/{id}/actions/cancel`: stop a page (200 without a body; repeating it is a
no-op)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from incidentio_toolkit.sandbox._context import Sandbox
from incidentio_toolkit.sandbox.handlers._common import Endpoint, empty_response, path_id


async def cancel_escalation(sb: Sandbox, request: Request) -> Response:
    """POST /v2/escalations/{id}/actions/cancel"""
    sb.store.escalations.cancel(path_id(request), sb.now())
    return empty_response(200)


ROUTES: tuple[Endpoint, ...] = (
    Endpoint("POST", "/v2/escalations/{id}/actions/cancel", cancel_escalation),
)
