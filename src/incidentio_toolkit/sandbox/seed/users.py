"""The demo organisation's people: ten users with their base and custom roles (one deactivated)."""

from __future__ import annotations

import incidentio_toolkit.sandbox.seed.ids as ids
from incidentio_toolkit.sandbox._util import JSON, stable_id
from incidentio_toolkit.sandbox.store import Store

EMAIL_DOMAIN = "northwind.example"


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


def seed_users(store: Store) -> None:
    """Every user of the demo organisation."""
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
