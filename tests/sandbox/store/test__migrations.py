"""Numbered migrations: each applied once, recorded, never again on reopening the file."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from incidentio_toolkit.sandbox import seed
from incidentio_toolkit.sandbox.store import Store
from incidentio_toolkit.sandbox.store._db import Database
from incidentio_toolkit.sandbox.store._filters import parse_brackets
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


def _plans(store: Store, run: Callable[[], object]) -> list[str]:
    """The query plan of every SELECT that `run` sends (traced with its values bound)."""
    sent: list[str] = []
    store.db.conn.set_trace_callback(sent.append)
    try:
        run()
    finally:
        store.db.conn.set_trace_callback(None)
    plans: list[str] = []
    for sql in sent:
        if sql.lstrip().upper().startswith("SELECT"):
            rows = store.db.conn.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()
            plans.append(" | ".join(row[3] for row in rows))
    return plans


def test_incident_pages_and_counts_read_the_listing_index_not_the_table() -> None:
    store = Store(None)
    seed.write_organisation(store)
    filters = parse_brackets(
        [
            ("status_category[one_of]", "closed"),
            ("status_category[one_of]", "learning"),
            ("severity[gte]", seed.SEVERITY_MAJOR_ID),
            ("created_at[date_range]", "2025-01-01~2025-12-31"),
        ]
    )

    def walk() -> None:
        first = store.incidents.page(
            filters, filter_mode="all", sort_by="created_at_newest_first", after=None, limit=1
        )
        store.incidents.page(
            filters,
            filter_mode="all",
            sort_by="created_at_newest_first",
            after=first.after,
            limit=1,
        )
        store.incidents.page(
            [], filter_mode="all", sort_by="created_at_oldest_first", after=None, limit=1
        )

    cursor = "(id=?)"  # the cursor's own row, found by its id
    plans = [p for p in _plans(store, walk) if " incidents " in f" {p} " and cursor not in p]
    assert plans
    for plan in plans:
        assert (
            "USING INDEX incidents_listing" in plan
            or "USING COVERING INDEX incidents_listing" in plan
        ), plan
    counts = [p for p in plans if "COVERING" in p]
    assert len(counts) == 3  # total_record_count never reads a row
    store.close()


def test_updates_and_escalations_are_paged_newest_first_from_an_index() -> None:
    store = Store(None)
    seed.write_organisation(store)

    def walk() -> None:
        page = store.incident_updates.page(None, None, 1)
        store.incident_updates.page(None, page.after, 1)
        store.incident_updates.page(seed.INCIDENT_CHECKOUT_ID, None, 1)
        escalations = store.escalations.page([], None, 1)
        store.escalations.page([], escalations.after, 1)

    plans = _plans(store, walk)
    assert len(plans) >= 5
    for plan in plans:
        for step in plan.split(" | "):
            assert not step.startswith("SCAN") or " USING " in step, plan  # never the whole table
        assert "USE TEMP B-TREE FOR ORDER BY" not in plan, plan  # rows come in the page's order
    store.close()
