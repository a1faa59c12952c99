"""`/v1/severities`, `/v1/incident_statuses` and `/v1/incident_types`."""

from __future__ import annotations

import httpx2
import pytest

from incidentio_toolkit.sandbox import seed

pytestmark = pytest.mark.anyio


async def test_severities_are_listed_by_rank(client: httpx2.AsyncClient) -> None:
    severities = (await client.get("/v1/severities")).json()["severities"]
    assert [s["name"] for s in severities] == ["Minor", "Major", "Critical"]
    assert [s["rank"] for s in severities] == [1, 2, 3]


async def test_incident_statuses_cover_every_category(client: httpx2.AsyncClient) -> None:
    statuses = (await client.get("/v1/incident_statuses")).json()["incident_statuses"]
    assert {s["category"] for s in statuses} == {
        "triage",
        "live",
        "learning",
        "closed",
        "declined",
        "merged",
        "canceled",
    }


async def test_incident_types_have_exactly_one_default(client: httpx2.AsyncClient) -> None:
    types = (await client.get("/v1/incident_types")).json()["incident_types"]
    assert [t["id"] for t in types if t["is_default"]] == [seed.INCIDENT_TYPE_DEFAULT_ID]
