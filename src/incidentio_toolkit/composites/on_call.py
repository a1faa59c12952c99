"""`on_call_now`: who is on call now, until when, and who is next, in one tool call.

- a schedule: one `schedules_show` (its current and next shifts);
- an escalation path: the path, then one read per schedule and user on its levels, at once;
- a user ("is X on call, and when next?"): the schedules whose rotations, or current or next
  shifts (an override), name them (the cached schedule catalog), then one
  `schedule_entries_list` per such schedule, at once;
- a team: the schedules and escalation paths that name it in their `team_ids` (the cached
  catalogs), then one `schedules_show` per schedule and one `escalation_paths_show` per path, at
  once: who is on call on each schedule, and whom each path pages now (incident.io's
  `current_responders`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime, timedelta
from typing import Any, Self, cast

from pydantic import Field, model_validator

from incidentio_toolkit.actions import (
    ActionInput,
    ActionOutput,
    JsonObject,
    Reader,
    gather,
    objects,
    read,
)
from incidentio_toolkit.actions.escalation_paths import (
    ESCALATION_PATHS,
    EscalationPathRef,
    levels_of,
    paged_people,
    resolve_levels,
)
from incidentio_toolkit.actions.schedules import (
    SCHEDULES,
    ScheduleRef,
    layer_names,
    rotations_of,
    shift,
)
from incidentio_toolkit.actions.teams import TEAMS, TeamRef
from incidentio_toolkit.actions.users import UserRef
from incidentio_toolkit.composites._base import Composite

MAX_SHIFTS = 20
"""A user's upcoming shifts listed at most; `shifts_truncated` says when there were more."""

_TARGETS = ("schedule", "escalation_path", "team", "user")


