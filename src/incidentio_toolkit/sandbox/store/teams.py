"""Teams: read-only through the API (seeded), each with its members and its catalog entry."""

from __future__ import annotations

from collections.abc import Sequence

from incidentio_toolkit.sandbox._util import JSON, stable_id
from incidentio_toolkit.sandbox._validate import Fields
from incidentio_toolkit.sandbox.store._db import Database, Page, Table
from incidentio_toolkit.sandbox.store.users import Users


def user_v3(user: JSON) -> JSON:
    """A `UserV3` (id, name, email, Slack id) from a stored user."""
    keys = ("id", "name", "email", "slack_user_id")
    return {key: user[key] for key in keys if key in user}


class Teams:
    """Stored rows hold `TeamV3`, in the order they were added."""

    def __init__(self, db: Database, users: Users) -> None:
        self.table = Table(db, "teams", "team")
        self.users = users

    def add(self, id: str, name: str, member_ids: Sequence[str]) -> JSON:
        """Insert a team of existing users; its catalog entry is derived from its id."""
        members = [user_v3(self.users.require(user_id, "members")) for user_id in member_ids]
        team: JSON = {
            "id": id,
            "name": name,
            "catalog_entry": {"id": stable_id("catalog-entry", id), "name": name},
            "members": members,
        }
        self.table.insert(id, team)
        return team

    def show(self, id: str) -> JSON:
        """One team or 404."""
        return self.table.show(id)

    def team_ids(self, body: Fields, key: str) -> list[str] | None:
        """The array of team ids `body[key]` (`None` when absent), each naming a team: a 422
        names the first that does not (`schedule.team_ids[1]`)."""
        ids = body.strs(key)
        for index, team_id in enumerate(ids or []):
            self.table.require(team_id, f"{body.path(key)}[{index}]")
        return ids

    def page(self, *, after: str | None, limit: int) -> Page:
        """Teams in the order they were added."""
        return self.table.page(after=after, limit=limit)
