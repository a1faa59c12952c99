"""The path builder: one literal, percent-encoded segment per parameter, checked before any I/O."""

from __future__ import annotations

import pytest

from incidentio_toolkit.client._errors import InvalidArgumentsError
from incidentio_toolkit.client._paths import MAX_ID_LENGTH, build_path, check_segment, raw_path


@pytest.mark.parametrize(
    ("value", "segment"),
    [
        ("01ABC", "01ABC"),
        ("../custom_fields/01ABC", "..%2Fcustom_fields%2F01ABC"),
        ("x/../../v1/severities", "x%2F..%2F..%2Fv1%2Fseverities"),
        ("a?b=c", "a%3Fb%3Dc"),
        ("a#frag", "a%23frag"),
        ("100%", "100%25"),
        ("é ü", "%C3%A9%20%C3%BC"),
        ("...", "..."),
        ("a.b", "a.b"),
        ("~x_y-z", "~x_y-z"),
    ],
)
def test_values_become_one_encoded_segment(value: str, segment: str) -> None:
    assert build_path("/v2/workflows/{id}", {"id": value}) == f"/v2/workflows/{segment}"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        ".",
        "..",
        "%2e",
        "%2E%2E",
        "%252e%252e",
        ".%2e",
        "a\x00b",
        "line\nbreak",
        "tab\there",
        "del\x7f",
        "%0a",
        "%00",
        "x" * (MAX_ID_LENGTH + 1),
    ],
)
def test_unusable_values_are_rejected_before_any_io(value: str) -> None:
    with pytest.raises(InvalidArgumentsError):
        check_segment("id", value)
    with pytest.raises(InvalidArgumentsError):
        build_path("/v2/workflows/{id}", {"id": value})


def test_the_longest_allowed_id_passes() -> None:
    check_segment("id", "x" * MAX_ID_LENGTH)


def test_rejections_name_the_parameter() -> None:
    with pytest.raises(InvalidArgumentsError, match="id"):
        check_segment("id", "..")


@pytest.mark.parametrize(
    ("path", "sent"),
    [
        ("/v2/incidents", "/v2/incidents"),
        ("/v2/incidents/01ABC/actions/edit", "/v2/incidents/01ABC/actions/edit"),
        ("/v1/postmortem_documents/", "/v1/postmortem_documents/"),
        ("/v2/users/a b", "/v2/users/a%20b"),
        ("/v2/users/already%20encoded", "/v2/users/already%20encoded"),
    ],
)
def test_a_raw_path_keeps_its_segments_and_encodes_what_must_be(path: str, sent: str) -> None:
    assert raw_path(path) == sent


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("v2/incidents", "starts with /"),
        ("//evil.example/v2/incidents", "starts with /"),
        ("/v2/incidents?page_size=5", "query"),
        ("/v2/incidents#top", "query or fragment"),
        ("/v2/../v1/severities", "not a valid id"),
        ("/v2/%2e%2e/v1/severities", "not a valid id"),
        ("/v2//incidents", "must not be empty"),
        ("/v2/incidents/a\nb", "control character"),
    ],
)
def test_a_raw_path_that_could_reach_elsewhere_is_refused(path: str, says: str) -> None:
    with pytest.raises(InvalidArgumentsError) as info:
        raw_path(path)
    assert says in str(info.value)
