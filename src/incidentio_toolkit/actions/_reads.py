"""Reading through a `Reader` (the client seen by dry runs and composite tools): one object by id,
and several reads at once."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable, Mapping
from typing import Any, TypeVar, cast

import anyio

from incidentio_toolkit.actions._base import Reader

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")


async def read(reader: Reader, action: str, arguments: Mapping[str, Any], key: str) -> Any:
    """The `key` field of one read's output (`incident` of `incidents_show`); raises on
    failure."""
    output = await reader.execute(action, arguments)
    return getattr(output, key)


async def gather(calls: Mapping[K, Callable[[], Awaitable[T]]]) -> dict[K, T]:
    """Run the calls concurrently (each still paced and retried by the client); the first failure
    cancels the others and is raised."""
    results: dict[K, T] = {}

    async def run(key: K, call: Callable[[], Awaitable[T]]) -> None:
        results[key] = await call()

    try:
        async with anyio.create_task_group() as group:
            for key, call in calls.items():
                group.start_soon(run, key, call)
    except BaseExceptionGroup as failed:
        raise _first(failed) from None
    return results


def _first(group: BaseExceptionGroup[BaseException]) -> BaseException:
    inner = group.exceptions[0]
    if isinstance(inner, BaseExceptionGroup):
        return _first(cast(BaseExceptionGroup[BaseException], inner))
    return inner
