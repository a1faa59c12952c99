"""The size of the large organisation at a scale, and the scales refused."""

from __future__ import annotations

import pytest

from incidentio_toolkit.sandbox.seed.large.shape import (
    HISTORY_END,
    HISTORY_START,
    ORG_CREATED,
    LargeOrgSize,
)


def test_the_full_size_is_that_of_a_real_customer() -> None:
    size = LargeOrgSize.at_scale(1.0)
    assert size.incidents >= 10_000
    assert size.users >= 500
    assert size.schedules >= 40
    assert size.escalation_paths >= 30
    assert size.escalations >= 2_000
    assert ORG_CREATED < HISTORY_START < HISTORY_END
    assert (HISTORY_END - HISTORY_START).days >= 730


def test_small_scales_keep_a_floor_and_large_ones_grow() -> None:
    tiny, double = LargeOrgSize.at_scale(0.001), LargeOrgSize.at_scale(2)
    assert tiny.incidents >= 60
    assert tiny.schedules >= 14  # every team keeps a schedule and an escalation path
    assert tiny.escalation_paths >= 14
    assert double.incidents == 2 * LargeOrgSize.at_scale(1).incidents


@pytest.mark.parametrize("scale", [0, -1, 5.5, float("nan")])
def test_a_scale_out_of_range_is_refused_with_the_range(scale: float) -> None:
    with pytest.raises(ValueError, match="scale must be above 0 and at most 5"):
        LargeOrgSize.at_scale(scale)
