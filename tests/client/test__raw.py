"""Raw requests take the pacing bucket, retry rule and checking read of the action whose operation
they hit, and a plain name otherwise."""

from __future__ import annotations

import pytest

from incidentio_toolkit.actions import ACTIONS
from incidentio_toolkit.client import InvalidArgumentsError
from incidentio_toolkit.client._raw import action_target, operation_action, raw_target


def test_a_raw_request_to_an_actions_operation_is_named_and_checked_like_it() -> None:
    target = raw_target("DELETE", "/v2/schedule_overrides/01OVR", None)
    action = ACTIONS["schedule_overrides_delete"]
    assert target == action_target(action)
    assert target.check_with == "schedule_overrides_list"


def test_a_raw_page_is_paced_as_escalations_create_and_keyed_by_its_body() -> None:
    keyed = raw_target("POST", "/v2/escalations", {"idempotency_key": "k", "title": "t"})
    unkeyed = raw_target("POST", "/v2/escalations", {"title": "t"})
    assert (keyed.name, keyed.keyed) == ("escalations_create", True)
    assert (unkeyed.name, unkeyed.keyed) == ("escalations_create", False)


def test_a_request_no_action_wraps_is_named_by_its_method_and_path() -> None:
    target = raw_target("PUT", "/v1/postmortem_documents/01PM", {"status": "completed"})
    assert (target.name, target.keyed, target.check_with) == (
        "PUT /v1/postmortem_documents/01PM",
        False,
        "GET /v1/postmortem_documents/01PM",
    )


def test_an_unknown_method_is_refused_naming_the_valid_ones() -> None:
    with pytest.raises(InvalidArgumentsError) as info:
        raw_target("PATCH", "/v2/incidents/01INC", {})
    assert "GET, POST, PUT, DELETE" in str(info.value)


def test_a_path_maps_to_the_action_whose_operation_it_is() -> None:
    assert operation_action("GET", "/v2/schedule_entries") is ACTIONS["schedule_entries_list"]
    assert operation_action("GET", "/v2/incidents/01INC") is ACTIONS["incidents_show"]
    assert operation_action("DELETE", "/v2/incidents/01INC") is None
    assert operation_action("GET", "/v9/unknown") is None
