"""Projections: dotted paths through objects and lists, derived values, the summary, and the
error that names the valid fields."""

from __future__ import annotations

from typing import Any

import pytest

from incidentio_toolkit.actions import Projection, flat, value_at

INCIDENT: dict[str, Any] = {
    "id": "01X",
    "reference": "INC-1",
    "severity": {"id": "01S", "name": "Major", "rank": 2},
    "entries": [
        {"field": {"name": "Team", "options": [1, 2, 3]}, "values": ["Payments"]},
        {"field": {"name": "Impact"}, "values": []},
    ],
    "empty": [],
}
THING = Projection(
    noun="incident",
    schema="ThingV1",
    fields=("id", "reference", "severity", "entries", "empty"),
    summary=("reference", "severity.name"),
    derived={
        "team": lambda item: item["entries"][0]["values"][0],
        "nothing": lambda item: None,
        "none_listed": lambda item: [],
    },
)


def test_a_dotted_path_keeps_the_nesting_and_merges_siblings() -> None:
    picked = THING.project(INCIDENT, ["severity.name", "severity.rank", "id"])
    assert picked == {"severity": {"name": "Major", "rank": 2}, "id": "01X"}


def test_a_path_through_a_list_maps_over_its_items() -> None:
    picked = THING.project(INCIDENT, ["entries.field.name", "entries.values"])
    assert picked == {
        "entries": [
            {"field": {"name": "Team"}, "values": ["Payments"]},
            {"field": {"name": "Impact"}, "values": []},
        ]
    }


def test_absent_paths_are_left_out_and_empty_values_kept_only_when_asked_for_whole() -> None:
    assert THING.project(INCIDENT, ["severity.colour", "empty.x"]) == {}
    assert THING.project(INCIDENT, ["empty"]) == {"empty": []}


def test_derived_values_are_fields_too_and_empty_ones_are_left_out() -> None:
    assert THING.project(INCIDENT, ["team", "nothing", "none_listed"]) == {"team": "Payments"}


def test_the_summary_is_the_summary_paths_then_every_derived_value() -> None:
    assert THING.summarize(INCIDENT) == {
        "reference": "INC-1",
        "severity": {"name": "Major"},
        "team": "Payments",
    }


def test_a_star_is_the_whole_object() -> None:
    assert THING.project(INCIDENT, ["*"]) == INCIDENT
    assert THING.project(INCIDENT, ["*"]) is not INCIDENT


@pytest.mark.parametrize(
    ("paths", "fragments"),
    [
        (["refrence"], ["'refrence' (did you mean 'reference'?)", "for an incident"]),
        (["severity..name"], ["'severity..name'"]),
        (["nope", "id"], ["unknown field 'nope'", "Valid top-level fields: id, reference"]),
        ([], ["fields is empty", '["*"]']),
    ],
)
def test_an_unknown_field_names_the_valid_ones(paths: list[str], fragments: list[str]) -> None:
    problem = THING.problem(paths)
    assert problem is not None
    for fragment in fragments:
        assert fragment in problem
    assert "derived: team, nothing, none_listed" in problem or paths == []


def test_known_fields_derived_names_and_the_star_are_valid() -> None:
    assert THING.problem(["reference", "severity.name", "team", "*"]) is None


def test_flat_and_value_at_read_dotted_paths_through_objects() -> None:
    assert value_at(INCIDENT, "severity.name") == "Major"
    assert value_at(INCIDENT, "entries.field") is None  # lists are not walked
    assert flat(INCIDENT, sev="severity.name", missing="severity.colour") == {"sev": "Major"}
