"""The only module that imports the HTTP library (httpx2).

It builds the pooled client and turns httpx2's transport exceptions into the toolkit's own, so that the
rest of the code never depends on httpx2's exception tree.
"""

from __future__ import annotations

import errno
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

import httpx2

from incidentio_toolkit.client._errors import (
    APIConnectionError,
    APITimeoutError,
    ConnectError,
    ConnectTimeout,
    PoolTimeout,
    ProtocolError,
    ReadTimeout,
    WriteTimeout,
)
from incidentio_toolkit.defaults import BASE_URL_ENV_VAR

AsyncTransport = httpx2.AsyncBaseTransport
AsyncClient = httpx2.AsyncClient

USER_AGENT = "incidentio-toolkit/0.1"
MAX_RESPONSE_BYTES = 32 * 1024 * 1024
"""Bodies past this are not read into memory: the answer is reported as too large."""
KEEPALIVE_EXPIRY_SECONDS = 4.0
"""Idle pooled connections are dropped after this, before the 5 s after which common servers
(uvicorn, Node.js) close them: reusing a connection the server is closing at that moment fails
with a broken connection, and for a create that failure is ambiguous."""


class ResponseTooLargeError(ProtocolError):
    """The answer's body passed MAX_RESPONSE_BYTES (the request did reach the server)."""


@dataclass(frozen=True, slots=True)
class RawResponse:
    status: int
    headers: dict[str, str]
    body: bytes


def new_client(
    *,
    base_url: str,
    connect_timeout: float,
    read_timeout: float,
    transport: AsyncTransport | None = None,
    verify: bool | str = True,
    max_connections: int = 64,
) -> httpx2.AsyncClient:
    """A pooled client with explicit timeouts. Auth is added per request, never stored here."""
    return httpx2.AsyncClient(
        base_url=base_url,
        transport=transport,
        verify=verify,
        timeout=httpx2.Timeout(read_timeout, connect=connect_timeout, pool=connect_timeout),
        limits=httpx2.Limits(
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            keepalive_expiry=KEEPALIVE_EXPIRY_SECONDS,
        ),
        headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
        follow_redirects=False,
        trust_env=False,
    )


async def send(
    client: httpx2.AsyncClient,
    *,
    method: str,
    path: str,
    query: list[tuple[str, str]],
    content: bytes | None,
    api_key: str,
    time_left: float | None = None,
) -> RawResponse:
    """Send one request and read the body (up to MAX_RESPONSE_BYTES), mapping transport failures
    to the toolkit's exceptions. No timeout is longer than `time_left` (the call's deadline)."""
    headers = {"Authorization": f"Bearer {api_key}"}
    if content is not None:
        headers["Content-Type"] = "application/json"
    try:
        # One absolute URL string: httpx2 then skips merging base URL and params (half its cost).
        url = str(client.base_url).rstrip("/") + path
        if query:
            url += "?" + urlencode(query)
        request = client.build_request(
            method,
            url,
            content=content,
            headers=headers,
            timeout=_timeout_within(client, time_left) or httpx2.USE_CLIENT_DEFAULT,
        )
        response = await client.send(request, stream=True)
        try:
            chunks: list[bytes] = []
            size = 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > MAX_RESPONSE_BYTES:
                    raise ResponseTooLargeError(
                        f"the answer is larger than {MAX_RESPONSE_BYTES // (1024 * 1024)} MiB"
                    )
                chunks.append(chunk)
        finally:
            await response.aclose()
    except httpx2.ConnectTimeout as exc:
        raise ConnectTimeout(connect_failure_text(str(client.base_url), exc)) from None
    except httpx2.PoolTimeout as exc:
        raise PoolTimeout(str(exc) or "pool timeout") from None
    except httpx2.ReadTimeout as exc:
        raise ReadTimeout(str(exc) or "read timeout") from None
    except httpx2.WriteTimeout as exc:
        raise WriteTimeout(str(exc) or "write timeout") from None
    except httpx2.TimeoutException as exc:
        raise APITimeoutError(str(exc) or "timeout") from None
    except httpx2.ConnectError as exc:
        raise ConnectError(connect_failure_text(str(client.base_url), exc)) from None
    except (httpx2.RemoteProtocolError, httpx2.LocalProtocolError, httpx2.ReadError) as exc:
        raise ProtocolError(str(exc) or type(exc).__name__) from None
    except httpx2.HTTPError as exc:  # any other transport, decoding or stream failure
        raise APIConnectionError(str(exc) or type(exc).__name__) from None
    return RawResponse(response.status_code, dict(response.headers), b"".join(chunks))


def connect_failure_text(base_url: str, exc: BaseException) -> str:
    """Where the connection failed, why, and what to check, e.g. `Could not connect to
    http://127.0.0.1:1 (connection refused): is the sandbox running? Check INCIDENTIO_BASE_URL.`

    The address is shown without any user:password part; the API key is never in it.
    """
    parts = urlsplit(base_url)
    host = parts.hostname or ""
    where = f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}{parts.path.rstrip('/')}"
    cause = _root_cause(exc)
    reason = _reason(exc, cause)
    if isinstance(cause, ssl.SSLError):
        advice = "check the server's certificate and the CA bundle (verify=)."
    elif _is_loopback(host):
        advice = "is the sandbox running?"
    else:
        advice = "check the network (DNS, proxy, firewall)."
    return f"Could not connect to {where} ({reason}): {advice} Check {BASE_URL_ENV_VAR}."


def _root_cause(exc: BaseException) -> BaseException:
    """The innermost exception under httpx2's (the OS or TLS error that says what happened)."""
    found = exc
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        found = current
        current = current.__cause__ or current.__context__
    return found


def _reason(exc: BaseException, cause: BaseException) -> str:
    if isinstance(exc, httpx2.TimeoutException) or isinstance(cause, TimeoutError):
        return "no answer to the connection attempt in time"
    if isinstance(cause, ConnectionRefusedError):
        return "connection refused"
    if isinstance(cause, socket.gaierror):
        return "host name not found"
    if isinstance(cause, ssl.SSLCertVerificationError):
        return f"TLS certificate not trusted: {cause.verify_message}"
    if isinstance(cause, ssl.SSLError):
        return f"TLS handshake failed: {getattr(cause, 'reason', None) or cause}"
    if isinstance(cause, OSError) and cause.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
        return "network unreachable"
    text = str(cause) or str(exc) or type(cause).__name__
    return text[:200]


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _timeout_within(client: httpx2.AsyncClient, time_left: float | None) -> httpx2.Timeout | None:
    """The client's timeouts cut to what is left of the call's deadline (None: keep them all)."""
    base = client.timeout
    longest = max(t or 0.0 for t in (base.connect, base.read, base.write, base.pool))
    if time_left is None or (longest and time_left >= longest):
        return None
    remaining = max(time_left, 0.001)
    return httpx2.Timeout(
        connect=min(base.connect or remaining, remaining),
        read=min(base.read or remaining, remaining),
        write=min(base.write or remaining, remaining),
        pool=min(base.pool or remaining, remaining),
    )


def asgi_transport(app: object) -> AsyncTransport:
    """An in-process transport to an ASGI app (the embedded sandbox), with no sockets."""
    return httpx2.ASGITransport(app=app)  # type: ignore[arg-type]
