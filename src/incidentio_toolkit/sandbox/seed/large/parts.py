"""The large organisation is written in parts, in parallel processes, then merged: every part
writes the shared objects (settings, people, on-call, workflows; the same in every part) and its
share of the incidents with their updates, actions, follow-ups and escalations.

An incident's data and ids come from random sources of its own (seeded with the seed and its
number), so a part can write incident 5,001 without writing the 5,000 before it; a part reserves
the references of the parts before it. `PARTS` is fixed, so the organisation is the same on any
machine. The merge appends each later part's rows to the first part's file, in order.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from incidentio_toolkit.sandbox.store import Store

PARTS = 2
"""How many parts the organisation is written in (changing it changes the ids)."""
PART_TABLES = (
    "incidents",
    "incident_updates",
    "actions",
    "follow_ups",
    "escalations",
    "alerts",
    "incident_alerts",
    "postmortem_documents",
)
"""The tables each part adds rows to; every other table is the same in every part."""
_RESERVED_ID = "reserved-references"


def part_bounds(count: int, part: int, parts: int = PARTS) -> tuple[int, int]:
    """The incidents `[start, stop)` (0-based, oldest first) of `part` out of `count`."""
    if not 0 <= part < parts:
        raise ValueError(f"part must be from 0 to {parts - 1}, not {part!r}")
    return count * part // parts, count * (part + 1) // parts


def reserve_references(store: Store, count: int) -> None:
    """Make the store number its next incident `count + 1`: a deleted placeholder row holds
    reference `count` (the store numbers after the highest one; nothing lists deleted rows and
    the merge leaves them out)."""
    if count:
        store.incidents.table.insert(
            _RESERVED_ID,
            {},
            external_id=count,
            status_id="",
            status_category="",
            mode="",
            created_us=0,
            updated_us=0,
            deleted=1,
        )


def merge_parts(first: Path, others: list[Path]) -> None:
    """Append the rows of `PART_TABLES` of each file in `others`, in order, to the database
    file `first` (whose shared objects every part holds too)."""
    conn = sqlite3.connect(first.as_uri(), isolation_level=None, uri=True)
    try:
        conn.execute("PRAGMA journal_mode=OFF")  # an unfinished merge is thrown away whole
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("DELETE FROM incidents WHERE id = ?", (_RESERVED_ID,))
        for other in others:
            conn.execute("ATTACH DATABASE ? AS part", (f"{other.as_uri()}?mode=ro",))
            conn.execute("BEGIN")
            for table in PART_TABLES:
                names = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
                columns = ", ".join(name for name in names if name != "seq")
                conn.execute(
                    f"INSERT INTO main.{table} ({columns}) SELECT {columns} "  # noqa: S608 - fixed names
                    f"FROM part.{table} WHERE deleted = 0 ORDER BY seq"
                )
            conn.execute("COMMIT")
            conn.execute("DETACH DATABASE part")
    finally:
        conn.close()


def assemble(path: Path, part_files: list[Path]) -> None:
    """Make `path` the organisation: the first part's file, with the others merged into it."""
    first, *others = part_files
    first.replace(path)
    merge_parts(path, others)
    for other in others:
        other.unlink()
