"""Projections: how an agent sees one object of a resource, and the `fields` that select parts of it.

Each resource module declares one `Projection` per object it returns: the object's top-level fields
(as the official OpenAPI spec names them, checked by a test), the dotted paths its summary keeps,
and a few derived values computed from the full object (the lead's name, custom field values).
Agent surfaces return the summary by default; `fields` picks paths (or derived names) instead, and
`["*"]` asks for the full object.

A dotted path walks objects and maps over lists: `severity.name` keeps `{"severity": {"name": ...}}`,
`custom_field_entries.values` keeps the `values` of every entry. A path that is absent from an
object is simply left out.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, cast

JsonObject = dict[str, Any]
Derive = Callable[[Mapping[str, Any]], Any]
"""Computes one derived value from the full object; `None`, `[]` and `{}` are left out."""

EVERYTHING = "*"
"""The `fields` entry that asks for the full object."""


def _no_derived() -> Mapping[str, Derive]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Projection:
    """One resource object as agents see it (documented, per resource, in docs/agents.md)."""

    noun: str
    """What one object is called in messages (`incident`, `schedule entry`)."""

    schema: str
    """The object's schema in the official OpenAPI spec (`IncidentV2`)."""

    fields: tuple[str, ...]
    """The object's top-level fields, as the spec lists them: what `fields` paths start with."""

    summary: tuple[str, ...]
    """The dotted paths the summary keeps, in output order; then the derived values."""

    derived: Mapping[str, Derive] = field(default_factory=_no_derived)
    """Values computed from the full object, by output name; part of the summary, and valid
    `fields` entries too."""

    def valid_names(self) -> tuple[str, ...]:
        """What a `fields` path may start with: the object's fields, then the derived names."""
        return (*self.fields, *self.derived)

    def problem(self, paths: Sequence[str]) -> str | None:
        """Why `paths` cannot be used as `fields` for this object, or None when they can."""
        if not paths:
            return f'fields is empty: name the paths to return, or ["{EVERYTHING}"] for everything'
        valid = self.valid_names()
        unknown: list[str] = []
        for path in paths:
            head = path.split(".", 1)[0]
            if path == EVERYTHING or (head in valid and all(path.split("."))):
                continue
            unknown.append(path)
        if not unknown:
            return None
        hints = [
            f"{path!r} (did you mean {close[0]!r}?)" if close else repr(path)
            for path in unknown
            for close in [difflib.get_close_matches(path.split(".", 1)[0], valid, n=1)]
        ]
        article = "an" if self.noun[:1] in "aeiou" else "a"
        return (
            f"unknown {'field' if len(unknown) == 1 else 'fields'} {', '.join(hints)} for "
            f"{article} {self.noun}. Valid top-level fields: {', '.join(self.fields)}; derived: "
            f'{", ".join(self.derived) or "none"}; or ["{EVERYTHING}"] for the full object'
        )

    def project(self, item: Mapping[str, Any], paths: Sequence[str]) -> JsonObject:
        """The parts of `item` that `paths` name (checked with `problem` beforehand)."""
        if EVERYTHING in paths:
            return dict(item)
        out: JsonObject = {}
        for path in paths:
            derive = self.derived.get(path)
            if derive is not None:
                value = derive(item)
                if value not in (None, [], {}):
                    out[path] = value
                continue
            _merge(out, _pick(item, path.split(".")))
        return out

    def summarize(self, item: Mapping[str, Any]) -> JsonObject:
        """The summary of one full object."""
        return self.project(item, (*self.summary, *self.derived))


_MISSING: Any = object()


def _pick(value: Any, parts: list[str]) -> Any:
    """`value` reduced to the path `parts` (lists are mapped), or `_MISSING`."""
    if not parts:
        return value
    if isinstance(value, list):
        picked = [_pick(item, parts) for item in cast(list[Any], value)]
        return [item for item in picked if item is not _MISSING]
    if not isinstance(value, Mapping):
        return _MISSING
    mapping = cast(Mapping[str, Any], value)
    if parts[0] not in mapping:
        return _MISSING
    inner = _pick(mapping[parts[0]], parts[1:])
    if inner is _MISSING or (len(parts) > 1 and inner in ({}, [])):
        return _MISSING
    return {parts[0]: inner}


def _merge(into: JsonObject, picked: Any) -> None:
    """Merge one picked path into the output (`severity.id` and `severity.name` share a key)."""
    if not isinstance(picked, dict):
        return
    for key, value in cast(JsonObject, picked).items():
        current = into.get(key)
        if isinstance(current, dict) and isinstance(value, dict):
            _merge(cast(JsonObject, current), value)
        elif isinstance(current, list) and isinstance(value, list):
            into[key] = _merge_lists(cast(list[Any], current), cast(list[Any], value))
        else:
            into[key] = value


def _merge_lists(left: list[Any], right: list[Any]) -> list[Any]:
    if len(left) != len(right):
        return right
    merged: list[Any] = []
    for a, b in zip(left, right, strict=True):
        if isinstance(a, dict) and isinstance(b, dict):
            both = dict(cast(JsonObject, a))
            _merge(both, b)
            merged.append(both)
        else:
            merged.append(b)
    return merged


# --- helpers the resource modules' derived values share -----------------------------------


def value_at(item: Any, path: str) -> Any:
    """The value at a dotted path through objects (not lists), or None."""
    value = item
    for part in path.split("."):
        if not isinstance(value, Mapping):
            return None
        value = cast(Mapping[str, Any], value).get(part)
    return value


def flat(item: Mapping[str, Any], **paths: str) -> JsonObject:
    """`{name: value at path}` for each named dotted path that has a value: a compact, flat
    view (`flat(action, assignee="assignee.name")`)."""
    found = {name: value_at(item, path) for name, path in paths.items()}
    return {name: value for name, value in found.items() if value is not None}


def name_of(value: Any) -> str | None:
    """The `name` of an embedded object, or None."""
    if isinstance(value, Mapping):
        name = cast(Mapping[str, Any], value).get("name")
        return name if isinstance(name, str) else None
    return None


def names_of(values: Any) -> list[str]:
    """The names of a list of embedded objects."""
    items = cast(list[Any], values) if isinstance(values, list) else []
    return [name for name in (name_of(item) for item in items) if name is not None]


def objects(value: Any) -> Iterable[Mapping[str, Any]]:
    """The objects of a JSON list (anything else is skipped)."""
    items = cast(list[Any], value) if isinstance(value, list) else []
    return (cast(Mapping[str, Any], item) for item in items if isinstance(item, Mapping))
