"""Client settings: arguments first, then the environment, then defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from pydantic import SecretStr

from incidentio_toolkit.client._pacing import PacingLimits

DEFAULT_BASE_URL = "https://api.incident.io"
API_KEY_ENV_VARS = ("INCIDENTIO_API_KEY", "INCIDENT_IO_API_KEY")
BASE_URL_ENV_VAR = "INCIDENTIO_BASE_URL"
REDIS_URL_ENV_VAR = "INCIDENTIO_REDIS_URL"


def api_key_from_env() -> str | None:
    for name in API_KEY_ENV_VARS:
        value = os.environ.get(name)
        if value is not None and value.strip():
            return value
    return None


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

    @classmethod
    def resolve(
        cls,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        redis_url: str | None = None,
        **options: object,
    ) -> ClientConfig:
        key = api_key if api_key is not None else api_key_from_env()
        return cls(
            # Keys pasted from files often end in a newline; it is never part of the key.
            api_key=SecretStr((key or "").strip()),
            base_url=(base_url or os.environ.get(BASE_URL_ENV_VAR) or DEFAULT_BASE_URL).rstrip("/"),
            redis_url=redis_url or os.environ.get(REDIS_URL_ENV_VAR) or None,
            **options,  # type: ignore[arg-type]
        )

    def __post_init__(self) -> None:
        if self.max_retries < 0:
            raise ValueError(f"max_retries must be 0 or more, not {self.max_retries!r}.")
        for name in ("deadline", "connect_timeout", "read_timeout"):
            value = getattr(self, name)
            if not value > 0:
                raise ValueError(f"{name} must be a positive number of seconds, not {value!r}.")

    @property
    def has_key(self) -> bool:
        return bool(self.api_key.get_secret_value().strip())

    @property
    def key_is_well_formed(self) -> bool:
        """Printable ASCII without spaces: anything else cannot go in the Authorization header
        (and an HTTP library's error about it would quote the key)."""
        key = self.api_key.get_secret_value()
        return key.isascii() and key.isprintable() and " " not in key
