"""What happens to each incident of the large organisation, before anything is written: when it
is declared, its mode, type, severity and team, and the statuses it goes through and when.

Incidents arrive more often as the organisation grows, on weekdays and in working hours. An
incident's story runs until it is closed or until the history ends (`HISTORY_END`), so old
incidents are closed (or declined, canceled, merged) and recent ones are still in triage, live,
paused or being documented; a few are forgotten in an open status.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from incidentio_toolkit.sandbox.seed.large.org import LargeOrg, Team
from incidentio_toolkit.sandbox.seed.large.settings import SEVERITIES, STATUSES, TYPES
from incidentio_toolkit.sandbox.seed.large.shape import HISTORY_END, HISTORY_START

MODES = {"standard": 0.895, "retrospective": 0.05, "test": 0.04, "tutorial": 0.015}
TYPE_WEIGHTS = {
    "default": 0.33,
    "customer": 0.3,
    "data": 0.1,
    "internal": 0.12,
    "security": 0.07,
    "vendor": 0.08,
}
SEVERITY_WEIGHTS = {"low": 0.3, "minor": 0.37, "major": 0.22, "critical": 0.09, "": 0.02}
TRIAGE_OUTCOMES = {"accepted": 0.78, "declined": 0.14, "canceled": 0.04, "merged": 0.04}
FORCED_PATHS = {
    "triage": ("triage",),
    "investigating": ("investigating",),
    "fixing": ("investigating", "fixing"),
    "monitoring": ("investigating", "fixing", "monitoring"),
    "paused": ("investigating", "paused"),
    "documenting": ("investigating", "fixing", "monitoring", "documenting"),
    "closed": ("investigating", "fixing", "monitoring", "documenting", "closed"),
    "declined": ("triage", "declined"),
    "merged": ("merged",),
    "canceled": ("investigating", "canceled"),
}
"""For the incidents that make sure every status appears: the path to each status."""
_TRIAGED_TYPES = tuple(key for key, *_, triage in TYPES if triage == "always")


@dataclass
class Story:
    """One incident's life: `steps` are `(status key, when)`, the first at creation."""

    created: datetime
    mode: str
    type_key: str
    severity_key: str | None
    team: Team
    steps: list[tuple[str, datetime]] = field(default_factory=list[tuple[str, datetime]])
    earlier_severity: tuple[str, datetime] | None = None
    """The severity before it was raised to `severity_key`, and when it was raised."""

    @property
    def status_key(self) -> str:
        """The status the incident ends in."""
        return self.steps[-1][0]

    def reached(self, status_key: str) -> datetime | None:
        """When the incident first entered `status_key` (None when it never did)."""
        return next((when for key, when in self.steps if key == status_key), None)


def creation_times(org: LargeOrg) -> list[datetime]:
    """`size.incidents` declaration times over the history, oldest first."""
    span = (HISTORY_END - HISTORY_START).total_seconds()
    times: list[datetime] = []
    rng = org.rng
    while len(times) < org.size.incidents:
        position = rng.random()
        if (
            rng.random() * 1.5 > 0.5 + position
        ):  # twice as many incidents at the end as at the start
            continue
        when = HISTORY_START + timedelta(seconds=int(position * span))
        weight = (1.0 if when.weekday() < 5 else 0.45) * (1.0 if 7 <= when.hour < 19 else 0.5)
        if rng.random() <= weight:
            times.append(when)
    times.sort()
    return times


def _minutes(org: LargeOrg, median: float) -> timedelta:
    return timedelta(minutes=max(1.0, org.rng.lognormvariate(0, 0.8) * median))


