"""Fault injection: latency, 5xx/429 answers, dropped connections, truncated bodies and
"commit then time out" writes — deterministic for a given `seed` and request sequence.

Switch faults on per app (`create_app(faults=FaultConfig(...))`) or at runtime with
`PUT /_sandbox/faults`. Admin endpoints under `/_sandbox/` are never faulted.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass
from typing import Any, cast

import httpx2

from incidentio_toolkit.sandbox._util import JSON

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class ConnectionDropped(httpx2.RemoteProtocolError):
    """The sandbox dropped the connection without answering.

    In-process (`httpx2.ASGITransport`) this exception reaches the client as the transport
    error; behind uvicorn (`incidentio_toolkit.sandbox.serve`) the socket is closed instead.
    """

    def __init__(
        self, message: str = "sandbox fault: connection dropped without a response"
    ) -> None:
        super().__init__(message)


class CommitTimeout(httpx2.ReadTimeout):
    """The write was committed but no answer came back in time (in-process form).

    Behind uvicorn the sandbox instead waits `commit_timeout_seconds` and then drops the
    connection, so the client's own read timeout fires first.
    """

    def __init__(
        self, message: str = "sandbox fault: write committed, then the response timed out"
    ) -> None:
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class FaultConfig:
    """What to inject, and into which requests. All rates are shares in `[0, 1]`.

    For each matching request the sandbox draws, in this order: dropped connection
    (`drop_rate`), 429 (`rate_limit_rate`), 5xx (`error_rate`, status picked from
    `error_statuses`); otherwise the request is handled, then a write may be committed without
    an answer (`commit_timeout_rate`) or a body truncated (`malformed_rate`). `latency_ms`
    (plus up to `latency_jitter_ms`) is added before anything else.
    """

    seed: int = 0
    latency_ms: float = 0.0
    latency_jitter_ms: float = 0.0
    error_rate: float = 0.0
    error_statuses: tuple[int, ...] = (500, 502, 503, 504)
    rate_limit_rate: float = 0.0
    rate_limit_retry_after: int = 1
    drop_rate: float = 0.0
    malformed_rate: float = 0.0
    commit_timeout_rate: float = 0.0
    commit_timeout_seconds: float = 35.0
    methods: tuple[str, ...] = ()
    path_prefix: str = ""

    def __post_init__(self) -> None:
        for name in (
            "error_rate",
            "rate_limit_rate",
            "drop_rate",
            "malformed_rate",
            "commit_timeout_rate",
        ):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, got {value!r}")
        for name in ("latency_ms", "latency_jitter_ms", "commit_timeout_seconds"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        if self.rate_limit_retry_after < 0:
            raise ValueError("rate_limit_retry_after must not be negative")
        if not self.error_statuses or any(not 500 <= s <= 599 for s in self.error_statuses):
            raise ValueError("error_statuses must be a non-empty list of 5xx codes")

    @property
    def active(self) -> bool:
        """Whether this configuration injects anything at all."""
        return bool(
            self.latency_ms
            or self.latency_jitter_ms
            or self.error_rate
            or self.rate_limit_rate
            or self.drop_rate
            or self.malformed_rate
            or self.commit_timeout_rate
        )

    def to_json(self) -> JSON:
        """The configuration as JSON (`GET /_sandbox/faults`)."""
        data = dataclasses.asdict(self)
        data["error_statuses"] = list(self.error_statuses)
        data["methods"] = list(self.methods)
        return data

    @classmethod
    def from_json(cls, data: JSON) -> FaultConfig:
        """Build from JSON (`PUT /_sandbox/faults`); raises `ValueError` on bad input."""
        fields = {f.name: f for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - set(fields))
        if unknown:
            raise ValueError(f"unknown fault field(s): {', '.join(unknown)}")
        values: dict[str, Any] = {}
        for name, raw in data.items():
            default = fields[name].default
            if isinstance(default, tuple):
                if not isinstance(raw, list):
                    raise ValueError(f"{name} must be an array")
                items = cast(list[Any], raw)
                values[name] = tuple(
                    _coerce(name, item, "" if name == "methods" else 0) for item in items
                )
            else:
                values[name] = _coerce(name, raw, default)
        if "methods" in values:
            values["methods"] = tuple(str(m).upper() for m in values["methods"])
        return cls(**values)


def _coerce(name: str, value: Any, default: Any) -> Any:
    if isinstance(default, bool) or isinstance(value, bool):
        raise ValueError(f"{name} has the wrong type")
    if isinstance(default, int) and not isinstance(default, bool):
        if isinstance(value, int):
            return value
        raise ValueError(f"{name} must be an integer")
    if isinstance(default, float):
        if isinstance(value, int | float):
            return float(value)
        raise ValueError(f"{name} must be a number")
    if isinstance(value, str):
        return value
    raise ValueError(f"{name} must be a string")


@dataclass(frozen=True, slots=True)
class FaultPlan:
    """What happens to one request."""

    latency: float = 0.0
    drop: bool = False
    rate_limited: bool = False
    error_status: int | None = None
    commit_timeout: bool = False
    malformed: bool = False


class FaultInjector:
    """Draws a `FaultPlan` per request from a seeded random generator."""

    def __init__(self, config: FaultConfig | None = None) -> None:
        self.configure(config or FaultConfig())

    def configure(self, config: FaultConfig) -> None:
        """Replace the configuration and restart the random sequence from its seed."""
        self.config = config
        self.active = config.active
        self._random = random.Random(config.seed)  # noqa: S311 - reproducible, not secret

    def plan(self, method: str, path: str) -> FaultPlan | None:
        """The faults for this request, or `None` when it is left alone."""
        config = self.config
        if not self.active:
            return None
        if config.methods and method not in config.methods:
            return None
        if config.path_prefix and not path.startswith(config.path_prefix):
            return None
        draw = self._random.random
        latency = config.latency_ms / 1000 + draw() * config.latency_jitter_ms / 1000
        drop = draw() < config.drop_rate
        limited = draw() < config.rate_limit_rate
        error = draw() < config.error_rate
        status = config.error_statuses[
            int(draw() * len(config.error_statuses)) % len(config.error_statuses)
        ]
        commit_timeout = draw() < config.commit_timeout_rate and method in WRITE_METHODS
        malformed = draw() < config.malformed_rate
        return FaultPlan(
            latency=latency,
            drop=drop,
            rate_limited=limited and not drop,
            error_status=status if error and not (drop or limited) else None,
            commit_timeout=commit_timeout and not (drop or limited or error),
            malformed=malformed and not (drop or limited or error),
        )
