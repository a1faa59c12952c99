"""The large organisation's people: hundreds of users (a few owners and admins, mostly
responders, some viewers and deactivated accounts), shared out between the teams."""

from __future__ import annotations

import unicodedata

from incidentio_toolkit.sandbox._util import JSON, new_id, stable_id
from incidentio_toolkit.sandbox.seed.large import names
from incidentio_toolkit.sandbox.seed.large.org import LargeOrg, Team
from incidentio_toolkit.sandbox.seed.large.shape import ORG_CREATED

TIMEZONES = (
    "Europe/London", "America/New_York", "America/Los_Angeles", "Europe/Berlin", "Asia/Tokyo",
    "Asia/Singapore", "Australia/Sydney", "America/Sao_Paulo", "Asia/Kolkata",
)  # fmt: skip
_ROLE_NAMES = {
    "owner": ("owner", "Owner"),
    "administrator": ("admin", "Admin"),
    "responder": ("responder", "Responder"),
    "viewer": ("viewer", "Viewer"),
}
_CUSTOM_ROLES = (
    ("on-call-manager", "On-call manager"),
    ("incident-commander", "Incident commander"),
)


def _rbac(slug: str, name: str) -> JSON:
    return {"id": stable_id("rbac", slug), "name": name, "slug": slug}


def _handle(first: str, last: str) -> str:
    text = unicodedata.normalize("NFKD", f"{first}.{last}").encode("ascii", "ignore").decode()
    return "".join(c for c in text.lower() if c.isalnum() or c == ".")


def _base_role(org: LargeOrg, index: int) -> str:
    if index < 2:
        return "owner"
    if index < 14:
        return "administrator"
    return "viewer" if org.chance(0.18) else "responder"


def write_people(org: LargeOrg) -> None:
    """Every user, then the teams (each active responder or admin joins one)."""
    combos = len(names.FIRST_NAMES) * len(names.LAST_NAMES)
    picks = org.rng.sample(range(combos), org.size.users)
    for index, pick in enumerate(picks):
        first = names.FIRST_NAMES[pick // len(names.LAST_NAMES)]
        last = names.LAST_NAMES[pick % len(names.LAST_NAMES)]
        role = _base_role(org, index)
        slug, label = _ROLE_NAMES[role]
        active = index < 14 or not org.chance(0.04)
        custom = [_rbac(*r) for r in _CUSTOM_ROLES if role == "administrator" or org.chance(0.03)]
        user: JSON = {
            "id": new_id(ORG_CREATED),
            "name": f"{first} {last}",
            "email": f"{_handle(first, last)}@{names.EMAIL_DOMAIN}",
            "slack_user_id": "U" + stable_id("slack", str(index), first, last)[2:12],
            "role": role,
            "is_active": active,
            "base_role": _rbac(slug, label),
            "custom_roles": custom if role != "viewer" else [],
            "seats": {
                "on_call": "none" if role == "viewer" else "full_access",
                "response": "viewer_only" if role == "viewer" else "full_access",
            },
        }
        org.store.users.add(user)
        org.users.append(user)
    org.teams = [
        Team(name, services, TIMEZONES[i % len(TIMEZONES)])
        for i, (name, services) in enumerate(names.TEAMS)
    ]
    responders = [u for u in org.active_users if u["role"] in ("responder", "administrator")]
    for i, user in enumerate(responders):
        org.teams[i % len(org.teams)].members.append(user)
