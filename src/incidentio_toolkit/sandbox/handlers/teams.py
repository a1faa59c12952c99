"""`/v3/teams`: teams and their members (read-only)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from incidentio_toolkit.sandbox._context import Sandbox
from incidentio_toolkit.sandbox.handlers._common import (
    Endpoint,
    json_response,
    page_size,
    pagination_meta,
    path_id,
    query_str,
    spliced,
)


async def list_teams(sb: Sandbox, request: Request) -> Response:
    """GET /v3/teams"""
    size = page_size(request, maximum=250)
    page = sb.store.teams.page(after=query_str(request, "after"), limit=size)
    return spliced("teams", page.texts, {"pagination_meta": pagination_meta(page, size)})


async def show_team(sb: Sandbox, request: Request) -> Response:
    """GET /v3/teams/{id}"""
    return json_response({"team": sb.store.teams.show(path_id(request))})


ROUTES: tuple[Endpoint, ...] = (
    Endpoint("GET", "/v3/teams", list_teams),
    Endpoint("GET", "/v3/teams/{id}", show_team),
)
