"""`incidentio doctor`: is the key usable, and which resources can it read? Never writes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from incidentio_toolkit.actions import ACTIONS, TOOLSETS, Action

if TYPE_CHECKING:
    from incidentio_toolkit.client import AsyncIncidentIO

KEY_CHECK_ACTION = "severities_list"


@dataclass(frozen=True, slots=True)
class Probe:
    toolset: str
    action: str | None
    ok: bool
    detail: str


@dataclass(frozen=True, slots=True)
class Diagnosis:
    key_ok: bool
    key_detail: str
    probes: tuple[Probe, ...]


def probe_action(toolset: str) -> Action | None:
    """The cheapest read of a toolset: its first read action that needs no ids."""
    for action in ACTIONS.values():
        if action.toolset != toolset or action.kind != "read":
            continue
        if not any(field.is_required() for field in action.input.model_fields.values()):
            return action
    return None


def probe_arguments(action: Action) -> dict[str, Any]:
    field = action.input.model_fields.get("page_size")
    if field is None:
        return {}
    minimum = next((getattr(m, "ge", None) for m in field.metadata if hasattr(m, "ge")), None)
    return {"page_size": max(1, int(minimum or 1))}


MAX_DETAIL = 160
"""A probe's failure in the table is cut to about this many characters, its last sentence kept."""


def one_line(error: str | None) -> str:
    """An error on one line, whole: the key check's line keeps what to do about it."""
    return " ".join((error or "failed").split())


def short(error: str | None) -> str:
    """An error on one line, cut in the middle when long: the last sentence says what to do."""
    text = one_line(error)
    if len(text) <= MAX_DETAIL:
        return text
    last = text.rfind(". ")
    hint = text[last + 2 :] if last >= 0 else ""
    if hint and len(hint) <= MAX_DETAIL // 2:
        return text[: MAX_DETAIL - len(hint) - 2].rstrip() + "… " + hint
    return text[: MAX_DETAIL - 1] + "…"


async def diagnose(client: AsyncIncidentIO) -> Diagnosis:
    """Check the key with one cheap read, then try one cheap read per toolset."""
    key_check = await client.call(KEY_CHECK_ACTION, {})
    if not key_check.get("success"):
        return Diagnosis(False, one_line(key_check.get("error")), ())
    count = len(key_check.get("severities") or [])
    probes: list[Probe] = []
    for toolset in TOOLSETS:
        action = probe_action(toolset)
        if action is None:
            probes.append(Probe(toolset, None, False, "not probed: every read needs an id"))
            continue
        output = await client.call(action.name, probe_arguments(action))
        if output.get("success"):
            probes.append(Probe(toolset, action.name, True, "can read"))
        else:
            probes.append(Probe(toolset, action.name, False, short(output.get("error"))))
    return Diagnosis(True, f"{KEY_CHECK_ACTION} answered ({count} severities)", tuple(probes))
