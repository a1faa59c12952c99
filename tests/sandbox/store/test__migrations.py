"""Numbered migrations: each applied once, recorded, never again on reopening the file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from incidentio_toolkit.sandbox.store._db import Database
from incidentio_toolkit.sandbox.store._migrations import MIGRATIONS, RESOURCE_TABLES, migrate


def test_a_new_database_gets_every_migration_once(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "s.db", isolation_level=None)
    assert migrate(conn) == [name for name, _ in MIGRATIONS]
    assert migrate(conn) == []
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert set(RESOURCE_TABLES) <= tables
    conn.close()


def test_reopening_a_database_keeps_its_rows(tmp_path: Path) -> None:
    db = Database(tmp_path / "s.db")
    db.set_meta("created", "1")
    db.close()
    again = Database(tmp_path / "s.db")
    assert again.get_meta("created") == "1"
    again.wipe()
    assert again.get_meta("created") == "1"  # wipe keeps the creation marker
    again.close()
