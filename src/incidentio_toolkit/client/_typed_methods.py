"""How the generated typed methods run: each signature in `_methods.py` becomes an awaitable
method of `AsyncIncidentIO` and a blocking one of `IncidentIO`, both sending the keyword arguments
given to the client's one `_invoke` path (validation, retries, pacing; never raises)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from typing import Any, Concatenate, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def awaitable(
    signature: Callable[Concatenate[Any, P], R],
) -> Callable[Concatenate[Any, P], Coroutine[Any, Any, R]]:
    """An async method that runs the action named like `signature`."""
    name = signature.__name__

    @functools.wraps(signature)
    async def method(self: Any, *args: P.args, **kwargs: P.kwargs) -> R:
        _keywords_only(name, args)
        return await self._invoke(name, kwargs)

    return method


def blocking(signature: Callable[Concatenate[Any, P], R]) -> Callable[Concatenate[Any, P], R]:
    """A blocking method that runs the action named like `signature`."""
    name = signature.__name__

    @functools.wraps(signature)
    def method(self: Any, *args: P.args, **kwargs: P.kwargs) -> R:
        _keywords_only(name, args)
        return self._invoke(name, kwargs)

    return method


def _keywords_only(name: str, args: tuple[object, ...]) -> None:
    if args:
        raise TypeError(f"{name}() takes parameters by name only, e.g. {name}(id=...).")
