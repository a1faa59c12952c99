"""One request's way out: pacing, the call's deadline and the retries RELIABILITY.md allows."""

from __future__ import annotations

import logging
import math
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import anyio

from incidentio_toolkit.client._errors import (
    APIConnectionError,
    DeadlineExceededError,
    IncidentIOError,
    OutcomeUnknownError,
    ReadTimeout,
    parse_envelope,
    status_error_class,
)
from incidentio_toolkit.client._retry import backoff, parse_retry_after, rule_for

if TYPE_CHECKING:
    import httpx2

    from incidentio_toolkit.client._config import ClientConfig
    from incidentio_toolkit.client._http import RawResponse
    from incidentio_toolkit.client._pacing import Pacer
    from incidentio_toolkit.client._raw import Target

logger = logging.getLogger("incidentio_toolkit.http")


class Sender:
    """Sends a client's requests: each waits for the pacer, has the call's deadline, and is
    retried only as its rule allows (a repeat of an unkeyed POST or a DELETE never is)."""

    def __init__(
        self,
        config: ClientConfig,
        clock: Callable[[], float],
        wall_clock: Callable[[], float],
        sleep: Callable[[float], Awaitable[None]],
        jitter: Callable[[], float] | None,
    ) -> None:
        self._config = config
        self._clock = clock
        self._wall_clock = wall_clock
        self._sleep = sleep
        self._jitter = jitter

    async def send(
        self,
        client: httpx2.AsyncClient,
        pacer: Pacer | None,
        target: Target,
        path: str,
        query: list[tuple[str, str]],
        content: bytes | None,
    ) -> RawResponse:
        """The 2xx answer to one request, after pacing and the retries its rule allows; raises
        the `IncidentIOError` that ended it."""
        from incidentio_toolkit.client._http import send

        rule = rule_for(target.method, target.keyed)
        key = self._config.api_key.get_secret_value()
        deadline_at = self._clock() + self._config.deadline
        attempt = 0
        error: IncidentIOError | None = None
        while True:
            if pacer is not None:
                left = deadline_at - self._clock()
                try:
                    await pacer.acquire(key, target.name, self._wall_clock() + left)
                except DeadlineExceededError as waiting:
                    if error is None:
                        raise
                    raise self._retry_not_sent(
                        target, rule.is_ambiguous(error), error, waiting
                    ) from error
            left = deadline_at - self._clock()
            if left <= 0:
                raise self._out_of_time(target, attempt, error)
            attempt += 1
            started = self._clock()
            try:
                with anyio.fail_after(left):
                    raw = await send(
                        client,
                        method=target.method,
                        path=path,
                        query=query,
                        content=content,
                        api_key=key,
                        time_left=left,
                    )
            except APIConnectionError as exc:
                error = exc
                logger.debug(
                    "%s %s failed: %s (attempt %d)",
                    target.method,
                    path,
                    type(exc).__name__,
                    attempt,
                )
            except TimeoutError:
                error = ReadTimeout("no answer before the call's deadline")
                logger.debug("%s %s hit the deadline (attempt %d)", target.method, path, attempt)
            else:
                logger.debug(
                    "%s %s -> %d in %.1f ms (attempt %d)",
                    target.method,
                    path,
                    raw.status,
                    (self._clock() - started) * 1000,
                    attempt,
                )
                if 200 <= raw.status < 300:
                    return raw
                envelope = parse_envelope(raw.body)
                now = self._wall_clock()
                retry_after = parse_retry_after(raw.headers.get("retry-after"), now)
                if retry_after is None:
                    retry_after = parse_retry_after(envelope.rate_limit_retry_after, now)
                error = status_error_class(raw.status)(raw.status, envelope, retry_after)
            if not rule.should_retry(error) or attempt > self._config.max_retries:
                raise self._final(target, rule.is_ambiguous(error), error)
            retry_after = getattr(error, "retry_after", None)
            wait = (
                retry_after
                if retry_after is not None
                else backoff(attempt - 1, *self._jitter_arg())
            )
            left = deadline_at - self._clock()
            if wait > left:
                if retry_after is not None:
                    raise DeadlineExceededError(
                        f"Retry {target.name} in {math.ceil(retry_after)} s: incident.io asked to "
                        f"wait {retry_after:.1f} s, more than the {max(left, 0):.1f} s left of "
                        f"this call's {self._config.deadline:g} s deadline. {error}",
                        retry_after=retry_after,
                    )
                raise self._final(target, rule.is_ambiguous(error), error)
            await self._sleep(wait)

    def _out_of_time(
        self, target: Target, attempts: int, error: IncidentIOError | None
    ) -> DeadlineExceededError:
        text = f"{target.name} ran out of its {self._config.deadline:g} s deadline"
        if error is not None:
            text += f" after {attempts} attempt(s); the last failed with: {error}"
        else:
            text += "; nothing was sent"
        return DeadlineExceededError(text + ".")

    def _retry_not_sent(
        self,
        target: Target,
        ambiguous: bool,
        error: IncidentIOError,
        waiting: DeadlineExceededError,
    ) -> IncidentIOError:
        """A retry that pacing holds past the deadline: the error says an attempt was sent."""
        if ambiguous:
            return OutcomeUnknownError(target.name, target.check_with, error)
        wait = waiting.retry_after or 0.0
        text = (
            f"{target.name} failed ({error}), and its retry would wait {wait:.0f} s for this API "
            f"key's pacing budget, past the call's {self._config.deadline:g} s deadline."
        )
        if target.keyed:
            text += (
                " It may have reached incident.io: retry with the same idempotency_key, which "
                "incident.io answers with the first result instead of acting twice."
            )
        return DeadlineExceededError(text, retry_after=waiting.retry_after)

    def _jitter_arg(self) -> tuple[Callable[[], float], ...]:
        return () if self._jitter is None else (self._jitter,)

    @staticmethod
    def _final(target: Target, ambiguous: bool, error: IncidentIOError) -> IncidentIOError:
        if ambiguous:
            return OutcomeUnknownError(target.name, target.check_with, error)
        return error
