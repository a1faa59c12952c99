"""The registry: every action, from one module per resource, the contract's first and in its order.

`ACTIONS` is the single source that the clients, the MCP server, the LangChain and OpenAI adapters,
the CLI and the generated docs loop over.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from types import MappingProxyType

from incidentio_toolkit.actions._base import (
    DRY_RUN_PARAM,
    FIELDS_PARAM,
    READ_VERBS,
    Action,
    ActionInput,
    ActionOutput,
    Annotations,
    ApiRequest,
    Kind,
    Preview,
    Reader,
    Verb,
)
from incidentio_toolkit.actions._fields import (
    IncidentIdOrNumber,
    IncidentMode,
    JsonObject,
    ListIncidentMode,
    incident_number,
    split_commas,
)
from incidentio_toolkit.actions._projection import (
    EVERYTHING,
    Projection,
    flat,
    name_of,
    names_of,
    objects,
    value_at,
)
from incidentio_toolkit.actions._reads import gather, read
from incidentio_toolkit.actions._references import (
    Catalog,
    Lookup,
    Resolves,
    is_id,
    marked_fields,
    resolves,
)

_CONTRACT_RESOURCES = (
    "incidents",
    "incident_actions",
    "follow_ups",
    "users",
    "workflows",
    "schedules",
    "escalations",
    "custom_fields",
    "reference",
    "incident_roles",
    "incident_timestamps",
    "incident_updates",
    "on_call",
    "escalation_paths",
)
"""The product contract's resource modules, in its order; their actions come first."""


def _other_resource_modules() -> list[str]:
    """Every public module here that is not the contract's, alphabetically."""
    found = {info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_")}
    return sorted(found.difference(_CONTRACT_RESOURCES))


def _records(modules: list[str] | tuple[str, ...]) -> dict[str, Action]:
    return {
        action.name: action
        for module in modules
        for action in importlib.import_module(f"{__name__}.{module}").ACTIONS
    }


_CONTRACT = _records(_CONTRACT_RESOURCES)

ACTIONS: Mapping[str, Action] = MappingProxyType(
    {**_CONTRACT, **_records(_other_resource_modules())}
)

CONTRACT_ACTIONS: tuple[str, ...] = tuple(_CONTRACT)
"""The names of the product contract's actions, in its order: the first of `ACTIONS`. The others
go beyond the contract (alerts, teams, post-mortems, cancelling a page, ...)."""

TOOLSETS: tuple[str, ...] = tuple(dict.fromkeys(action.toolset for action in ACTIONS.values()))

CATALOGS: tuple[Catalog, ...] = tuple(
    dict.fromkeys(
        marker.catalog for action in ACTIONS.values() for _, marker in marked_fields(action.input)
    )
)
"""Every catalog some action's parameters resolve names against."""

__all__ = [
    "ACTIONS",
    "CATALOGS",
    "CONTRACT_ACTIONS",
    "DRY_RUN_PARAM",
    "EVERYTHING",
    "FIELDS_PARAM",
    "READ_VERBS",
    "TOOLSETS",
    "Action",
    "ActionInput",
    "ActionOutput",
    "Annotations",
    "ApiRequest",
    "Catalog",
    "IncidentIdOrNumber",
    "IncidentMode",
    "JsonObject",
    "Kind",
    "ListIncidentMode",
    "Lookup",
    "Preview",
    "Projection",
    "Reader",
    "Resolves",
    "Verb",
    "flat",
    "gather",
    "incident_number",
    "is_id",
    "marked_fields",
    "name_of",
    "names_of",
    "objects",
    "read",
    "resolves",
    "split_commas",
    "value_at",
]