class OnCallNowInput(ActionInput):
    schedule: ScheduleRef | None = None
    escalation_path: EscalationPathRef | None = None
    team: TeamRef | None = None
    user: UserRef | None = None
    days: int = Field(default=7, ge=1, le=31, description="For a user: days ahead.")

    @model_validator(mode="after")
    def _one_target(self) -> Self:
        given = [name for name in _TARGETS if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError(
                "Give exactly one of schedule, escalation_path, team or user (by name or id); got "
                + (", ".join(given) if given else "none")
                + "."
            )
        return self


class OnCallNowOutput(ActionOutput):
    on_call: JsonObject | None = None


def _stamp(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _moment(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _between(item: Mapping[str, Any], moment: datetime) -> bool:
    start, end = _moment(item.get("from")), _moment(item.get("until"))
    return start is not None and end is not None and start <= moment < end


def _after(item: Mapping[str, Any], moment: datetime) -> bool:
    start = _moment(item.get("from"))
    return start is not None and start > moment


async def _schedule(reader: Reader, schedule_id: str) -> JsonObject:
    schedule: Mapping[str, Any] = await read(
        reader, "schedules_show", {"id": schedule_id}, "schedule"
    )
    layers = layer_names(schedule)
    current = [shift(entry, layers) for entry in objects(schedule.get("current_shifts"))]
    upcoming = [shift(entry, layers) for entry in objects(schedule.get("next_shifts"))]
    answer: JsonObject = {
        "schedule": schedule.get("name"),
        "id": schedule.get("id"),
        "timezone": schedule.get("timezone"),
        "on_call": current,
        "uncovered": not current,
    }
    ends = sorted(str(item["until"]) for item in current if item.get("until"))
    starts = sorted(str(item["from"]) for item in upcoming if item.get("from"))
    at = ends[0] if ends else starts[0] if starts else None
    if at is not None:
        answer["next_handover"] = {
            "at": at,
            "to": [item for item in upcoming if item.get("from") == at] or upcoming[:1],
        }
    return answer


async def _escalation_path(reader: Reader, path_id: str) -> JsonObject:
    path: Mapping[str, Any] = await read(
        reader, "escalation_paths_show", {"id": path_id}, "escalation_path"
    )
    levels = levels_of(path)
    resolved = await resolve_levels(reader, levels)
    answer: JsonObject = {"escalation_path": path.get("name"), "id": path.get("id")}
    answer["pages_now"] = paged_people(resolved[0]) if resolved else []
    after = 0
    summary: list[JsonObject] = []
    for level, targets in zip(levels, resolved, strict=True):
        summary.append({"level": level.position, "after_seconds": after, "targets": targets})
        after += level.time_to_ack_seconds or 0
    answer["levels"] = summary
    uncovered = [str(t["schedule"]) for targets in resolved for t in targets if t.get("uncovered")]
    if uncovered:
        answer["uncovered"] = uncovered
    return answer


def _owned_by(items: list[dict[str, Any]], team_id: str) -> list[dict[str, Any]]:
    """The objects whose `team_ids` name the team."""
    return [item for item in items if team_id in cast(list[Any], item.get("team_ids") or [])]


def _person(user: Mapping[str, Any]) -> JsonObject:
    return {key: user[key] for key in ("name", "email") if user.get(key)}


async def _path_now(reader: Reader, path_id: str) -> JsonObject:
    path: Mapping[str, Any] = await read(
        reader, "escalation_paths_show", {"id": path_id}, "escalation_path"
    )
    return {
        "escalation_path": path.get("name"),
        "id": path.get("id"),
        "pages_now": [_person(user) for user in objects(path.get("current_responders"))],
    }


async def _team(reader: Reader, team_id: str) -> JsonObject:
    listed = await gather(
        {
            TEAMS.noun: lambda: reader.listing(TEAMS),
            SCHEDULES.noun: lambda: reader.listing(SCHEDULES),
            ESCALATION_PATHS.noun: lambda: reader.listing(ESCALATION_PATHS),
        }
    )
    team = next((t for t in listed[TEAMS.noun] if t.get("id") == team_id), None)
    if team is None:
        team = await read(reader, "teams_show", {"id": team_id}, "team")
    schedules = [str(s["id"]) for s in _owned_by(listed[SCHEDULES.noun], team_id)]
    paths = [str(p["id"]) for p in _owned_by(listed[ESCALATION_PATHS.noun], team_id)]
    reads: dict[tuple[str, str], Callable[[], Awaitable[JsonObject]]] = {
        **{("schedule", sid): (lambda sid=sid: _schedule(reader, sid)) for sid in schedules},
        **{("path", pid): (lambda pid=pid: _path_now(reader, pid)) for pid in paths},
    }
    found = await gather(reads)
    answer: JsonObject = {
        "team": team.get("name"),
        "id": team.get("id"),
        "schedules": [found[("schedule", sid)] for sid in schedules],
        "escalation_paths": [found[("path", pid)] for pid in paths],
    }
    uncovered = [str(item["schedule"]) for item in answer["schedules"] if item.get("uncovered")]
    if uncovered:
        answer["uncovered"] = uncovered
    if not reads:
        answer["note"] = "No schedule or escalation path names this team in its team_ids."
    return answer


def _named_users(schedule: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The users a schedule names: in its rotations, and in its current and next shifts (where
    someone outside every rotation is on call through an override)."""
    rotations = [
        user for rotation in rotations_of(schedule) for user in objects(rotation.get("users"))
    ]
    shifts = [
        cast(Mapping[str, Any], entry["user"])
        for key in ("current_shifts", "next_shifts")
        for entry in objects(schedule.get(key))
        if isinstance(entry.get("user"), Mapping)
    ]
    return rotations + shifts


async def _user(reader: Reader, user_id: str, days: int) -> JsonObject:
    now = reader.now()
    until = now + timedelta(days=days)
    schedules: list[Mapping[str, Any]] = []
    named: list[Mapping[str, Any]] = []
    for schedule in await reader.listing(SCHEDULES):
        found = [user for user in _named_users(schedule) if user.get("id") == user_id]
        if found:
            schedules.append(schedule)
            named += found
    person: Mapping[str, Any] = (
        named[0] if named else await read(reader, "users_show", {"id": user_id}, "user")
    )
    window = {"entry_window_start": _stamp(now), "entry_window_end": _stamp(until)}

    async def entries(schedule_id: str) -> list[JsonObject]:
        arguments = {"schedule_id": schedule_id, **window}
        return [item async for item in reader.paginate("schedule_entries_list", arguments)]

    found = await gather({str(s["id"]): (lambda sid=str(s["id"]): entries(sid)) for s in schedules})
    shifts: list[JsonObject] = []
    for schedule in schedules:
        layers = layer_names(schedule)
        for entry in found[str(schedule["id"])]:
            user = entry.get("user")
            if isinstance(user, Mapping) and cast(Mapping[str, Any], user).get("id") == user_id:
                item = shift(entry, layers)
                item.pop("user", None)
                item.pop("email", None)
                shifts.append({"schedule": schedule.get("name"), **item})
    shifts.sort(key=lambda item: (str(item.get("from")), str(item.get("schedule"))))
    current = [s for s in shifts if _between(s, now)]
    upcoming = [s for s in shifts if _after(s, now)]
    answer: JsonObject = {
        "user": {key: person.get(key) for key in ("name", "email") if person.get(key)},
        "on_call_now": bool(current),
        "current": current,
        "upcoming": upcoming[:MAX_SHIFTS],
        "schedules": [s.get("name") for s in schedules],
        "window_end": _stamp(until),
    }
    if upcoming:
        answer["next_shift"] = upcoming[0]
    if len(upcoming) > MAX_SHIFTS:
        answer["shifts_truncated"] = True
    return answer


async def on_call_now(reader: Reader, arguments: OnCallNowInput) -> OnCallNowOutput:
    """Who is on call now for a schedule, an escalation path, a team or a user."""
    if arguments.schedule is not None:
        answer = await _schedule(reader, arguments.schedule)
    elif arguments.escalation_path is not None:
        answer = await _escalation_path(reader, arguments.escalation_path)
    elif arguments.team is not None:
        answer = await _team(reader, arguments.team)
    else:
        answer = await _user(reader, str(arguments.user), arguments.days)
    return OnCallNowOutput(success=True, on_call={"now": _stamp(reader.now()), **answer})


ON_CALL_NOW = Composite(
    name="on_call_now",
    description=("Who is on call now and next, for a schedule, escalation path, team or user."),
    toolset="schedules",
    input=OnCallNowInput,
    output=OnCallNowOutput,
    result="on_call",
    run=on_call_now,
    calls=(
        "schedule: 1; escalation path: 1 + one per schedule and user on its levels; team: the "
        "team, schedule and path lists (cached) + one per schedule and path of the team; user: "
        "the schedule list (cached) + one per schedule the user is in"
    ),
)

COMPOSITES = (ON_CALL_NOW,)
