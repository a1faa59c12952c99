"""The httpx2 boundary: exception mapping, bounded bodies, per-request auth, deadline-capped timeouts."""

from __future__ import annotations

import errno
import socket
import ssl

import httpx2
import pytest
from tests.services_support import refused_port

from incidentio_toolkit.client import _http
from incidentio_toolkit.client._errors import (
    APIConnectionError,
    ConnectError,
    ConnectTimeout,
    PoolTimeout,
    ProtocolError,
    ReadTimeout,
    WriteTimeout,
)

KEY = "sk_test_http_0123456789abcdef"

MAPPING: list[tuple[type[httpx2.HTTPError], type[APIConnectionError], bool]] = [
    (httpx2.ConnectError, ConnectError, False),
    (httpx2.ConnectTimeout, ConnectTimeout, False),
    (httpx2.PoolTimeout, PoolTimeout, False),
    (httpx2.ReadTimeout, ReadTimeout, True),
    (httpx2.WriteTimeout, WriteTimeout, True),
    (httpx2.RemoteProtocolError, ProtocolError, True),
    (httpx2.ReadError, ProtocolError, True),
    (httpx2.WriteError, APIConnectionError, True),
    (httpx2.DecodingError, APIConnectionError, True),
]


def client_for(handler: object, **options: float) -> httpx2.AsyncClient:
    return _http.new_client(
        base_url="https://api.incident.io",
        connect_timeout=options.get("connect", 5.0),
        read_timeout=options.get("read", 30.0),
        transport=httpx2.MockTransport(handler),  # type: ignore[arg-type]
    )


async def send(client: httpx2.AsyncClient, **options: object) -> _http.RawResponse:
    return await _http.send(
        client,
        method="GET",
        path="/v1/severities",
        query=[],
        content=None,
        api_key=KEY,
        **options,  # type: ignore[arg-type]
    )


@pytest.mark.anyio
@pytest.mark.parametrize(("raised", "mapped", "reached"), MAPPING)
async def test_transport_errors_map_to_the_toolkit_tree(
    raised: type[httpx2.HTTPError], mapped: type[APIConnectionError], reached: bool
) -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        raise (
            raised("boom", request=request)
            if issubclass(raised, httpx2.RequestError)
            else raised("boom")
        )

    async with client_for(handler) as client:
        with pytest.raises(mapped) as info:
            await send(client)
    assert type(info.value) is mapped
    assert info.value.reached_server is reached
    assert info.value.__cause__ is None


@pytest.mark.anyio
async def test_auth_goes_on_each_request_not_on_the_client() -> None:
    seen: list[httpx2.Request] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        return httpx2.Response(200, json={})

    async with client_for(handler) as client:
        assert "authorization" not in client.headers
        raw = await _http.send(
            client,
            method="POST",
            path="/v2/incidents",
            query=[("a", "1")],
            content=b"{}",
            api_key=KEY,
        )
    assert raw.status == 200
    [request] = seen
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert request.headers["content-type"] == "application/json"
    assert request.headers["user-agent"] == _http.USER_AGENT
    assert request.url.query == b"a=1"


@pytest.mark.anyio
async def test_redirects_are_not_followed() -> None:
    def handler(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(302, headers={"Location": "https://elsewhere.example/steal"})

    async with client_for(handler) as client:
        raw = await send(client)
    assert raw.status == 302


@pytest.mark.anyio
async def test_bodies_past_the_cap_are_refused_not_buffered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_http, "MAX_RESPONSE_BYTES", 1000)

    def handler(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, content=b"x" * 1001)

    async with client_for(handler) as client:
        with pytest.raises(_http.ResponseTooLargeError):
            await send(client)

    def small(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, content=b"x" * 1000)

    async with client_for(small) as client:
        assert len((await send(client)).body) == 1000


@pytest.mark.anyio
async def test_timeouts_never_exceed_what_is_left_of_the_deadline() -> None:
    seen: list[dict[str, float]] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(request.extensions["timeout"])
        return httpx2.Response(200, json={})

    async with client_for(handler, connect=5.0, read=30.0) as client:
        await send(client)
        await send(client, time_left=2.5)
    assert seen[0] == {"connect": 5.0, "read": 30.0, "write": 30.0, "pool": 5.0}
    assert seen[1] == {"connect": 2.5, "read": 2.5, "write": 2.5, "pool": 2.5}


def test_headers_are_lowercased_for_lookup() -> None:
    raw = _http.RawResponse(429, dict(httpx2.Headers({"Retry-After": "3"})), b"")
    assert raw.headers["retry-after"] == "3"


@pytest.mark.anyio
async def test_a_refused_connection_says_where_and_what_to_check() -> None:
    with refused_port() as port:
        client = _http.new_client(
            base_url=f"http://127.0.0.1:{port}", connect_timeout=5.0, read_timeout=5.0
        )
        async with client:
            with pytest.raises(ConnectError) as info:
                await send(client)
    assert str(info.value) == (
        f"Could not connect to http://127.0.0.1:{port} (connection refused): is the sandbox "
        "running? Check INCIDENTIO_BASE_URL."
    )
    assert KEY not in str(info.value)


def _failure(cause: BaseException, timeout: bool = False) -> httpx2.HTTPError:
    error_class = httpx2.ConnectTimeout if timeout else httpx2.ConnectError
    try:
        raise error_class("All connection attempts failed") from cause
    except httpx2.HTTPError as exc:
        return exc


@pytest.mark.parametrize(
    ("base_url", "cause", "expected"),
    [
        (
            "https://api.incident.io",
            socket.gaierror(-2, "Name or service not known"),
            "Could not connect to https://api.incident.io (host name not found): check the "
            "network (DNS, proxy, firewall). Check INCIDENTIO_BASE_URL.",
        ),
        (
            "https://user:hunter2-password@api.example.test/",
            OSError(errno.ENETUNREACH, "Network is unreachable"),
            "Could not connect to https://api.example.test (network unreachable): check the "
            "network (DNS, proxy, firewall). Check INCIDENTIO_BASE_URL.",
        ),
        (
            "https://localhost:8443",
            ssl.SSLError(1, "[SSL: WRONG_VERSION_NUMBER] wrong version number"),
            "Could not connect to https://localhost:8443 (TLS handshake failed: ",
        ),
    ],
    ids=["dns", "unreachable-and-userinfo", "tls"],
)
def test_connection_failures_name_the_reason_and_hide_credentials(
    base_url: str, cause: BaseException, expected: str
) -> None:
    text = _http.connect_failure_text(base_url, _failure(cause))
    assert text.startswith(expected)
    assert "hunter2" not in text
    assert text.endswith("Check INCIDENTIO_BASE_URL.")


def test_a_connect_timeout_says_no_answer_came_in_time() -> None:
    text = _http.connect_failure_text("http://127.0.0.1:9", _failure(TimeoutError(), True))
    assert "(no answer to the connection attempt in time): is the sandbox running?" in text


def test_pooled_connections_expire_before_common_servers_close_them() -> None:
    client = _http.new_client(base_url="https://api.incident.io", connect_timeout=5, read_timeout=5)
    pool = client._transport._pool  # pyright: ignore[reportPrivateUsage, reportUnknownMemberType, reportAttributeAccessIssue, reportUnknownVariableType]
    assert pool._keepalive_expiry == _http.KEEPALIVE_EXPIRY_SECONDS < 5  # pyright: ignore[reportUnknownMemberType]
