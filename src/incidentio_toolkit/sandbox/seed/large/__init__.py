"""The large organisation ("Globex"): a deterministic, generated organisation the size of a real
customer, written through the same stores (and so the same row builders) as the API's writes.

- `shape.py`: how many objects (`LargeOrgSize`, scaled) and when the history happens;
- `names.py`: the words; `settings.py`: severities, statuses, types, roles, custom fields;
- `org.py`: the state the parts share; `people.py`: users and teams;
- `on_call.py`: schedules, overrides and escalation paths; `workflows.py`;
- `stories.py`: what happens to each incident; `incidents.py` writes them;
  `incident_records.py`: their actions and follow-ups; `escalations.py`; `teams.py`, `alerts.py`
  and `postmortems.py`: the teams, alerts and post-mortems the API serves;
- `parts.py`: the organisation is written in parts (in parallel processes) and merged;
  `__main__.py` writes one part into a file.

The same `seed` and `scale` give the same organisation, ids included: every random choice comes
from `random.Random` sources seeded with the seed (one per incident, one for the rest), and so do
the stores' own ids (`seeded_ids`).
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

from incidentio_toolkit.sandbox._util import fmt_time, seeded_ids
from incidentio_toolkit.sandbox.seed._template import copy_template_file, write_template_file
from incidentio_toolkit.sandbox.seed.large.alerts import write_large_alerts
from incidentio_toolkit.sandbox.seed.large.escalations import write_escalations
from incidentio_toolkit.sandbox.seed.large.incident_records import write_actions, write_follow_ups
from incidentio_toolkit.sandbox.seed.large.incidents import write_incidents
from incidentio_toolkit.sandbox.seed.large.on_call import write_escalation_paths, write_schedules
from incidentio_toolkit.sandbox.seed.large.org import LargeOrg
from incidentio_toolkit.sandbox.seed.large.parts import (
    PARTS,
    assemble,
    part_bounds,
    reserve_references,
)
from incidentio_toolkit.sandbox.seed.large.people import write_people
from incidentio_toolkit.sandbox.seed.large.postmortems import write_large_postmortems
from incidentio_toolkit.sandbox.seed.large.settings import write_settings
from incidentio_toolkit.sandbox.seed.large.shape import HISTORY_END, LargeOrgSize
from incidentio_toolkit.sandbox.seed.large.stories import write_plan
from incidentio_toolkit.sandbox.seed.large.teams import write_large_teams
from incidentio_toolkit.sandbox.seed.large.workflows import write_workflows
from incidentio_toolkit.sandbox.store import Store

__all__ = [
    "HISTORY_END",
    "PARTS",
    "LargeOrgSize",
    "PartWriter",
    "part_files",
    "write_large_organisation",
    "write_large_part",
    "write_large_template",
]

PartWriter = Callable[[list[Path]], None]
"""Writes part `i` of the organisation into the `i`-th file of the list."""


def write_large_part(
    store: Store, *, seed: int = 0, scale: float = 1.0, part: int = 0, parts: int = PARTS
) -> None:
    """Write the shared objects and the incidents of `part` (with their updates, actions,
    follow-ups and escalations) through the stores of the empty `store`, in one transaction."""
    size = LargeOrgSize.at_scale(scale)
    with store.db.transaction(), seeded_ids(random.Random(f"globex-ids-{seed}")):  # noqa: S311
        rng = random.Random(f"globex-{seed}")  # noqa: S311 - sample data, not secrets
        org = LargeOrg(store, rng, size, write_settings(store), seed)
        write_people(org)
        write_large_teams(org)
        write_schedules(org)
        write_escalation_paths(org)
        write_workflows(org)
        start, stop = part_bounds(size.incidents, part, parts)
        reserve_references(store, start)
        incidents = write_incidents(org, write_plan(org, start, stop), start + 1)
        write_actions(org, incidents)
        write_follow_ups(org, incidents)
        write_escalations(org, incidents, alerts=part == 0)
        write_large_alerts(org, incidents, unlinked=size.incidents // 20 if part == 0 else 0)
        write_large_postmortems(org, incidents)
        store.db.set_meta("org", "large")
        store.db.set_meta("org_seed", str(seed))
        store.db.set_meta("org_scale", repr(float(scale)))
        store.db.set_meta("seeded", fmt_time(HISTORY_END))


def part_files(path: Path) -> list[Path]:
    """Where the parts of the organisation saved as `path` are written."""
    return [path.with_name(f"{path.name}.part{part}") for part in range(PARTS)]


def _write_parts_here(files: list[Path], *, seed: int, scale: float) -> None:
    for part, file in enumerate(files):
        write_template_file(file, partial(write_large_part, seed=seed, scale=scale, part=part))


def write_large_template(
    path: Path, *, seed: int = 0, scale: float = 1.0, write_parts: PartWriter | None = None
) -> None:
    """Save the large organisation as the new SQLite file `path`: its parts written by
    `write_parts` (one after another in this process without it), then merged."""
    files = part_files(path)
    (write_parts or partial(_write_parts_here, seed=seed, scale=scale))(files)
    assemble(path, files)


def write_large_organisation(store: Store, *, seed: int = 0, scale: float = 1.0) -> None:
    """Put the large organisation into the empty `store` (written in this process)."""
    with tempfile.TemporaryDirectory(prefix="incidentio-sandbox-") as folder:
        path = Path(folder) / "large.sqlite3"
        write_large_template(path, seed=seed, scale=scale)
        copy_template_file(path, store)
