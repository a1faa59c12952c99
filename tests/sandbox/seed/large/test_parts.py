"""The large organisation in parts: each part writes the same shared objects and its own share of
the incidents, numbered where the earlier parts stop, and the merge keeps every row once."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import pytest
from tests.sandbox.large_org_support import read_only, table_digests

from incidentio_toolkit.sandbox._validate import Fields
from incidentio_toolkit.sandbox.seed._template import write_template_file
from incidentio_toolkit.sandbox.seed.large import PARTS, part_files, write_large_part
from incidentio_toolkit.sandbox.seed.large.parts import (
    PART_TABLES,
    assemble,
    part_bounds,
    reserve_references,
)
from incidentio_toolkit.sandbox.store import Store
from incidentio_toolkit.sandbox.store._migrations import RESOURCE_TABLES

SCALE = 0.02


@pytest.mark.parametrize("count", [0, 1, 7, 10_000])
def test_the_parts_share_out_every_incident_once(count: int) -> None:
    covered = [i for part in range(PARTS) for i in range(*part_bounds(count, part))]
    assert covered == list(range(count))
    with pytest.raises(ValueError, match=f"part must be from 0 to {PARTS - 1}"):
        part_bounds(count, PARTS)


def test_a_store_numbers_after_the_reserved_references_and_lists_none_of_them() -> None:
    store = Store(None)
    store.reference.add_status(
        {
            "id": "s",
            "name": "Live",
            "rank": 1,
            "category": "live",
            "created_at": "x",
            "updated_at": "x",
        }
    )
    reserve_references(store, 41)
    incident, _ = store.incidents.create(
        Fields({"idempotency_key": "k", "visibility": "public", "incident_status_id": "s"}),
        {},
        datetime(2026, 1, 1, tzinfo=UTC),
    )
    assert incident["reference"] == "INC-42"
    page = store.incidents.page(
        [], filter_mode="all", sort_by="created_at_newest_first", after=None, limit=10
    )
    assert page.total == 1
    store.close()


def test_parts_hold_the_same_shared_objects_and_merge_into_one_organisation(
    tmp_path: Path,
) -> None:
    files = part_files(tmp_path / "org.sqlite3")
    for part, file in enumerate(files):
        write_template_file(file, partial(write_large_part, seed=1, scale=SCALE, part=part))
    digests = [table_digests(read_only(file)) for file in files]
    shared = [t for t in RESOURCE_TABLES if t not in PART_TABLES]
    assert all(d[t] == digests[0][t] for d in digests for t in shared)
    live = "SELECT count(*) FROM {} WHERE deleted = 0"
    part_rows = {
        t: sum(read_only(f).execute(live.format(t)).fetchone()[0] for f in files)
        for t in PART_TABLES
    }
    assemble(tmp_path / "org.sqlite3", files)
    assert not any(file.exists() for file in files)
    merged = read_only(tmp_path / "org.sqlite3")
    for table, rows in part_rows.items():
        assert merged.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == rows  # noqa: S608
    numbers = [row[0] for row in merged.execute("SELECT external_id FROM incidents ORDER BY seq")]
    assert numbers == list(range(1, len(numbers) + 1))
