"""Composite read tools, and `TOOLS`: every tool an agent surface can offer.

A composite answers one whole question (`incident_brief`, `on_call_now`) with as few reads as it
can, each going through the client's one call path. `TOOLS` lists the actions (in registry order)
then the composites; the agent surfaces, the CLI and the typed client methods loop over it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from incidentio_toolkit.actions import ACTIONS, Action
from incidentio_toolkit.composites import incidents, on_call
from incidentio_toolkit.composites._base import READ_ANNOTATIONS, Composite

Tool = Action | Composite
"""One tool of an agent surface: an action (one HTTP operation) or a composite."""

COMPOSITES: Mapping[str, Composite] = MappingProxyType(
    {
        composite.name: composite
        for module in (incidents, on_call)
        for composite in module.COMPOSITES
    }
)

TOOLS: Mapping[str, Tool] = MappingProxyType({**ACTIONS, **COMPOSITES})
"""Every tool: the actions in registry order, then the composites."""

__all__ = ["COMPOSITES", "READ_ANNOTATIONS", "TOOLS", "Composite", "Tool"]
