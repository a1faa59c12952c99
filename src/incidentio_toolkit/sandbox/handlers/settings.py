"""Severities, statuses, types, timestamps, roles, custom fields and users."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from incidentio_toolkit.sandbox._context import Sandbox
from incidentio_toolkit.sandbox._util import JSON
from incidentio_toolkit.sandbox._validate import Fields
from incidentio_toolkit.sandbox.handlers._common import (
    RESULT_PAGE_SIZE_MAX,
    empty_response,
    json_response,
    page_size,
    pagination_meta,
    path_id,
    query_bool,
    query_str,
    read_body,
    spliced,
)
from incidentio_toolkit.sandbox.store.settings import CUSTOM_FIELD_EXTRAS, FIELD_TYPES


async def list_severities(sb: Sandbox, request: Request) -> Response:
    """GET /v1/severities"""
    return spliced("severities", sb.store.catalog.list_severities())


async def list_incident_statuses(sb: Sandbox, request: Request) -> Response:
    """GET /v1/incident_statuses"""
    return spliced("incident_statuses", sb.store.catalog.list_statuses())


async def list_incident_types(sb: Sandbox, request: Request) -> Response:
    """GET /v1/incident_types"""
    return spliced("incident_types", sb.store.catalog.list_types())


async def list_incident_timestamps(sb: Sandbox, request: Request) -> Response:
    """GET /v2/incident_timestamps"""
    return spliced("incident_timestamps", sb.store.catalog.list_timestamps())


async def show_incident_timestamp(sb: Sandbox, request: Request) -> Response:
    """GET /v2/incident_timestamps/{id}"""
    return json_response({"incident_timestamp": sb.store.catalog.show_timestamp(path_id(request))})


# incident roles ----------------------------------------------------------------------------
def _role_values(body: Fields) -> dict[str, str]:
    return {
        "name": body.req_str("name"),
        "shortform": body.req_str("shortform"),
        "description": body.req_str("description"),
        "instructions": body.req_str("instructions"),
    }


async def list_incident_roles(sb: Sandbox, request: Request) -> Response:
    """GET /v2/incident_roles"""
    return spliced("incident_roles", sb.store.roles.list_texts())


async def create_incident_role(sb: Sandbox, request: Request) -> Response:
    """POST /v2/incident_roles (201)"""
    values = _role_values(await read_body(request))
    return json_response({"incident_role": sb.store.roles.create(values, sb.now())}, 201)


async def show_incident_role(sb: Sandbox, request: Request) -> Response:
    """GET /v2/incident_roles/{id}"""
    return json_response({"incident_role": sb.store.roles.show(path_id(request))})


async def update_incident_role(sb: Sandbox, request: Request) -> Response:
    """PUT /v2/incident_roles/{id}"""
    values = _role_values(await read_body(request))
    return json_response(
        {"incident_role": sb.store.roles.update(path_id(request), values, sb.now())}
    )


async def delete_incident_role(sb: Sandbox, request: Request) -> Response:
    """DELETE /v2/incident_roles/{id} (204)"""
    sb.store.roles.delete(path_id(request))
    return empty_response(204)


# custom fields -----------------------------------------------------------------------------
def _field_values(body: Fields, *, creating: bool) -> JSON:
    values: JSON = {
        "name": body.req_str("name"),
        "description": body.req_str("description", nonempty=False),
    }
    if creating:
        values["field_type"] = body.enum("field_type", FIELD_TYPES, required=True)
        catalog_type = body.str("catalog_type_id")
        if catalog_type is not None:
            values["catalog_type_id"] = catalog_type
    for key in CUSTOM_FIELD_EXTRAS[1:]:
        if key in ("filter_by", "fixed_filter"):
            sub = body.obj(key)
            if sub is None:
                continue
            if key == "filter_by":
                values[key] = {
                    "custom_field_id": sub.req_str("custom_field_id"),
                    "catalog_attribute_id": sub.req_str("catalog_attribute_id"),
                }
            else:
                values[key] = {
                    "catalog_attribute_id": sub.req_str("catalog_attribute_id"),
                    "values": sub.strs("values", required=True),
                }
        else:
            text = body.str(key)
            if text is not None:
                values[key] = text
    return values


async def list_custom_fields(sb: Sandbox, request: Request) -> Response:
    """GET /v2/custom_fields"""
    return spliced("custom_fields", sb.store.custom_fields.list_texts())


async def create_custom_field(sb: Sandbox, request: Request) -> Response:
    """POST /v2/custom_fields (201)"""
    values = _field_values(await read_body(request), creating=True)
    return json_response({"custom_field": sb.store.custom_fields.create(values, sb.now())}, 201)


async def show_custom_field(sb: Sandbox, request: Request) -> Response:
    """GET /v2/custom_fields/{id}"""
    return json_response({"custom_field": sb.store.custom_fields.show(path_id(request))})


async def update_custom_field(sb: Sandbox, request: Request) -> Response:
    """PUT /v2/custom_fields/{id}"""
    values = _field_values(await read_body(request), creating=False)
    field = sb.store.custom_fields.update(path_id(request), values, sb.now())
    return json_response({"custom_field": field})


async def delete_custom_field(sb: Sandbox, request: Request) -> Response:
    """DELETE /v2/custom_fields/{id} (204)"""
    sb.store.custom_fields.delete(path_id(request))
    return empty_response(204)


# users -------------------------------------------------------------------------------------
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
