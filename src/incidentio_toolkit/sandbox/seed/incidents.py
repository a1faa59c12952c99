"""The demo organisation's incidents (with their timelines of edits), actions and follow-ups."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import incidentio_toolkit.sandbox.seed.ids as ids
from incidentio_toolkit.sandbox._util import JSON, fmt_time, stable_id
from incidentio_toolkit.sandbox._validate import Fields
from incidentio_toolkit.sandbox.store import Store
from incidentio_toolkit.sandbox.store.users import user_embed


def at(text: str) -> datetime:
    """A seed time: `text` without an offset, in UTC."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _user_actor(store: Store, user_id: str) -> JSON:
    user = store.users.get(user_id)
    assert user is not None
    return {"user": user_embed(user)}


def _lead(user_id: str) -> JSON:
    return {"incident_role_id": ids.ROLE_LEAD_ID, "assignee": {"id": user_id}}


def _option(field_id: str, *option_ids: str) -> JSON:
    return {"custom_field_id": field_id, "values": [{"value_option_id": o} for o in option_ids]}


# (id, created, creator, payload, [(when, editor, changes)])
_INCIDENTS: list[tuple[str, str, str, JSON, list[tuple[str, str, JSON]]]] = [
    (
        ids.INCIDENT_CHECKOUT_ID,
        "2025-03-04T14:12:00",
        ids.USER_PRIYA_ID,
        {
            "name": "Checkout API returning 500s",
            "summary": "Roughly 30% of checkout requests failed after the 14:05 deploy of checkout-api.",
            "severity_id": ids.SEVERITY_CRITICAL_ID,
            "incident_type_id": ids.INCIDENT_TYPE_CUSTOMER_FACING_ID,
            "incident_status_id": ids.STATUS_INVESTIGATING_ID,
            "incident_role_assignments": [
                _lead(ids.USER_SOFIA_ID),
                {"incident_role_id": ids.ROLE_REPORTER_ID, "assignee": {"id": ids.USER_PRIYA_ID}},
                {
                    "incident_role_id": ids.ROLE_COMMS_ID,
                    "assignee": {"email": "chloe.martin@northwind.example"},
                },
            ],
            "custom_field_entries": [
                _option(ids.CUSTOM_FIELD_AFFECTED_TEAM_ID, ids.OPTION_TEAM_PAYMENTS_ID),
                _option(ids.CUSTOM_FIELD_AFFECTED_SERVICES_ID, ids.OPTION_SERVICE_CHECKOUT_API_ID),
                {
                    "custom_field_id": ids.CUSTOM_FIELD_CUSTOMER_IMPACT_ID,
                    "values": [{"value_text": "Customers could not complete purchases."}],
                },
                {
                    "custom_field_id": ids.CUSTOM_FIELD_CUSTOMERS_AFFECTED_ID,
                    "values": [{"value_numeric": "1200"}],
                },
                {
                    "custom_field_id": ids.CUSTOM_FIELD_STATUS_PAGE_ID,
                    "values": [
                        {"value_link": "https://status.northwind.example/incidents/checkout-0304"}
                    ],
                },
            ],
            "incident_timestamp_values": [
                {
                    "incident_timestamp_id": ids.TIMESTAMP_IMPACT_STARTED_ID,
                    "value": "2025-03-04T14:05:00Z",
                }
            ],
        },
        [
            (
                "2025-03-04T14:40:00",
                ids.USER_SOFIA_ID,
                {"incident_status_id": ids.STATUS_FIXING_ID},
            ),
            (
                "2025-03-04T15:05:00",
                ids.USER_SOFIA_ID,
                {"incident_status_id": ids.STATUS_MONITORING_ID},
            ),
            (
                "2025-03-04T16:30:00",
                ids.USER_SOFIA_ID,
                {"incident_status_id": ids.STATUS_DOCUMENTING_ID},
            ),
            (
                "2025-03-07T10:00:00",
                ids.USER_PRIYA_ID,
                {"incident_status_id": ids.STATUS_CLOSED_ID},
            ),
        ],
    ),
    (
        ids.INCIDENT_DNS_RETRO_ID,
        "2025-03-20T09:00:00",
        ids.USER_MARCUS_ID,
        {
            "name": "DNS resolution failures (imported)",
            "summary": "Imported from the old tracker: internal DNS failed for 40 minutes.",
            "severity_id": ids.SEVERITY_MAJOR_ID,
            "mode": "retrospective",
            "retrospective_incident_options": {
                "postmortem_document_url": "https://docs.northwind.example/postmortems/dns-march"
            },
            "custom_field_entries": [
                _option(ids.CUSTOM_FIELD_AFFECTED_TEAM_ID, ids.OPTION_TEAM_PLATFORM_ID)
            ],
        },
        [],
    ),
    (
        ids.INCIDENT_SEARCH_LATENCY_ID,
        "2025-05-20T08:30:00",
        ids.USER_KENJI_ID,
        {
            "name": "Elevated latency on search",
            "summary": "p99 search latency above 4s after the index rebuild.",
            "severity_id": ids.SEVERITY_MAJOR_ID,
            "incident_role_assignments": [_lead(ids.USER_KENJI_ID)],
            "custom_field_entries": [
                _option(ids.CUSTOM_FIELD_AFFECTED_TEAM_ID, ids.OPTION_TEAM_SEARCH_ID),
                _option(ids.CUSTOM_FIELD_AFFECTED_SERVICES_ID, ids.OPTION_SERVICE_SEARCH_ID),
            ],
        },
        [
            (
                "2025-05-20T09:10:00",
                ids.USER_KENJI_ID,
                {"incident_status_id": ids.STATUS_FIXING_ID},
            ),
            (
                "2025-05-20T11:45:00",
                ids.USER_KENJI_ID,
                {"incident_status_id": ids.STATUS_DOCUMENTING_ID},
            ),
        ],
    ),
    (
        ids.INCIDENT_DRILL_ID,
        "2025-06-01T10:00:00",
        ids.USER_MARCUS_ID,
        {
            "name": "Game day: database failover drill",
            "summary": "Planned failover of the primary Postgres cluster.",
            "severity_id": ids.SEVERITY_MINOR_ID,
            "mode": "test",
            "incident_role_assignments": [_lead(ids.USER_MARCUS_ID)],
        },
        [],
    ),
    (
        ids.INCIDENT_WEBHOOKS_ID,
        "2025-06-10T07:45:00",
        ids.USER_AMARA_ID,
        {
            "name": "Payment provider webhooks delayed",
            "summary": "Order confirmations are delayed by up to 20 minutes.",
            "severity_id": ids.SEVERITY_MAJOR_ID,
            "incident_type_id": ids.INCIDENT_TYPE_CUSTOMER_FACING_ID,
            "incident_role_assignments": [_lead(ids.USER_AMARA_ID)],
            "custom_field_entries": [
                _option(ids.CUSTOM_FIELD_AFFECTED_TEAM_ID, ids.OPTION_TEAM_PAYMENTS_ID),
                _option(
                    ids.CUSTOM_FIELD_AFFECTED_SERVICES_ID,
                    ids.OPTION_SERVICE_CHECKOUT_API_ID,
                    ids.OPTION_SERVICE_NOTIFICATIONS_ID,
                ),
            ],
        },
        [("2025-06-10T08:20:00", ids.USER_AMARA_ID, {"severity_id": ids.SEVERITY_CRITICAL_ID})],
    ),
    (
        ids.INCIDENT_LOGIN_EMAILS_ID,
        "2025-06-11T11:00:00",
        ids.USER_LIAM_ID,
        {
            "name": "Login emails arriving late",
            "severity_id": ids.SEVERITY_MINOR_ID,
            "incident_status_id": ids.STATUS_TRIAGE_ID,
            "custom_field_entries": [
                _option(ids.CUSTOM_FIELD_AFFECTED_TEAM_ID, ids.OPTION_TEAM_IDENTITY_ID)
            ],
        },
        [],
    ),
]


