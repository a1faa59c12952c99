"""Typed access to JSON request bodies, raising 422 errors that name the offending field."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import datetime
from typing import Any, cast

from incidentio_toolkit.sandbox._util import JSON, parse_time
from incidentio_toolkit.sandbox.errors import invalid, missing

_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class Fields:
    """A JSON object plus its path in the request, with checked getters.

    Absent keys and `null` are treated the same: optional getters return `None`, required
    getters raise `missing_field`. A wrong type or enum raises `invalid_value`.
    """

    __slots__ = ("data", "prefix")

    def __init__(self, data: JSON, prefix: str = "") -> None:
        self.data = data
        self.prefix = prefix

    @classmethod
    def of(cls, value: Any, path: str) -> Fields:
        """Wrap `value`, which must be a JSON object."""
        if not isinstance(value, dict):
            raise invalid(path or "body", f"{path or 'body'} must be a JSON object")
        return cls(cast(JSON, value), path)

    def path(self, key: str) -> str:
        """The dotted path of `key` in the request."""
        return f"{self.prefix}.{key}" if self.prefix else key

    def has(self, key: str) -> bool:
        """Whether `key` is present and not `null`."""
        return self.data.get(key) is not None

    def _get(self, key: str, required: bool) -> Any:
        value = self.data.get(key)
        if value is None and required:
            raise missing(self.path(key))
        return value

    def str(self, key: str, *, required: bool = False) -> str | None:
        """A string field (empty or not: the spec's `minLength`, where it has one, is checked
        with the rest of the request's schema, `sandbox._schema`)."""
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, str):
            raise invalid(self.path(key), f"{self.path(key)} must be a string")
        return value

    def req_str(self, key: str) -> str:
        """A required string field."""
        value = self.str(key, required=True)
        assert value is not None
        return value

    def bool(self, key: str, *, required: bool = False) -> bool | None:
        """A boolean field."""
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, bool):
            raise invalid(self.path(key), f"{self.path(key)} must be a boolean")
        return value

    def int(
        self,
        key: str,
        *,
        required: bool = False,
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> int | None:
        """An integer field, optionally bounded."""
        value = self._get(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise invalid(self.path(key), f"{self.path(key)} must be an integer")
        if minimum is not None and value < minimum:
            raise invalid(self.path(key), f"{self.path(key)} must be at least {minimum}")
        if maximum is not None and value > maximum:
            raise invalid(self.path(key), f"{self.path(key)} must be at most {maximum}")
        return value

    def enum(self, key: str, values: Collection[str], *, required: bool = False) -> str | None:
        """A string field restricted to `values`."""
        value = self.str(key, required=required)
        if value is not None and value not in values:
            allowed = ", ".join(values)
            raise invalid(self.path(key), f"{self.path(key)} must be one of: {allowed}")
        return value

    def datetime(self, key: str, *, required: bool = False) -> datetime | None:
        """An RFC 3339 date-time field."""
        value = self.str(key, required=required)
        if value is None:
            return None
        try:
            return parse_time(value)
        except ValueError:
            raise invalid(
                self.path(key), f"{self.path(key)} must be an RFC 3339 date-time"
            ) from None

    def req_datetime(self, key: str) -> datetime:
        """A required RFC 3339 date-time field."""
        value = self.datetime(key, required=True)
        assert value is not None
        return value

    def time_of_day(self, key: str) -> str:
        """A required `HH:MM` 24-hour time field."""
        value = self.req_str(key)
        if not _HHMM.match(value):
            raise invalid(self.path(key), f"{self.path(key)} must be a time like 09:00")
        return value

    def obj(self, key: str, *, required: bool = False) -> Fields | None:
        """A nested object field."""
        value = self._get(key, required)
        if value is None:
            return None
        return Fields.of(value, self.path(key))

    def req_obj(self, key: str) -> Fields:
        """A required nested object field."""
        value = self.obj(key, required=True)
        assert value is not None
        return value

    def list(self, key: str, *, required: bool = False) -> list[Any] | None:
        """An array field (items unchecked)."""
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, list):
            raise invalid(self.path(key), f"{self.path(key)} must be an array")
        return cast(list[Any], value)

    def objs(self, key: str, *, required: bool = False) -> list[Fields] | None:
        """An array of objects."""
        items = self.list(key, required=required)
        if items is None:
            return None
        return [Fields.of(item, f"{self.path(key)}[{i}]") for i, item in enumerate(items)]

    def strs(self, key: str, *, required: bool = False) -> list[str] | None:
        """An array of strings."""
        items = self.list(key, required=required)
        if items is None:
            return None
        for i, item in enumerate(items):
            if not isinstance(item, str):
                raise invalid(f"{self.path(key)}[{i}]", f"{self.path(key)}[{i}] must be a string")
        return cast(list[str], items)

    def enums(
        self, key: str, values: Collection[str], *, required: bool = False
    ) -> list[str] | None:
        """An array of strings restricted to `values`."""
        items = self.strs(key, required=required)
        if items is None:
            return None
        for i, item in enumerate(items):
            if item not in values:
                allowed = ", ".join(values)
                raise invalid(
                    f"{self.path(key)}[{i}]", f"{self.path(key)}[{i}] must be one of: {allowed}"
                )
        return items

    def str_map(self, key: str) -> dict[str, str] | None:
        """An object whose values are all strings (annotations)."""
        value = self._get(key, False)
        if value is None:
            return None
        if not isinstance(value, dict) or not all(
            isinstance(v, str) for v in cast(JSON, value).values()
        ):
            raise invalid(self.path(key), f"{self.path(key)} must map strings to strings")
        return dict(cast(dict[str, str], value))


def weekday_intervals(items: list[Fields]) -> list[JSON]:
    """Validate `[{weekday, start_time, end_time}]` items and return them normalised."""
    return [
        {
            "weekday": item.enum("weekday", WEEKDAYS, required=True),
            "start_time": item.time_of_day("start_time"),
            "end_time": item.time_of_day("end_time"),
        }
        for item in items
    ]
