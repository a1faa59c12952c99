"""The large organisation (`seed/large/`): the same seed gives the same organisation, and its shape
is that of a real customer: every status, severity, type and mode, with the custom fields, roles,
timestamps, updates, actions and follow-ups of each incident consistent with its story."""

from __future__ import annotations

import itertools
import sqlite3
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from tests.sandbox.conftest import SMALL_SCALE
from tests.sandbox.large_org_support import objects, read_only, scalar, table_digests

from incidentio_toolkit.sandbox._util import JSON, parse_time
from incidentio_toolkit.sandbox.seed.large import (
    HISTORY_END,
    LargeOrgSize,
    names,
    write_large_organisation,
)
from incidentio_toolkit.sandbox.seed.large.settings import SEVERITIES, STATUSES, TYPES
from incidentio_toolkit.sandbox.seed.large.shape import HISTORY_START
from incidentio_toolkit.sandbox.seed.large.stories import MODES
from incidentio_toolkit.sandbox.store import Store
from incidentio_toolkit.sandbox.store.escalations import STATUSES as ESCALATION_STATUSES

# The full-size organisation is built once per worker: its tests share one.
pytestmark = pytest.mark.xdist_group("large_org")


@pytest.fixture(scope="module")
def small(small_org_file: Path) -> Iterator[sqlite3.Connection]:
    conn = read_only(small_org_file)
    yield conn
    conn.close()


def _written(seed: int, scale: float) -> dict[str, str]:
    store = Store(None)
    write_large_organisation(store, seed=seed, scale=scale)
    digests = table_digests(store.db.conn)
    store.close()
    return digests


def test_the_same_seed_writes_the_same_organisation_ids_included() -> None:
    first, again, other = _written(3, 0.02), _written(3, 0.02), _written(4, 0.02)
    assert first == again
    assert {t for t in first if first[t] != other[t]} >= {"incidents", "users", "escalations"}


def test_the_template_built_in_its_own_process_is_the_one_written_here(
    small: sqlite3.Connection,
) -> None:
    assert table_digests(small) == _written(0, SMALL_SCALE)


