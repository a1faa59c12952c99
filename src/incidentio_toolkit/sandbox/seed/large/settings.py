"""The large organisation's settings: severities, every status category, incident types,
timestamps, roles and custom fields with their options, written through the stores."""

from __future__ import annotations

from dataclasses import dataclass, field

from incidentio_toolkit.sandbox._util import JSON, fmt_time, new_id
from incidentio_toolkit.sandbox.seed.large import names
from incidentio_toolkit.sandbox.seed.large.shape import ORG_CREATED
from incidentio_toolkit.sandbox.store import Store

STAMP = fmt_time(ORG_CREATED)

SEVERITIES = (
    ("low", "Low", "Cosmetic issues or a single customer affected; no workaround needed."),
    ("minor", "Minor", "Issues with **low impact**: a workaround exists."),
    ("major", "Major", "Issues causing **significant impact** for some customers."),
    ("critical", "Critical", "Issues causing **severe impact** for most customers."),
)
STATUSES = (
    ("triage", "Triage", "triage", "Someone needs to confirm whether this is an incident."),
    ("investigating", "Investigating", "live", "We're working out what is going on."),
    ("fixing", "Fixing", "live", "We know what's wrong and are fixing it."),
    ("monitoring", "Monitoring", "live", "A fix is out; we're watching it."),
    ("paused", "Paused", "paused", "Work has stopped until something outside our control changes."),
    ("documenting", "Documenting", "learning", "Impact is over; we're writing the post-mortem."),
    (
        "closed",
        "Closed",
        "closed",
        "Impact has been **fully mitigated** and we've learned from it.",
    ),
    ("declined", "Declined", "declined", "This was not an incident."),
    ("merged", "Merged", "merged", "This incident was merged into another one."),
    ("canceled", "Canceled", "canceled", "This incident was canceled."),
)
TYPES = (
    ("default", "Default", "Anything that isn't covered by another type.", True, False, "optional"),
    (
        "security",
        "Security",
        "Suspected security incidents; always private.",
        False,
        True,
        "always",
    ),
    (
        "customer",
        "Customer facing",
        "Production outages customers can see.",
        False,
        False,
        "optional",
    ),
    (
        "data",
        "Data",
        "Wrong, late or lost data in our pipelines and reports.",
        False,
        False,
        "optional",
    ),
    (
        "internal",
        "Internal tooling",
        "Problems with tools only staff use.",
        False,
        False,
        "optional",
    ),
    (
        "vendor",
        "Third-party outage",
        "A supplier is down and we are affected.",
        False,
        False,
        "always",
    ),
)
TIMESTAMPS = (
    ("impact_started", "Impact started"),
    ("reported", "Reported at"),
    ("accepted", "Accepted at"),
    ("fix_deployed", "Fix deployed"),
    ("resolved", "Resolved at"),
    ("closed", "Closed at"),
    ("customers_notified", "Customers notified"),
)
ROLES = (
    (
        "lead",
        "Incident Lead",
        "lead",
        "lead",
        "The person currently coordinating the incident",
        "Take point on the incident; make sure people are clear on responsibilities.",
    ),
    ("reporter", "Reporter", "", "reporter", "The person who reported the incident", ""),
    (
        "comms",
        "Communications Lead",
        "comms",
        "custom",
        "Keeps customers and stakeholders informed",
        "Own the status page and internal updates; post every 30 minutes.",
    ),
    (
        "tech",
        "Technical Lead",
        "tech",
        "custom",
        "Leads the technical investigation",
        "Coordinate the engineers debugging; keep a list of hypotheses.",
    ),
    (
        "scribe",
        "Scribe",
        "scribe",
        "custom",
        "Keeps the timeline",
        "Write down decisions as they happen.",
    ),
    (
        "liaison",
        "Customer Liaison",
        "liaison",
        "custom",
        "Talks to affected customers",
        "Agree the wording with the communications lead before sending.",
    ),
    (
        "security",
        "Security Lead",
        "security",
        "custom",
        "Owns the security response",
        "Decide on containment; loop in legal when data may be exposed.",
    ),
    (
        "exec",
        "Executive Sponsor",
        "exec",
        "custom",
        "Senior point of contact for critical incidents",
        "Unblock decisions; brief the leadership team.",
    ),
)
SELECT_FIELDS: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    (
        "team",
        "Affected Team",
        "single_select",
        "Which team is impacted by this issue",
        tuple(name for name, _ in names.TEAMS),
    ),
    (
        "services",
        "Affected Services",
        "multi_select",
        "Which services are degraded",
        tuple(service for _, services in names.TEAMS for service in services),
    ),
    (
        "product",
        "Product Area",
        "single_select",
        "Where customers see the problem",
        names.PRODUCT_AREAS,
    ),
    ("regions", "Regions", "multi_select", "Cloud regions affected", names.REGIONS),
    (
        "root_cause",
        "Root Cause",
        "single_select",
        "What caused it, once we know",
        names.ROOT_CAUSES,
    ),
    ("detection", "Detection Method", "single_select", "How we found out", names.DETECTION_METHODS),
    (
        "factors",
        "Contributing Factors",
        "multi_select",
        "What made it worse or longer",
        names.CONTRIBUTING_FACTORS,
    ),
    ("environment", "Environment", "single_select", "Where it happened", names.ENVIRONMENTS),
    ("data_loss", "Data Loss", "single_select", "Was customer data lost?", names.DATA_LOSS),
)
VALUE_FIELDS = (
    ("impact", "Customer Impact", "text", "What customers are experiencing"),
    ("customers", "Customers affected", "numeric", "Roughly how many customers"),
    ("revenue", "Revenue impact (USD)", "numeric", "Estimated revenue lost"),
    ("status_page", "Status Page", "link", "Link to the public status page incident"),
    ("postmortem", "Post-mortem", "link", "Link to the post-mortem document"),
    ("ticket", "Jira ticket", "link", "The tracking ticket"),
)


