"""The seed package: every well-known id names a real object of the demo organisation."""

from __future__ import annotations

import httpx2
import pytest

from incidentio_toolkit.sandbox import seed
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
