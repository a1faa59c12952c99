"""Escalation paths as agents read them: the catalog, the summary, and the levels in paging order.

`_escalation_levels` turns the contract's levels into the API's nodes; this module reads a path
the other way, for the summary projection, `on_call_now` and the dry run of `escalations_create`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, cast

from incidentio_toolkit.actions._base import Reader
from incidentio_toolkit.actions._projection import JsonObject, Projection, name_of, objects
from incidentio_toolkit.actions._reads import gather, read
from incidentio_toolkit.actions._references import Catalog, Resolves
from incidentio_toolkit.actions.schedules import layer_names, rotations_of, shift

ESCALATION_PATHS = Catalog(noun="escalation path", list_action="escalation_paths_list")
EscalationPathRef = Annotated[str, Resolves(ESCALATION_PATHS)]


@dataclass(frozen=True, slots=True)
class Level:
    """One level of a path: who it pages, and how long it waits for an acknowledgement."""

    position: int
    """1 for the level paged first."""

    targets: tuple[Mapping[str, Any], ...]
    """The API's targets: `{type: user|schedule|..., id, urgency, schedule_mode?}`."""

    time_to_ack_seconds: int | None


def levels_of(path: Mapping[str, Any]) -> list[Level]:
    """The levels of a path in the order they page (the `then` branch of a condition, as
    incident.io takes it when the condition holds); a repeat node ends the walk."""
    nodes = list(objects(path.get("path")))
    found: list[Level] = []
    while nodes:
        node = nodes.pop(0)
        kind = node.get("type")
        if kind == "repeat":
            break
        body = node.get(str(kind))
        if not isinstance(body, Mapping):
            continue
        content = cast(Mapping[str, Any], body)
        if kind == "if_else":
            nodes = [*objects(content.get("then_path")), *nodes]
        elif kind == "level":
            ack = content.get("time_to_ack_seconds")
            found.append(
                Level(
                    position=len(found) + 1,
                    targets=tuple(objects(content.get("targets"))),
                    time_to_ack_seconds=ack if isinstance(ack, int) else None,
                )
            )
    return found


def _levels(path: Mapping[str, Any]) -> list[JsonObject]:
    summary: list[JsonObject] = []
    for level in levels_of(path):
        item: JsonObject = {
            "level": level.position,
            "targets": [
                {key: target[key] for key in ("type", "id", "urgency") if key in target}
                for target in level.targets
            ],
        }
        if level.time_to_ack_seconds is not None:
            item["time_to_ack_seconds"] = level.time_to_ack_seconds
        summary.append(item)
    return summary


ESCALATION_PATH = Projection(
    noun="escalation path",
    schema="EscalationPathV2",
    fields=(
        "current_responders",
        "id",
        "name",
        "path",
        "repeat_config",
        "team_ids",
        "working_hours",
    ),
    summary=("id", "name", "team_ids", "current_responders.name"),
    derived={"levels": _levels},
)
"""A path with who its first level pages now, and its levels (targets and ack timeouts)."""


_SHOW: dict[str, tuple[str, str]] = {
    "schedule": ("schedules_show", "schedule"),
    "user": ("users_show", "user"),
}
"""The read that describes each kind of level target, and the output field holding it."""


def _person(user: Mapping[str, Any]) -> JsonObject:
    return {key: user[key] for key in ("name", "email") if user.get(key) is not None}


def schedule_target(schedule: Mapping[str, Any], target: Mapping[str, Any]) -> JsonObject:
    """Who a schedule target pages now, by its `schedule_mode` (default `currently_on_call`):
    the people on call now, those on call next, or every user of the rotations; the `*_for_rota`
    modes keep the `selected_rota_id` rotation only."""
    mode = str(target.get("schedule_mode") or "currently_on_call")
    rota = target.get("selected_rota_id")
    layers = layer_names(schedule)
    out: JsonObject = {"schedule": name_of(schedule)}
    if mode != "currently_on_call":
        out["mode"] = mode
    if mode.startswith("all_users"):
        seen: dict[str, JsonObject] = {}
        for rotation in rotations_of(schedule):
            if rota is None or rotation.get("id") == rota:
                for user in objects(rotation.get("users")):
                    seen.setdefault(str(user.get("id")), _person(user))
        people = list(seen.values())
    else:
        key = "next_shifts" if mode.startswith("next_on_call") else "current_shifts"
        people: list[JsonObject] = []
        for entry in objects(schedule.get(key)):
            if rota is not None and entry.get("rotation_id") != rota:
                continue
            user = entry.get("user")
            person = _person(cast(Mapping[str, Any], user) if isinstance(user, Mapping) else {})
            when = shift(entry, layers)
            people.append({**person, **{k: when[k] for k in ("layer", "until") if k in when}})
    out["users"] = people
    out["uncovered"] = not people
    return out


async def resolve_levels(reader: Reader, levels: list[Level]) -> list[list[JsonObject]]:
    """Each level's targets with the people they page now: one schedules_show per schedule and
    one users_show per user across all levels, read concurrently."""
    wanted = {
        (str(target.get("type")), str(target.get("id")))
        for level in levels
        for target in level.targets
        if target.get("type") in _SHOW
    }

    def show(kind: str, ident: str) -> Callable[[], Awaitable[Any]]:
        action, key = _SHOW[kind]
        return lambda: read(reader, action, {"id": ident}, key)

    found = await gather({key: show(*key) for key in wanted})
    resolved: list[list[JsonObject]] = []
    for level in levels:
        targets: list[JsonObject] = []
        for target in level.targets:
            kind, ident = str(target.get("type")), str(target.get("id"))
            body = found.get((kind, ident))
            if kind == "schedule" and isinstance(body, Mapping):
                targets.append(schedule_target(cast(Mapping[str, Any], body), target))
            elif kind == "user" and isinstance(body, Mapping):
                person = _person(cast(Mapping[str, Any], body))
                targets.append({"user": person.pop("name", None), **person})
            else:
                targets.append({"type": kind, "id": ident})
        resolved.append(targets)
    return resolved


def paged_people(targets: list[JsonObject]) -> list[JsonObject]:
    """The people a level's resolved targets page, once each, with the schedule they come from."""
    people: dict[str, JsonObject] = {}
    for target in targets:
        if "user" in target:
            person = {"name": target["user"], **_person(target)}
            people.setdefault(str(person.get("email") or person.get("name")), person)
        for user in cast(list[JsonObject], target.get("users") or []):
            person = {**_person(user), "via": target.get("schedule")}
            people.setdefault(str(person.get("email") or person.get("name")), person)
    return list(people.values())