def _steps(org: LargeOrg, story: Story) -> list[tuple[str, datetime]]:
    at = story.created
    if story.mode == "retrospective":
        return [("closed", at)]
    steps: list[tuple[str, datetime]] = []
    in_triage = story.type_key in _TRIAGED_TYPES or org.chance(0.3)
    if in_triage and story.mode == "standard":
        outcome = org.weighted(TRIAGE_OUTCOMES)
        if outcome == "merged":
            return [("merged", at)]
        steps.append(("triage", at))
        at += _minutes(org, 25)
        if outcome != "accepted":
            return [*steps, (outcome, at)]
    steps.append(("investigating", at))
    if org.chance(0.01):
        return [*steps, ("canceled", at + _minutes(org, 15))]
    pace = {"critical": 0.6, "major": 1.0}.get(story.severity_key or "", 1.4)
    if org.chance(0.8):
        at += _minutes(org, 35 * pace)
        steps.append(("fixing", at))
    if org.chance(0.05):
        at += _minutes(org, 20 * pace)
        steps.append(("paused", at))
        at += _minutes(org, 600)
        steps.append(("fixing", at))
    if org.chance(0.7):
        at += _minutes(org, 60 * pace)
        steps.append(("monitoring", at))
    at += _minutes(org, 90 * pace)
    steps.append(("documenting", at))
    if story.mode != "standard" or not org.chance(0.06):
        at += timedelta(days=org.rng.uniform(0.5, 12))
        steps.append(("closed", at))
    if story.mode == "standard" and org.chance(0.015):  # forgotten in an open status
        open_steps = [
            i
            for i, (key, _) in enumerate(steps)
            if key in ("triage", "investigating", "fixing", "monitoring", "paused")
        ]
        steps = steps[: org.pick(open_steps) + 1]
    return steps


def _severity(org: LargeOrg, story: Story) -> None:
    live = [when for key, when in story.steps if key in ("fixing", "monitoring")]
    keys = [key for key, *_ in SEVERITIES]
    if story.severity_key in keys[1:] and live and org.chance(0.12):
        lower = keys[keys.index(story.severity_key) - 1]
        story.earlier_severity = (lower, org.pick(live))


def _team(org: LargeOrg, type_key: str) -> Team:
    if type_key == "security" and org.chance(0.8):
        return next(t for t in org.teams if t.name == "Security")
    return org.pick(org.teams)


def write_plan(org: LargeOrg, start: int = 0, stop: int | None = None) -> list[Story]:
    """The stories of incidents `[start, stop)` (0-based, oldest first; all by default); a few
    recent ones cover every status, type, severity and mode. Each story draws from a random
    source of its own, so that it is the same whichever part of the organisation asks."""
    times = creation_times(org)
    shared = org.rng
    stories: list[Story] = []
    for index in range(start, len(times) if stop is None else stop):
        org.rng = random.Random(f"globex-{org.seed}-story-{index + 1}")  # noqa: S311
        type_key = org.weighted(TYPE_WEIGHTS)
        severity = org.weighted(SEVERITY_WEIGHTS) or None
        created = times[index]
        story = Story(created, org.weighted(MODES), type_key, severity, _team(org, type_key))
        story.steps = [(k, t) for k, t in _steps(org, story) if t <= HISTORY_END]
        _severity(org, story)
        stories.append(story)
    org.rng = shared
    _cover_everything(times, stories, start)
    return stories


def _cover_everything(times: list[datetime], stories: list[Story], start: int) -> None:
    """Rewrite a few incidents of the last weeks (those of `stories`, which begin at index
    `start`) so that every status, type, severity (and no severity) and mode appears at least
    once, however small the organisation."""
    type_keys = [key for key, *_ in TYPES]
    severity_keys: list[str | None] = [key for key, *_ in SEVERITIES] + [None]
    plan = [(key, "standard") for key, *_ in STATUSES] + [
        ("investigating" if mode == "tutorial" else "closed", mode) for mode in MODES
    ]
    older = [i for i, created in enumerate(times) if HISTORY_END - created > timedelta(days=2)]
    chosen = zip(older[-3 * len(plan) :: 3], plan, strict=True)
    for index, (position, (target, mode)) in enumerate(chosen):
        if not start <= position < start + len(stories):
            continue
        story = stories[position - start]
        story.type_key = type_keys[index % len(type_keys)]
        story.severity_key = severity_keys[index % len(severity_keys)]
        story.earlier_severity = None
        story.mode = mode
        path = ("closed",) if mode == "retrospective" else FORCED_PATHS[target]
        story.steps = [
            (key, story.created + timedelta(minutes=20 * i)) for i, key in enumerate(path)
        ]
