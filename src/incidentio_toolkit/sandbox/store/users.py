"""Organisation members: read-only through the API (seeded), referenced by id, email or Slack id."""

from __future__ import annotations

from typing import Any

from incidentio_toolkit.sandbox._util import JSON
from incidentio_toolkit.sandbox._validate import Fields
from incidentio_toolkit.sandbox.errors import invalid, unknown_reference
from incidentio_toolkit.sandbox.store._db import Database, Page, Table


def user_embed(user: JSON) -> JSON:
    """A `UserV2` from a stored `UserWithRolesV2`."""
    embed: JSON = {"id": user["id"], "name": user["name"], "role": user["role"]}
    if "email" in user:
        embed["email"] = user["email"]
    if "slack_user_id" in user:
        embed["slack_user_id"] = user["slack_user_id"]
    return embed


class Users:
    """Stored rows hold `UserWithRolesV2`; email (lower-cased) and Slack id are indexed columns."""

    def __init__(self, db: Database) -> None:
        self.table = Table(db, "users", "user")

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
        return self.table.show(id)

    def get(self, id: str) -> JSON | None:
        """One user or `None`."""
        return self.table.get(id)

    def require(self, id: str, field: str) -> JSON:
        """The user `id` or a 422 naming `field`."""
        return self.table.require(id, field)

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
            return self.table.require(user_id, ref.path("id"))
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
