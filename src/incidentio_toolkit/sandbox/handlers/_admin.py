"""Admin endpoints under `/_sandbox/` (a prefix the real API never uses)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from incidentio_toolkit.sandbox._context import Sandbox
from incidentio_toolkit.sandbox.errors import UnprocessableEntityError
from incidentio_toolkit.sandbox.faults import FaultConfig
from incidentio_toolkit.sandbox.handlers._common import json_response, read_body
from incidentio_toolkit.sandbox.requestlog import MAX_PAGE
from incidentio_toolkit.sandbox.seed import seed_ids, stored_organisation


async def reset(sb: Sandbox, request: Request) -> Response:
    """POST /_sandbox/reset — wipe all state; body `{"seed": false}` leaves it empty."""
    body = await read_body(request)
    seed = body.bool("seed")
    sb.reset(seed=seed is not False)
    return json_response({"reset": True, "seeded": sb.store.seeded})


async def show_seed(sb: Sandbox, request: Request) -> Response:
    """GET /_sandbox/seed — which organisation the sandbox serves (`org`: its name, and for the
    large one its seed and scale) and the well-known ids of the demo organisation (`ids`, empty
    for the large one)."""
    organisation = stored_organisation(sb.store) or sb.organisation
    ids = seed_ids() if organisation.name == "demo" else {}
    return json_response({"seeded": sb.store.seeded, "org": organisation.describe(), "ids": ids})


async def apply_seed(sb: Sandbox, request: Request) -> Response:
    """POST /_sandbox/seed — add the sandbox's organisation (keeping other objects) unless it is
    there."""
    created = not sb.store.seeded
    if created:
        try:
            sb.organisation.write(sb.store)
        except ValueError as exc:
            raise UnprocessableEntityError(str(exc)) from None
    return json_response({"seeded": True, "created": created})


async def show_faults(sb: Sandbox, request: Request) -> Response:
    """GET /_sandbox/faults"""
    return json_response({"faults": sb.faults.config.to_json()})


async def put_faults(sb: Sandbox, request: Request) -> Response:
    """PUT /_sandbox/faults — replace the fault configuration (`{}` switches faults off)."""
    body = await read_body(request)
    try:
        config = FaultConfig.from_json(body.data)
    except (TypeError, ValueError) as exc:
        raise UnprocessableEntityError(str(exc), code="invalid_value", field="faults") from None
    sb.faults.configure(config)
    return json_response({"faults": config.to_json()})


async def clear_faults(sb: Sandbox, request: Request) -> Response:
    """DELETE /_sandbox/faults — switch faults off."""
    sb.faults.configure(FaultConfig())
    return json_response({"faults": sb.faults.config.to_json()})


async def show_requests(sb: Sandbox, request: Request) -> Response:
    """GET /_sandbox/requests?since=N&limit=M — the requests logged after number N (default 0),
    oldest first, at most M (1-1000, default 1000): `{"requests", "next_since", "missed"}`."""
    since = _whole_number(request, "since", 0, minimum=0)
    limit = _whole_number(request, "limit", MAX_PAGE, minimum=1, maximum=MAX_PAGE)
    return json_response(sb.requests.page(since, limit))


async def show_stats(sb: Sandbox, request: Request) -> Response:
    """GET /_sandbox/stats — answers counted by status and by operation."""
    return json_response(sb.requests.stats())


def _whole_number(
    request: Request, name: str, default: int, *, minimum: int, maximum: int | None = None
) -> int:
    text = request.query_params.get(name)
    if text is None:
        return default
    value = int(text) if text.strip().isdigit() else -1
    if value < minimum or (maximum is not None and value > maximum):
        bounds = f"from {minimum} to {maximum}" if maximum is not None else f"{minimum} or more"
        raise UnprocessableEntityError(
            f"{name} must be a whole number {bounds}, not {text!r}",
            code="invalid_value",
            field=name,
        )
    return value
