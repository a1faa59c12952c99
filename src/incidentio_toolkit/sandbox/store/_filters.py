"""Query filters shared by the list endpoints: the bracket form (`status[one_of]=ID`), and the SQL
conditions it turns into (`IN`, date ranges, incident modes)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from incidentio_toolkit.sandbox._util import parse_time, to_micros
from incidentio_toolkit.sandbox.errors import invalid

Condition = tuple[str, list[Any]]
"""A SQL condition and its parameters."""

LIST_MODES = ("standard", "retrospective", "test", "tutorial", "stream")
"""The `incident_mode` values of `GET /v2/actions` and `GET /v2/follow_ups`."""
DEFAULT_MODES = ("standard", "retrospective")
"""The incident modes listed when the request names none."""
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DAY_MICROS = 86_400_000_000


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

    def operator(self, allowed: tuple[str, ...]) -> str:
        """The one operator key of this parameter, or a 422 listing the `allowed` ones."""
        if len(self.keys) != 1 or self.keys[0] not in allowed:
            raise invalid(
                self.name, f"{self.label}: unsupported operator (use {' or '.join(allowed)})"
            )
        return self.keys[0]


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


def in_condition(column: str, values: list[str] | tuple[str, ...], negate: bool) -> Condition:
    """`column IN (...)`, or for `negate` `NOT IN` (rows where `column` is NULL included)."""
    marks = ", ".join("?" for _ in values)
    if negate:
        return f"({column} IS NULL OR {column} NOT IN ({marks}))", list(values)
    return f"{column} IN ({marks})", list(values)


def _day_bounds(text: str, label: str) -> tuple[int, int]:
    """Microsecond bounds [start, end] of a date (`YYYY-MM-DD` only, as the API's examples write
    it) or an exact date-time."""
    try:
        if "T" in text or "t" in text:
            exact = to_micros(parse_time(text))
            return exact, exact
        if not _DATE.fullmatch(text):
            raise ValueError(text)
        day = date.fromisoformat(text)
    except ValueError:
        raise invalid(label, f"{label} must be a date (YYYY-MM-DD) or RFC 3339 date-time") from None
    start = to_micros(datetime.combine(day, time(), tzinfo=UTC))
    return start, start + _DAY_MICROS - 1


def time_condition(column: str, op: str, value: str, label: str) -> Condition:
    """`gte`, `lte` or `date_range` (`2024-12-02~2024-12-08`, inclusive) on a microsecond column."""
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


def incident_scope(incident_id: str | None, incident_mode: str | None) -> tuple[str, list[Any]]:
    """The WHERE clause of objects that belong to an incident (actions, follow-ups): one incident
    if `incident_id` is given, of `incident_mode` (default: standard and retrospective)."""
    conditions: list[Condition] = []
    if incident_id is not None:
        conditions.append(("incident_id = ?", [incident_id]))
    modes = (incident_mode,) if incident_mode is not None else DEFAULT_MODES
    conditions.append(in_condition("incident_mode", modes, False))
    return all_of(conditions)


def all_of(conditions: list[Condition]) -> tuple[str, list[Any]]:
    """The conditions joined with AND (an empty list matches every row)."""
    where = " AND ".join(f"({c})" for c, _ in conditions)
    return where, [arg for _, args in conditions for arg in args]
