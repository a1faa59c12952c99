"""TOOLS: the actions in registry order, then the composites, each with its own name."""

from __future__ import annotations

from incidentio_toolkit.actions import ACTIONS, TOOLSETS
from incidentio_toolkit.composites import COMPOSITES, TOOLS


def test_tools_are_the_actions_then_the_composites() -> None:
    assert list(TOOLS) == [*ACTIONS, *COMPOSITES]
    assert not set(ACTIONS) & set(COMPOSITES)
    assert {"incident_brief", "on_call_now"} <= set(COMPOSITES)


def test_each_composite_belongs_to_a_toolset_of_the_actions_and_answers_in_its_result() -> None:
    for composite in COMPOSITES.values():
        assert composite.toolset in TOOLSETS
        assert composite.result in composite.output.model_fields
        assert composite.input.model_config.get("extra") == "forbid"
