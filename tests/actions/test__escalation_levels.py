"""Levels and working hours turned into the API's nodes and configs (the records' tests in
test_escalation_paths.py check the same through the requests they build)."""

from __future__ import annotations

import pytest

from incidentio_toolkit.actions._escalation_levels import (
    DEFAULT_TIMEZONE,
    WORKING_HOURS_ID,
    check_timezone,
    check_working_hours,
    levels_and_nodes,
    to_nodes,
    working_hours_configs,
)

LEVEL = {"targets": [{"type": "schedule", "schedule_id": "01SCH"}], "time_to_ack_seconds": 300}


def test_a_level_becomes_a_level_node_and_converting_twice_changes_nothing() -> None:
    nodes = to_nodes(levels_and_nodes([LEVEL]))
    assert nodes[0]["id"] == "level-1"
    assert nodes[0]["type"] == "level"
    assert nodes[0]["level"]["targets"][0]["id"] == "01SCH"
    assert to_nodes(levels_and_nodes(nodes)) == nodes


def test_a_target_id_goes_to_the_field_of_its_type_so_its_name_resolves_there() -> None:
    [level] = levels_and_nodes(
        [{"targets": [{"type": "user", "id": "Ann"}, {"type": "schedule", "id": "Primary"}]}]
    )
    assert not isinstance(level, dict)
    user, schedule = level.targets
    assert (user.user_id, user.schedule_id) == ("Ann", None)
    assert (schedule.user_id, schedule.schedule_id) == (None, "Primary")


def test_items_that_are_not_objects_are_located() -> None:
    with pytest.raises(ValueError, match=r"path\[1\]: is a str, not an object"):
        levels_and_nodes([LEVEL, "level-2"])


def test_contract_working_hours_group_into_one_config_in_the_default_timezone() -> None:
    items = check_working_hours([{"weekday": "Monday", "start_time": "09:00", "end_time": "17:00"}])
    configs = working_hours_configs(items, None)
    assert configs[0]["id"] == WORKING_HOURS_ID
    assert configs[0]["timezone"] == DEFAULT_TIMEZONE
    assert configs[0]["weekday_intervals"][0]["weekday"] == "monday"


def test_a_timezone_without_contract_working_hours_is_refused_with_the_fix() -> None:
    with pytest.raises(ValueError, match="drop timezone"):
        check_timezone("Europe/London", None)
