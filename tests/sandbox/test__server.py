"""The sandbox as a real HTTP server (uvicorn on a loopback port)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest
from tests.sandbox.support import AUTH

from incidentio_toolkit.client._http import KEEPALIVE_EXPIRY_SECONDS
from incidentio_toolkit.defaults import SERVER_KEEP_ALIVE_SECONDS
from incidentio_toolkit.sandbox import SandboxServer, seed
from incidentio_toolkit.sandbox.testing import SpecChecker, assert_error_envelope


def test_real_server_serves_the_api_over_http(checker: SpecChecker) -> None:
    with (
        SandboxServer(port=0) as server,
        httpx2.Client(base_url=server.base_url, headers=AUTH) as http,
    ):
        assert server.base_url.startswith("http://127.0.0.1:")
        response = http.get("/v2/incidents", params={"page_size": 2})
        assert response.status_code == 200
        checker.check(response)
        assert response.json()["pagination_meta"]["total_record_count"] == 5
        created = http.post(
            "/v2/incidents", json={"idempotency_key": "srv", "visibility": "public"}
        )
        assert created.status_code == 200
        checker.check(created)
        assert (
            http.get("/v2/incidents", headers={"Authorization": "Bearer wrong"}).status_code == 401
        )


def test_real_server_drops_connections_without_a_response() -> None:
    with (
        SandboxServer(port=0) as server,
        httpx2.Client(base_url=server.base_url, headers=AUTH) as http,
    ):
        assert http.put("/_sandbox/faults", json={"drop_rate": 1.0}).status_code == 200
        with pytest.raises(httpx2.RemoteProtocolError):
            http.get("/v1/severities")
        assert http.delete("/_sandbox/faults").status_code == 200
        assert http.get("/v1/severities").status_code == 200


def test_real_server_commit_then_timeout_lets_the_client_read_timeout_fire() -> None:
    with (
        SandboxServer(port=0) as server,
        httpx2.Client(base_url=server.base_url, headers=AUTH) as http,
    ):
        http.put(
            "/_sandbox/faults", json={"commit_timeout_rate": 1.0, "commit_timeout_seconds": 0.5}
        )
        body = {"idempotency_key": "slow", "visibility": "public", "name": "Slow create"}
        with pytest.raises(httpx2.ReadTimeout):
            http.post("/v2/incidents", json=body, timeout=httpx2.Timeout(5.0, read=0.1))
        http.delete("/_sandbox/faults")
        names = [i["name"] for i in http.get("/v2/incidents").json()["incidents"]]
        assert "Slow create" in names


def test_state_survives_a_restart_with_a_database_file(tmp_path: Path) -> None:
    db = tmp_path / "sandbox.db"
    with (
        SandboxServer(port=0, db_path=db) as server,
        httpx2.Client(base_url=server.base_url, headers=AUTH) as http,
    ):
        created = http.post(
            "/v2/incidents", json={"idempotency_key": "keep", "visibility": "private"}
        )
        incident = created.json()["incident"]
        http.delete(f"/v2/workflows/{seed.WORKFLOW_SUMMARY_NUDGE_ID}")
    assert db.exists()
    with (
        SandboxServer(port=0, db_path=db) as server,
        httpx2.Client(base_url=server.base_url, headers=AUTH) as http,
    ):
        shown = http.get(f"/v2/incidents/{incident['id']}")
        assert shown.status_code == 200
        assert shown.json()["incident"] == incident
        assert http.get(f"/v2/workflows/{seed.WORKFLOW_SUMMARY_NUDGE_ID}").status_code == 404
        assert len(http.get("/v1/severities").json()["severities"]) == 3  # seeded once only
        again = http.post("/v2/incidents", json={"idempotency_key": "keep", "visibility": "public"})
        assert again.json()["incident"]["id"] == incident["id"]


def test_without_a_database_file_each_server_starts_fresh() -> None:
    with (
        SandboxServer(port=0) as server,
        httpx2.Client(base_url=server.base_url, headers=AUTH) as http,
    ):
        http.post("/v2/incidents", json={"idempotency_key": "gone", "visibility": "public"})
        temporary = server.db_path
        assert temporary.exists()
    assert not temporary.exists()


def _two_megabytes() -> Iterator[bytes]:
    yield b'{"idempotency_key": "big", "visibility": "public", "summary": "'
    for _ in range(2 * 1024):
        yield b"x" * 1024
    yield b'"}'


@pytest.mark.parametrize(
    ("method", "path", "options", "status", "code"),
    [
        ("POST", "/v2/incidents", {"content": b'{"idempotency_key": "cut'}, 400, "invalid_json"),
        ("POST", "/v2/incidents", {"json": [{"idempotency_key": "a"}]}, 422, "invalid_value"),
        (
            "POST",
            "/v2/incidents",
            {
                "content": b'{"idempotency_key": "plain", "visibility": "public"}',
                "headers": {"Content-Type": "text/plain"},
            },
            400,
            "unsupported_content_type",
        ),
        (
            "POST",
            "/v2/incidents",
            {"content": b"".join(_two_megabytes())},
            413,
            "payload_too_large",
        ),
        ("POST", "/v2/incidents", {"content": _two_megabytes()}, 413, "payload_too_large"),
        ("GET", "/v2/incidents", {"params": {"page_size": -1}}, 422, "invalid_value"),
        ("GET", "/v2/incidents", {"params": {"page_size": 10**9}}, 422, "invalid_value"),
        ("GET", "/v2/incidents", {"params": {"page_size": "1_0"}}, 422, "invalid_value"),
    ],
    ids=[
        "malformed-json",
        "json-array",
        "wrong-content-type",
        "2mb-body",
        "2mb-chunked-body",
        "page-size-minus-one",
        "page-size-10-9",
        "page-size-underscore",
    ],
)
def test_real_server_refuses_bad_requests_in_the_envelope_and_keeps_serving(
    method: str, path: str, options: dict[str, Any], status: int, code: str
) -> None:
    with (
        SandboxServer(port=0) as server,
        httpx2.Client(base_url=server.base_url, headers=AUTH) as http,
    ):
        response = http.request(method, path, **options)
        assert response.status_code == status, response.text
        body = assert_error_envelope(response)
        assert body["errors"][0]["code"] == code
        after = http.get("/v2/incidents")
        assert after.status_code == 200
        assert after.json()["pagination_meta"]["total_record_count"] == 5  # nothing created


def test_idle_connections_outlive_every_client_pool_so_reuse_never_races_a_close() -> None:
    server = SandboxServer(port=0)
    try:
        kept = server._server.config.timeout_keep_alive  # pyright: ignore[reportPrivateUsage]
    finally:
        server._close()  # pyright: ignore[reportPrivateUsage]
    assert kept == SERVER_KEEP_ALIVE_SECONDS
    # httpx2's pools keep idle connections 5 s (the toolkit's 4 s): the server must keep longer.
    assert kept > (httpx2.Limits().keepalive_expiry or 0) > KEEPALIVE_EXPIRY_SECONDS


def test_the_banner_names_the_organisation_or_none_for_an_empty_database(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    with SandboxServer(port=0, db_path=db, seed=False) as server:
        assert server.banner().endswith("organisation: none (--no-seed)")
    with SandboxServer(port=0, db_path=db) as server:
        assert server.banner().endswith("organisation: none (the database was started empty)")
    with SandboxServer(port=0) as server:
        assert server.banner().endswith("organisation: the demo organisation")


def test_a_port_in_use_leaves_no_temporary_database_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        with pytest.raises(OSError, match="already in use"):
            SandboxServer(port=taken.getsockname()[1])
    assert list(tmp_path.iterdir()) == []
