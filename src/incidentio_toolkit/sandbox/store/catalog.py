"""Read-only organisation settings: severities, statuses, incident types, timestamps, users."""

from __future__ import annotations

from typing import Any

from incidentio_toolkit.sandbox._util import JSON
from incidentio_toolkit.sandbox._validate import Fields
from incidentio_toolkit.sandbox.errors import invalid, not_found, unknown_reference
from incidentio_toolkit.sandbox.store._db import Database, Page, Table

STATUS_CATEGORIES = (
    "triage",
    "declined",
    "merged",
    "canceled",
    "live",
    "learning",
    "closed",
    "paused",
)
# IncidentSlimV2 (embedded in escalations) names two categories differently.
SLIM_STATUS_CATEGORY = {"live": "active", "learning": "post-incident"}


def user_embed(user: JSON) -> JSON:
    """A `UserV2` from a stored `UserWithRolesV2`."""
    embed: JSON = {"id": user["id"], "name": user["name"], "role": user["role"]}
    if "email" in user:
        embed["email"] = user["email"]
    if "slack_user_id" in user:
        embed["slack_user_id"] = user["slack_user_id"]
    return embed


class Catalog:
    """Severities, incident statuses, incident types and incident timestamps."""

    def __init__(self, db: Database) -> None:
        self.severities = Table(db, "severities")
        self.statuses = Table(db, "incident_statuses")
        self.types = Table(db, "incident_types")
        self.timestamps = Table(db, "incident_timestamps")

    # seeding -------------------------------------------------------------------------------
    def add_severity(self, data: JSON) -> None:
        """Insert a `SeverityV1`."""
        self.severities.insert(data["id"], data, rank=data["rank"])

    def add_status(self, data: JSON) -> None:
        """Insert an `IncidentStatusV1`."""
        self.statuses.insert(data["id"], data, rank=data["rank"])

    def add_type(self, data: JSON) -> None:
        """Insert an `IncidentTypeV1`."""
        self.types.insert(data["id"], data)

    def add_timestamp(self, data: JSON) -> None:
        """Insert an `IncidentTimestampV2`."""
        self.timestamps.insert(data["id"], data, rank=data["rank"])

    # lists ---------------------------------------------------------------------------------
    def list_severities(self) -> list[str]:
        """Stored texts of every severity, by rank."""
        return self.severities.find_texts(order="rank ASC, seq ASC")

    def list_statuses(self) -> list[str]:
        """Stored texts of every status, by rank."""
        return self.statuses.find_texts(order="rank ASC, seq ASC")

    def list_types(self) -> list[str]:
        """Stored texts of every incident type."""
        return self.types.find_texts()

    def list_timestamps(self) -> list[str]:
        """Stored texts of every incident timestamp, by rank."""
        return self.timestamps.find_texts(order="rank ASC, seq ASC")

    def show_timestamp(self, id: str) -> JSON:
        """One incident timestamp or 404."""
        found = self.timestamps.get(id)
        if found is None:
            raise not_found("incident timestamp", id)
        return found

    # references ----------------------------------------------------------------------------
    def severity(self, id: str, field: str) -> JSON:
        """The severity `id` (as `SeverityV2`) or a 422 naming `field`."""
        found = self.severities.get(id)
        if found is None:
            raise unknown_reference(field, "severity", id)
        return found

    def status(self, id: str, field: str) -> JSON:
        """The status `id` (as `IncidentStatusV2`) or a 422 naming `field`."""
        found = self.statuses.get(id)
        if found is None:
            raise unknown_reference(field, "incident status", id)
        return found

    def first_status(self, category: str) -> JSON:
        """The lowest-ranked status of `category`."""
        rows = self.statuses.find("json_extract(data, '$.category') = ?", (category,))
        rows.sort(key=lambda s: s["rank"])
        if not rows:
            raise invalid("incident_status_id", f"no incident status in category {category!r}")
        return rows[0]

    def incident_type(self, id: str | None, field: str) -> JSON | None:
        """The type `id` (as `IncidentTypeV2`), the default type when `id` is None."""
        if id is None:
            defaults = self.types.find("json_extract(data, '$.is_default') = 1")
            return _type_v2(defaults[0]) if defaults else None
        found = self.types.get(id)
        if found is None:
            raise unknown_reference(field, "incident type", id)
        return _type_v2(found)

    def timestamp(self, id: str, field: str) -> JSON:
        """The timestamp `id` or a 422 naming `field`."""
        found = self.timestamps.get(id)
        if found is None:
            raise unknown_reference(field, "incident timestamp", id)
        return found

    def all_timestamps(self) -> list[JSON]:
        """Every incident timestamp by rank."""
        return sorted(self.timestamps.find(""), key=lambda t: t["rank"])


def _type_v2(data: JSON) -> JSON:
    return {k: v for k, v in data.items() if k != "owning_team_ids"}


class Users:
    """Organisation members (read-only through the API)."""

    def __init__(self, db: Database) -> None:
        self.table = Table(db, "users")

    def add(self, data: JSON) -> None:
        """Insert a `UserWithRolesV2`."""
        self.table.insert(
            data["id"],
            data,
            email=(data.get("email") or "").lower() or None,
            slack_user_id=data.get("slack_user_id"),
            is_active=1 if data["is_active"] else 0,
        )

    def show(self, id: str) -> JSON:
        """One user or 404."""
        found = self.table.get(id)
        if found is None:
            raise not_found("user", id)
        return found

    def get(self, id: str) -> JSON | None:
        """One user or `None`."""
        return self.table.get(id)

    def page(
        self,
        *,
        email: str | None,
        slack_user_id: str | None,
        include_inactive: bool,
        after: str | None,
        limit: int,
    ) -> Page:
        """Users in insertion order, filtered."""
        where: list[str] = []
        params: list[Any] = []
        if email is not None:
            where.append("email = ?")
            params.append(email.lower())
        if slack_user_id is not None:
            where.append("slack_user_id = ?")
            params.append(slack_user_id)
        if not include_inactive:
            where.append("is_active = 1")
        return self.table.page(where=" AND ".join(where), params=params, after=after, limit=limit)

    def resolve(self, ref: Fields) -> JSON:
        """The user a `UserReferencePayloadV2` points at (by id, email or Slack id) or a 422."""
        user_id = ref.str("id")
        email = ref.str("email")
        slack = ref.str("slack_user_id")
        if user_id is not None:
            found = self.table.get(user_id)
            if found is None:
                raise unknown_reference(ref.path("id"), "user", user_id)
            return found
        if email is not None:
            rows = self.table.find("email = ?", (email.lower(),))
            if not rows:
                raise unknown_reference(ref.path("email"), "user", email)
            return rows[0]
        if slack is not None:
            rows = self.table.find("slack_user_id = ?", (slack,))
            if not rows:
                raise unknown_reference(ref.path("slack_user_id"), "user", slack)
            return rows[0]
        raise invalid(
            ref.prefix or "user", f"{ref.prefix or 'user'} needs one of id, email or slack_user_id"
        )

    def require(self, id: str, field: str) -> JSON:
        """The user `id` or a 422 naming `field`."""
        found = self.table.get(id)
        if found is None:
            raise unknown_reference(field, "user", id)
        return found
