"""Names and references where ids are expected: which parameters accept them, and against what.

A parameter accepts a name when its annotation carries a `Resolves` marker naming a `Catalog`:

    severity_id: Annotated[str, Resolves(SEVERITIES)]

A field of a model nested in a parameter (an escalation path level's targets, a rotation's users)
is marked the same way; `marked_fields` lists them all, located (`path[].targets[].user_id`).

The client resolves marked parameters before it builds the request, so a name is never sent as an
id: a value shaped like an incident.io id (a ULID) is taken as the id; an incident reference
(`INC-123`, `123`, `#inc-123`) is looked up with one show call; anything else is matched against
the catalog (case-insensitively, or by a lookup such as a user's email) and must name exactly one
object, or the call fails listing the closest candidates and sends nothing.

Each resource module declares its catalog beside its records (`SEVERITIES` in `reference.py`,
`USERS` in `users.py`, ...).
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

ULID = re.compile(r"[0-7][0-9A-HJKMNP-TV-Z]{25}", re.IGNORECASE)
"""incident.io ids are ULIDs: 26 Crockford base-32 characters."""


def is_id(value: str) -> bool:
    """True when `value` is shaped like an incident.io id (taken as an id, never looked up)."""
    return ULID.fullmatch(value) is not None


@dataclass(frozen=True, slots=True)
class Lookup:
    """A value shape answered by one filtered list call instead of the whole catalog."""

    pattern: str
    """A regular expression the whole value matches (`[^@\\s]+@[^@\\s]+` for an email)."""

    parameter: str
    """The list action's filter parameter that takes the value (`email`)."""

    key: str
    """The object's field that must equal the value (case-insensitively)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Catalog:
    """Objects that parameters may name instead of giving their id."""

    noun: str
    """What one object is called in messages (`severity`, `escalation path`)."""

    list_action: str | None = None
    """The read action listing every object (paged through, cached per client for a short
    while); None when objects are never matched by name."""

    names: tuple[str, ...] = ("name",)
    """The fields of an object a value may equal, case-insensitively."""

    lookups: tuple[Lookup, ...] = ()
    """Value shapes answered by a filtered list call (a user's email) before the full listing."""

    show_action: str | None = None
    """For incidents: the show action that turns a reference (`INC-123`) into the id."""

    full_pages: bool = True
    """Whether the listing asks for the largest page its list action takes (fewer requests).
    False keeps the API's default size, where a larger page answers with less."""

    def describe(self) -> str:
        """What a marked parameter accepts, for documentation: `name or id`."""
        if self.show_action is not None:
            return "id or reference (INC-123, 123, #inc-123)"
        keys = [name.replace("_", " ").replace("slack", "Slack") for name in self.names]
        return ", ".join(keys) + " or id" if len(keys) > 1 else f"{keys[0]} or id"


@dataclass(frozen=True, slots=True)
class Resolves:
    """Marks a parameter (a string or a list of strings) as accepting names from `catalog`."""

    catalog: Catalog


def resolves(field: FieldInfo) -> Resolves | None:
    """The `Resolves` marker of an input model field, or None (also found inside `X | None`)."""
    for meta in field.metadata:
        if isinstance(meta, Resolves):
            return meta
    return _marker_in(field.annotation)


def _marker_in(annotation: Any) -> Resolves | None:
    if typing.get_origin(annotation) is Annotated:
        for meta in typing.get_args(annotation)[1:]:
            if isinstance(meta, Resolves):
                return meta
        return _marker_in(typing.get_args(annotation)[0])
    for arg in typing.get_args(annotation):
        found = _marker_in(arg)
        if found is not None:
            return found
    return None


def marked_fields(model: type[BaseModel]) -> list[tuple[str, Resolves]]:
    """Every field of `model` that takes names, with its marker, those of nested models included
    and located as their values are: `("path[].targets[].user_id", Resolves(USERS))` for a list
    of models holding a list of models. Nested models are found in a field's annotation (a
    model, a list of them, or a union with one)."""
    found: list[tuple[str, Resolves]] = []
    for name, field in model.model_fields.items():
        marker = resolves(field)
        if marker is not None:
            found.append((name, marker))
            continue
        for inner, where in _models_in(field.annotation, name):
            found += [(f"{where}.{path}", marker) for path, marker in marked_fields(inner)]
    return found


def _models_in(annotation: Any, where: str) -> list[tuple[type[BaseModel], str]]:
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _models_in(typing.get_args(annotation)[0], where)
    if origin is list:
        return _models_in(typing.get_args(annotation)[0], f"{where}[]")
    if origin in (typing.Union, types.UnionType):
        return [found for arg in typing.get_args(annotation) for found in _models_in(arg, where)]
    if origin is None and isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [(annotation, where)]
    return []
