"""`/v1/postmortem_documents`: list (by incident, sorted), show, and the content as Markdown."""

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
    query_enum,
    query_str,
    spliced,
)
from incidentio_toolkit.sandbox.store.postmortem_documents import SORT_ORDERS


async def list_postmortem_documents(sb: Sandbox, request: Request) -> Response:
    """GET /v1/postmortem_documents"""
    size = page_size(request, maximum=250)
    sort_by = query_enum(request, "sort_by", tuple(SORT_ORDERS)) or "created_at_newest_first"
    page = sb.store.postmortem_documents.page(
        query_str(request, "incident_id"), sort_by, query_str(request, "after"), size
    )
    meta = pagination_meta(page, size)
    return spliced("postmortem_documents", page.texts, {"pagination_meta": meta})


async def show_postmortem_document(sb: Sandbox, request: Request) -> Response:
    """GET /v1/postmortem_documents/{id}"""
    document = sb.store.postmortem_documents.show(path_id(request))
    return json_response({"postmortem_document": document})


async def show_content(sb: Sandbox, request: Request) -> Response:
    """GET /v1/postmortem_documents/{id}/content"""
    return json_response({"markdown": sb.store.postmortem_documents.content(path_id(request))})


ROUTES: tuple[Endpoint, ...] = (
    Endpoint("GET", "/v1/postmortem_documents", list_postmortem_documents),
    Endpoint("GET", "/v1/postmortem_documents/{id}", show_postmortem_document),
    Endpoint("GET", "/v1/postmortem_documents/{id}/content", show_content),
)
