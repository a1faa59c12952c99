"""`/v1/postmortem_documents`: documents of the demo's closed and learning incidents, sorted and
paged, with their content as Markdown."""

from __future__ import annotations

import httpx2
import pytest

from incidentio_toolkit.sandbox import seed

pytestmark = pytest.mark.anyio

NEWEST_FIRST = [seed.POSTMORTEM_SEARCH_ID, seed.POSTMORTEM_DNS_ID, seed.POSTMORTEM_CHECKOUT_ID]


async def test_list_is_newest_first_by_default_pages_and_sorts(client: httpx2.AsyncClient) -> None:
    listed = (await client.get("/v1/postmortem_documents")).json()
    assert [d["id"] for d in listed["postmortem_documents"]] == NEWEST_FIRST
    oldest = await client.get(
        "/v1/postmortem_documents", params={"sort_by": "created_at_oldest_first", "page_size": 2}
    )
    body = oldest.json()
    assert [d["id"] for d in body["postmortem_documents"]] == NEWEST_FIRST[::-1][:2]
    rest = await client.get(
        "/v1/postmortem_documents",
        params={"sort_by": "created_at_oldest_first", "after": body["pagination_meta"]["after"]},
    )
    assert [d["id"] for d in rest.json()["postmortem_documents"]] == [seed.POSTMORTEM_SEARCH_ID]
    bad = await client.get("/v1/postmortem_documents", params={"sort_by": "newest"})
    assert (bad.status_code, bad.json()["errors"][0]["source"]["field"]) == (422, "sort_by")


async def test_list_filters_by_incident(client: httpx2.AsyncClient) -> None:
    for incident_id, expected in [
        (seed.INCIDENT_CHECKOUT_ID, [seed.POSTMORTEM_CHECKOUT_ID]),
        (seed.INCIDENT_WEBHOOKS_ID, []),
    ]:
        body = await client.get("/v1/postmortem_documents", params={"incident_id": incident_id})
        assert [d["id"] for d in body.json()["postmortem_documents"]] == expected
    unknown = await client.get("/v1/postmortem_documents", params={"incident_id": "01NOPE"})
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["source"] == {"field": "incident_id"}


async def test_documents_exist_for_the_closed_incidents_with_their_state(
    client: httpx2.AsyncClient,
) -> None:
    incidents = await client.get("/v2/incidents", params={"status_category[one_of]": "closed"})
    closed = {i["id"] for i in incidents.json()["incidents"]}
    documents = (await client.get("/v1/postmortem_documents")).json()["postmortem_documents"]
    assert closed <= {d["incident_id"] for d in documents}
    by_id = {d["id"]: d for d in documents}
    checkout = by_id[seed.POSTMORTEM_CHECKOUT_ID]
    assert (checkout["status"], checkout["type"]) == ("completed", "in_app")
    assert checkout["title"] == "Post-mortem: Checkout API returning 500s"
    assert [e["id"] for e in checkout["editors"]] == [seed.USER_SOFIA_ID, seed.USER_PRIYA_ID]
    assert checkout["document_url"].endswith(f"/post-mortems/{seed.POSTMORTEM_CHECKOUT_ID}")
    dns = by_id[seed.POSTMORTEM_DNS_ID]
    assert (dns["type"], dns["document_url"]) == (
        "external",
        "https://docs.northwind.example/postmortems/dns-march",
    )
    assert by_id[seed.POSTMORTEM_SEARCH_ID]["status"] == "in_progress"
    shown = await client.get(f"/v1/postmortem_documents/{seed.POSTMORTEM_CHECKOUT_ID}")
    assert shown.json() == {"postmortem_document": checkout}


async def test_content_is_markdown_built_from_the_incident(client: httpx2.AsyncClient) -> None:
    response = await client.get(f"/v1/postmortem_documents/{seed.POSTMORTEM_CHECKOUT_ID}/content")
    markdown: str = response.json()["markdown"]
    assert markdown.startswith("# Post-mortem: Checkout API returning 500s\n")
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Summary",
        "## Key information",
        "## Timeline",
        "## Contributing factors",
        "## What went well",
        "## Follow-ups",
    ]
    for fact in (
        "- **Incident Lead:** Sofia Rossi",
        "- **Affected Services:** checkout-api",
        "### 2025-03-04 (UTC)",
        "* [14:05] **Impact started**",
        "* [14:07] **Alert fired**: checkout-api: HTTP 5xx rate above 2% (Datadog (production))",
        "* [14:12] **Incident declared** by Priya Patel",
        "* [10:00] **Status changed from Documenting to Closed** by Priya Patel",
        "- [x] **Add a canary stage to checkout deploys** (Medium) — Payments · [PAY-142]",
    ):
        assert fact in markdown, fact
    timeline = markdown.split("## Timeline")[1].split("## Contributing")[0]
    times = [line[3:8] for line in timeline.splitlines() if line.startswith("* [")]
    assert times[:3] == ["14:05", "14:07", "14:12"]


async def test_show_and_content_of_an_unknown_document_are_404(client: httpx2.AsyncClient) -> None:
    for path in ("/v1/postmortem_documents/01NOPE", "/v1/postmortem_documents/01NOPE/content"):
        response = await client.get(path)
        assert response.status_code == 404
        assert "01NOPE" in response.json()["errors"][0]["message"]
