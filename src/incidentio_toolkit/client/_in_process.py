"""A client wired to an embedded sandbox in this process: no key, no network, no sockets."""

from __future__ import annotations

from typing import Unpack

from incidentio_toolkit.client._async import AsyncIncidentIO
from incidentio_toolkit.client._config import ClientSettings


def sandbox_client(**settings: Unpack[ClientSettings]) -> AsyncIncidentIO:
    """An `AsyncIncidentIO` on a fresh seeded sandbox, in memory. Pacing is off unless given: the
    sandbox has its own rate limits, and they answer 429 as incident.io does."""
    from incidentio_toolkit.client._http import asgi_transport
    from incidentio_toolkit.sandbox import DEMO_API_KEY, create_app

    settings.setdefault("pacing", None)
    settings.setdefault("base_url", "http://sandbox.invalid")
    return AsyncIncidentIO(DEMO_API_KEY, transport=asgi_transport(create_app()), **settings)
