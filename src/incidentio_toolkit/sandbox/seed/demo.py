"""The demo organisation ("Northwind"), put together from the other modules of the package.

A new sandbox database gets it unless told otherwise (`create_app(seed=False)`, `--no-seed`);
`POST /_sandbox/seed` adds it to a database that lacks it. Its ids are in `seed/ids.py`.
"""

from __future__ import annotations

import random

from incidentio_toolkit.sandbox._util import seeded_ids
from incidentio_toolkit.sandbox.seed._template import copy_template
from incidentio_toolkit.sandbox.seed.alerts import seed_alerts
from incidentio_toolkit.sandbox.seed.escalations import seed_escalations
from incidentio_toolkit.sandbox.seed.incidents import seed_incidents
from incidentio_toolkit.sandbox.seed.on_call import seed_on_call
from incidentio_toolkit.sandbox.seed.postmortems import seed_postmortems
from incidentio_toolkit.sandbox.seed.settings import ORG_STAMP, seed_settings
from incidentio_toolkit.sandbox.seed.teams import seed_teams
from incidentio_toolkit.sandbox.seed.users import seed_users
from incidentio_toolkit.sandbox.seed.workflows import seed_workflows
from incidentio_toolkit.sandbox.store import Store


def write_organisation(store: Store) -> None:
    """Write every object of the demo organisation through the stores, in one transaction; the
    ids the stores draw (incident updates, escalation events) come from a fixed seed, so every
    build, in any process, is the same organisation."""
    with store.db.transaction(), seeded_ids(random.Random("northwind-ids")):  # noqa: S311
        seed_settings(store)
        seed_users(store)
        seed_teams(store)
        seed_on_call(store)
        seed_workflows(store)
        seed_incidents(store)
        seed_alerts(store)
        seed_escalations(store)
        seed_postmortems(store)
        store.db.set_meta("seeded", ORG_STAMP)
        store.db.set_meta("org", "demo")


def seed_organisation(store: Store) -> None:
    """Put the demo organisation into a store whose resource tables are empty (a fast copy)."""
    copy_template(store, write_organisation)
