"""`/v2/schedule_entries` (who is on call in a window, paged through `entry_window_start`) and
`/v2/schedule_overrides` (create)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response

from incidentio_toolkit.sandbox._context import Sandbox
from incidentio_toolkit.sandbox._util import JSON, fmt_time, parse_time
from incidentio_toolkit.sandbox.errors import invalid
from incidentio_toolkit.sandbox.handlers._common import (
    Endpoint,
    json_response,
    query_str,
    read_body,
)

ENTRIES_PAGE_LIMIT = 100
"""Scheduled entries per page of `GET /v2/schedule_entries` (the rest is behind `after`)."""
DEFAULT_WINDOW = timedelta(days=7)
LAST_MOMENT = datetime.max.replace(tzinfo=UTC)
"""Where a default window that would run past the year 9999 ends instead."""


def _window_bound(request: Request, name: str) -> str | None:
    raw = query_str(request, name)
    if raw is None:
        return None
    try:
        return fmt_time(parse_time(raw))
    except ValueError:
        raise invalid(name, f"{name} must be an RFC 3339 date-time") from None


def _default_end(start: datetime) -> datetime:
    try:
        return start + DEFAULT_WINDOW
    except OverflowError:
        return LAST_MOMENT


async def list_schedule_entries(sb: Sandbox, request: Request) -> Response:
    """GET /v2/schedule_entries — paginated through `entry_window_start`."""
    schedule_id = query_str(request, "schedule_id", required=True)
    assert schedule_id is not None
    schedule = sb.store.schedules.require(schedule_id, "schedule_id")
    start_text = _window_bound(request, "entry_window_start")
    end_text = _window_bound(request, "entry_window_end")
    start = parse_time(start_text) if start_text else sb.now()
    end = parse_time(end_text) if end_text else _default_end(start)
    if end <= start:
        raise invalid("entry_window_end", "entry_window_end must be after entry_window_start")
    scheduled, override_entries, final, next_start = sb.store.on_call.entries(
        schedule, (start, end), ENTRIES_PAGE_LIMIT
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
    return json_response({"override": sb.store.schedule_overrides.create(body, sb.now())}, 201)


ROUTES: tuple[Endpoint, ...] = (
    Endpoint("GET", "/v2/schedule_entries", list_schedule_entries),
    Endpoint("POST", "/v2/schedule_overrides", create_schedule_override),
)
