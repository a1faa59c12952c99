"""`/v2/users`: organisation members (read-only)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from incidentio_toolkit.sandbox._context import Sandbox
from incidentio_toolkit.sandbox.handlers._common import (
    RESULT_PAGE_SIZE_MAX,
    Endpoint,
    json_response,
    page_size,
    pagination_meta,
    path_id,
    query_bool,
    query_str,
    spliced,
)


async def list_users(sb: Sandbox, request: Request) -> Response:
    """GET /v2/users"""
    size = min(page_size(request, maximum=10000), RESULT_PAGE_SIZE_MAX)
    page = sb.store.users.page(
        email=query_str(request, "email"),
        slack_user_id=query_str(request, "slack_user_id"),
        include_inactive=bool(query_bool(request, "include_inactive")),
        after=query_str(request, "after"),
        limit=size,
    )
    return spliced("users", page.texts, {"pagination_meta": pagination_meta(page, size)})


async def show_user(sb: Sandbox, request: Request) -> Response:
    """GET /v2/users/{id}"""
    return json_response({"user": sb.store.users.show(path_id(request))})


ROUTES: tuple[Endpoint, ...] = (
    Endpoint("GET", "/v2/users", list_users),
    Endpoint("GET", "/v2/users/{id}", show_user),
)