def seed_incidents(store: Store) -> None:
    """Create the seeded incidents (with their timelines), then their actions and follow-ups."""
    modes: dict[str, str] = {}
    for incident_id, created, creator, payload, timeline in _INCIDENTS:
        body = {"idempotency_key": f"seed-{incident_id}", "visibility": "public", **payload}
        incident, _ = store.incidents.create(
            Fields(body), _user_actor(store, creator), at(created), id=incident_id
        )
        modes[incident_id] = incident["mode"]
        for when, editor, changes in timeline:
            store.incidents.edit(
                incident_id, Fields(changes, "incident"), _user_actor(store, editor), at(when)
            )
    _seed_actions(store, modes)
    _seed_follow_ups(store, modes)


def _record(
    store: Store, record_id: str, incident_id: str, creator: str, created: str, **values: Any
) -> JSON:
    stamp = fmt_time(at(created))
    data: JSON = {
        "id": record_id,
        "incident_id": incident_id,
        "creator": _user_actor(store, creator),
        "created_at": stamp,
        "updated_at": stamp,
        **values,
    }
    assignee = data.pop("assignee_id", None)
    if assignee is not None:
        data["assignee"] = _user_actor(store, assignee)["user"]
    return data


def _seed_actions(store: Store, modes: dict[str, str]) -> None:
    actions = [
        _record(
            store,
            ids.ACTION_ROLLBACK_ID,
            ids.INCIDENT_CHECKOUT_ID,
            ids.USER_SOFIA_ID,
            "2025-03-04T14:20:00",
            description="Roll back checkout-api to v2025.03.04-1",
            status="completed",
            assignee_id=ids.USER_SOFIA_ID,
            completed_at="2025-03-04T14:38:00Z",
        ),
        _record(
            store,
            ids.ACTION_STATUS_PAGE_ID,
            ids.INCIDENT_CHECKOUT_ID,
            ids.USER_SOFIA_ID,
            "2025-03-04T14:22:00",
            description="Post a status page update",
            status="completed",
            assignee_id=ids.USER_CHLOE_ID,
            completed_at="2025-03-04T14:30:00Z",
        ),
        _record(
            store,
            ids.ACTION_SCALE_WORKERS_ID,
            ids.INCIDENT_WEBHOOKS_ID,
            ids.USER_AMARA_ID,
            "2025-06-10T08:00:00",
            description="Scale webhook workers to 12 replicas",
            status="outstanding",
            assignee_id=ids.USER_AMARA_ID,
        ),
        _record(
            store,
            ids.ACTION_CONTACT_PROVIDER_ID,
            ids.INCIDENT_WEBHOOKS_ID,
            ids.USER_AMARA_ID,
            "2025-06-10T08:05:00",
            description="Open a ticket with the payment provider",
            status="outstanding",
            assignee_id=ids.USER_LIAM_ID,
        ),
    ]
    for action in actions:
        store.incident_actions.add(action, modes[action["incident_id"]])


