"""The organisations a sandbox starts with, and the well-known ids of the demo one.

- `ids.py`: every id of the demo organisation as a constant (re-exported here, so
  `seed.INCIDENT_CHECKOUT_ID` works), and `seed_ids()`.
- `demo.py`: `write_organisation` and `seed_organisation` (a fast copy of a template), putting
  together `settings.py`, `users.py`, `teams.py`, `on_call.py`, `workflows.py`, `incidents.py`,
  `alerts.py`, `escalations.py` and `postmortems.py`.
- `large/`: the large organisation, generated from a seed (`write_large_organisation`).
- `_template.py`: the template copies, shared by every organisation (in memory for the demo, a
  cached file for the large one).
- `organisations.py`: `Organisation` (which one, with its seed and scale), `open_seeded_store`
  and `stored_organisation` (which one a database holds).

Each module imports only those listed before it, `ids` and the stores: there are no cycles.
"""

from __future__ import annotations

from incidentio_toolkit.sandbox.seed.demo import seed_organisation as seed_organisation
from incidentio_toolkit.sandbox.seed.demo import write_organisation as write_organisation
from incidentio_toolkit.sandbox.seed.ids import *  # noqa: F403 - every *_ID constant and seed_ids
from incidentio_toolkit.sandbox.seed.organisations import ORG_NAMES as ORG_NAMES
from incidentio_toolkit.sandbox.seed.organisations import Organisation as Organisation
from incidentio_toolkit.sandbox.seed.organisations import open_seeded_store as open_seeded_store
from incidentio_toolkit.sandbox.seed.organisations import (
    stored_organisation as stored_organisation,
)
