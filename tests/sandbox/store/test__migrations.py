"""Numbered migrations: each applied once, recorded, never again on reopening the file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

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


def test_objects_written_before_todays_api_fields_get_them(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "s.db", isolation_level=None)
    conn.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY)")
    [(first, initial)] = MIGRATIONS[:1]
    initial(conn)
    conn.execute("INSERT INTO _migrations (name) VALUES (?)", (first,))
    rows = {
        "incidents": '{"id": "i", "updated_at": "2025-01-02T03:04:05Z"}',
        "workflows": '{"workflow": {"id": "w"}, "management_meta": {}}',
        "escalations": '{"id": "e"}',
        "escalation_paths": '{"id": "p"}',
    }
    conn.execute(
        "INSERT INTO incidents (id, data, external_id, status_id, status_category, mode, "
        "created_us, updated_us) VALUES ('i', ?, 1, 's', 'live', 'standard', 0, 0)",
        (rows["incidents"],),
    )
    conn.execute("INSERT INTO workflows (id, data) VALUES ('w', ?)", (rows["workflows"],))
    conn.execute(
        "INSERT INTO escalations (id, data, idempotency_key, status, created_us, updated_us) "
        "VALUES ('e', ?, 'k', 'triggered', 0, 0)",
        (rows["escalations"],),
    )
    conn.execute(
        "INSERT INTO escalation_paths (id, data) VALUES ('p', ?)", (rows["escalation_paths"],)
    )

    assert migrate(conn) == [name for name, _ in MIGRATIONS[1:]]

    def data(table: str) -> dict[str, Any]:
        [(text,)] = conn.execute(f"SELECT data FROM {table}").fetchall()  # noqa: S608
        loaded: dict[str, Any] = json.loads(text)
        return loaded

    incident = data("incidents")
    assert incident["last_activity_at"] == incident["updated_at"] == "2025-01-02T03:04:05Z"
    assert incident["team_ids"] == []
    assert data("workflows")["workflow"]["auto_run_mode"] == "run_automatically"
    assert data("escalations")["description"] == ""
    assert data("escalation_paths")["kind"] == "standalone"
    conn.close()
