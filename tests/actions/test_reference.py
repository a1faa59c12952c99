from __future__ import annotations

import pytest
from tests.actions.support import built, rejected

from incidentio_toolkit.actions import ACTIONS


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("severities_list", "/v1/severities"),
        ("incident_statuses_list", "/v1/incident_statuses"),
        ("incident_types_list", "/v1/incident_types"),
    ],
)
def test_reference_lists_take_no_parameters_and_use_v1(name: str, path: str) -> None:
    assert ACTIONS[name].path == path
    request = built(name, {})
    assert (request.path_params, request.query, request.json) == ({}, [], None)
    assert "Extra inputs are not permitted" in rejected(name, {"page_size": 10})
