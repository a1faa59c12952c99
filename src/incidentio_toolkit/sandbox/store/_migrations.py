"""Numbered schema migrations (applied in order, each exactly once, recorded in `_migrations`).

Add a new function with the next number; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]


def _resource_table(name: str, extra: str = "") -> str:
    columns = (
        "seq INTEGER PRIMARY KEY AUTOINCREMENT, "
        "id TEXT NOT NULL UNIQUE, "
        "data TEXT NOT NULL, "
        "deleted INTEGER NOT NULL DEFAULT 0"
    )
    if extra:
        columns += ", " + extra
    return f"CREATE TABLE {name} ({columns})"


def m001_initial(conn: sqlite3.Connection) -> None:
    """Tables for every resource the operations touch."""
    statements = [
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        _resource_table("severities", "rank INTEGER NOT NULL"),
        _resource_table("incident_statuses", "rank INTEGER NOT NULL"),
        _resource_table("incident_types"),
        _resource_table("incident_timestamps", "rank INTEGER NOT NULL"),
        _resource_table("incident_roles"),
        _resource_table("custom_fields", "options TEXT NOT NULL DEFAULT '[]'"),
        _resource_table(
            "users", "email TEXT, slack_user_id TEXT, is_active INTEGER NOT NULL DEFAULT 1"
        ),
        _resource_table(
            "incidents",
            "external_id INTEGER NOT NULL UNIQUE, idempotency_key TEXT UNIQUE, "
            "status_id TEXT NOT NULL, status_category TEXT NOT NULL, "
            "severity_id TEXT, severity_rank INTEGER, type_id TEXT, mode TEXT NOT NULL, "
            "created_us INTEGER NOT NULL, updated_us INTEGER NOT NULL",
        ),
        "CREATE INDEX incidents_order ON incidents (created_us, seq)",
        _resource_table(
            "incident_updates", "incident_id TEXT NOT NULL, created_us INTEGER NOT NULL"
        ),
        "CREATE INDEX incident_updates_incident ON incident_updates (incident_id)",
        _resource_table("actions", "incident_id TEXT NOT NULL, incident_mode TEXT NOT NULL"),
        _resource_table(
            "follow_ups",
            "incident_id TEXT NOT NULL, incident_mode TEXT NOT NULL, assignee_team_id TEXT",
        ),
        _resource_table("workflows"),
        _resource_table("schedules"),
        _resource_table(
            "schedule_overrides",
            "schedule_id TEXT NOT NULL, rotation_id TEXT NOT NULL, layer_id TEXT NOT NULL, "
            "start_us INTEGER NOT NULL, end_us INTEGER NOT NULL",
        ),
        "CREATE INDEX schedule_overrides_schedule ON schedule_overrides (schedule_id)",
        _resource_table("escalation_paths"),
        _resource_table(
            "escalations",
            "idempotency_key TEXT NOT NULL UNIQUE, escalation_path_id TEXT, "
            "status TEXT NOT NULL, created_us INTEGER NOT NULL, updated_us INTEGER NOT NULL",
        ),
    ]
    for statement in statements:
        conn.execute(statement)


def m002_fields_of_todays_api(conn: sqlite3.Connection) -> None:
    """Fields the API sends today that objects written before this migration lack: an incident's
    `last_activity_at` (its `updated_at`) and `team_ids`, a workflow's `auto_run_mode`, an
    escalation's `description` and an escalation path's `kind`."""
    statements = [
        "UPDATE incidents SET data = json_set(data, '$.last_activity_at', "
        "json_extract(data, '$.updated_at')) WHERE json_type(data, '$.last_activity_at') IS NULL",
        "UPDATE incidents SET data = json_set(data, '$.team_ids', json('[]')) "
        "WHERE json_type(data, '$.team_ids') IS NULL",
        "UPDATE workflows SET data = json_set(data, '$.workflow.auto_run_mode', "
        "'run_automatically') WHERE json_type(data, '$.workflow.auto_run_mode') IS NULL",
        "UPDATE escalations SET data = json_set(data, '$.description', '') "
        "WHERE json_type(data, '$.description') IS NULL",
        "UPDATE escalation_paths SET data = json_set(data, '$.kind', 'standalone') "
        "WHERE json_type(data, '$.kind') IS NULL",
    ]
    for statement in statements:
        conn.execute(statement)


def m003_listing_indexes(conn: sqlite3.Connection) -> None:
    """Indexes for lists at the size of a large organisation (check with `EXPLAIN QUERY PLAN`).

    Incident pages walk `incidents_listing` in time order and test every list filter on the
    index before reading a row; counts (`total_record_count`) never read a row. Incident
    updates and escalations are paged newest first; actions and follow-ups are listed by
    incident; users are looked up by email and Slack id.
    """
    statements = [
        "DROP INDEX incidents_order",
        "CREATE INDEX incidents_listing ON incidents (created_us, seq, deleted, mode, "
        "status_category, severity_rank, severity_id, status_id, type_id, updated_us)",
        "DROP INDEX incident_updates_incident",
        "CREATE INDEX incident_updates_order ON incident_updates (created_us, seq, deleted)",
        "CREATE INDEX incident_updates_incident ON incident_updates (incident_id, created_us, seq)",
        "CREATE INDEX escalations_order ON escalations (created_us, seq, deleted, status, "
        "escalation_path_id, updated_us)",
        "CREATE INDEX actions_incident ON actions (incident_id)",
        "CREATE INDEX follow_ups_incident ON follow_ups (incident_id)",
        "CREATE INDEX users_email ON users (email)",
        "CREATE INDEX users_slack_user_id ON users (slack_user_id)",
    ]
    for statement in statements:
        conn.execute(statement)


def m004_teams(conn: sqlite3.Connection) -> None:
    """Teams (`/v3/teams`)."""
    conn.execute(_resource_table("teams"))


def m005_alerts(conn: sqlite3.Connection) -> None:
    """Alert sources, alerts (`/v2/alerts`) and their links to incidents (`/v2/incident_alerts`)."""
    statements = [
        _resource_table("alert_sources"),
        _resource_table(
            "alerts",
            "status TEXT NOT NULL, deduplication_key TEXT NOT NULL, "
            "alert_source_id TEXT NOT NULL, created_us INTEGER NOT NULL",
        ),
        "CREATE INDEX alerts_order ON alerts (created_us, seq)",
        _resource_table("incident_alerts", "incident_id TEXT NOT NULL, alert_id TEXT NOT NULL"),
        "CREATE INDEX incident_alerts_incident ON incident_alerts (incident_id)",
    ]
    for statement in statements:
        conn.execute(statement)


def m006_postmortem_documents(conn: sqlite3.Connection) -> None:
    """Post-mortem documents (`/v1/postmortem_documents`), with their Markdown content."""
    conn.execute(
        _resource_table(
            "postmortem_documents",
            "incident_id TEXT NOT NULL, created_us INTEGER NOT NULL, markdown TEXT NOT NULL",
        )
    )


MIGRATIONS: list[tuple[str, Migration]] = [
    ("m001_initial", m001_initial),
    ("m002_fields_of_todays_api", m002_fields_of_todays_api),
    ("m003_listing_indexes", m003_listing_indexes),
    ("m004_teams", m004_teams),
    ("m005_alerts", m005_alerts),
    ("m006_postmortem_documents", m006_postmortem_documents),
]

RESOURCE_TABLES = (
    "severities",
    "incident_statuses",
    "incident_types",
    "incident_timestamps",
    "incident_roles",
    "custom_fields",
    "users",
    "incidents",
    "incident_updates",
    "actions",
    "follow_ups",
    "workflows",
    "schedules",
    "schedule_overrides",
    "escalation_paths",
    "escalations",
    "teams",
    "alert_sources",
    "alerts",
    "incident_alerts",
    "postmortem_documents",
)


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply every pending migration; returns the names applied now."""
    conn.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY)")
    done = {row[0] for row in conn.execute("SELECT name FROM _migrations")}
    applied: list[str] = []
    for name, migration in MIGRATIONS:
        if name in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            migration(conn)
            conn.execute("INSERT INTO _migrations (name) VALUES (?)", (name,))
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        applied.append(name)
    return applied