@dataclass
class Settings:
    """Ids of what `write_settings` wrote, by short key (`severities["major"]`)."""

    severities: dict[str, JSON] = field(default_factory=dict[str, JSON])
    statuses: dict[str, JSON] = field(default_factory=dict[str, JSON])
    types: dict[str, JSON] = field(default_factory=dict[str, JSON])
    timestamps: dict[str, str] = field(default_factory=dict[str, str])
    roles: dict[str, str] = field(default_factory=dict[str, str])
    fields: dict[str, str] = field(default_factory=dict[str, str])
    options: dict[str, dict[str, str]] = field(default_factory=dict[str, dict[str, str]])
    """Field key → option value → option id."""


def _stamped(**values: object) -> JSON:
    return {"id": new_id(ORG_CREATED), **values, "created_at": STAMP, "updated_at": STAMP}


def write_settings(store: Store) -> Settings:
    """Every setting incidents refer to."""
    settings = Settings()
    for rank, (key, name, description) in enumerate(SEVERITIES, start=1):
        severity = _stamped(name=name, description=description, rank=rank)
        store.reference.add_severity(severity)
        settings.severities[key] = severity
    for rank, (key, name, category, description) in enumerate(STATUSES, start=1):
        status = _stamped(name=name, description=description, rank=rank, category=category)
        store.reference.add_status(status)
        settings.statuses[key] = status
    for key, name, description, default, private, triage in TYPES:
        incident_type = _stamped(
            name=name,
            description=description,
            is_default=default,
            private_incidents_only=private,
            create_in_triage=triage,
        )
        store.reference.add_type(incident_type)
        settings.types[key] = incident_type
    for rank, (key, name) in enumerate(TIMESTAMPS, start=1):
        timestamp_id = new_id(ORG_CREATED)
        store.incident_timestamps.add({"id": timestamp_id, "name": name, "rank": rank})
        settings.timestamps[key] = timestamp_id
    for key, name, shortform, role_type, description, instructions in ROLES:
        role = _stamped(
            name=name,
            shortform=shortform,
            role_type=role_type,
            description=description,
            instructions=instructions,
        )
        store.incident_roles.add(role)
        settings.roles[key] = role["id"]
    for key, name, field_type, description, values in SELECT_FIELDS:
        custom_field = _stamped(name=name, description=description, field_type=field_type)
        option_ids = {value: new_id(ORG_CREATED) for value in values}
        options: list[JSON] = [
            {
                "id": option_id,
                "custom_field_id": custom_field["id"],
                "value": value,
                "sort_key": (i + 1) * 10,
            }
            for i, (value, option_id) in enumerate(option_ids.items())
        ]
        store.custom_fields.add(custom_field, options)
        settings.fields[key] = custom_field["id"]
        settings.options[key] = option_ids
    for key, name, field_type, description in VALUE_FIELDS:
        custom_field = _stamped(name=name, description=description, field_type=field_type)
        store.custom_fields.add(custom_field, [])
        settings.fields[key] = custom_field["id"]
    return settings
