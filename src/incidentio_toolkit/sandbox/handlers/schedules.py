"""Schedules, schedule entries and schedule overrides."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response

from incidentio_toolkit.sandbox import _oncall
from incidentio_toolkit.sandbox._context import Sandbox
from incidentio_toolkit.sandbox._util import JSON, fmt_time, loads_object, parse_time
from incidentio_toolkit.sandbox.errors import invalid
from incidentio_toolkit.sandbox.handlers._common import (
    RESULT_PAGE_SIZE_MAX,
    empty_response,
    json_response,
    page_size,
    pagination_meta,
    path_id,
    query_str,
    read_body,
)

ENTRIES_PAGE_LIMIT = 100
"""Scheduled entries per page of `GET /v2/schedule_entries` (the rest is behind `after`)."""
DEFAULT_WINDOW = timedelta(days=7)
NEXT_SHIFTS_MAX_PAGE_SIZE = 25


async def list_schedules(sb: Sandbox, request: Request) -> Response:
    """GET /v2/schedules"""
    requested = page_size(request, maximum=10000)
    size = min(requested, RESULT_PAGE_SIZE_MAX)
    page = sb.store.schedules.page(query_str(request, "after"), size)
    now = sb.now()
    include_next = requested <= NEXT_SHIFTS_MAX_PAGE_SIZE
    schedules = [
        sb.store.schedules.with_shifts(loads_object(t), now, include_next=include_next)
        for t in page.texts
    ]
    return json_response({"schedules": schedules, "pagination_meta": pagination_meta(page, size)})


async def create_schedule(sb: Sandbox, request: Request) -> Response:
    """POST /v2/schedules (201)"""
    body = await read_body(request)
    schedule = sb.store.schedules.create(body, sb.now())
    return json_response({"schedule": sb.store.schedules.with_shifts(schedule, sb.now())}, 201)


async def show_schedule(sb: Sandbox, request: Request) -> Response:
    """GET /v2/schedules/{id}"""
    schedule = sb.store.schedules.show(path_id(request))
    return json_response({"schedule": sb.store.schedules.with_shifts(schedule, sb.now())})


async def update_schedule(sb: Sandbox, request: Request) -> Response:
    """PUT /v2/schedules/{id}"""
    body = await read_body(request)
    schedule = sb.store.schedules.update(path_id(request), body, sb.now())
    return json_response({"schedule": sb.store.schedules.with_shifts(schedule, sb.now())})


async def delete_schedule(sb: Sandbox, request: Request) -> Response:
    """DELETE /v2/schedules/{id} (202)"""
    sb.store.schedules.delete(path_id(request))
    return empty_response(202)


def _window_bound(request: Request, name: str) -> str | None:
    raw = query_str(request, name)
    if raw is None:
        return None
    try:
        return fmt_time(parse_time(raw))
    except ValueError:
        raise invalid(name, f"{name} must be an RFC 3339 date-time") from None


async def list_schedule_entries(sb: Sandbox, request: Request) -> Response:
    """GET /v2/schedule_entries — paginated through `entry_window_start`."""
    schedule_id = query_str(request, "schedule_id", required=True)
    assert schedule_id is not None
    schedule = sb.store.schedules.require(schedule_id, "schedule_id")
    start_text = _window_bound(request, "entry_window_start")
    end_text = _window_bound(request, "entry_window_end")
    start = parse_time(start_text) if start_text else sb.now()
    end = parse_time(end_text) if end_text else start + DEFAULT_WINDOW
    if end <= start:
        raise invalid("entry_window_end", "entry_window_end must be after entry_window_start")
    overrides = sb.store.schedules.overrides_of(schedule_id)
    scheduled, override_entries, final, next_start = _oncall.page(
        schedule.get("config"), schedule["timezone"], overrides, (start, end), ENTRIES_PAGE_LIMIT
    )
    result: JSON = {
        "schedule_entries": {
            "scheduled": [e.to_json() for e in scheduled],
            "overrides": [e.to_json() for e in override_entries],
            "final": [e.to_json() for e in final],
        }
    }
    if next_start is not None:
        after = fmt_time(next_start)
        query = urlencode(
            {
                "schedule_id": schedule_id,
                "entry_window_start": after,
                "entry_window_end": fmt_time(end),
            }
        )
        base = str(request.base_url).rstrip("/")
        result["pagination_meta"] = {
            "after": after,
            "after_url": f"{base}/v2/schedule_entries?{query}",
        }
    return json_response(result)


async def create_schedule_override(sb: Sandbox, request: Request) -> Response:
    """POST /v2/schedule_overrides (201)"""
    body = await read_body(request)
    return json_response({"override": sb.store.schedules.create_override(body, sb.now())}, 201)
