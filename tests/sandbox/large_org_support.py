"""Reading a database that holds the large organisation, for the tests of its generator, its
template cache and the lists at its size."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from incidentio_toolkit.sandbox._util import JSON, loads_object
from incidentio_toolkit.sandbox.store._migrations import RESOURCE_TABLES


def read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to the database file `path`."""
    return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)


def copy_database(source: Path, target: Path) -> Path:
    """A copy of a (closed) database file, to serve without changing the original."""
    shutil.copyfile(source, target)
    return target


def table_digests(conn: sqlite3.Connection, *, with_seq: bool = True) -> dict[str, str]:
    """A digest of every row of every resource table (in insertion order) and of the
    organisation's `meta` entries: equal digests mean equal organisations, ids included.
    `with_seq=False` leaves out the row counters, which keep counting after rows are deleted."""
    digests: dict[str, str] = {}
    for table in RESOURCE_TABLES:
        digest = hashlib.sha256()
        for row in conn.execute(f"SELECT * FROM {table} ORDER BY seq"):  # noqa: S608 - fixed names
            digest.update(repr(row if with_seq else row[1:]).encode())
        digests[table] = digest.hexdigest()
    meta = conn.execute("SELECT key, value FROM meta WHERE key LIKE 'org%' ORDER BY key")
    digests["meta"] = repr(meta.fetchall())
    return digests


def objects(conn: sqlite3.Connection, table: str, where: str = "1") -> list[JSON]:
    """The stored objects of `table` (live rows matching `where`), in insertion order."""
    sql = f"SELECT data FROM {table} WHERE deleted = 0 AND ({where}) ORDER BY seq"  # noqa: S608
    return [loads_object(row[0]) for row in conn.execute(sql)]


def scalar(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...] = ()) -> Any:
    """The single value `sql` selects."""
    return conn.execute(sql, params).fetchone()[0]
