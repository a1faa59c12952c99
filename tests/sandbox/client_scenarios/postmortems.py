"""Scenarios for post-mortems: find an incident's document and read it (see
client_scenarios/support.py for the harness)."""

from __future__ import annotations

from tests.sandbox.client_scenarios.support import Launcher, gone, ok, walk

from incidentio_toolkit.sandbox import seed as s


async def postmortem_review(launch: Launcher) -> None:
    io = launch().client()
    documents = await walk(io, "postmortem_documents_list", "postmortem_documents", 1)
    assert len(documents) == 3
    [document] = ok(await io.postmortem_documents_list(incident_id=s.INCIDENT_CHECKOUT_ID))[
        "postmortem_documents"
    ]
    assert (
        ok(await io.postmortem_documents_show(id=document["id"]))["postmortem_document"] == document
    )
    markdown = ok(await io.postmortem_documents_content(id=document["id"]))["markdown"]
    assert markdown.startswith(f"# {document['title']}\n")
    assert "## Follow-ups" in markdown
    oldest = ok(await io.call("postmortem_documents_list", {"sort_by": "created_at_oldest_first"}))
    assert oldest["postmortem_documents"][0]["id"] == document["id"]
    gone(await io.postmortem_documents_content(id="01NOSUCHDOC"), "01NOSUCHDOC")
