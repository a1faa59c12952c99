"""The registry: every action, in the contract's order, from one module per resource.

`ACTIONS` is the single source that the clients, the MCP server, the LangChain and OpenAI adapters,
the CLI and the generated docs loop over.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from incidentio_toolkit.actions import (
    custom_fields,
    escalation_paths,
    escalations,
    follow_ups,
    incident_actions,
    incident_roles,
    incident_timestamps,
    incident_updates,
    incidents,
    on_call,
    reference,
    schedules,
    users,
    workflows,
)
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

# Module order is the contract's action order.
_RESOURCES = (
    incidents,
    incident_actions,
    follow_ups,
    users,
    workflows,
    schedules,
    escalations,
    custom_fields,
    reference,
    incident_roles,
    incident_timestamps,
    incident_updates,
    on_call,
    escalation_paths,
)

ACTIONS: Mapping[str, Action] = MappingProxyType(
    {action.name: action for resource in _RESOURCES for action in resource.ACTIONS}
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
