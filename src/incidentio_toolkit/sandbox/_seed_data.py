"""The seeded organisation: settings, people, on-call, workflows (incidents in _seed_incidents)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from incidentio_toolkit.sandbox import seed as ids
from incidentio_toolkit.sandbox._util import JSON, fmt_time, stable_id
from incidentio_toolkit.sandbox.store import Store

ORG_CREATED = datetime(2024, 1, 8, 9, 0, tzinfo=UTC)
_STAMP = fmt_time(ORG_CREATED)


def _stamped(**values: object) -> JSON:
    return {**values, "created_at": _STAMP, "updated_at": _STAMP}


def _rbac(slug: str, name: str) -> JSON:
    return {"id": stable_id("rbac", slug), "name": name, "slug": slug}


_USERS = [
    (ids.USER_PRIYA_ID, "Priya Patel", "priya.patel", "U04PRIYA001", "owner", True),
    (ids.USER_MARCUS_ID, "Marcus Johnson", "marcus.johnson", "U04MARCUS02", "administrator", True),
    (ids.USER_SOFIA_ID, "Sofia Rossi", "sofia.rossi", "U04SOFIA003", "responder", True),
    (ids.USER_KENJI_ID, "Kenji Tanaka", "kenji.tanaka", "U04KENJI004", "responder", True),
    (ids.USER_AMARA_ID, "Amara Okafor", "amara.okafor", "U04AMARA005", "responder", True),
    (ids.USER_LIAM_ID, "Liam O'Brien", "liam.obrien", "U04LIAM0006", "responder", True),
    (ids.USER_CHLOE_ID, "Chloé Martin", "chloe.martin", "U04CHLOE007", "responder", True),
    (ids.USER_DIEGO_ID, "Diego Alvarez", "diego.alvarez", "U04DIEGO008", "viewer", True),
    (ids.USER_HANNAH_ID, "Hannah Schmidt", "hannah.schmidt", "U04HANNAH09", "responder", True),
    (ids.USER_NOAH_ID, "Noah Williams", "noah.williams", "U04NOAH0010", "responder", False),
]
_BASE_ROLES = {
    "owner": _rbac("owner", "Owner"),
    "administrator": _rbac("admin", "Admin"),
    "responder": _rbac("responder", "Responder"),
    "viewer": _rbac("viewer", "Viewer"),
}
EMAIL_DOMAIN = "northwind.example"


_template: Store | None = None
_template_lock = threading.Lock()


def seed_organisation(store: Store) -> None:
    """Put the seeded organisation into a store whose resource tables are empty.

    The organisation is built once per process in an in-memory template and then copied with
    SQLite's backup API, which is much faster than writing every object again.
    """
    global _template
    with _template_lock:
        if _template is None:
            template = Store(None)
            write_organisation(template)
            _template = template
        with _template.db.lock, store.db.lock:
            _template.db.conn.backup(store.db.conn)


def write_organisation(store: Store) -> None:
    """Write every seeded object through the stores (used to build the template)."""
    from ._seed_incidents import seed_incidents
    from ._seed_oncall import seed_on_call, seed_workflows

    with store.db.transaction():
        _seed_settings(store)
        _seed_users(store)
        seed_on_call(store)
        seed_workflows(store)
        seed_incidents(store)
        store.db.set_meta("seeded", _STAMP)


def _seed_settings(store: Store) -> None:
    catalog = store.catalog
    for sev_id, name, rank, description in [
        (ids.SEVERITY_MINOR_ID, "Minor", 1, "Issues with **low impact**: a workaround exists."),
        (
            ids.SEVERITY_MAJOR_ID,
            "Major",
            2,
            "Issues causing **significant impact** for some customers.",
        ),
        (
            ids.SEVERITY_CRITICAL_ID,
            "Critical",
            3,
            "Issues causing **severe impact** for most customers.",
        ),
    ]:
        catalog.add_severity(_stamped(id=sev_id, name=name, description=description, rank=rank))
    for status_id, name, category, rank, description in [
        (
            ids.STATUS_TRIAGE_ID,
            "Triage",
            "triage",
            1,
            "Someone needs to confirm whether this is an incident.",
        ),
        (
            ids.STATUS_INVESTIGATING_ID,
            "Investigating",
            "live",
            2,
            "We're working out what is going on.",
        ),
        (ids.STATUS_FIXING_ID, "Fixing", "live", 3, "We know what's wrong and are fixing it."),
        (ids.STATUS_MONITORING_ID, "Monitoring", "live", 4, "A fix is out; we're watching it."),
        (
            ids.STATUS_DOCUMENTING_ID,
            "Documenting",
            "learning",
            5,
            "Impact is over; we're writing the post-mortem.",
        ),
        (
            ids.STATUS_CLOSED_ID,
            "Closed",
            "closed",
            6,
            "Impact has been **fully mitigated** and we've learned from it.",
        ),
        (ids.STATUS_DECLINED_ID, "Declined", "declined", 7, "This was not an incident."),
        (ids.STATUS_MERGED_ID, "Merged", "merged", 8, "This incident was merged into another one."),
        (ids.STATUS_CANCELED_ID, "Canceled", "canceled", 9, "This incident was canceled."),
    ]:
        catalog.add_status(
            _stamped(id=status_id, name=name, description=description, rank=rank, category=category)
        )
    for type_id, name, description, default, private, triage in [
        (
            ids.INCIDENT_TYPE_DEFAULT_ID,
            "Default",
            "Anything that isn't covered by another type.",
            True,
            False,
            "optional",
        ),
        (
            ids.INCIDENT_TYPE_SECURITY_ID,
            "Security",
            "Suspected security incidents; always private.",
            False,
            True,
            "always",
        ),
        (
            ids.INCIDENT_TYPE_CUSTOMER_FACING_ID,
            "Customer facing",
            "Production outages customers can see.",
            False,
            False,
            "optional",
        ),
    ]:
        catalog.add_type(
            _stamped(
                id=type_id,
                name=name,
                description=description,
                is_default=default,
                private_incidents_only=private,
                create_in_triage=triage,
            )
        )
    for ts_id, name, rank in [
        (ids.TIMESTAMP_IMPACT_STARTED_ID, "Impact started", 1),
        (ids.TIMESTAMP_REPORTED_ID, "Reported at", 2),
        (ids.TIMESTAMP_ACCEPTED_ID, "Accepted at", 3),
        (ids.TIMESTAMP_RESOLVED_ID, "Resolved at", 4),
        (ids.TIMESTAMP_CLOSED_ID, "Closed at", 5),
    ]:
        catalog.add_timestamp({"id": ts_id, "name": name, "rank": rank})
    for role_id, name, shortform, role_type, description, instructions in [
        (
            ids.ROLE_LEAD_ID,
            "Incident Lead",
            "lead",
            "lead",
            "The person currently coordinating the incident",
            "Take point on the incident; make sure people are clear on responsibilities.",
        ),
        (
            ids.ROLE_REPORTER_ID,
            "Reporter",
            "",
            "reporter",
            "The person who reported the incident",
            "",
        ),
        (
            ids.ROLE_COMMS_ID,
            "Communications Lead",
            "comms",
            "custom",
            "Keeps customers and stakeholders informed",
            "Own the status page and internal updates; post every 30 minutes.",
        ),
    ]:
        store.roles.add(
            _stamped(
                id=role_id,
                name=name,
                shortform=shortform,
                role_type=role_type,
                description=description,
                instructions=instructions,
            )
        )
    _seed_custom_fields(store)


def _seed_custom_fields(store: Store) -> None:
    def options(field_id: str, values: list[tuple[str, str]]) -> list[JSON]:
        return [
            {"id": option_id, "custom_field_id": field_id, "value": value, "sort_key": (i + 1) * 10}
            for i, (option_id, value) in enumerate(values)
        ]

    fields: list[tuple[str, str, str, str, list[tuple[str, str]]]] = [
        (
            ids.CUSTOM_FIELD_AFFECTED_TEAM_ID,
            "Affected Team",
            "single_select",
            "Which team is impacted by this issue",
            [
                (ids.OPTION_TEAM_PAYMENTS_ID, "Payments"),
                (ids.OPTION_TEAM_PLATFORM_ID, "Platform"),
                (ids.OPTION_TEAM_IDENTITY_ID, "Identity"),
                (ids.OPTION_TEAM_SEARCH_ID, "Search"),
            ],
        ),
        (
            ids.CUSTOM_FIELD_AFFECTED_SERVICES_ID,
            "Affected Services",
            "multi_select",
            "Which services are degraded",
            [
                (ids.OPTION_SERVICE_CHECKOUT_API_ID, "checkout-api"),
                (ids.OPTION_SERVICE_SEARCH_ID, "search"),
                (ids.OPTION_SERVICE_AUTH_ID, "auth"),
                (ids.OPTION_SERVICE_NOTIFICATIONS_ID, "notifications"),
            ],
        ),
        (
            ids.CUSTOM_FIELD_CUSTOMER_IMPACT_ID,
            "Customer Impact",
            "text",
            "What customers are experiencing",
            [],
        ),
        (
            ids.CUSTOM_FIELD_STATUS_PAGE_ID,
            "Status Page",
            "link",
            "Link to the public status page incident",
            [],
        ),
        (
            ids.CUSTOM_FIELD_CUSTOMERS_AFFECTED_ID,
            "Customers affected",
            "numeric",
            "Roughly how many customers",
            [],
        ),
    ]
    for field_id, name, field_type, description, values in fields:
        store.custom_fields.add(
            _stamped(id=field_id, name=name, description=description, field_type=field_type),
            options(field_id, values),
        )


def _seed_users(store: Store) -> None:
    for user_id, name, handle, slack, role, active in _USERS:
        custom = [_rbac("on-call-manager", "On-call manager")] if role == "administrator" else []
        seat = "none" if role == "viewer" else "full_access"
        store.users.add(
            {
                "id": user_id,
                "name": name,
                "email": f"{handle}@{EMAIL_DOMAIN}",
                "slack_user_id": slack,
                "role": role,
                "is_active": active,
                "base_role": _BASE_ROLES[role],
                "custom_roles": custom,
                "seats": {
                    "on_call": seat,
                    "response": "viewer_only" if role == "viewer" else "full_access",
                },
            }
        )
