"""IncidentIO: the synchronous face of AsyncIncidentIO, sharing its one code path.

Calls run on a private event loop in a helper thread (an anyio blocking portal), so sync and async
users get the same validation, retries, pacing and connection pool.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager
from typing import Any, Self

from anyio.from_thread import BlockingPortal, start_blocking_portal

from incidentio_toolkit.actions import ACTIONS, Action, ActionInput, ActionOutput
from incidentio_toolkit.client._async import AsyncIncidentIO
from incidentio_toolkit.client._methods import SyncActionMethods


class IncidentIO(SyncActionMethods):
    """Synchronous incident.io client with the same surface as `AsyncIncidentIO`.

    Accepts the same keyword arguments. Use it as a context manager, or call `close()`.
    """

    def __init__(self, api_key: str | None = None, **options: Any) -> None:
        self._async = AsyncIncidentIO(api_key, **options)
        self._portal_cm: AbstractContextManager[BlockingPortal] | None = None
        self._portal: BlockingPortal | None = None

    def __repr__(self) -> str:
        return repr(self._async).replace("AsyncIncidentIO", "IncidentIO", 1)

    @property
    def base_url(self) -> str:
        return self._async.base_url

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the pooled connections and stop the helper thread."""
        if self._portal is not None and self._portal_cm is not None:
            self._portal.call(self._async.aclose)
            self._portal_cm.__exit__(None, None, None)
        self._portal = None
        self._portal_cm = None

    def _run_portal(self) -> BlockingPortal:
        if self._portal is None:
            self._portal_cm = start_blocking_portal()
            self._portal = self._portal_cm.__enter__()
        return self._portal

    def call(self, name: str, arguments: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Run an action by name: dict in, the contract's output dict out. Never raises."""
        return self._run_portal().call(self._async.call, name, arguments)

    def invoke(
        self, action: Action | str, arguments: Mapping[str, Any] | ActionInput | None = None
    ) -> ActionOutput:
        """Run an action and return its output model. Never raises."""
        return self._run_portal().call(self._async.invoke, action, arguments)

    def execute(
        self, action: Action | str, arguments: Mapping[str, Any] | ActionInput | None = None
    ) -> ActionOutput:
        """Run an action, raising an `IncidentIOError` subclass on failure."""
        resolved = ACTIONS[action] if isinstance(action, str) else action
        return self._run_portal().call(self._async.execute, resolved, arguments)

    def _invoke(self, name: str, arguments: dict[str, Any]) -> Any:
        return self._run_portal().call(self._async._invoke, name, arguments)  # pyright: ignore[reportPrivateUsage]

    def paginate(
        self, name: str, arguments: Mapping[str, Any] | None = None, *, max_items: int = 1000
    ) -> Iterator[dict[str, Any]]:
        """Yield the items of every page of a list action, stopping after `max_items`."""
        portal = self._run_portal()
        with portal.wrap_async_context_manager(
            _Collect(self._async, name, arguments, max_items)
        ) as items:
            yield from items


class _Collect:
    """Collects paginate() items inside the portal; pages are small, so this keeps sync simple."""

    def __init__(
        self,
        client: AsyncIncidentIO,
        name: str,
        arguments: Mapping[str, Any] | None,
        max_items: int,
    ) -> None:
        self._client = client
        self._name = name
        self._arguments = arguments
        self._max_items = max_items

    async def __aenter__(self) -> list[dict[str, Any]]:
        return [
            item
            async for item in self._client.paginate(
                self._name, self._arguments, max_items=self._max_items
            )
        ]

    async def __aexit__(self, *exc_info: object) -> None:
        return None
