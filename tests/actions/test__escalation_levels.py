"""Levels and working hours turned into the API's nodes and configs (the records' tests in
test_escalation_paths.py check the same through the requests they build)."""

from __future__ import annotations

import pytest

from incidentio_toolkit.actions._escalation_levels import (
    DEFAULT_TIMEZONE,
    WORKING_HOURS_ID,
    check_timezone,
    check_working_hours,
    to_nodes,
    working_hours_configs,
)

LEVEL = {"targets": [{"type": "schedule", "schedule_id": "01SCH"}], "time_to_ack_seconds": 300}


def test_a_level_becomes_a_level_node_and_converting_twice_changes_nothing() -> None:
    nodes = to_nodes([LEVEL])
    assert nodes[0]["id"] == "level-1"
    assert nodes[0]["type"] == "level"
    assert nodes[0]["level"]["targets"][0]["id"] == "01SCH"
    assert to_nodes(nodes) == nodes


def test_contract_working_hours_group_into_one_config_in_the_default_timezone() -> None:
    items = check_working_hours([{"weekday": "Monday", "start_time": "09:00", "end_time": "17:00"}])
    configs = working_hours_configs(items, None)
    assert configs[0]["id"] == WORKING_HOURS_ID
    assert configs[0]["timezone"] == DEFAULT_TIMEZONE
    assert configs[0]["weekday_intervals"][0]["weekday"] == "monday"


def test_a_timezone_without_contract_working_hours_is_refused_with_the_fix() -> None:
    with pytest.raises(ValueError, match="drop timezone"):
        check_timezone("Europe/London", None)
