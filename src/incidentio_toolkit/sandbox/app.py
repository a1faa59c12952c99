"""The ASGI app: the route table, and the one wrapper every request goes through
(auth → rate limit → faults → handler → error envelope, then the request log)."""

from __future__ import annotations

import importlib
import logging
import os
import pkgutil
import secrets
from collections.abc import Iterable
from pathlib import Path

import anyio
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route, Router
from starlette.types import Receive, Scope, Send

from incidentio_toolkit.defaults import ESCALATION_CREATES_PER_MINUTE, REQUESTS_PER_MINUTE
from incidentio_toolkit.sandbox import handlers
from incidentio_toolkit.sandbox._context import Sandbox, Sleep
from incidentio_toolkit.sandbox._util import Clock, system_clock
from incidentio_toolkit.sandbox.auth import DEMO_API_KEY, Authenticator
from incidentio_toolkit.sandbox.errors import (
    InternalServerError,
    MethodNotAllowedError,
    NotFoundError,
    SandboxError,
)
from incidentio_toolkit.sandbox.faults import (
    CommitTimeout,
    ConnectionDropped,
    FaultConfig,
    FaultInjector,
    FaultPlan,
)
from incidentio_toolkit.sandbox.handlers import _admin
from incidentio_toolkit.sandbox.handlers._common import Endpoint, JSONText, json_response
from incidentio_toolkit.sandbox.ratelimit import (
    RateLimiter,
    too_many_requests,
)
from incidentio_toolkit.sandbox.requestlog import RequestLog
from incidentio_toolkit.sandbox.seed import Organisation, open_seeded_store
from incidentio_toolkit.sandbox.store import Store

logger = logging.getLogger("incidentio_toolkit.sandbox")


def _resource_routes() -> tuple[Endpoint, ...]:
    """The `ROUTES` of every resource handler module (`handlers/<resource>.py`, named like the
    modules of `incidentio_toolkit.actions`), found by name so a new resource needs no edit here."""
    names = sorted(
        info.name
        for info in pkgutil.iter_modules(handlers.__path__)
        if not info.name.startswith("_")
    )
    return tuple(
        route
        for name in names
        for route in importlib.import_module(f"{handlers.__name__}.{name}").ROUTES
    )


ROUTES: tuple[Endpoint, ...] = _resource_routes()
"""Every operation of the public API that the sandbox serves."""

ADMIN_ROUTES: tuple[Endpoint, ...] = (
    Endpoint("POST", "/_sandbox/reset", _admin.reset),
    Endpoint("GET", "/_sandbox/seed", _admin.show_seed),
    Endpoint("POST", "/_sandbox/seed", _admin.apply_seed),
    Endpoint("GET", "/_sandbox/faults", _admin.show_faults),
    Endpoint("PUT", "/_sandbox/faults", _admin.put_faults),
    Endpoint("DELETE", "/_sandbox/faults", _admin.clear_faults),
    Endpoint("GET", "/_sandbox/requests", _admin.show_requests),
    Endpoint("GET", "/_sandbox/stats", _admin.show_stats),
)
"""Sandbox-only endpoints (key required; never rate limited or faulted)."""

_BODYLESS = (202, 204)
_PROXY_BODY = (
    "<html><head><title>{0}</title></head><body><h1>{0}</h1><p>upstream error</p></body></html>"
)
_PROXY_TEXT = {502: "502 Bad Gateway", 503: "503 Service Unavailable", 504: "504 Gateway Timeout"}


def _error_response(error: SandboxError) -> Response:
    request_id = secrets.token_hex(12)
    response = json_response(error.envelope(request_id), error.status)
    response.headers["x-request-id"] = request_id
    for name, value in error.headers.items():
        response.headers[name] = value
    return response


def _fault_error(status: int) -> Response:
    if status in _PROXY_TEXT:  # what a load balancer in front of the API would send
        return Response(
            _PROXY_BODY.format(_PROXY_TEXT[status]), status_code=status, media_type="text/html"
        )
    return _error_response(InternalServerError("sandbox fault: injected internal error"))


