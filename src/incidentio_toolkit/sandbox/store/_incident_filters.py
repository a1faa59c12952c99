"""The filters of `GET /v2/incidents` (status, severity, type, dates, mode, roles, custom fields)
translated into SQL over the incidents table. Every id a filter names must name something of its
kind (a status, a role, a user, an option of the field...): a 422 names the filter otherwise."""

from __future__ import annotations

from typing import Any

from incidentio_toolkit.sandbox.errors import invalid, unknown_reference
from incidentio_toolkit.sandbox.store._db import Table
from incidentio_toolkit.sandbox.store._filters import (
    DEFAULT_MODES,
    BracketParam,
    Condition,
    in_condition,
    time_condition,
)
from incidentio_toolkit.sandbox.store._incident_entries import EntryBuilder
from incidentio_toolkit.sandbox.store.reference import STATUS_CATEGORIES, Reference

INCIDENT_MODES = ("standard", "retrospective", "test", "tutorial")
_CATEGORY_ALIASES = {"active": "live", "post-incident": "learning", "post_incident": "learning"}


def _flag(value: str, label: str) -> bool:
    if value not in ("true", "false"):
        raise invalid(label, f"{label} must be true or false")
    return value == "true"


def _require_each(table: Table, param: BracketParam) -> None:
    for value in param.values:
        table.require(value, param.label)


class IncidentFilter:
    """Builds the WHERE clause; `mode` always applies, the rest combine by `filter_mode`."""

    def __init__(self, reference: Reference, entries: EntryBuilder) -> None:
        self.reference = reference
        self.entries = entries
        self.conditions: list[Condition] = []
        self.modes: list[str] = []

    def add(self, param: BracketParam) -> None:
        """Add one query parameter (ignored when its name is not a filter)."""
        handler = getattr(self, f"_f_{param.name}", None)
        if handler is None:
            return
        handler(param)

    def _f_status(self, param: BracketParam) -> None:
        op = param.operator(("one_of", "not_in"))
        _require_each(self.reference.statuses, param)
        self.conditions.append(in_condition("status_id", list(param.values), op == "not_in"))

    def _f_status_category(self, param: BracketParam) -> None:
        op = param.operator(("one_of", "not_in"))
        categories: list[str] = []
        for value in param.values:
            category = _CATEGORY_ALIASES.get(value, value)
            if category not in STATUS_CATEGORIES:
                raise invalid(param.label, f"{param.label}: unknown status category {value!r}")
            categories.append(category)
        self.conditions.append(in_condition("status_category", categories, op == "not_in"))

    def _f_severity(self, param: BracketParam) -> None:
        op = param.operator(("one_of", "not_in", "gte", "lte"))
        if op in ("one_of", "not_in"):
            _require_each(self.reference.severities, param)
            self.conditions.append(in_condition("severity_id", list(param.values), op == "not_in"))
            return
        found = self.reference.severities.get(param.value)
        if found is None:
            raise unknown_reference(param.label, "severity", param.value)
        sign = ">=" if op == "gte" else "<="
        self.conditions.append((f"severity_rank {sign} ?", [found["rank"]]))

    def _f_incident_type(self, param: BracketParam) -> None:
        op = param.operator(("one_of", "not_in"))
        _require_each(self.reference.types, param)
        self.conditions.append(in_condition("type_id", list(param.values), op == "not_in"))

    def _f_created_at(self, param: BracketParam) -> None:
        op = param.operator(("gte", "lte", "date_range"))
        self.conditions.append(time_condition("created_us", op, param.value, param.label))

    def _f_updated_at(self, param: BracketParam) -> None:
        op = param.operator(("gte", "lte", "date_range"))
        self.conditions.append(time_condition("updated_us", op, param.value, param.label))

    def _f_mode(self, param: BracketParam) -> None:
        param.operator(("one_of",))
        for value in param.values:
            if value not in INCIDENT_MODES:
                raise invalid(
                    param.label, f"{param.label} must be one of: {', '.join(INCIDENT_MODES)}"
                )
            self.modes.append(value)

    def _f_incident_role(self, param: BracketParam) -> None:
        ops = ("one_of", "is_set", "is_blank")
        if len(param.keys) != 2 or param.keys[1] not in ops:
            raise invalid(
                "incident_role",
                f"{param.label}: use incident_role[ROLE_ID][one_of|is_set|is_blank]",
            )
        role_id, op = param.keys
        self.entries.roles.require(role_id, param.label)
        assigned = (
            "EXISTS (SELECT 1 FROM json_each(data, '$.incident_role_assignments') AS a "
            "WHERE json_extract(a.value, '$.role.id') = ? "
            "AND json_extract(a.value, '$.assignee.id') IS NOT NULL{extra})"
        )
        if op == "one_of":
            _require_each(self.entries.users.table, param)
            marks = ", ".join("?" for _ in param.values)
            sql = assigned.format(extra=f" AND json_extract(a.value, '$.assignee.id') IN ({marks})")
            self.conditions.append((sql, [role_id, *param.values]))
            return
        want_set = _flag(param.value, param.label) == (op == "is_set")
        sql = assigned.format(extra="")
        self.conditions.append((sql if want_set else f"NOT {sql}", [role_id]))

    def _f_custom_field(self, param: BracketParam) -> None:
        ops = ("one_of", "not_in", "is_set", "is_blank")
        if len(param.keys) != 2 or param.keys[1] not in ops:
            raise invalid(
                "custom_field",
                f"{param.label}: use custom_field[FIELD_ID][one_of|not_in|is_set|is_blank]",
            )
        field_id, op = param.keys
        info = self.entries.fields.type_info(field_id, param.label)
        has_value = (
            "EXISTS (SELECT 1 FROM json_each(data, '$.custom_field_entries') AS e, "
            "json_each(e.value, '$.values') AS v "
            "WHERE json_extract(e.value, '$.custom_field.id') = ?{extra})"
        )
        if op in ("one_of", "not_in"):
            if info["field_type"] in ("single_select", "multi_select"):
                options = {option["id"] for option in info["options"]}
                for value in param.values:
                    if value not in options:
                        raise unknown_reference(param.label, f"option of {info['name']}", value)
            marks = ", ".join("?" for _ in param.values)
            extra = (
                " AND coalesce(json_extract(v.value, '$.value_option.id'), "
                "json_extract(v.value, '$.value_text'), json_extract(v.value, '$.value_numeric'), "
                f"json_extract(v.value, '$.value_link')) IN ({marks})"
            )
            sql = has_value.format(extra=extra)
            args: list[Any] = [field_id, *param.values]
            self.conditions.append((sql if op == "one_of" else f"NOT {sql}", args))
            return
        want_set = _flag(param.value, param.label) == (op == "is_set")
        sql = has_value.format(extra="")
        self.conditions.append((sql if want_set else f"NOT {sql}", [field_id]))

    def where(self, filter_mode: str) -> tuple[str, list[Any]]:
        """The SQL WHERE clause and its parameters."""
        modes = self.modes or list(DEFAULT_MODES)
        clause, args = in_condition("mode", modes, False)
        if self.conditions:
            joiner = " AND " if filter_mode == "all" else " OR "
            clause += " AND (" + joiner.join(f"({c})" for c, _ in self.conditions) + ")"
            for _, cond_args in self.conditions:
                args.extend(cond_args)
        return clause, args
