from __future__ import annotations

import re

import pytest

from incidentio_toolkit.adapters import ToolPolicy
from incidentio_toolkit.adapters._prompts import PROMPTS, render_prompt
from incidentio_toolkit.composites import TOOLS

POLICIES = {
    "read-only": ToolPolicy(),
    "writes": ToolPolicy(allow_writes=True),
    "everything": ToolPolicy.everything(),
    "schedules only": ToolPolicy(toolsets=["schedules"]),
}
ARGUMENTS = {"incident": "INC-6", "schedule": "Primary On-call"}
BULLET = re.compile(r"^- ([a-z_]+): ", re.MULTILINE)


def test_the_three_prompts_are_served() -> None:
    assert list(PROMPTS) == ["triage", "handover", "postmortem-draft"]


@pytest.mark.parametrize("policy_name", list(POLICIES))
@pytest.mark.parametrize("name", list(PROMPTS))
def test_every_tool_a_prompt_names_exists_and_is_enabled_or_says_how(
    name: str, policy_name: str
) -> None:
    prompt, policy = PROMPTS[name], POLICIES[policy_name]
    arguments = {a.name: ARGUMENTS[a.name] for a in prompt.arguments}
    text = render_prompt(prompt, arguments, policy)
    named = BULLET.findall(text)
    assert named == [step.tool.name for step in prompt.steps]
    mentioned = {word for word in re.findall(r"[a-z]+(?:_[a-z]+)+", text) if word in TOOLS}
    assert mentioned <= set(named), "a tool named outside the tool list"
    for line in text.splitlines():
        found = BULLET.match(line)
        if found is None:
            continue
        tool = TOOLS[found.group(1)]
        if policy.enabled(tool):
            assert "not enabled" not in line
        else:
            assert "not enabled here" in line
            assert re.search(r"--(allow-writes|allow-destructive|toolsets)", line), line


def test_prompt_arguments_fill_the_task() -> None:
    text = render_prompt(PROMPTS["triage"], {"incident": "INC-42"}, ToolPolicy())
    assert text.startswith("Triage INC-42 ")
    live = render_prompt(PROMPTS["triage"], {}, ToolPolicy())
    assert live.startswith("Triage the live incidents ")


def test_a_missing_required_argument_is_named() -> None:
    with pytest.raises(ValueError, match="needs incident"):
        render_prompt(PROMPTS["postmortem-draft"], {}, ToolPolicy())


def test_an_unknown_argument_is_named_with_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="no argument 'incidnet'; its arguments: incident"):
        render_prompt(PROMPTS["triage"], {"incidnet": "INC-1"}, ToolPolicy())
