"""`/v2/actions`: the actions of incidents (read-only)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from incidentio_toolkit.sandbox._context import Sandbox
from incidentio_toolkit.sandbox._util import dumps
from incidentio_toolkit.sandbox.handlers._common import (
    Endpoint,
    path_id,
    query_enum,
    query_str,
    spliced,
    wrapped,
)
from incidentio_toolkit.sandbox.store._filters import LIST_MODES


async def list_actions(sb: Sandbox, request: Request) -> Response:
    """GET /v2/actions"""
    texts = sb.store.incident_actions.list_texts(
        query_str(request, "incident_id"), query_enum(request, "incident_mode", LIST_MODES)
    )
    return spliced("actions", texts)


async def show_action(sb: Sandbox, request: Request) -> Response:
    """GET /v2/actions/{id}"""
    return wrapped("action", dumps(sb.store.incident_actions.show(path_id(request))))


ROUTES: tuple[Endpoint, ...] = (
    Endpoint("GET", "/v2/actions", list_actions),
    Endpoint("GET", "/v2/actions/{id}", show_action),
)
