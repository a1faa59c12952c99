"""`/v2/users`: pages, filters, inactive users."""

from __future__ import annotations

from typing import Any

import httpx2
import pytest

from incidentio_toolkit.sandbox import seed

pytestmark = pytest.mark.anyio


async def test_users_list_pages_and_hides_inactive_users_by_default(
    client: httpx2.AsyncClient,
) -> None:
    seen: list[str] = []
    after: str | None = None
    while True:
        params: dict[str, Any] = {"page_size": 4}
        if after:
            params["after"] = after
        body = (await client.get("/v2/users", params=params)).json()
        assert body["pagination_meta"]["page_size"] == 4
        seen += [u["id"] for u in body["users"]]
        after = body["pagination_meta"].get("after")
        if after is None:
            break
    assert len(seen) == len(set(seen)) == 9
    assert seed.USER_NOAH_ID not in seen
    everyone = (
        await client.get("/v2/users", params={"include_inactive": "true", "page_size": 50})
    ).json()
    assert len(everyone["users"]) == 10


async def test_users_list_filters_by_email_and_slack_id(client: httpx2.AsyncClient) -> None:
    by_email = (
        await client.get("/v2/users", params={"email": "Kenji.Tanaka@northwind.example"})
    ).json()
    assert [u["id"] for u in by_email["users"]] == [seed.USER_KENJI_ID]
    by_slack = (await client.get("/v2/users", params={"slack_user_id": "U04SOFIA003"})).json()
    assert [u["id"] for u in by_slack["users"]] == [seed.USER_SOFIA_ID]
    assert (await client.get("/v2/users", params={"email": "ghost@example.com"})).json()[
        "users"
    ] == []


async def test_users_large_page_sizes_are_served_in_pages_of_at_most_250(
    client: httpx2.AsyncClient,
) -> None:
    body = (await client.get("/v2/users", params={"page_size": 10000})).json()
    assert body["pagination_meta"]["page_size"] == 250
    assert (await client.get("/v2/users", params={"page_size": 10001})).status_code == 422


async def test_user_show_and_404(client: httpx2.AsyncClient) -> None:
    user = (await client.get(f"/v2/users/{seed.USER_MARCUS_ID}")).json()["user"]
    assert user["email"] == "marcus.johnson@northwind.example"
    assert user["base_role"]["slug"] == "admin"
    assert (await client.get("/v2/users/01NOPE")).status_code == 404
