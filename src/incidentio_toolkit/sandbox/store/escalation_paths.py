"""Escalation paths: node trees of levels, branches, repeats and delays."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from incidentio_toolkit.sandbox._util import JSON, new_id
from incidentio_toolkit.sandbox._validate import Fields, weekday_intervals
from incidentio_toolkit.sandbox.domain import workflow_engine
from incidentio_toolkit.sandbox.errors import invalid, missing, unknown_reference
from incidentio_toolkit.sandbox.store._db import Database, Page, Table
from incidentio_toolkit.sandbox.store.on_call import OnCall
from incidentio_toolkit.sandbox.store.schedules import Schedules, rotations_of
from incidentio_toolkit.sandbox.store.teams import Teams
from incidentio_toolkit.sandbox.store.users import Users, user_embed

NODE_TYPES = (
    "if_else",
    "repeat",
    "level",
    "notify_channel",
    "delay",
    "voicemail",
    "escalation_path",
)
KINDS = ("standalone", "templated")
TARGET_TYPES = ("schedule", "user", "slack_channel", "msteams_channel")
URGENCIES = ("high", "low")
SCHEDULE_MODES = (
    "currently_on_call",
    "all_users_for_rota",
    "all_users",
    "currently_on_call_for_rota",
    "next_on_call_for_rota",
    "next_on_call",
    "",
)
_ROTA_MODES = ("all_users_for_rota", "currently_on_call_for_rota", "next_on_call_for_rota")
ACK_MODES = ("all", "first")
INTERVAL_CONDITIONS = ("active", "inactive")


class EscalationPaths:
    """Stored rows hold `EscalationPathV2` without `current_responders` (computed on read)."""

    def __init__(
        self, db: Database, users: Users, schedules: Schedules, on_call: OnCall, teams: Teams
    ) -> None:
        self.table = Table(db, "escalation_paths", "escalation path")
        self.users = users
        self.schedules = schedules
        self.on_call = on_call
        self.teams = teams

    def show(self, id: str) -> JSON:
        """The stored path or 404."""
        return self.table.show(id)

    def require(self, id: str, field: str) -> JSON:
        """The path `id` or a 422 naming `field`."""
        return self.table.require(id, field)

    def page(self, after: str | None, limit: int) -> Page:
        """Paths in creation order."""
        return self.table.page(after=after, limit=limit)

    def create(self, body: Fields, now: datetime, *, id: str | None = None) -> JSON:
        """Create from `EscalationsCreatePathPayloadV2`."""
        path = {"id": id or new_id(now), **self._build(body)}
        self.table.insert(path["id"], path)
        return path

    def update(self, id: str, body: Fields) -> JSON:
        """Replace from `EscalationsUpdatePathPayloadV2`."""
        self.show(id)
        path = {"id": id, **self._build(body)}
        self.table.update(id, path)
        return path

    def delete(self, id: str) -> None:
        """Archive a path."""
        self.show(id)
        self.table.soft_delete(id)

    # responders ----------------------------------------------------------------------------
    def first_level_targets(self, path: JSON) -> list[JSON]:
        """Targets of the first level node (depth-first, following `then_path`)."""
        nodes: list[JSON] = list(path["path"])
        while nodes:
            node = nodes.pop(0)
            if node["type"] == "level":
                return list(node["level"]["targets"])
            if node["type"] == "if_else":
                nodes = list(node["if_else"]["then_path"]) + nodes
        return []

    def responders(self, targets: list[JSON], now: datetime) -> list[JSON]:
        """Users the targets page right now (schedules resolved through who is on call)."""
        found: dict[str, JSON] = {}
        for target in targets:
            if target["type"] == "user":
                user = self.users.get(target["id"])
                if user is not None:
                    found.setdefault(user["id"], user_embed(user))
            elif target["type"] == "schedule":
                schedule = self.schedules.table.get(target["id"])
                if schedule is None:
                    continue
                mode = target.get("schedule_mode") or "currently_on_call"
                rota = target.get("selected_rota_id")
                if mode in ("all_users", "all_users_for_rota"):
                    for rotation in rotations_of(schedule):
                        if rota is None or rotation["id"] == rota:
                            for user in rotation["users"]:
                                found.setdefault(user["id"], user)
                else:
                    for user in self.on_call.on_call_users(schedule, now, rota):
                        found.setdefault(user["id"], user)
        return list(found.values())

    def with_responders(self, path: JSON, now: datetime) -> JSON:
        """The path plus `current_responders`."""
        return {**path, "current_responders": self.responders(self.first_level_targets(path), now)}

    # validation ----------------------------------------------------------------------------
    def _build(self, body: Fields) -> JSON:
        name = body.req_str("name")
        kind = body.enum("kind", KINDS) or "standalone"
        template_id = body.str("template_id")
        if kind == "templated":
            if template_id is None:
                raise missing(body.path("template_id"))
            # The sandbox has no escalation path templates, so no template id can exist.
            raise unknown_reference(
                body.path("template_id"), "escalation path template", template_id
            )
        if template_id is not None or body.has("param_bindings"):
            raise invalid(
                body.path("template_id"),
                "template_id and param_bindings only apply to a path of kind templated",
            )
        hours = [self._working_hours(item) for item in body.objs("working_hours") or []]
        hour_ids = {h["id"] for h in hours}
        seen: set[str] = set()
        nodes = self._nodes(body.objs("path", required=True) or [], hour_ids, seen)
        if not nodes:
            raise invalid("path", "path needs at least one node")
        out: JSON = {
            "name": name,
            "kind": "standalone",
            "path": nodes,
            "team_ids": self.teams.team_ids(body, "team_ids") or [],
        }
        if hours:
            out["working_hours"] = hours
        repeat = body.obj("repeat_config")
        if repeat is not None:
            out["repeat_config"] = {
                "repeat_after_seconds": repeat.int(
                    "repeat_after_seconds", required=True, minimum=300, maximum=345600
                ),
                "delay_repeat_on_activity": repeat.bool("delay_repeat_on_activity", required=True),
            }
        return out

    @staticmethod
    def _working_hours(item: Fields) -> JSON:
        timezone = item.req_str("timezone")
        try:
            ZoneInfo(timezone)
        except (KeyError, ValueError):
            raise invalid(item.path("timezone"), f"unknown timezone {timezone!r}") from None
        return {
            "id": item.req_str("id"),
            "name": item.req_str("name"),
            "timezone": timezone,
            "weekday_intervals": weekday_intervals(
                item.objs("weekday_intervals", required=True) or []
            ),
        }

    def _nodes(self, items: list[Fields], hours: set[str], seen: set[str]) -> list[JSON]:
        nodes: list[JSON] = []
        for item in items:
            node_id = item.req_str("id")
            if node_id in seen:
                raise invalid(item.path("id"), f"node id {node_id!r} is used twice")
            seen.add(node_id)
            kind = item.enum("type", NODE_TYPES, required=True)
            node: JSON = {"id": node_id, "type": kind}
            if kind == "voicemail":
                raise invalid(item.path("type"), "voicemail nodes are only valid in call routes")
            if kind in ("level", "notify_channel"):
                node[kind] = self._level(item.req_obj(kind), hours)
            elif kind == "if_else":
                branch = item.req_obj("if_else")
                node["if_else"] = {
                    "conditions": [
                        workflow_engine.condition(c) for c in branch.objs("conditions") or []
                    ],
                    "then_path": self._nodes(
                        branch.objs("then_path", required=True) or [], hours, seen
                    ),
                    "else_path": self._nodes(
                        branch.objs("else_path", required=True) or [], hours, seen
                    ),
                }
            elif kind == "escalation_path":
                target = item.req_obj("escalation_path")
                path_id = target.req_str("escalation_path_id")
                self.table.require(path_id, target.path("escalation_path_id"))
                node["escalation_path"] = {"escalation_path_id": path_id}
            elif kind == "repeat":
                repeat = item.req_obj("repeat")
                to_node = repeat.req_str("to_node")
                if to_node not in seen:
                    raise unknown_reference(repeat.path("to_node"), "earlier node", to_node)
                node["repeat"] = {
                    "to_node": to_node,
                    "repeat_times": repeat.int("repeat_times", required=True, minimum=1),
                }
            else:
                delay = item.req_obj("delay")
                node["delay"] = _drop_none(
                    {
                        "delay_seconds": delay.int("delay_seconds", minimum=0),
                        "delay_interval_condition": delay.enum(
                            "delay_interval_condition", INTERVAL_CONDITIONS
                        ),
                        "delay_weekday_interval_config_id": _hours_ref(
                            delay, "delay_weekday_interval_config_id", hours
                        ),
                    }
                )
            nodes.append(node)
        return nodes

    def _level(self, level: Fields, hours: set[str]) -> JSON:
        targets = [self._target(t) for t in level.objs("targets", required=True) or []]
        if not targets:
            raise missing(level.path("targets"))
        out: JSON = {"targets": targets}
        retry = level.obj("retry_config")
        if retry is not None:
            interval = retry.int("interval_seconds", required=True, minimum=60)
            if interval is not None and interval % 60:
                raise invalid(
                    retry.path("interval_seconds"),
                    f"{retry.path('interval_seconds')} must be a whole number of minutes "
                    "(divisible by 60)",
                )
            out["retry_config"] = {
                "attempts": retry.int("attempts", required=True, minimum=2, maximum=10),
                "interval_seconds": interval,
            }
        robin = level.obj("round_robin_config")
        if robin is not None:
            out["round_robin_config"] = _drop_none(
                {
                    "enabled": robin.bool("enabled", required=True),
                    "rotate_after_seconds": robin.int("rotate_after_seconds", minimum=0),
                }
            )
        out.update(
            _drop_none(
                {
                    "time_to_ack_seconds": level.int("time_to_ack_seconds", minimum=0),
                    "ack_mode": level.enum("ack_mode", ACK_MODES),
                    "time_to_ack_interval_condition": level.enum(
                        "time_to_ack_interval_condition", INTERVAL_CONDITIONS
                    ),
                    "time_to_ack_weekday_interval_config_id": _hours_ref(
                        level, "time_to_ack_weekday_interval_config_id", hours
                    ),
                }
            )
        )
        return out

    def _target(self, item: Fields) -> JSON:
        kind = item.enum("type", TARGET_TYPES, required=True)
        target_id = item.req_str("id")
        urgency = item.enum("urgency", URGENCIES, required=True)
        mode = item.enum("schedule_mode", SCHEDULE_MODES)
        rota = item.str("selected_rota_id")
        out: JSON = {"id": target_id, "type": kind, "urgency": urgency}
        if kind == "user":
            self.users.require(target_id, item.path("id"))
        if kind == "schedule":
            schedule = self.schedules.require(target_id, item.path("id"))
            if mode in _ROTA_MODES:
                rotations = {r["id"] for r in rotations_of(schedule)}
                if rota is None:
                    raise missing(item.path("selected_rota_id"))
                if rota not in rotations:
                    raise unknown_reference(
                        item.path("selected_rota_id"), "rotation on this schedule", rota
                    )
                out["selected_rota_id"] = rota
            elif rota is not None:
                raise invalid(
                    item.path("selected_rota_id"),
                    f"selected_rota_id must be omitted for schedule_mode {mode!r}",
                )
            out["schedule_mode"] = mode or "currently_on_call"
        elif mode or rota is not None:
            raise invalid(
                item.path("schedule_mode"),
                "schedule_mode and selected_rota_id only apply to schedule targets",
            )
        return out


def _hours_ref(item: Fields, key: str, hours: set[str]) -> str | None:
    value = item.str(key)
    if value is not None and value not in hours:
        raise unknown_reference(item.path(key), "working hours config", value)
    return value


def _drop_none(values: JSON) -> JSON:
    return {k: v for k, v in values.items() if v is not None}
