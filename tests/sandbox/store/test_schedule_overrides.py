"""The schedule overrides store: on one layer, overrides never overlap, whether created or moved."""

from __future__ import annotations

import itertools
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.sandbox.support import NOW

from incidentio_toolkit.sandbox import create_app, seed
from incidentio_toolkit.sandbox._util import fmt_time, parse_time
from incidentio_toolkit.sandbox._validate import Fields

LAYER = {
    "rotation_id": seed.ROTATION_PRIMARY_ID,
    "layer_id": seed.LAYER_PRIMARY_ID,
    "user": {"id": seed.USER_DIEGO_ID},
}
# (start hour, length in hours, move the oldest live override instead of creating one)
steps = st.lists(
    st.tuples(st.integers(0, 48), st.integers(1, 24), st.booleans()), min_size=1, max_size=8
)


@settings(max_examples=40, deadline=None)
@given(steps)
def test_overrides_on_one_layer_never_overlap_whatever_is_created_or_moved(
    plan: list[tuple[int, int, bool]],
) -> None:
    app = create_app(clock=lambda: NOW)
    store = app.store.schedule_overrides
    try:
        for start_hour, hours, move in plan:
            start = NOW + timedelta(hours=start_hour)
            window = {
                "start_at": fmt_time(start),
                "end_at": fmt_time(start + timedelta(hours=hours)),
            }
            live = [
                o
                for o in store.of_schedule(seed.SCHEDULE_PRIMARY_ID)
                if o["user"]["id"] == seed.USER_DIEGO_ID
            ]
            if move and live:
                store.update(live[-1]["id"], Fields({**LAYER, **window}), NOW)
            else:
                body = {"schedule_id": seed.SCHEDULE_PRIMARY_ID, **LAYER, **window}
                store.create(Fields(body), NOW)
            on_layer = sorted(
                (parse_time(o["start_at"]), parse_time(o["end_at"]))
                for o in store.of_schedule(seed.SCHEDULE_PRIMARY_ID)
                if o["layer_id"] == seed.LAYER_PRIMARY_ID
            )
            for (_, first_end), (second_start, _) in itertools.pairwise(on_layer):
                assert first_end <= second_start, on_layer
            assert (start, start + timedelta(hours=hours)) in on_layer  # the new window wins
    finally:
        app.close()
