"""MCP resources: an incident's brief at `incident://INC-123`, who is on call at `schedule://<name>`.

Each resource template reads through one composite tool, so a resource answers exactly what the
tool answers, under the same `ToolPolicy`: the template is listed only while its tool is enabled.
A URI carries its value after `scheme://`, percent-encoded where needed
(`schedule://Primary%20On-call`); a plain name with spaces is accepted as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from incidentio_toolkit.adapters._common import ToolPolicy
from incidentio_toolkit.composites import Composite
from incidentio_toolkit.composites.incidents import INCIDENT_BRIEF
from incidentio_toolkit.composites.on_call import ON_CALL_NOW

__all__ = ["RESOURCES", "ResourceTemplate", "enabled_resources", "resource_call"]

JSON = "application/json"


@dataclass(frozen=True, slots=True, kw_only=True)
class ResourceTemplate:
    """A family of resources answered by one composite tool, the URI's value as one parameter."""

    scheme: str
    """`incident` for `incident://INC-123`."""

    tool: Composite
    """The tool that answers a read."""

    parameter: str
    """The tool's parameter that the URI's value fills."""

    title: str
    description: str

    @property
    def uri_template(self) -> str:
        """The RFC 6570 template MCP clients fill: `incident://{incident}`."""
        return f"{self.scheme}://{{{self.parameter}}}"


RESOURCES: tuple[ResourceTemplate, ...] = (
    ResourceTemplate(
        scheme="incident",
        tool=INCIDENT_BRIEF,
        parameter="incident",
        title="Incident brief",
        description="An incident (incident://INC-123) as incident_brief answers it.",
    ),
    ResourceTemplate(
        scheme="schedule",
        tool=ON_CALL_NOW,
        parameter="schedule",
        title="Who is on call",
        description="Who is on call now and next for a schedule (schedule://Primary On-call).",
    ),
)


def enabled_resources(policy: ToolPolicy) -> list[ResourceTemplate]:
    """The templates whose tool the policy enables."""
    return [template for template in RESOURCES if policy.enabled(template.tool)]


def resource_call(uri: str, policy: ToolPolicy) -> tuple[str, dict[str, Any]] | str:
    """The tool and arguments that answer `uri`, or why it cannot be read."""
    scheme, separator, rest = uri.partition("://")
    template = next((t for t in RESOURCES if separator and t.scheme == scheme.lower()), None)
    if template is None:
        known = ", ".join(t.uri_template for t in enabled_resources(policy))
        return f"Unknown resource {uri!r}: this server reads {known or 'no resources'}."
    refusal = policy.refusal(template.tool)
    if refusal is not None:
        return f"Resource {uri!r} is disabled: {refusal}"
    value = unquote(rest).strip().rstrip("/")
    if not value:
        return f"{uri!r} names no {template.parameter}: use {template.uri_template}."
    return template.tool.name, {template.parameter: value}
