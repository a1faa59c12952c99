"""What every layer shares about incident.io: its address, its rate limits, and the environment
variables that configure the toolkit. The client, the MCP server, the CLI and the sandbox read these
names from here, so each is spelled once."""

from __future__ import annotations

from typing import Final

DEFAULT_BASE_URL: Final = "https://api.incident.io"

REQUESTS_PER_MINUTE: Final = 1200
"""incident.io's budget per API key."""

ESCALATION_CREATES_PER_MINUTE: Final = 60
"""incident.io's separate, smaller budget per key for creates that page people."""

SERVER_KEEP_ALIVE_SECONDS: Final = 75
"""How long the toolkit's HTTP servers (the sandbox, the MCP server) keep an idle connection open.
Longer than any client pool keeps one (httpx: 5 s) or a load balancer's idle timeout (often 60 s):
the server closing a connection the client is reusing at that moment breaks that request."""

API_KEY_ENV_VARS: Final = ("INCIDENTIO_API_KEY", "INCIDENT_IO_API_KEY")
"""Where the key is read from, first match wins."""

BASE_URL_ENV_VAR: Final = "INCIDENTIO_BASE_URL"
REDIS_URL_ENV_VAR: Final = "INCIDENTIO_REDIS_URL"
SANDBOX_CACHE_DIR_ENV_VAR: Final = "INCIDENTIO_SANDBOX_CACHE_DIR"
"""Where the sandbox keeps generated organisations between runs (default: the user's cache)."""
REQUESTS_PER_MINUTE_ENV_VAR: Final = "INCIDENTIO_REQUESTS_PER_MINUTE"
"""The pacing budget per key, for keys with another budget than `REQUESTS_PER_MINUTE`."""
ESCALATIONS_PER_MINUTE_ENV_VAR: Final = "INCIDENTIO_ESCALATIONS_PER_MINUTE"
"""The pacing budget for escalation creates, instead of `ESCALATION_CREATES_PER_MINUTE`."""
