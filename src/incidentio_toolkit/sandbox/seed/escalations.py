"""The demo organisation's escalations, linked to its incidents."""

from __future__ import annotations

import incidentio_toolkit.sandbox.seed.ids as ids
from incidentio_toolkit.sandbox._util import fmt_time, stable_id
from incidentio_toolkit.sandbox._validate import Fields
from incidentio_toolkit.sandbox.seed.incidents import at
from incidentio_toolkit.sandbox.store import Store


def seed_escalations(store: Store) -> None:
    """One escalation through a path (resolved) and one straight to a user (acked)."""
    checkout, _ = store.escalations.create(
        Fields(
            {
                "idempotency_key": "seed-escalation-checkout",
                "title": "Checkout API returning 500s",
                "escalation_path_id": ids.ESCALATION_PATH_URGENT_ID,
                "incident_id": ids.INCIDENT_CHECKOUT_ID,
            }
        ),
        at("2025-03-04T14:13:00"),
        id=ids.ESCALATION_CHECKOUT_ID,
        status="resolved",
    )
    webhooks, _ = store.escalations.create(
        Fields(
            {
                "idempotency_key": "seed-escalation-webhooks",
                "title": "Webhooks delayed: need payments on-call",
                "user_ids": [ids.USER_AMARA_ID],
                "incident_id": ids.INCIDENT_WEBHOOKS_ID,
            }
        ),
        at("2025-06-10T07:50:00"),
        id=ids.ESCALATION_WEBHOOKS_ID,
        status="acked",
    )
    for escalation, event, when in [
        (checkout, "acked", "2025-03-04T14:15:00"),
        (checkout, "resolved", "2025-03-04T16:30:00"),
        (webhooks, "acked", "2025-06-10T07:52:00"),
    ]:
        stamp = fmt_time(at(when))
        escalation["events"].append(
            {"id": stable_id(escalation["id"], event), "event": event, "occurred_at": stamp}
        )
        escalation["updated_at"] = stamp
        store.escalations.table.update(escalation["id"], escalation)
