"""Client settings: arguments first, then the environment, then the defaults here (the only place
they are written)."""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict
from urllib.parse import urlsplit

from pydantic import SecretStr

from incidentio_toolkit.client._logging import MIN_SECRET_LENGTH
from incidentio_toolkit.client._pacing import PacingLimits
from incidentio_toolkit.defaults import (
    API_KEY_ENV_VARS,
    BASE_URL_ENV_VAR,
    DEFAULT_BASE_URL,
    ESCALATION_CREATES_PER_MINUTE,
    ESCALATIONS_PER_MINUTE_ENV_VAR,
    REDIS_URL_ENV_VAR,
    REQUESTS_PER_MINUTE,
    REQUESTS_PER_MINUTE_ENV_VAR,
)

if TYPE_CHECKING:
    import httpx2


def api_key_from_env() -> str | None:
    """The first non-blank key among `API_KEY_ENV_VARS`, or None."""
    for name in API_KEY_ENV_VARS:
        value = os.environ.get(name)
        if value is not None and value.strip():
            return value
    return None


def pacing_limits(
    per_minute: int | None = None, escalations_per_minute: int | None = None
) -> PacingLimits:
    """The pacing budgets: each argument, else its environment variable
    (`INCIDENTIO_REQUESTS_PER_MINUTE`, `INCIDENTIO_ESCALATIONS_PER_MINUTE`), else incident.io's."""
    return PacingLimits(
        per_minute=_budget(per_minute, REQUESTS_PER_MINUTE_ENV_VAR, REQUESTS_PER_MINUTE),
        escalations_per_minute=_budget(
            escalations_per_minute, ESCALATIONS_PER_MINUTE_ENV_VAR, ESCALATION_CREATES_PER_MINUTE
        ),
    )


def _budget(given: int | None, env_var: str, default: int) -> int:
    if given is not None:
        if given < 1:
            raise ValueError(f"A pacing budget must be at least 1 request per minute, not {given}.")
        return given
    text = os.environ.get(env_var, "").strip()
    if not text:
        return default
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise ValueError(
            f"{env_var} must be a whole number of requests per minute, at least 1, not {text!r}: "
            f"fix it, or unset it to use incident.io's {default}."
        )
    return value


class ClientSettings(TypedDict, total=False):
    """The clients' keyword settings; one left out takes `ClientConfig`'s default."""

    base_url: str | None
    """incident.io's address, else `INCIDENTIO_BASE_URL`, else https://api.incident.io."""
    max_retries: int
    """Retries after the first attempt, for what is safe to retry (default 2)."""
    deadline: float
    """Seconds per call, retries and waits included (default 60)."""
    connect_timeout: float
    """Seconds to connect (default 5)."""
    read_timeout: float
    """Seconds to wait for an answer (default 30)."""
    pacing: PacingLimits | None
    """The per-key budgets to stay under (else `INCIDENTIO_REQUESTS_PER_MINUTE` and
    `INCIDENTIO_ESCALATIONS_PER_MINUTE`, else incident.io's); None switches pacing off."""
    redis_url: str | None
    """Share the pacing budget through Redis (else `INCIDENTIO_REDIS_URL`, else in memory)."""
    reference_ttl: float
    """Seconds that reference data looked up for names (severities, users, ...) stays cached
    (default 60); 0 looks names up on every call."""


class ClientOptions(ClientSettings, total=False):
    """`ClientSettings` plus what tests and embedders inject."""

    transport: httpx2.AsyncBaseTransport | None
    """Another transport, such as an in-process one to the sandbox."""
    verify: bool | str
    """TLS verification: True, False or a CA bundle path."""
    sleep: Callable[[float], Awaitable[None]] | None
    clock: Callable[[], float] | None
    """Monotonic seconds, for deadlines."""
    wall_clock: Callable[[], float] | None
    """Unix seconds, for Retry-After dates and the pacing window."""
    jitter: Callable[[], float] | None
    """A fraction in [0, 1) that shortens each backoff."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ClientConfig:
    """Everything a client needs; the key is a SecretStr so no repr or dump can show it."""

    api_key: SecretStr = field(repr=False)
    base_url: str = DEFAULT_BASE_URL
    max_retries: int = 2
    deadline: float = 60.0
    connect_timeout: float = 5.0
    read_timeout: float = 30.0
    pacing: PacingLimits | None = field(default_factory=PacingLimits)
    redis_url: str | None = field(default=None, repr=False)
    reference_ttl: float = 60.0

    @classmethod
    def resolve(
        cls,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        redis_url: str | None = None,
        **settings: object,
    ) -> ClientConfig:
        key = api_key if api_key is not None else api_key_from_env()
        if "pacing" not in settings:
            settings["pacing"] = pacing_limits()
        return cls(
            # Keys pasted from files often end in a newline; it is never part of the key.
            api_key=SecretStr((key or "").strip()),
            base_url=(base_url or os.environ.get(BASE_URL_ENV_VAR) or DEFAULT_BASE_URL).rstrip("/"),
            redis_url=redis_url or os.environ.get(REDIS_URL_ENV_VAR) or None,
            **settings,  # type: ignore[arg-type]
        )

    def __post_init__(self) -> None:
        url = urlsplit(self.base_url)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise ValueError(
                f"The incident.io base URL {self.base_url!r} (base_url=..., else "
                f"{BASE_URL_ENV_VAR}) is not an http:// or https:// URL: use one like "
                f"{DEFAULT_BASE_URL} or http://127.0.0.1:8765 (a sandbox)."
            )
        if self.max_retries < 0:
            raise ValueError(f"max_retries must be 0 or more, not {self.max_retries!r}.")
        for name in ("deadline", "connect_timeout", "read_timeout"):
            value = getattr(self, name)
            if not value > 0:
                raise ValueError(f"{name} must be a positive number of seconds, not {value!r}.")
        if not self.reference_ttl >= 0:
            raise ValueError(
                f"reference_ttl must be 0 or more seconds, not {self.reference_ttl!r}."
            )
        length = len(self.api_key.get_secret_value())
        if 0 < length < MIN_SECRET_LENGTH:
            raise ValueError(
                f"The incident.io API key is only {length} characters long; real keys are far "
                "longer, so this one is cut short or is not a key. Pass the whole key from "
                "incident.io Settings -> API keys (INCIDENTIO_API_KEY or api_key=...). Keys under "
                f"{MIN_SECRET_LENGTH} characters are refused so that hiding them can never "
                "garble other text."
            )

    @property
    def has_key(self) -> bool:
        return bool(self.api_key.get_secret_value().strip())

    @property
    def key_is_well_formed(self) -> bool:
        """Printable ASCII without spaces: anything else cannot go in the Authorization header
        (and an HTTP library's error about it would quote the key)."""
        key = self.api_key.get_secret_value()
        return key.isascii() and key.isprintable() and " " not in key
