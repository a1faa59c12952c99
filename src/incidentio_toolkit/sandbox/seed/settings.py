"""The demo organisation's settings: severities, incident statuses and types, incident timestamps,
incident roles and custom fields (with their options)."""

from __future__ import annotations

from datetime import UTC, datetime

import incidentio_toolkit.sandbox.seed.ids as ids
from incidentio_toolkit.sandbox._util import JSON, fmt_time
from incidentio_toolkit.sandbox.store import Store

ORG_CREATED = datetime(2024, 1, 8, 9, 0, tzinfo=UTC)
"""When the demo organisation was set up (the creation time of its settings)."""
ORG_STAMP = fmt_time(ORG_CREATED)


def _stamped(**values: object) -> JSON:
    return {**values, "created_at": ORG_STAMP, "updated_at": ORG_STAMP}


def seed_settings(store: Store) -> None:
    """Severities, statuses, types, timestamps, roles and custom fields."""
    reference = store.reference
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
        reference.add_severity(_stamped(id=sev_id, name=name, description=description, rank=rank))
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
        reference.add_status(
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
        reference.add_type(
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
        store.incident_timestamps.add({"id": ts_id, "name": name, "rank": rank})
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
        store.incident_roles.add(
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
