"""Incident stories: when incidents are declared, and the statuses each goes through."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from incidentio_toolkit.sandbox.seed.large.org import LargeOrg
from incidentio_toolkit.sandbox.seed.large.people import write_people
from incidentio_toolkit.sandbox.seed.large.settings import STATUSES, write_settings
from incidentio_toolkit.sandbox.seed.large.shape import HISTORY_END, HISTORY_START, LargeOrgSize
from incidentio_toolkit.sandbox.seed.large.stories import (
    FORCED_PATHS,
    MODES,
    Story,
    creation_times,
    write_plan,
)
from incidentio_toolkit.sandbox.store import Store

TERMINAL = ("closed", "declined", "merged", "canceled")
ORDER = ("triage", "investigating", "fixing", "paused", "monitoring", "documenting", "closed")


@pytest.fixture(scope="module")
def org() -> LargeOrg:
    store = Store(None)
    org = LargeOrg(store, random.Random(7), LargeOrgSize.at_scale(0.2), write_settings(store))
    write_people(org)
    return org


@pytest.fixture(scope="module")
def stories(org: LargeOrg) -> list[Story]:
    return write_plan(org)


def test_incidents_are_declared_over_two_years_more_often_as_the_org_grows(org: LargeOrg) -> None:
    times = creation_times(org)
    assert len(times) == org.size.incidents
    assert times == sorted(times)
    assert HISTORY_START <= times[0] < times[-1] <= HISTORY_END
    middle = HISTORY_START + (HISTORY_END - HISTORY_START) / 2
    first_year = sum(1 for t in times if t < middle)
    assert len(times) - first_year > 1.3 * first_year
    weekdays = sum(1 for t in times if t.weekday() < 5)
    assert weekdays > 0.75 * len(times)  # 5/7 of the days, more than their share of incidents


def test_every_story_moves_forward_in_time_and_ends_by_the_end_of_history(
    stories: list[Story],
) -> None:
    for story in stories:
        whens = [when for _, when in story.steps]
        assert whens[0] == story.created
        assert whens == sorted(whens)
        assert whens[-1] <= HISTORY_END
        keys = [key for key, _ in story.steps]
        assert all(key not in TERMINAL for key in keys[:-1]), keys
        if story.mode == "retrospective":
            assert keys == ["closed"]


def test_live_incidents_go_through_the_statuses_in_order(stories: list[Story]) -> None:
    for story in stories:
        keys = [key for key, _ in story.steps if key in ORDER and key != "paused"]
        resumed = [k for i, k in enumerate(keys) if i and ORDER.index(k) < ORDER.index(keys[i - 1])]
        assert resumed == [], [key for key, _ in story.steps]


def test_old_stories_are_over_and_a_few_are_forgotten(stories: list[Story]) -> None:
    old = [s for s in stories if HISTORY_END - s.created > timedelta(days=30)]
    forgotten = [s for s in old if s.status_key not in TERMINAL and s.status_key != "documenting"]
    assert 0 < len(forgotten) < 0.05 * len(old)


def test_a_few_recent_stories_cover_every_status_and_mode(stories: list[Story]) -> None:
    assert {s.status_key for s in stories} == {key for key, *_ in STATUSES}
    assert {s.mode for s in stories} == set(MODES)
    assert set(FORCED_PATHS) == {key for key, *_ in STATUSES}


def test_raised_severities_are_raised_while_the_incident_is_live(stories: list[Story]) -> None:
    raised = [s for s in stories if s.earlier_severity is not None]
    assert raised
    for story in raised:
        assert story.earlier_severity is not None
        _, when = story.earlier_severity
        assert story.created < when <= story.steps[-1][1]
