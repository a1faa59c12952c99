"""Which values are ids, and where a parameter's marker is found."""

from __future__ import annotations

from typing import Annotated

import pytest
from pydantic import BaseModel

from incidentio_toolkit.actions import (
    ACTIONS,
    ActionInput,
    Catalog,
    JsonObject,
    Lookup,
    Resolves,
    is_id,
    marked_fields,
    resolves,
)
from incidentio_toolkit.actions.reference import SEVERITIES
from incidentio_toolkit.actions.users import USERS


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("01HKM4VJQFYYY7F9VDX5R4FGA1", True),
        ("01hkm4vjqfyyy7f9vdx5r4fga1", True),
        ("01HKM4VJQFYYY7F9VDX5R4FGA", False),  # 25 characters
        ("81HKM4VJQFYYY7F9VDX5R4FGA1", False),  # a ULID starts with 0-7
        ("01HKM4VJQFYYY7F9VDX5R4FGAU", False),  # U is not Crockford base 32
        ("Major", False),
        ("INC-12", False),
    ],
)
def test_only_ulids_are_ids(value: str, expected: bool) -> None:
    assert is_id(value) is expected


class _Marked(ActionInput):
    plain: str | None = None
    one: Annotated[str, Resolves(SEVERITIES)] = "x"
    optional: Annotated[str, Resolves(USERS)] | None = None
    several: Annotated[list[str], Resolves(SEVERITIES)] | None = None


def test_the_marker_is_found_on_plain_optional_and_list_fields() -> None:
    fields = _Marked.model_fields
    assert resolves(fields["plain"]) is None
    assert resolves(fields["one"]) == Resolves(SEVERITIES)
    assert resolves(fields["optional"]) == Resolves(USERS)
    assert resolves(fields["several"]) == Resolves(SEVERITIES)


class _Inner(BaseModel):
    user: Annotated[str, Resolves(USERS)] | None = None
    plain: str = "x"


class _Outer(BaseModel):
    inner: list[_Inner] = []


class _Nested(ActionInput):
    severity: Annotated[str, Resolves(SEVERITIES)] | None = None
    items: list[_Inner | JsonObject] | None = None
    outer: _Outer | None = None
    free: JsonObject | None = None


def test_marked_fields_of_nested_models_are_listed_where_their_values_are() -> None:
    assert marked_fields(_Nested) == [
        ("severity", Resolves(SEVERITIES)),
        ("items[].user", Resolves(USERS)),
        ("outer.inner[].user", Resolves(USERS)),
    ]


def test_a_catalog_describes_what_its_parameters_accept() -> None:
    assert SEVERITIES.describe() == "name or id"
    assert USERS.describe() == "email, Slack user id, name or id"
    incident = Catalog(noun="incident", show_action="incidents_show")
    assert incident.describe().startswith("id or reference (INC-123")


def test_users_are_looked_up_by_email_and_slack_id_with_one_filtered_list_call() -> None:
    assert Lookup(r"[^@\s]+@[^@\s]+", "email", "email") in USERS.lookups
    assert {lookup.parameter for lookup in USERS.lookups} <= set(
        ACTIONS["users_list"].input.model_fields
    )
