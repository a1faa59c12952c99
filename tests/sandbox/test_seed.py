"""The seed package: every well-known id names a real object of the demo organisation, and the
seed functions a generated organisation calls write objects the API serves."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import httpx2
import pytest

from incidentio_toolkit.sandbox import SandboxApp, seed
from incidentio_toolkit.sandbox.seed.alerts import random_alerts
from incidentio_toolkit.sandbox.seed.postmortems import random_postmortems
from incidentio_toolkit.sandbox.seed.teams import random_teams
from incidentio_toolkit.sandbox.store import Store
from incidentio_toolkit.sandbox.store._migrations import RESOURCE_TABLES

pytestmark = pytest.mark.anyio


async def test_every_seed_id_constant_names_a_real_object(client: httpx2.AsyncClient) -> None:
    lookups = {
        "SEVERITY": "/v1/severities",
        "STATUS": "/v1/incident_statuses",
        "INCIDENT_TYPE": "/v1/incident_types",
        "USER": "/v2/users?include_inactive=true&page_size=100",
        "ROLE": "/v2/incident_roles",
        "TIMESTAMP": "/v2/incident_timestamps",
        "CUSTOM_FIELD": "/v2/custom_fields",
        "WORKFLOW": "/v2/workflows",
        "ACTION": "/v2/actions",
        "FOLLOW_UP": "/v2/follow_ups",
        "ESCALATION_PATH": "/v2/escalation_paths",
        "ESCALATION": "/v2/escalations",
        "SCHEDULE": "/v2/schedules",
        "TEAM": "/v3/teams",
        "ALERT": "/v2/alerts?page_size=50",
        "ALERT_SOURCE": "/v2/alerts?page_size=50",
        "POSTMORTEM": "/v1/postmortem_documents",
        "OVERRIDE": f"/v2/schedule_overrides?schedule_id={seed.SCHEDULE_PRIMARY_ID}",
    }
    texts = {prefix: (await client.get(path)).text for prefix, path in lookups.items()}
    all_modes: list[tuple[str, str | int | float | bool | None]] = [
        ("mode[one_of]", m) for m in ("standard", "retrospective", "test")
    ]
    texts["INCIDENT"] = (await client.get("/v2/incidents", params=all_modes)).text
    texts["OPTION"] = (await client.get(f"/v2/incidents/{seed.INCIDENT_WEBHOOKS_ID}")).text
    texts["ROTATION"] = texts["LAYER"] = texts["SCHEDULE"]
    for name, value in seed.seed_ids().items():
        prefix = max((p for p in texts if name.startswith(p + "_")), key=len)
        assert value in texts[prefix], name


def test_the_seed_package_exports_every_id_and_the_organisation() -> None:
    ids = seed.seed_ids()
    assert ids
    assert all(name.endswith("_ID") and getattr(seed, name) == value for name, value in ids.items())
    assert len(set(ids.values())) == len(ids)  # no id is used twice
    assert callable(seed.seed_organisation)
    assert callable(seed.write_organisation)


def test_a_copy_of_the_template_holds_what_writing_the_organisation_writes() -> None:
    written, copied, later = Store(None), Store(None), Store(None)
    seed.write_organisation(written)
    seed.seed_organisation(copied)
    assert written.seeded
    assert copied.seeded
    for table in RESOURCE_TABLES:
        count = f"SELECT count(*) FROM {table}"  # noqa: S608 - fixed table names
        assert written.db.query(count) == copied.db.query(count), table
    # Copies are independent of each other and of the template.
    copied.workflows.delete(seed.WORKFLOW_SUMMARY_NUDGE_ID)
    seed.seed_organisation(later)
    assert later.workflows.show(seed.WORKFLOW_SUMMARY_NUDGE_ID)["workflow"]["state"] == "draft"
    for store in (written, copied, later):
        store.close()


async def test_a_generated_organisation_can_add_teams_alerts_and_postmortems(
    app: SandboxApp, client: httpx2.AsyncClient
) -> None:
    """The generator-facing seed functions write objects the API serves within the spec."""
    rng = random.Random(7)
    store = app.store
    users = [seed.USER_SOFIA_ID, seed.USER_KENJI_ID, seed.USER_AMARA_ID, seed.USER_LIAM_ID]
    team_ids = random_teams(store, rng, users, 12)
    incidents = [seed.INCIDENT_LOGIN_EMAILS_ID, seed.INCIDENT_WEBHOOKS_ID]
    start = datetime(2025, 7, 1, tzinfo=UTC)
    alert_ids = random_alerts(store, rng, incidents, 3, start)
    document_ids = random_postmortems(store, rng, incidents, users)

    teams = (await client.get("/v3/teams", params={"page_size": 250})).json()["teams"]
    generated = [team for team in teams if team["id"] in team_ids]
    assert len(generated) == len(set(team_ids)) == 12
    assert all(2 <= len(team["members"]) <= 4 for team in generated)
    alerts = (await client.get("/v2/alerts", params={"page_size": 50})).json()["alerts"]
    assert set(alert_ids) <= {alert["id"] for alert in alerts}
    for incident_id, alert_id in zip(incidents, alert_ids, strict=False):
        links = await client.get(
            "/v2/incident_alerts", params={"incident_id": incident_id, "page_size": 50}
        )
        assert alert_id in {link["alert"]["id"] for link in links.json()["incident_alerts"]}
    for incident_id, document_id in zip(incidents, document_ids, strict=True):
        content = await client.get(f"/v1/postmortem_documents/{document_id}/content")
        incident = (await client.get(f"/v2/incidents/{incident_id}")).json()["incident"]
        assert content.json()["markdown"].startswith(f"# Post-mortem: {incident['name']}\n")
    other = Store(None)
    seed.seed_organisation(other)
    assert (
        random_teams(other, random.Random(7), users, 12) == team_ids
    )  # same generator, same teams
    other.close()
