"""The per-app state every handler receives."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime

from incidentio_toolkit.sandbox._util import Clock
from incidentio_toolkit.sandbox.auth import Authenticator
from incidentio_toolkit.sandbox.faults import FaultInjector
from incidentio_toolkit.sandbox.ratelimit import RateLimiter
from incidentio_toolkit.sandbox.requestlog import RequestLog
from incidentio_toolkit.sandbox.seed import Organisation
from incidentio_toolkit.sandbox.store import Store

Sleep = Callable[[float], Awaitable[None]]


class Sandbox:
    """State shared by the routes of one app: store, clock, auth, limits, faults, request log."""

    def __init__(
        self,
        store: Store,
        auth: Authenticator,
        limiter: RateLimiter,
        faults: FaultInjector,
        clock: Clock,
        sleep: Sleep,
        organisation: Organisation | None = None,
        requests: RequestLog | None = None,
    ) -> None:
        self.store = store
        self.organisation = organisation or Organisation()
        """The organisation the store was seeded with (and that a reset seeds again)."""
        self.auth = auth
        self.limiter = limiter
        self.faults = faults
        self.clock = clock
        self.sleep = sleep
        self.requests = requests or RequestLog()
        self.network = False
        """True when served by uvicorn: drops close the socket instead of raising."""

    def now(self) -> datetime:
        """The current time according to the injected clock."""
        return self.clock()

    def reset(self, *, seed: bool = True) -> None:
        """Wipe every object (and rate-limit counters and the request log); reseed unless `seed`
        is false."""
        self.store.db.wipe()
        self.limiter.reset()
        self.requests.clear()
        if seed:
            self.organisation.copy_into(self.store)
