"""Properties of the on-call computation (`final` = scheduled with overrides painted on)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from incidentio_toolkit.sandbox._util import fmt_time
from incidentio_toolkit.sandbox.domain import on_call

WINDOW_START = datetime(2026, 3, 20, tzinfo=UTC)


WINDOW_END = WINDOW_START + timedelta(days=14)


USERS = [{"id": f"U{i}", "name": f"User {i}", "role": "responder"} for i in range(4)]


def _handover(interval: int, interval_type: str) -> dict[str, Any]:
    return {"interval": interval, "interval_type": interval_type}


handovers: st.SearchStrategy[dict[str, Any]] = st.one_of(
    st.builds(_handover, st.integers(1, 30), st.just("hourly")),
    st.builds(_handover, st.integers(1, 3), st.just("daily")),
    st.builds(_handover, st.just(1), st.just("weekly")),
)


@st.composite
def configs(draw: st.DrawFn) -> dict[str, Any]:
    rotation = {
        "id": "rota",
        "name": "Rota",
        "layers": [{"id": f"L{i}", "name": f"L{i}"} for i in range(draw(st.integers(1, 2)))],
        "users": USERS[: draw(st.integers(1, 4))],
        "handover_start_at": fmt_time(WINDOW_START - timedelta(hours=draw(st.integers(0, 500)))),
        "handovers": draw(st.lists(handovers, min_size=1, max_size=3)),
        "working_intervals": [],
    }
    return {"rotations": [rotation]}


@st.composite
def overrides(draw: st.DrawFn) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for i in range(draw(st.integers(0, 4))):
        start = WINDOW_START + timedelta(hours=draw(st.integers(-24, 14 * 24)))
        end = start + timedelta(hours=draw(st.integers(1, 72)))
        out.append(
            {
                "id": f"O{i}",
                "rotation_id": "rota",
                "layer_id": "L0",
                "user": {"id": f"X{i}", "name": f"Cover {i}", "role": "responder"},
                "start_at": fmt_time(start),
                "end_at": fmt_time(end),
            }
        )
    return out


def _covered(entries: list[on_call.Entry]) -> list[tuple[datetime, datetime]]:
    """Merged spans covered by `entries` inside the window."""
    spans: list[tuple[datetime, datetime]] = []
    for entry in sorted(entries, key=lambda e: e.start):
        start, end = max(entry.start, WINDOW_START), min(entry.end, WINDOW_END)
        if start >= end:
            continue
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans


@settings(max_examples=60, deadline=None, database=None)
@given(configs(), overrides())
def test_final_entries_never_overlap_and_honour_the_newest_override(
    config: dict[str, Any], override_list: list[dict[str, Any]]
) -> None:
    scheduled, _, final, next_start = on_call.page(
        config, "Europe/London", override_list, (WINDOW_START, WINDOW_END), limit=10_000
    )
    assert next_start is None
    assert scheduled, "a rotation with users always schedules someone"
    for layer in {e.layer_id for e in final}:
        entries = sorted((e for e in final if e.layer_id == layer), key=lambda e: e.start)
        for before, after in itertools.pairwise(entries):
            assert before.end <= after.start
    layer0 = [e for e in final if e.layer_id == "L0"]
    override_entries = [on_call.override_entry(o) for o in override_list]
    for probe_hour in range(0, 14 * 24, 5):
        probe = WINDOW_START + timedelta(hours=probe_hour, minutes=30)
        covering = [o for o in override_entries if o.start <= probe < o.end]
        current = [e for e in layer0 if e.start <= probe < e.end]
        assert len(current) <= 1
        if covering:
            assert current[0].user["id"] == covering[-1].user["id"]
        else:
            expected = [e for e in scheduled if e.layer_id == "L0" and e.start <= probe < e.end]
            assert [e.user["id"] for e in current] == [e.user["id"] for e in expected]
    # nothing is lost: final covers exactly what scheduled plus overrides covered on layer 0
    relevant = [e for e in scheduled if e.layer_id == "L0"] + override_entries
    assert _covered(layer0) == _covered(relevant)


def test_shifts_hand_over_in_user_order() -> None:
    config = {
        "rotations": [
            {
                "id": "r",
                "name": "r",
                "layers": [{"id": "a", "name": "a"}, {"id": "b", "name": "b"}],
                "users": USERS[:3],
                "handover_start_at": "2026-01-05T09:00:00Z",
                "handovers": [
                    {"interval": 1, "interval_type": "daily"},
                    {"interval": 2, "interval_type": "daily"},
                ],
                "working_intervals": [],
            }
        ]
    }
    start = datetime(2026, 1, 5, 9, tzinfo=UTC)
    entries, _, _, _ = on_call.page(
        config, "UTC", [], (start, start + timedelta(days=6)), limit=100
    )
    layer_a = [(e.user["id"], e.start.day, e.end.day) for e in entries if e.layer_id == "a"]
    layer_b = [e.user["id"] for e in entries if e.layer_id == "b"]
    assert layer_a == [("U0", 5, 6), ("U1", 6, 8), ("U2", 8, 9), ("U0", 9, 11)]
    assert layer_b == ["U1", "U2", "U0", "U1"]


def test_shifts_that_would_end_past_the_year_9999_end_there() -> None:
    config = {
        "rotations": [
            {
                "id": "rota",
                "name": "Rota",
                "layers": [{"id": "L0", "name": "L0"}],
                "users": USERS[:2],
                "handover_start_at": "9990-01-01T00:00:00Z",
                "handovers": [_handover(52 * 3, "weekly")],
            }
        ]
    }
    since = datetime(9998, 6, 1, tzinfo=UTC)
    entries = list(on_call.scheduled(config, "Pacific/Kiritimati", since))
    assert [(fmt_time(e.start), e.user["id"]) for e in entries] == [
        ("9995-12-25T00:00:00Z", "U0"),
        ("9998-12-21T00:00:00Z", "U1"),  # the next handover would be in 10001
    ]
    assert entries[-1].end == datetime(9999, 1, 1, tzinfo=UTC)  # where rotations stop
