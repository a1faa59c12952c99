from __future__ import annotations

import pytest

from incidentio_toolkit.adapters import ToolPolicy
from incidentio_toolkit.adapters._resources import RESOURCES, enabled_resources, resource_call


def test_templates_are_incident_and_schedule_uris_answered_by_composites() -> None:
    assert [t.uri_template for t in RESOURCES] == ["incident://{incident}", "schedule://{schedule}"]
    for template in RESOURCES:
        assert template.parameter in template.tool.input.model_fields


@pytest.mark.parametrize(
    ("uri", "call"),
    [
        ("incident://INC-123", ("incident_brief", {"incident": "INC-123"})),
        ("INCIDENT://inc-7/", ("incident_brief", {"incident": "inc-7"})),
        ("schedule://Primary%20On-call", ("on_call_now", {"schedule": "Primary On-call"})),
        ("schedule://Primary On-call", ("on_call_now", {"schedule": "Primary On-call"})),
    ],
)
def test_a_uri_becomes_its_tool_call(uri: str, call: tuple[str, dict[str, str]]) -> None:
    assert resource_call(uri, ToolPolicy()) == call


@pytest.mark.parametrize(
    ("uri", "fragment"),
    [
        ("user://someone", "incident://{incident}"),
        ("incident:INC-1", "Unknown resource"),
        ("incident://", "names no incident"),
    ],
)
def test_a_uri_that_cannot_be_read_says_what_can(uri: str, fragment: str) -> None:
    problem = resource_call(uri, ToolPolicy())
    assert isinstance(problem, str)
    assert fragment in problem


def test_the_policy_decides_which_resources_exist() -> None:
    schedules_only = ToolPolicy(toolsets=["schedules"])
    assert [t.scheme for t in enabled_resources(schedules_only)] == ["schedule"]
    refused = resource_call("incident://INC-1", schedules_only)
    assert isinstance(refused, str)
    assert "--toolsets" in refused