def _seed_follow_ups(store: Store, modes: dict[str, str]) -> None:
    high = {
        "id": stable_id("priority", "high"),
        "name": "High",
        "rank": 2,
        "description": "Do this within a week",
    }
    medium = {"id": stable_id("priority", "medium"), "name": "Medium", "rank": 1}
    follow_ups = [
        _record(
            store,
            ids.FOLLOW_UP_CHECKOUT_ALERTS_ID,
            ids.INCIDENT_CHECKOUT_ID,
            ids.USER_SOFIA_ID,
            "2025-03-05T10:00:00",
            title="Alert on the checkout 5xx rate",
            status="outstanding",
            description="Page Primary On-call when more than 2% of checkouts fail for 5 minutes.",
            labels=["alerting"],
            priority=high,
            assignee_id=ids.USER_SOFIA_ID,
            assignee_team={"id": ids.TEAM_PAYMENTS_ID, "name": "Payments"},
        ),
        _record(
            store,
            ids.FOLLOW_UP_DEPLOY_GUARD_ID,
            ids.INCIDENT_CHECKOUT_ID,
            ids.USER_PRIYA_ID,
            "2025-03-05T10:05:00",
            title="Add a canary stage to checkout deploys",
            status="completed",
            labels=["deploys"],
            priority=medium,
            completed_at="2025-03-12T16:00:00Z",
            assignee_team={"id": ids.TEAM_PAYMENTS_ID, "name": "Payments"},
            external_issue_reference={
                "provider": "linear",
                "issue_name": "PAY-142",
                "issue_permalink": "https://linear.app/northwind/issue/PAY-142",
            },
        ),
        _record(
            store,
            ids.FOLLOW_UP_SEARCH_CAPACITY_ID,
            ids.INCIDENT_SEARCH_LATENCY_ID,
            ids.USER_KENJI_ID,
            "2025-05-21T09:00:00",
            title="Right-size the search cluster",
            status="outstanding",
            labels=[],
            assignee_id=ids.USER_KENJI_ID,
            assignee_team={"id": ids.TEAM_SEARCH_ID, "name": "Search"},
        ),
    ]
    for follow_up in follow_ups:
        store.follow_ups.add(follow_up, modes[follow_up["incident_id"]])
