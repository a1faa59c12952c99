"""Bearer-key authentication: 401s, configured keys, the demo key."""

from __future__ import annotations

import httpx2
import pytest

from incidentio_toolkit.sandbox import DEMO_API_KEY, SandboxApp, create_app
from incidentio_toolkit.sandbox.testing import ClientFactory

pytestmark = pytest.mark.anyio


async def test_missing_key_is_401_missing_authorization_material(
    app: SandboxApp, make_client: ClientFactory
) -> None:
    async with make_client(app, key=None) as anonymous:
        response = await anonymous.get("/v2/incidents")
    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "missing_authorization_material"


@pytest.mark.parametrize(
    "header", ["Bearer not-the-key", "Basic c2FuZGJveA==", "Bearer", "sandbox-demo-key"]
)
async def test_wrong_key_is_401_invalid_authorization(
    app: SandboxApp, make_client: ClientFactory, header: str
) -> None:
    async with make_client(app, key=None) as anonymous:
        response = await anonymous.get("/v2/incidents", headers={"Authorization": header})
    assert response.status_code == 401
    body = response.json()
    assert body["errors"][0]["code"] == "invalid_authorization"
    assert "not-the-key" not in response.text


async def test_configured_keys_replace_the_demo_key(make_client: ClientFactory) -> None:
    app = create_app(api_keys=["team-key-1", "team-key-2"])
    try:
        async with make_client(app, key="team-key-2") as team, make_client(app) as demo:
            assert (await team.get("/v1/severities")).status_code == 200
            assert (await demo.get("/v1/severities")).status_code == 401
    finally:
        app.close()


async def test_admin_endpoints_need_the_key_too(
    app: SandboxApp, make_client: ClientFactory
) -> None:
    async with make_client(app, key=None) as anonymous:
        for method, path in [
            ("POST", "/_sandbox/reset"),
            ("GET", "/_sandbox/faults"),
            ("GET", "/_sandbox/seed"),
        ]:
            assert (await anonymous.request(method, path)).status_code == 401


async def test_demo_key_constant(client: httpx2.AsyncClient) -> None:
    assert DEMO_API_KEY == "sandbox-demo-key"
    assert client.headers["authorization"] == "Bearer sandbox-demo-key"
