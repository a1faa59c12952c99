"""The shared field types: comma-separated id lists, RFC 3339 times and time zone names."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from incidentio_toolkit.actions import _fields, split_commas
from incidentio_toolkit.actions._fields import IdList, Timestamp, TimeZone, rfc3339


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("a, b", ["a", "b"]),
        (["a", "b,c"], ["a", "b", "c"]),
        (" , ,", []),
        ([], []),
        ("one", ["one"]),
    ],
)
def test_split_commas_splits_strings_and_each_item_of_a_list(
    given: str | list[str], expected: list[str]
) -> None:
    assert split_commas(given) == expected


def test_id_lists_take_a_string_or_a_list_and_refuse_other_shapes() -> None:
    ids = TypeAdapter(IdList)
    assert ids.validate_python("01A,01B") == ["01A", "01B"]
    assert ids.validate_python(["01A"]) == ["01A"]
    with pytest.raises(ValidationError):
        ids.validate_python([1, 2])
    with pytest.raises(ValidationError):
        ids.validate_python({"id": "01A"})


@pytest.mark.parametrize(
    ("given", "sent"),
    [
        ("2026-11-26T09:00:00Z", "2026-11-26T09:00:00Z"),
        ("2026-11-26T09:00:00+00:00", "2026-11-26T09:00:00Z"),
        (" 2026-11-26T10:00:00+01:00 ", "2026-11-26T10:00:00+01:00"),
    ],
)
def test_times_are_sent_in_rfc3339_form(given: str, sent: str) -> None:
    assert rfc3339(given) == sent
    assert TypeAdapter(Timestamp).validate_python(given) == sent


@pytest.mark.parametrize(
    ("given", "problem"),
    [("2026-11-26T09:00:00", "no UTC offset"), ("tomorrow", "not an ISO 8601 time")],
)
def test_times_without_an_offset_or_unreadable_are_refused_with_the_fix(
    given: str, problem: str
) -> None:
    with pytest.raises(ValueError, match=problem):
        rfc3339(given)


@pytest.mark.parametrize("name", ["UTC", "Europe/London", " America/New_York ", "Etc/GMT+5"])
def test_time_zones_take_iana_names_trimmed(name: str) -> None:
    assert TypeAdapter(TimeZone).validate_python(name) == name.strip()


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("Europe/Londn", " (closest: Europe/London)"),
        ("europe/london", " (closest: Europe/London)"),
        ("../../etc/passwd", ""),
        ("zone.tab", ""),
        ("", ""),
    ],
)
def test_time_zones_refuse_what_is_not_one_naming_the_closest_and_examples(
    name: str, hint: str
) -> None:
    with pytest.raises(ValidationError) as info:
        TypeAdapter(TimeZone).validate_python(name)
    assert f"{name!r} is not a time zone{hint}: give an IANA name such as Europe/London" in str(
        info.value
    )


def test_without_a_time_zone_database_every_name_is_left_to_incident_io(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_fields, "_time_zone_names", frozenset)
    assert TypeAdapter(TimeZone).validate_python("Europe/Londn") == "Europe/Londn"