def test_the_counts_follow_the_size_at_the_scale(small: sqlite3.Connection) -> None:
    size = LargeOrgSize.at_scale(SMALL_SCALE)
    counts = {
        table: scalar(small, f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed names
        for table in ("incidents", "users", "schedules", "escalation_paths", "workflows")
    }
    assert counts == {
        "incidents": size.incidents,
        "users": size.users,
        "schedules": size.schedules,
        "escalation_paths": size.escalation_paths,
        "workflows": size.workflows,
    }
    assert scalar(small, "SELECT count(*) FROM escalations") >= size.escalations


def test_incidents_cover_every_status_severity_type_and_mode(small: sqlite3.Connection) -> None:
    incidents = objects(small, "incidents")
    assert {i["incident_status"]["name"] for i in incidents} == {name for _, name, *_ in STATUSES}
    assert {i["incident_status"]["category"] for i in incidents} == {c for *_, c, _ in STATUSES}
    severities = {i["severity"]["name"] if "severity" in i else None for i in incidents}
    assert severities == {name for _, name, _ in SEVERITIES} | {None}
    assert {i["incident_type"]["name"] for i in incidents} == {name for _, name, *_ in TYPES}
    assert {i["mode"] for i in incidents} == set(MODES)
    assert {i["visibility"] for i in incidents} == {"public", "private"}


def test_incidents_carry_custom_fields_roles_and_timestamps(small: sqlite3.Connection) -> None:
    incidents = objects(small, "incidents")
    kinds = Counter(
        next(iter(v))
        for i in incidents
        for entry in i["custom_field_entries"]
        for v in entry["values"]
    )
    assert set(kinds) == {"value_option", "value_text", "value_numeric", "value_link"}
    assert all(i["custom_field_entries"] for i in incidents)  # every incident names its team
    roles = {a["role"]["name"] for i in incidents for a in i["incident_role_assignments"]}
    assert len(roles) >= 6
    led = [i for i in incidents if i["incident_status"]["category"] in ("live", "closed")]
    leads = [
        i
        for i in led
        if any(a["role"]["role_type"] == "lead" for a in i["incident_role_assignments"])
    ]
    assert len(leads) > 0.8 * len(led)
    values = [
        v for i in incidents for v in i["incident_timestamp_values"] if v.get("value") is not None
    ]
    assert {v["incident_timestamp"]["name"] for v in values} >= {"Reported at", "Closed at"}


def _time(value: str) -> float:
    return parse_time(value).timestamp()


def test_every_incident_story_is_consistent_in_time(small: sqlite3.Connection) -> None:
    updates: dict[str, list[JSON]] = {}
    for update in objects(small, "incident_updates"):
        updates.setdefault(update["incident_id"], []).append(update)
    start, end = _time(HISTORY_START.isoformat()), _time(HISTORY_END.isoformat())
    previous = start
    for number, incident in enumerate(objects(small, "incidents"), start=1):
        created, updated = _time(incident["created_at"]), _time(incident["updated_at"])
        assert incident["reference"] == f"INC-{number}"  # numbered in the order declared
        assert start <= previous <= created <= updated <= end, incident["reference"]
        previous = created
        history = sorted(updates.get(incident["id"], []), key=lambda u: _time(u["created_at"]))
        if history:
            assert created <= _time(history[0]["created_at"])
            assert history[-1]["new_incident_status"]["id"] == incident["incident_status"]["id"]
            assert _time(history[-1]["created_at"]) <= updated


def test_old_incidents_are_over_and_recent_ones_still_open(small: sqlite3.Connection) -> None:
    month_ago = _time((HISTORY_END - timedelta(days=30)).isoformat())
    open_categories = ("triage", "live", "paused", "learning")
    old = [i for i in objects(small, "incidents") if _time(i["created_at"]) < month_ago]
    still_open = [i for i in old if i["incident_status"]["category"] in open_categories]
    assert len(still_open) < 0.15 * len(old)
    newest = objects(small, "incidents")[-20:]
    assert any(i["incident_status"]["category"] in open_categories for i in newest)


def test_actions_follow_ups_and_escalations_belong_to_real_incidents(
    small: sqlite3.Connection,
) -> None:
    incidents = {i["id"]: i for i in objects(small, "incidents")}
    actions, follow_ups = objects(small, "actions"), objects(small, "follow_ups")
    assert actions
    assert follow_ups
    for item in actions + follow_ups:
        incident = incidents[item["incident_id"]]
        assert _time(incident["created_at"]) <= _time(item["created_at"])
    assert {a["status"] for a in actions} >= {"completed", "outstanding"}
    assert {f["status"] for f in follow_ups} >= {"completed", "outstanding"}
    escalations = objects(small, "escalations")
    assert {e["status"] for e in escalations} == set(ESCALATION_STATUSES)
    related = [r for e in escalations for r in e["related_incidents"]]
    assert related
    assert all(r["id"] in incidents for r in related)


def test_teams_alerts_and_postmortems_belong_to_real_people_and_incidents(
    small: sqlite3.Connection,
) -> None:
    users = {u["id"] for u in objects(small, "users")}
    teams = objects(small, "teams")
    assert [team["name"] for team in teams] == [name for name, _ in names.TEAMS]
    assert all(team["members"] for team in teams)
    assert {m["id"] for t in teams for m in t["members"]} <= users
    incidents = {i["id"]: i for i in objects(small, "incidents", "mode = 'standard'")}
    alerts = {a["id"]: a for a in objects(small, "alerts")}
    links = objects(small, "incident_alerts")
    assert links
    assert {"firing", "resolved"} <= {a["status"] for a in alerts.values()}
    for link in links:
        incident, alert = incidents[link["incident_id"]], alerts[link["alert_id"]]
        assert _time(alert["created_at"]) <= _time(incident["created_at"])
        if alert["status"] == "resolved":
            assert _time(alert["created_at"]) <= _time(alert["resolved_at"])
    assert len(alerts) > len(links)  # some alerts opened no incident
    documents = objects(small, "postmortem_documents")
    assert documents
    for document in documents:
        incident = incidents[document["incident_id"]]
        assert incident["incident_status"]["category"] == "closed"
        assert incident["severity"]["name"] in ("Critical", "Major")
        assert {e["id"] for e in document["editors"]} <= users
    markdown = scalar(small, "SELECT markdown FROM postmortem_documents LIMIT 1")
    assert markdown.startswith("# Post-mortem: ")
    assert "## Timeline" in markdown


def test_every_schedule_and_escalation_path_names_its_team(small: sqlite3.Connection) -> None:
    teams = {team["id"]: team["name"] for team in objects(small, "teams")}
    for table in ("schedules", "escalation_paths"):
        owned = objects(small, table)
        assert owned
        for item in owned:
            assert len(item["team_ids"]) == 1, item["name"]
            assert item["name"].startswith(teams[item["team_ids"][0]] + " "), item["name"]


def test_schedules_have_rotations_layers_handovers_and_overrides(
    small: sqlite3.Connection,
) -> None:
    schedules = objects(small, "schedules")
    rotations = [r for s in schedules for r in s["config"]["rotations"]]
    assert all(len(s["config"]["rotations"]) >= 2 for s in schedules)
    assert {h["interval_type"] for r in rotations for h in r["handovers"]} == {
        "hourly",
        "daily",
        "weekly",
    }
    assert any(len(r["layers"]) >= 2 for r in rotations)
    assert any(len(r["handovers"]) >= 2 for r in rotations)
    assert any("effective_from" in r for r in rotations)  # a rotation with two versions
    assert any(r["working_intervals"] for r in rotations)
    overridden = {o["schedule_id"] for o in objects(small, "schedule_overrides")}
    assert overridden == {s["id"] for s in schedules}


def test_each_schedule_has_eight_overrides_and_none_overlap_on_a_layer(
    small: sqlite3.Connection,
) -> None:
    overrides = objects(small, "schedule_overrides")
    per_schedule = Counter(o["schedule_id"] for o in overrides)
    assert set(per_schedule.values()) == {8}
    by_layer: dict[tuple[str, str, str], list[JSON]] = {}
    for override in overrides:
        placement = (override["schedule_id"], override["rotation_id"], override["layer_id"])
        by_layer.setdefault(placement, []).append(override)
    for layer in by_layer.values():
        layer.sort(key=lambda o: o["start_at"])
        for first, second in itertools.pairwise(layer):
            assert parse_time(first["end_at"]) <= parse_time(second["start_at"]), (first, second)


@pytest.mark.slow
def test_the_full_organisation_is_the_size_of_a_real_customer(full_org_file: Path) -> None:
    conn = read_only(full_org_file)
    try:

        def count(table: str, where: str = "1") -> int:
            found: int = scalar(conn, f"SELECT count(*) FROM {table} WHERE {where}")  # noqa: S608
            return found

        assert count("incidents") >= 10_000
        assert count("users") >= 500
        assert count("schedules") >= 40
        assert count("escalation_paths") >= 30
        assert count("escalations") >= 2_000
        assert count("workflows") >= 50
        assert count("custom_fields") >= 10
        assert count("incident_roles") >= 6
        assert count("incident_updates") >= 2 * count("incidents")
        assert count("actions") >= count("incidents") / 2
        assert count("follow_ups") >= count("incidents") / 4
        span = scalar(conn, "SELECT max(created_us) - min(created_us) FROM incidents")
        assert span >= timedelta(days=700) / timedelta(microseconds=1)
    finally:
        conn.close()
