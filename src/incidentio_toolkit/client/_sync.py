"""IncidentIO: the synchronous face of AsyncIncidentIO, sharing its one code path.

Calls run on a private event loop in a daemon thread, so sync and async users get the same
validation, retries, pacing and connection pool, and a client that is never closed cannot keep the
interpreter from exiting.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine, Generator, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any, Self, TypeVar, Unpack

from incidentio_toolkit.actions import ACTIONS, ActionInput, ActionOutput, Catalog
from incidentio_toolkit.client._async import Arguments, AsyncIncidentIO
from incidentio_toolkit.client._codec import ItemCursor
from incidentio_toolkit.client._config import ClientConfig, ClientOptions
from incidentio_toolkit.client._methods import SyncActionMethods
from incidentio_toolkit.client._raw import ApiResponse
from incidentio_toolkit.composites import Tool

T = TypeVar("T")


class _LoopThread:
    """An asyncio loop running forever in a daemon thread, started on first use."""

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        with self._lock:
            if self._loop is None:
                self._loop = asyncio.new_event_loop()
                self._thread = threading.Thread(
                    target=self._loop.run_forever, name="incidentio-sync", daemon=True
                )
                self._thread.start()
            loop = self._loop
        return asyncio.run_coroutine_threadsafe(coro, loop).result()

    @property
    def running(self) -> bool:
        return self._loop is not None

    def stop(self) -> None:
        with self._lock:
            loop, thread = self._loop, self._thread
            self._loop = self._thread = None
        if loop is not None and thread is not None:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(timeout=5)
            loop.close()


class IncidentIO(SyncActionMethods):
    """Synchronous incident.io client with the same surface as `AsyncIncidentIO`.

    Accepts the same keyword arguments. Use it as a context manager, or call `close()`.
    """

    def __init__(self, api_key: str | None = None, **options: Unpack[ClientOptions]) -> None:
        self._async = AsyncIncidentIO(api_key, **options)
        self._loop = _LoopThread()

    def __repr__(self) -> str:
        return repr(self._async).replace("AsyncIncidentIO", "IncidentIO", 1)

    @property
    def base_url(self) -> str:
        return self._async.base_url

    @property
    def config(self) -> ClientConfig:
        return self._async.config

    def now(self) -> datetime:
        """The current time by the client's wall clock, in UTC."""
        return self._async.now()

    def listing(self, catalog: Catalog) -> list[dict[str, Any]]:
        """Every object of a catalog, from the cache that name resolution uses."""
        return self._loop.run(self._async.listing(catalog))

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the pooled connections and stop the helper thread."""
        if self._loop.running:
            self._loop.run(self._async.aclose())
        self._loop.stop()

    def call(self, name: str, arguments: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Run an action or composite by name: dict in, the contract's output dict out. Never
        raises."""
        return self._loop.run(self._async.call(name, arguments))

    def execute(self, action: Tool | str, arguments: Arguments = None) -> ActionOutput:
        """Run an action or composite, raising an `IncidentIOError` subclass on failure."""
        return self._loop.run(self._async.execute(action, arguments))

    def prepare(self, action: Tool | str, arguments: Arguments = None) -> ActionInput:
        """The validated arguments `execute` would run with, names resolved to ids."""
        return self._loop.run(self._async.prepare(action, arguments))

    def request(
        self,
        method: str,
        path: str,
        *,
        query: Sequence[tuple[str, str]] = (),
        json: Any = None,
    ) -> ApiResponse:
        """Send one request to any endpoint; raises an `IncidentIOError` subclass on failure."""
        return self._loop.run(self._async.request(method, path, query=query, json=json))

    def _invoke(self, name: str, arguments: Arguments) -> Any:
        return self._loop.run(self._async._invoke(name, arguments))  # pyright: ignore[reportPrivateUsage]

    def pages(
        self, name: str, arguments: Mapping[str, Any] | None = None, *, max_pages: int = 100
    ) -> Generator[dict[str, Any]]:
        """Yield each page's output dict of a paginated list action. Raises on a failed page."""
        pages = self._async.pages(name, arguments, max_pages=max_pages)
        try:
            while True:
                try:
                    yield self._loop.run(anext(pages))
                except StopAsyncIteration:
                    return
        finally:
            if self._loop.running:
                self._loop.run(pages.aclose())

    def paginate(
        self, name: str, arguments: Mapping[str, Any] | None = None, *, max_items: int = 1000
    ) -> Iterator[dict[str, Any]]:
        """Yield the items of every page of a list action, stopping after `max_items`."""
        cursor = ItemCursor(ACTIONS[name], max_items)
        if cursor.done:
            return
        pages = self.pages(name, arguments)
        try:
            for page in pages:
                yield from cursor.take(page)
                if cursor.done:
                    return
        finally:
            pages.close()
