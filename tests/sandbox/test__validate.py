"""`Fields`: checked getters whose 422s name the field's path in the request."""

from __future__ import annotations

import pytest

from incidentio_toolkit.sandbox._validate import Fields, weekday_intervals
from incidentio_toolkit.sandbox.errors import UnprocessableEntityError


def _error(call: object) -> tuple[str | None, str]:
    assert callable(call)
    with pytest.raises(UnprocessableEntityError) as raised:
        call()
    return raised.value.field, raised.value.code


def test_missing_and_wrong_fields_name_their_path() -> None:
    schedule = Fields({"schedule": {"name": 5, "config": {"rotations": [{}]}}}).req_obj("schedule")
    assert _error(lambda: schedule.str("name")) == ("schedule.name", "invalid_value")
    assert _error(lambda: schedule.req_str("timezone")) == ("schedule.timezone", "missing_field")
    [rotation] = schedule.req_obj("config").objs("rotations") or []
    assert _error(lambda: rotation.req_str("name")) == (
        "schedule.config.rotations[0].name",
        "missing_field",
    )


def test_null_counts_as_absent() -> None:
    body = Fields({"summary": None})
    assert body.str("summary") is None
    assert not body.has("summary")
    assert _error(lambda: body.req_str("summary")) == ("summary", "missing_field")


def test_weekday_intervals_need_a_day_and_hh_mm_times() -> None:
    good = Fields({"weekday": "monday", "start_time": "09:00", "end_time": "17:00"}, "w[0]")
    assert weekday_intervals([good]) == [
        {"weekday": "monday", "start_time": "09:00", "end_time": "17:00"}
    ]
    bad = Fields({"weekday": "monday", "start_time": "9am", "end_time": "17:00"}, "w[0]")
    assert _error(lambda: weekday_intervals([bad]))[0] == "w[0].start_time"
