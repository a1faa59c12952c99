"""Translate the bracket-style query filters of `GET /v2/incidents` into SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from incidentio_toolkit.sandbox._util import parse_time, to_micros
from incidentio_toolkit.sandbox.errors import invalid, unknown_reference
from incidentio_toolkit.sandbox.store.catalog import STATUS_CATEGORIES, Catalog

INCIDENT_MODES = ("standard", "retrospective", "test", "tutorial")
DEFAULT_MODES = ("standard", "retrospective")
_CATEGORY_ALIASES = {"active": "live", "post-incident": "learning", "post_incident": "learning"}


@dataclass(frozen=True, slots=True)
class BracketParam:
    """A query parameter such as `severity[gte]=ID` → name `severity`, keys `("gte",)`.

    Repeated keys are merged: `values` holds every value sent for the same name and keys.
    """

    name: str
    keys: tuple[str, ...]
    values: tuple[str, ...]

    @property
    def label(self) -> str:
        """The parameter as written, without its value."""
        return self.name + "".join(f"[{k}]" for k in self.keys)

    @property
    def value(self) -> str:
        """The first value (for operators that take one)."""
        return self.values[0]


def parse_brackets(items: list[tuple[str, str]]) -> list[BracketParam]:
    """Every `name[a][b]=value` pair (a trailing `[]` is ignored), repeated keys merged."""
    merged: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for key, value in items:
        if "[" not in key or not key.endswith("]"):
            continue
        name, _, rest = key.partition("[")
        keys = tuple(k for k in rest[:-1].split("][") if k != "")
        merged.setdefault((name, keys), []).append(value)
    return [BracketParam(name, keys, tuple(values)) for (name, keys), values in merged.items()]


def in_condition(column: str, values: list[str], negate: bool) -> tuple[str, list[Any]]:
    marks = ", ".join("?" for _ in values)
    if negate:
        return f"({column} IS NULL OR {column} NOT IN ({marks}))", list(values)
    return f"{column} IN ({marks})", list(values)


def _day_bounds(text: str, label: str) -> tuple[int, int]:
    """Microsecond bounds [start, end] of a date or an exact date-time."""
    try:
        if "T" in text or "t" in text:
            exact = to_micros(parse_time(text))
            return exact, exact
        day = date.fromisoformat(text)
    except ValueError:
        raise invalid(label, f"{label} must be a date (YYYY-MM-DD) or RFC 3339 date-time") from None
    start = datetime.combine(day, time(), tzinfo=UTC)
    return to_micros(start), to_micros(start + timedelta(days=1)) - 1


def time_condition(column: str, op: str, value: str, label: str) -> tuple[str, list[Any]]:
    if op == "gte":
        return f"{column} >= ?", [_day_bounds(value, label)[0]]
    if op == "lte":
        return f"{column} <= ?", [_day_bounds(value, label)[1]]
    if op == "date_range":
        first, sep, last = value.partition("~")
        if not sep:
            raise invalid(label, f"{label} must look like 2024-12-02~2024-12-08")
        return f"{column} BETWEEN ? AND ?", [
            _day_bounds(first, label)[0],
            _day_bounds(last, label)[1],
        ]
    raise invalid(label, f"{label}: unsupported operator {op!r} (use gte, lte or date_range)")


def _flag(value: str, label: str) -> bool:
    if value not in ("true", "false"):
        raise invalid(label, f"{label} must be true or false")
    return value == "true"


class IncidentFilter:
    """Builds the WHERE clause; `mode` always applies, the rest combine by `filter_mode`."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.conditions: list[tuple[str, list[Any]]] = []
        self.modes: list[str] = []

    def add(self, param: BracketParam) -> None:
        """Add one query parameter (ignored when its name is not a filter)."""
        handler = getattr(self, f"_f_{param.name}", None)
        if handler is None:
            return
        handler(param)

    def _single_op(self, param: BracketParam, allowed: tuple[str, ...]) -> str:
        if len(param.keys) != 1 or param.keys[0] not in allowed:
            raise invalid(
                param.name,
                f"{param.label}: unsupported operator (use {' or '.join(allowed)})",
            )
        return param.keys[0]

    def _f_status(self, param: BracketParam) -> None:
        op = self._single_op(param, ("one_of", "not_in"))
        self.conditions.append(in_condition("status_id", list(param.values), op == "not_in"))

    def _f_status_category(self, param: BracketParam) -> None:
        op = self._single_op(param, ("one_of", "not_in"))
        categories: list[str] = []
        for value in param.values:
            category = _CATEGORY_ALIASES.get(value, value)
            if category not in STATUS_CATEGORIES:
                raise invalid(param.label, f"{param.label}: unknown status category {value!r}")
            categories.append(category)
        self.conditions.append(in_condition("status_category", categories, op == "not_in"))

    def _f_severity(self, param: BracketParam) -> None:
        op = self._single_op(param, ("one_of", "not_in", "gte", "lte"))
        if op in ("one_of", "not_in"):
            self.conditions.append(in_condition("severity_id", list(param.values), op == "not_in"))
            return
        found = self.catalog.severities.get(param.value)
        if found is None:
            raise unknown_reference(param.label, "severity", param.value)
        sign = ">=" if op == "gte" else "<="
        self.conditions.append((f"severity_rank {sign} ?", [found["rank"]]))

    def _f_incident_type(self, param: BracketParam) -> None:
        op = self._single_op(param, ("one_of", "not_in"))
        self.conditions.append(in_condition("type_id", list(param.values), op == "not_in"))

    def _f_created_at(self, param: BracketParam) -> None:
        op = self._single_op(param, ("gte", "lte", "date_range"))
        self.conditions.append(time_condition("created_us", op, param.value, param.label))

    def _f_updated_at(self, param: BracketParam) -> None:
        op = self._single_op(param, ("gte", "lte", "date_range"))
        self.conditions.append(time_condition("updated_us", op, param.value, param.label))

    def _f_mode(self, param: BracketParam) -> None:
        self._single_op(param, ("one_of",))
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
        assigned = (
            "EXISTS (SELECT 1 FROM json_each(data, '$.incident_role_assignments') AS a "
            "WHERE json_extract(a.value, '$.role.id') = ? "
            "AND json_extract(a.value, '$.assignee.id') IS NOT NULL{extra})"
        )
        if op == "one_of":
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
        has_value = (
            "EXISTS (SELECT 1 FROM json_each(data, '$.custom_field_entries') AS e, "
            "json_each(e.value, '$.values') AS v "
            "WHERE json_extract(e.value, '$.custom_field.id') = ?{extra})"
        )
        if op in ("one_of", "not_in"):
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