def _truncated(response: Response) -> Response:
    body = bytes(response.body)
    if not body or response.status_code in _BODYLESS:
        return response
    cut = JSONText(body[: max(1, len(body) // 2)], status_code=response.status_code)
    return cut


class _Operation:
    """The methods of one path, each wrapped with auth, limits, faults and error handling."""

    def __init__(self, sb: Sandbox, endpoints: list[Endpoint], admin_only: bool) -> None:
        self.sb = sb
        self.by_method = {e.method: e for e in endpoints}
        self.admin = admin_only

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        if self.admin:
            await (await self.respond(request))(scope, receive, send)
            return
        arrived = self.sb.now()
        status: int | None = None
        try:
            response = await self.respond(request)
            status = response.status_code
            await response(scope, receive, send)
        finally:
            endpoint = self.by_method.get(request.method)
            self.sb.requests.record(
                time=arrived,
                method=request.method,
                path=scope["path"],
                operation=None if endpoint is None else f"{endpoint.method} {endpoint.path}",
                status=status,
                authorization=request.headers.get("authorization"),
            )

    async def respond(self, request: Request) -> Response:
        """The response to `request` (errors rendered as incident.io envelopes)."""
        try:
            return await self._handle(request)
        except (ConnectionDropped, CommitTimeout):
            raise
        except SandboxError as error:
            return _error_response(error)
        except Exception:
            logger.exception("sandbox handler failed: %s %s", request.method, request.scope["path"])
            return _error_response(InternalServerError("The sandbox failed to handle this request"))

    async def _handle(self, request: Request) -> Response:
        sb = self.sb
        endpoint = self.by_method.get(request.method)
        if endpoint is None:
            allowed = ", ".join(sorted(self.by_method))
            raise MethodNotAllowedError(
                f"{request.method} is not allowed here (allowed: {allowed})"
            )
        key = sb.auth.check(request.headers.get("authorization"))
        request.state.api_key = key
        request.state.operation = (endpoint.method, endpoint.path)  # whose body schema applies
        if self.admin:
            return await endpoint.handler(sb, request)
        sb.limiter.hit(key, endpoint.bucket)
        plan = sb.faults.plan(request.method, request.scope["path"]) if sb.faults.active else None
        if plan is None:
            return await endpoint.handler(sb, request)
        return await self._faulted(plan, endpoint, request)

    async def _faulted(self, plan: FaultPlan, endpoint: Endpoint, request: Request) -> Response:
        sb = self.sb
        config = sb.faults.config
        if plan.latency:
            await sb.sleep(plan.latency)
        if plan.drop:
            raise ConnectionDropped()
        if plan.rate_limited:
            raise too_many_requests(
                "sandbox_fault",
                sb.limiter.per_minute,
                config.rate_limit_retry_after,
                "sandbox fault: injected rate limit",
            )
        if plan.error_status is not None:
            return _fault_error(plan.error_status)
        response = await endpoint.handler(sb, request)
        if plan.commit_timeout and response.status_code < 400:
            if sb.network:
                await sb.sleep(config.commit_timeout_seconds)
                raise ConnectionDropped()
            raise CommitTimeout()
        if plan.malformed:
            return _truncated(response)
        return response


class _NotFound:
    """Every path without a route: a 404 envelope, logged like any other answer."""

    def __init__(self, sb: Sandbox) -> None:
        self.sb = sb

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        response = _error_response(NotFoundError(f"No route matches {path!r}"))
        if scope["type"] == "http":
            self.sb.requests.record(
                time=self.sb.now(),
                method=scope["method"],
                path=path,
                operation=None,
                status=response.status_code,
                authorization=Request(scope).headers.get("authorization"),
            )
        await response(scope, receive, send)


class SandboxApp:
    """The sandbox as an ASGI application (see `create_app`)."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        routes: list[Route] = []
        for table, admin_only in ((ROUTES, False), (ADMIN_ROUTES, True)):
            paths: dict[str, list[Endpoint]] = {}
            for endpoint in table:
                paths.setdefault(endpoint.path, []).append(endpoint)
            for path, endpoints in paths.items():
                routes.append(Route(path, _Operation(sandbox, endpoints, admin_only), methods=None))
        self.router = Router(routes=routes, default=_NotFound(sandbox))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        await self.router(scope, receive, send)

    @property
    def store(self) -> Store:
        """The app's data store."""
        return self.sandbox.store

    def close(self) -> None:
        """Release the database connection."""
        self.sandbox.store.close()


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


def create_app(
    *,
    db_path: str | os.PathLike[str] | None = None,
    api_keys: Iterable[str] = (DEMO_API_KEY,),
    faults: FaultConfig | None = None,
    rate_limit_per_minute: int = REQUESTS_PER_MINUTE,
    escalation_create_limit_per_minute: int = ESCALATION_CREATES_PER_MINUTE,
    clock: Clock | None = None,
    sleep: Sleep | None = None,
    seed: bool = True,
    org: str | None = None,
    org_seed: int = 0,
    org_scale: float = 1.0,
    request_log: RequestLog | None = None,
) -> SandboxApp:
    """Build a sandbox ASGI app.

    `db_path=None` keeps state in memory; with a path, state persists and the seed organisation
    is written only into a new database. `org` chooses it: `"demo"` (the default for a new
    database) or `"large"` (generated from `org_seed` at `org_scale`; see docs/sandbox.md). An
    existing database serves the organisation it holds; naming another one is a `ValueError`.
    `clock` (returning an aware `datetime`) and `sleep` can be injected for tests; `faults`
    switches fault injection on from the start; `request_log` keeps what was asked (default: the
    last 10,000 requests).
    """
    if org is None and (org_seed != 0 or org_scale != 1.0):
        raise ValueError("org_seed and org_scale choose a large organisation: pass org='large'")
    wanted = None if org is None else Organisation(org, org_seed, org_scale)
    path = None if db_path is None else Path(db_path)
    store, organisation = open_seeded_store(path, wanted, seed=seed)
    sandbox = Sandbox(
        store=store,
        auth=Authenticator(api_keys),
        limiter=RateLimiter(rate_limit_per_minute, escalation_create_limit_per_minute),
        faults=FaultInjector(faults),
        clock=clock or system_clock,
        sleep=sleep or anyio.sleep,
        organisation=organisation,
        requests=request_log,
    )
    return SandboxApp(sandbox)
