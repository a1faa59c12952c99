"""The large organisation ("Globex"): a deterministic, generated organisation the size of a real
customer, written through the same stores (and so the same row builders) as the API's writes.

- `shape.py`: how many objects (`LargeOrgSize`, scaled) and when the history happens;
- `names.py`: the words; `settings.py`: severities, statuses, types, roles, custom fields;
- `org.py`: the state the parts share; `people.py`: users and teams;
- `on_call.py`: schedules, overrides and escalation paths; `workflows.py`;
- `stories.py`: what happens to each incident; `incidents.py` writes them;
  `incident_records.py`: their actions and follow-ups; `escalations.py`.

The same `seed` and `scale` give the same organisation, ids included: every random choice comes
from one `random.Random(seed)`, and the stores' own ids from another (`seeded_ids`).
"""

from __future__ import annotations

import random

from incidentio_toolkit.sandbox._util import fmt_time, seeded_ids
from incidentio_toolkit.sandbox.seed.large.escalations import write_escalations
from incidentio_toolkit.sandbox.seed.large.incident_records import write_actions, write_follow_ups
from incidentio_toolkit.sandbox.seed.large.incidents import write_incidents
from incidentio_toolkit.sandbox.seed.large.on_call import write_escalation_paths, write_schedules
from incidentio_toolkit.sandbox.seed.large.org import LargeOrg
from incidentio_toolkit.sandbox.seed.large.people import write_people
from incidentio_toolkit.sandbox.seed.large.settings import write_settings
from incidentio_toolkit.sandbox.seed.large.shape import HISTORY_END, LargeOrgSize
from incidentio_toolkit.sandbox.seed.large.stories import write_plan
from incidentio_toolkit.sandbox.seed.large.workflows import write_workflows
from incidentio_toolkit.sandbox.store import Store

__all__ = ["HISTORY_END", "LargeOrgSize", "write_large_organisation"]


def write_large_organisation(store: Store, *, seed: int = 0, scale: float = 1.0) -> None:
    """Write the large organisation through the stores of `store`, in one transaction."""
    size = LargeOrgSize.at_scale(scale)
    with store.db.transaction(), seeded_ids(random.Random(f"globex-ids-{seed}")):  # noqa: S311
        rng = random.Random(f"globex-{seed}")  # noqa: S311 - sample data, not secrets
        org = LargeOrg(store, rng, size, write_settings(store))
        write_people(org)
        write_schedules(org)
        write_escalation_paths(org)
        write_workflows(org)
        incidents = write_incidents(org, write_plan(org))
        write_actions(org, incidents)
        write_follow_ups(org, incidents)
        write_escalations(org, incidents)
        store.db.set_meta("org", "large")
        store.db.set_meta("org_seed", str(seed))
        store.db.set_meta("org_scale", repr(float(scale)))
        store.db.set_meta("seeded", fmt_time(HISTORY_END))
