"""MCP prompts: `triage`, `handover` and `postmortem-draft`, each telling the model which tools to use.

A prompt's steps hold the tool records themselves (looked up in `TOOLS` when this module is
imported, so a renamed tool fails at import, not in a conversation). Rendered under a
`ToolPolicy`, a step whose tool is disabled says so and how to enable it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from incidentio_toolkit.adapters._common import ToolPolicy
from incidentio_toolkit.composites import TOOLS, Tool

__all__ = ["PROMPTS", "Prompt", "PromptArgument", "Step", "render_prompt"]


@dataclass(frozen=True, slots=True)
class PromptArgument:
    name: str
    description: str
    required: bool = False


@dataclass(frozen=True, slots=True)
class Step:
    """One tool the prompt asks the model to use, and what for."""

    tool: Tool
    use: str


def step(name: str, use: str) -> Step:
    """A step naming a tool of the registry (a `KeyError` at import if there is none)."""
    return Step(TOOLS[name], use)


@dataclass(frozen=True, slots=True, kw_only=True)
class Prompt:
    """One prompt: its arguments, the task it sets, the tools to use and the closing rule."""

    name: str
    description: str
    arguments: tuple[PromptArgument, ...]
    task: Callable[[Mapping[str, str]], str]
    steps: tuple[Step, ...]
    rule: str


def _target(arguments: Mapping[str, str], key: str, default: str) -> str:
    value = (arguments.get(key) or "").strip()
    return value or default


TRIAGE = Prompt(
    name="triage",
    description="Triage an incident (or the live ones): state, people on call, next steps.",
    arguments=(PromptArgument("incident", "INC-123 or id; empty for the live incidents."),),
    task=lambda args: (
        f"Triage {_target(args, 'incident', 'the live incidents')} in incident.io and report: "
        "what is happening, severity and status, who leads it, who is on call, and the next "
        "steps you recommend."
    ),
    steps=(
        step("incidents_list", 'without an incident, the live ones (status_category ["live"]).'),
        step("incident_brief", "status, severity, lead, latest updates and open actions, at once."),
        step("on_call_now", "who is on call for the escalation path or schedule concerned."),
        step("escalations_create", "to page someone: first with dry_run true, to see who."),
        step("incidents_update", "to set severity or status, once the user agrees."),
    ),
    rule="Ask the user before anything that pages people or changes the incident.",
)

HANDOVER = Prompt(
    name="handover",
    description="Write an on-call handover: who is on call and next, live incidents, follow-ups.",
    arguments=(PromptArgument("schedule", "Schedule name or id; empty for every schedule."),),
    task=lambda args: (
        f"Write an on-call handover for {_target(args, 'schedule', 'every schedule')}: who is "
        "on call now and who takes over when, each live incident with its state and open "
        "actions, and the open follow-ups."
    ),
    steps=(
        step("schedules_list", "without a schedule, the schedules to cover."),
        step("on_call_now", "per schedule: who is on call, until when, and who is next."),
        step("incidents_list", 'the live incidents (status_category ["live"]).'),
        step("incident_brief", "per live incident: its state, latest update and open actions."),
        step("follow_ups_list", "follow-ups still outstanding."),
    ),
    rule="Only read: a handover changes nothing.",
)

POSTMORTEM_DRAFT = Prompt(
    name="postmortem-draft",
    description="Draft a post-mortem of an incident from its record in incident.io.",
    arguments=(PromptArgument("incident", "INC-123 or id.", required=True),),
    task=lambda args: (
        f"Draft a post-mortem of {_target(args, 'incident', 'the incident')}: summary, impact, "
        "timeline, what went well, what went wrong, and follow-ups."
    ),
    steps=(
        step("incident_brief", "severity, type, lead, custom fields and timestamps."),
        step("incident_updates_list", "every update, for the timeline (page with after)."),
        step("actions_list", "what was done during the incident."),
        step("follow_ups_list", "the follow-ups already filed."),
    ),
    rule="Mark what you infer rather than read as an assumption. Change nothing.",
)

PROMPTS: Mapping[str, Prompt] = MappingProxyType(
    {prompt.name: prompt for prompt in (TRIAGE, HANDOVER, POSTMORTEM_DRAFT)}
)


def render_prompt(prompt: Prompt, arguments: Mapping[str, str], policy: ToolPolicy) -> str:
    """The prompt's text: the task, one line per tool (with how to enable a disabled one), the
    rule. Raises `ValueError` naming an unknown or a missing required argument."""
    known = [a.name for a in prompt.arguments]
    unknown = sorted(set(arguments).difference(known))
    if unknown:
        raise ValueError(
            f"Prompt {prompt.name!r} has no argument {', '.join(map(repr, unknown))}; "
            f"its arguments: {', '.join(known)}."
        )
    missing = [a.name for a in prompt.arguments if a.required and not arguments.get(a.name)]
    if missing:
        raise ValueError(f"Prompt {prompt.name!r} needs {', '.join(missing)}.")
    lines = [prompt.task(arguments), "", "Use these incident.io tools:"]
    for item in prompt.steps:
        refusal = policy.refusal(item.tool)
        note = f" (not enabled here: {refusal})" if refusal is not None else ""
        lines.append(f"- {item.tool.name}: {item.use}{note}")
    lines += ["", prompt.rule]
    return "\n".join(lines)
