"""Support for the client scenarios: sandboxes on two transports, a spec-checking transport and a
client that records which actions succeeded.

A scenario is `async def scenario(launch: Launcher) -> None`. `launch(**create_app_options)`
starts a fresh seeded sandbox, either in process (`httpx2.ASGITransport`) or as a real uvicorn
server on a loopback port (with a database file), and `sandbox.client(...)` builds an
`AsyncIncidentIO` for it. Every response either way goes through `CheckedTransport`,
which validates it with the sandbox's `SpecChecker` before the client sees it.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Awaitable, Callable, Mapping
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import httpx2

from incidentio_toolkit import AsyncIncidentIO
from incidentio_toolkit.actions import ActionInput, ActionOutput
from incidentio_toolkit.client._http import asgi_transport
from incidentio_toolkit.composites import Tool
from incidentio_toolkit.sandbox import DEMO_API_KEY, SandboxServer, create_app
from incidentio_toolkit.sandbox.testing import SpecChecker

Kind = Literal["in_process", "real_server"]
KINDS: tuple[Kind, ...] = ("in_process", "real_server")


class CheckedTransport(httpx2.AsyncBaseTransport):
    """Forwards to the sandbox and validates every answer with the SpecChecker.

    A violation is recorded (the client turns any exception into a `success=False` result, which
    would hide it in the error scenarios) and re-raised.
    """

    def __init__(self, inner: httpx2.AsyncBaseTransport, launcher: Launcher) -> None:
        self.inner = inner
        self.launcher = launcher

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        response = await self.inner.handle_async_request(request)
        try:
            body = await response.aread()
        finally:
            await response.aclose()
        seen = httpx2.Response(
            response.status_code, headers=response.headers, content=body, request=request
        )
        try:
            self.launcher.checker.check(seen)
        except Exception as exc:  # AssertionError, or openapi-core's validation errors
            self.launcher.violations.append(f"{request.method} {request.url.path}: {exc!r}")
            raise
        self.launcher.checked.append((request.method, request.url.path, response.status_code))
        return httpx2.Response(response.status_code, headers=response.headers, content=body)

    async def aclose(self) -> None:
        await self.inner.aclose()


class RecordingIncidentIO(AsyncIncidentIO):
    """The real client; every action that succeeds (by `call`, typed method or pagination) is
    added to a shared set."""

    def __init__(self, api_key: str, *, succeeded: set[str], **options: Any) -> None:
        super().__init__(api_key, **options)
        self.succeeded = succeeded

    async def execute(
        self, action: Tool | str, arguments: Mapping[str, Any] | ActionInput | None = None
    ) -> ActionOutput:
        output = await super().execute(action, arguments)
        self.succeeded.add(action if isinstance(action, str) else action.name)
        return output


@dataclass
class Sandbox:
    launcher: Launcher
    base_url: str
    transport: Callable[[], httpx2.AsyncBaseTransport]

    def client(self, api_key: str = DEMO_API_KEY, **options: Any) -> RecordingIncidentIO:
        """A client for this sandbox: no client-side pacing, closed at the end of the test."""
        options.setdefault("pacing", None)
        io = RecordingIncidentIO(
            api_key,
            succeeded=self.launcher.succeeded,
            base_url=self.base_url,
            transport=CheckedTransport(self.transport(), self.launcher),
            **options,
        )
        self.launcher.stack.push_async_callback(io.aclose)
        return io


@dataclass
class Launcher:
    """Starts sandboxes of one kind; everything started is stopped by the fixture's exit stack."""

    kind: Kind
    checker: SpecChecker
    tmp_path: Path
    stack: AsyncExitStack
    servers: int = 0
    succeeded: set[str] = field(default_factory=lambda: set[str]())
    violations: list[str] = field(default_factory=lambda: list[str]())
    checked: list[tuple[str, str, int]] = field(
        default_factory=lambda: list[tuple[str, str, int]]()
    )

    def __call__(self, **options: Any) -> Sandbox:
        if self.kind == "in_process":
            app = create_app(**options)
            self.stack.callback(app.close)
            return Sandbox(self, "http://sandbox", lambda: asgi_transport(app))
        self.servers += 1
        db_path = self.tmp_path / f"sandbox-{self.servers}.db"
        server = SandboxServer(port=0, db_path=db_path, **options).start()
        self.stack.callback(server.stop)
        assert server.base_url.startswith("http://127.0.0.1:")
        assert db_path.exists()  # state lives in the test's own database file
        return Sandbox(self, server.base_url, httpx2.AsyncHTTPTransport)


Scenario = Callable[[Launcher], Awaitable[None]]


@asynccontextmanager
async def launched(kind: Kind, checker: SpecChecker, tmp_path: Path) -> AsyncGenerator[Launcher]:
    """A launcher whose clients, apps and servers are all closed on exit."""
    async with AsyncExitStack() as stack:
        yield Launcher(kind, checker, tmp_path, stack)


Result = Mapping[str, Any] | ActionOutput
"""What `io.call` (a dict) or a typed method (an output model) returns."""


def as_dict(result: Result) -> dict[str, Any]:
    """A typed output dumped as `call` dumps it."""
    return result.model_dump(mode="json") if isinstance(result, ActionOutput) else dict(result)


def ok(result: Result) -> dict[str, Any]:
    """The output dict of a successful call."""
    data = as_dict(result)
    assert data["success"] is True, data["error"]
    assert data["error"] is None
    return data


def failed(result: Result, *fragments: str) -> str:
    """The error text of a failed call, which must contain every fragment."""
    data = as_dict(result)
    assert data["success"] is False, data
    error: str = data["error"]
    for fragment in fragments:
        assert fragment in error, (fragment, error)
    return error


def gone(result: Result, object_id: str) -> None:
    """A show after a delete: a 404 naming not_found and the id."""
    failed(result, "404", "not_found", object_id)


async def walk(
    io: AsyncIncidentIO, name: str, items: str, page_size: int, **args: Any
) -> list[str]:
    """Every id of a paginated list, fetched page by page with `page_size` and the `after` cursor."""
    ids: list[str] = []
    after: str | None = None
    for _ in range(100):
        cursor: dict[str, str] = {} if after is None else {"after": after}
        page = ok(await io.call(name, {**args, "page_size": page_size, **cursor}))
        assert len(page[items]) <= page_size
        ids += [item["id"] for item in page[items]]
        meta: dict[str, Any] = page["pagination_meta"] or {}
        after = meta.get("after")
        if not after or not page[items]:
            break
    assert len(ids) == len(set(ids)), f"{name} repeated an item across pages"
    paginated = [item["id"] async for item in io.paginate(name, {**args, "page_size": page_size})]
    assert paginated == ids
    return ids


async def ids_of(io: AsyncIncidentIO, name: str, items: str, **args: Any) -> list[str]:
    """The ids of an unpaginated list."""
    return [item["id"] for item in ok(await io.call(name, args))[items]]
