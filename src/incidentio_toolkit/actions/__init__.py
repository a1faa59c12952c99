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
    Action,
    ActionInput,
    ActionOutput,
    Annotations,
    ApiRequest,
    Kind,
    Verb,
)
from incidentio_toolkit.actions._fields import (
    IncidentMode,
    JsonObject,
    ListIncidentMode,
    split_commas,
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


def _resource_modules() -> list[str]:
    """The contract's modules in order, then every other public module here, alphabetically."""
    found = {info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_")}
    return [*_CONTRACT_RESOURCES, *sorted(found.difference(_CONTRACT_RESOURCES))]


ACTIONS: Mapping[str, Action] = MappingProxyType(
    {
        action.name: action
        for module in _resource_modules()
        for action in importlib.import_module(f"{__name__}.{module}").ACTIONS
    }
)

TOOLSETS: tuple[str, ...] = tuple(dict.fromkeys(action.toolset for action in ACTIONS.values()))

__all__ = [
    "ACTIONS",
    "TOOLSETS",
    "Action",
    "ActionInput",
    "ActionOutput",
    "Annotations",
    "ApiRequest",
    "IncidentMode",
    "JsonObject",
    "Kind",
    "ListIncidentMode",
    "Verb",
    "split_commas",
]
