"""The large organisation's on-call: schedules (several rotations each, with layers, every kind of
handover, working hours, versioned rotations) and their overrides, and escalation paths (levels,
branches, repeats, delays and working hours), written through the stores. Each names its team in
`team_ids`."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from incidentio_toolkit.sandbox._util import JSON, fmt_time, new_id
from incidentio_toolkit.sandbox._validate import Fields
from incidentio_toolkit.sandbox.seed.large.org import LargeOrg, Team
from incidentio_toolkit.sandbox.seed.large.shape import HISTORY_END, HISTORY_START, ORG_CREATED
from incidentio_toolkit.sandbox.seed.large.teams import team_id

SCHEDULE_KINDS = ("Primary", "Secondary", "Business hours", "Follow the sun", "Shadow")
PATH_KINDS = ("Urgent", "Business hours", "Major incident")
OVERRIDES_PER_SCHEDULE = 8
Window = tuple[datetime, datetime]
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")
WEEKEND = ("saturday", "sunday")


def _local_start(timezone: str, hour: int) -> str:
    """The first Monday at `hour` local time after the organisation was set up."""
    day = ORG_CREATED.astimezone(ZoneInfo(timezone)).date()
    day += timedelta(days=(7 - day.weekday()) % 7)
    return fmt_time(datetime(day.year, day.month, day.day, hour, tzinfo=ZoneInfo(timezone)))


def _people(org: LargeOrg, team: Team, low: int, high: int) -> list[JSON]:
    return [{"id": u["id"]} for u in org.some(team.members, low, high)] or [
        {"id": org.pick(org.active_users)["id"]}
    ]


def _rotation(
    org: LargeOrg,
    team: Team,
    name: str,
    handovers: list[JSON],
    layers: tuple[str, ...],
    **extra: object,
) -> JSON:
    return {
        "id": new_id(ORG_CREATED),
        "name": name,
        "handover_start_at": _local_start(team.timezone, 9),
        "handovers": handovers,
        "layers": [{"id": new_id(ORG_CREATED), "name": layer} for layer in layers],
        "users": _people(org, team, 3, 8),
        **extra,
    }


def _hours(days: tuple[str, ...], start: str, end: str) -> list[JSON]:
    return [{"weekday": day, "start_time": start, "end_time": end} for day in days]


def _rotations(org: LargeOrg, team: Team, kind: str) -> list[JSON]:
    weekly = [{"interval": 1, "interval_type": "weekly"}]
    daily = [{"interval": 1, "interval_type": "daily"}]
    if kind == "Primary":
        main = _rotation(org, team, "Primary", weekly, ("Primary", "Secondary"))
        changed = {**main, "users": _people(org, team, 3, 8)}
        when = HISTORY_START + timedelta(days=org.rng.randint(60, 650))
        changed["effective_from"] = fmt_time(when.replace(minute=0, second=0, microsecond=0))
        weekend = _rotation(
            org,
            team,
            "Weekend cover",
            daily,
            ("On call",),
            working_intervals=_hours(WEEKEND, "09:00", "21:00"),
        )
        return [main, changed, weekend]
    if kind == "Secondary":
        return [
            _rotation(
                org,
                team,
                "Day and night",
                [{"interval": 12, "interval_type": "hourly"}],
                ("Backup",),
            ),
            _rotation(org, team, "Managers", weekly, ("Manager",)),
        ]
    if kind == "Business hours":
        split = [
            {"interval": 3, "interval_type": "daily"},
            {"interval": 4, "interval_type": "daily"},
        ]
        return [
            _rotation(
                org,
                team,
                "Business hours",
                daily,
                ("Responder", "Shadow"),
                working_intervals=_hours(WEEKDAYS, "09:00", "17:00"),
                scheduling_mode="fair",
            ),
            _rotation(org, team, "Out of hours", split, ("On call",)),
        ]
    if kind == "Follow the sun":
        return [
            _rotation(
                org,
                team,
                region,
                weekly,
                ("On call",),
                working_intervals=_hours(WEEKDAYS + WEEKEND, start, end),
            )
            for region, start, end in (
                ("EMEA", "07:00", "15:00"),
                ("AMER", "15:00", "23:00"),
                ("APAC", "23:00", "07:00"),
            )
        ]
    return [
        _rotation(org, team, "Shadow", weekly, ("Shadow",), scheduling_mode="sequential"),
        _rotation(org, team, "Primary", [{"interval": 2, "interval_type": "weekly"}], ("Primary",)),
    ]


def write_schedules(org: LargeOrg) -> None:
    """`size.schedules` schedules (every team has at least one), each with its overrides."""
    for index in range(org.size.schedules):
        team = org.teams[index % len(org.teams)]
        kind = SCHEDULE_KINDS[index % len(SCHEDULE_KINDS)]
        timezone = "UTC" if kind == "Follow the sun" else team.timezone
        rotations = _rotations(org, team, kind)
        payload = {
            "schedule": {
                "name": f"{team.name} {kind}",
                "timezone": timezone,
                "team_ids": [team_id(org, team)],
                "config": {"rotations": rotations},
                "annotations": {"globex.example/team": team.name.lower()},
            }
        }
        schedule_id = new_id(ORG_CREATED)
        org.store.schedules.create(Fields(payload), ORG_CREATED, id=schedule_id)
        team.schedule_ids.append(schedule_id)
        layers = {(schedule_id, r["id"], layer["id"]) for r in rotations for layer in r["layers"]}
        team.layers.extend(sorted(layers))
        _write_overrides(org, team, schedule_id, sorted(layers))


def _free_window(
    org: LargeOrg, layers: list[tuple[str, str, str]], taken: dict[tuple[str, str], list[Window]]
) -> tuple[str, str, Window]:
    """A layer and a window on it that overlaps none of the layer's overrides (on one layer
    they never overlap, as in incident.io); drawn again until it fits."""
    while True:
        _, rotation_id, layer_id = org.pick(layers)
        start = HISTORY_END + timedelta(hours=org.rng.randint(-90 * 24, 60 * 24))
        end = start + timedelta(hours=org.rng.choice((4, 8, 12, 24, 48, 72)))
        windows = taken.setdefault((rotation_id, layer_id), [])
        if all(end <= other_start or start >= other_end for other_start, other_end in windows):
            windows.append((start, end))
            return rotation_id, layer_id, (start, end)


def _write_overrides(
    org: LargeOrg, team: Team, schedule_id: str, layers: list[tuple[str, str, str]]
) -> None:
    taken: dict[tuple[str, str], list[Window]] = {}
    for _ in range(OVERRIDES_PER_SCHEDULE):
        rotation_id, layer_id, (start, end) = _free_window(org, layers, taken)
        created = min(start - timedelta(days=org.rng.randint(1, 10)), HISTORY_END)
        user = org.pick(team.members or org.active_users)
        body = {
            "schedule_id": schedule_id,
            "rotation_id": rotation_id,
            "layer_id": layer_id,
            "user": {"id": user["id"]},
            "start_at": fmt_time(start),
            "end_at": fmt_time(end),
        }
        org.store.schedule_overrides.create(Fields(body), created)


def _schedule_target(schedule_id: str, urgency: str, **extra: str) -> JSON:
    return {
        "id": schedule_id,
        "type": "schedule",
        "urgency": urgency,
        "schedule_mode": "currently_on_call",
        **extra,
    }


def _level(node_id: str, targets: list[JSON], seconds: int, **extra: object) -> JSON:
    level: JSON = {"targets": targets, "time_to_ack_seconds": seconds, **extra}
    return {"id": node_id, "type": "level", "level": level}


def _urgent(org: LargeOrg, team: Team, manager: str) -> JSON:
    first, *rest = team.schedule_ids
    second = rest[0] if rest else first
    return {
        "path": [
            _level("level-1", [_schedule_target(first, "high")], 300, ack_mode="first"),
            _level("level-2", [_schedule_target(second, "high")], 600),
            _level("level-3", [{"id": manager, "type": "user", "urgency": "high"}], 900),
            {
                "id": "repeat-1",
                "type": "repeat",
                "repeat": {"to_node": "level-1", "repeat_times": 2},
            },
        ]
    }


def _business_hours(org: LargeOrg, team: Team) -> JSON:
    office = "office-hours"
    return {
        "working_hours": [
            {
                "id": office,
                "name": "Office hours",
                "timezone": team.timezone,
                "weekday_intervals": _hours(WEEKDAYS, "09:00", "17:00"),
            }
        ],
        "path": [
            {
                "id": "delay-1",
                "type": "delay",
                "delay": {
                    "delay_interval_condition": "inactive",
                    "delay_weekday_interval_config_id": office,
                },
            },
            _level(
                "level-1",
                [_schedule_target(team.schedule_ids[-1], "low")],
                1800,
                time_to_ack_interval_condition="active",
                time_to_ack_weekday_interval_config_id=office,
            ),
            {
                "id": "notify-1",
                "type": "notify_channel",
                "notify_channel": {
                    "targets": [{"id": team.channel, "type": "slack_channel", "urgency": "low"}]
                },
            },
        ],
        "repeat_config": {"repeat_after_seconds": 3600, "delay_repeat_on_activity": True},
    }


def _major(org: LargeOrg, team: Team, manager: str) -> JSON:
    critical = {
        "subject": "escalation.priority",
        "operation": "one_of",
        "param_bindings": [{"array_value": [{"literal": "P1"}]}],
    }
    everyone = [_schedule_target(s, "high") for s in team.schedule_ids[:2]]
    return {
        "path": [
            {
                "id": "if-critical",
                "type": "if_else",
                "if_else": {
                    "conditions": [critical],
                    "then_path": [
                        _level("all-schedules", everyone, 300, ack_mode="all"),
                        _level(
                            "manager", [{"id": manager, "type": "user", "urgency": "high"}], 300
                        ),
                    ],
                    "else_path": [
                        _level(
                            "primary",
                            [_schedule_target(team.schedule_ids[0], "low")],
                            900,
                            round_robin_config={"enabled": True, "rotate_after_seconds": 300},
                        )
                    ],
                },
            }
        ],
        "repeat_config": {"repeat_after_seconds": 900, "delay_repeat_on_activity": False},
    }


def write_escalation_paths(org: LargeOrg) -> None:
    """`size.escalation_paths` paths (every team has at least one)."""
    for index in range(org.size.escalation_paths):
        team = org.teams[index % len(org.teams)]
        kind = PATH_KINDS[index % len(PATH_KINDS)]
        manager = (team.members or org.active_users)[0]["id"]
        if kind == "Urgent":
            body = _urgent(org, team, manager)
        elif kind == "Business hours":
            body = _business_hours(org, team)
        else:
            body = _major(org, team, manager)
        body["name"] = f"{team.name} {kind.lower()}"
        body["team_ids"] = [team_id(org, team)]
        path_id = new_id(ORG_CREATED)
        org.store.escalation_paths.create(Fields(body), ORG_CREATED, id=path_id)
        team.path_ids.append(path_id)
