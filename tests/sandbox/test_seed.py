"""The seed package: every well-known id names a real object of the demo organisation."""

from __future__ import annotations

import httpx2
import pytest

from incidentio_toolkit.sandbox import seed

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
