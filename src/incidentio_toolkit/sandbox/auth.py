"""Bearer-key authentication, like incident.io's public API."""

from __future__ import annotations

import hmac
from collections.abc import Iterable

from incidentio_toolkit.sandbox._util import JSON, stable_id
from incidentio_toolkit.sandbox.errors import AuthenticationError

DEMO_API_KEY = "sandbox-demo-key"
"""The key a sandbox accepts unless told otherwise (printed when the server starts)."""


class Authenticator:
    """Checks `Authorization: Bearer <key>` against the accepted keys (constant time)."""

    def __init__(self, keys: Iterable[str]) -> None:
        self._keys = tuple(k.encode() for k in keys)
        if not self._keys or any(not k for k in self._keys):
            raise ValueError("the sandbox needs at least one non-empty API key")
        self._actors: dict[str, JSON] = {}

    def check(self, header: str | None) -> str:
        """The accepted key in `header`, or raise a 401."""
        if not header:
            raise AuthenticationError(
                "No API key was provided: send an Authorization: Bearer <key> header",
                code="missing_authorization_material",
            )
        scheme, _, token = header.strip().partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise AuthenticationError(
                "The Authorization header must look like 'Bearer <key>'",
                code="invalid_authorization",
            )
        candidate = token.encode()
        matched = False
        for key in self._keys:
            matched |= hmac.compare_digest(candidate, key)
        if not matched:
            raise AuthenticationError(
                "The API key provided is not valid", code="invalid_authorization"
            )
        return token

    def actor(self, key: str) -> JSON:
        """The `ActorV2` recorded as creator/updater for requests made with `key`."""
        actor = self._actors.get(key)
        if actor is None:
            key_id = stable_id("api-key", key)
            actor = {"api_key": {"id": key_id, "name": f"Sandbox API key {key_id[-6:]}"}}
            self._actors[key] = actor
        return actor
