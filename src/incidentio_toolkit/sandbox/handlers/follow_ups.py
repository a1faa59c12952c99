"""`/v2/follow_ups`: the follow-ups of incidents (read-only)."""

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


async def list_follow_ups(sb: Sandbox, request: Request) -> Response:
    """GET /v2/follow_ups"""
    texts = sb.store.follow_ups.list_texts(
        query_str(request, "incident_id"),
        query_enum(request, "incident_mode", LIST_MODES),
        query_str(request, "assignee_team_id"),
    )
    return spliced("follow_ups", texts)


async def show_follow_up(sb: Sandbox, request: Request) -> Response:
    """GET /v2/follow_ups/{id}"""
    return wrapped("follow_up", dumps(sb.store.follow_ups.show(path_id(request))))


ROUTES: tuple[Endpoint, ...] = (
    Endpoint("GET", "/v2/follow_ups", list_follow_ups),
    Endpoint("GET", "/v2/follow_ups/{id}", show_follow_up),
)
