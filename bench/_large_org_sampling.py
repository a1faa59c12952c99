"""The requests `bench_large_org.py` times, and the checks of their answers.

An `Organisation` is one running sandbox seen through one keep-alive client: its setup reads (not
timed), and the three operations drawn at random from what those reads found. Its `Sampler` keeps
a latency sample only for an answer that is right and not empty; it counts failed requests, wrong
answers and empty ones, and never raises on them.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

import httpx2

from incidentio_toolkit.sandbox import DEMO_API_KEY
from incidentio_toolkit.sandbox.seed.large import HISTORY_END

JSON = dict[str, Any]
LISTS = {"incidents_list_1": 1, "incidents_list_25": 25}
"""`incidents_list` in pages of one incident and of 25: the demo's five listed incidents leave
about one on a filtered page, so only pages of one hold as much as the large organisation's."""
OPERATIONS = (*LISTS, "incidents_show", "schedule_entries_list")
CATEGORY_SETS = (
    ("closed",),
    ("closed", "learning"),
    ("live", "learning", "triage", "paused"),
    ("declined", "canceled", "merged"),
)
WALK_PAGES = 8
WARM_UP = 20
ROUNDS = 4
ATTEMPTS_PER_SAMPLE = 40
"""A list walk gives up after this many requests per sample wanted: most filters leave the
demo's five listed incidents with an empty page."""
KEPT = 5
"""How many failed requests and wrong answers are kept word for word."""

Check = Callable[[JSON], tuple[int, str | None]]
"""An answer's number of items and what is wrong with it (None when it is right)."""


def day_of(stamp: str) -> date:
    return datetime.fromisoformat(stamp).astimezone(UTC).date()


class Sampler:
    """Times requests one at a time; counts those that fail, answer wrongly or answer nothing."""

    def __init__(self, http: httpx2.Client) -> None:
        self.http = http
        self.times: dict[str, list[float]] = {op: [] for op in OPERATIONS}
        self.empty: dict[str, int] = dict.fromkeys(OPERATIONS, 0)
        self.errors: dict[str, int] = dict.fromkeys(OPERATIONS, 0)
        self.wrong: dict[str, int] = dict.fromkeys(OPERATIONS, 0)
        self.failed_requests: list[str] = []
        self.wrong_answers: list[str] = []
        self.setup_failures: list[str] = []

    def reset_samples(self) -> None:
        """Forget the warm-up's samples and empty answers (its errors and wrong answers stay)."""
        self.times = {op: [] for op in OPERATIONS}
        self.empty = dict.fromkeys(OPERATIONS, 0)

    def _fetch(self, path: str, params: Any) -> tuple[JSON | None, float, str]:
        began = time.perf_counter()
        try:
            response = self.http.get(path, params=params)
        except httpx2.HTTPError as exc:
            return None, 0.0, f"{type(exc).__name__}: {exc}"
        took = time.perf_counter() - began
        if response.status_code != 200:
            return None, took, f"HTTP {response.status_code}"
        try:
            body: Any = response.json()
        except ValueError:
            return None, took, "not JSON"
        if not isinstance(body, dict):
            return None, took, "not a JSON object"
        return cast(JSON, body), took, ""

    def setup(self, path: str, key: str, params: Any = None) -> list[JSON]:
        """A read the measuring needs, not timed: its `key` list ([] and counted on failure)."""
        body, _, error = self._fetch(path, params)
        items: Any = None if body is None else body.get(key)
        if not isinstance(items, list):
            self.setup_failures.append(f"{path}: {error or f'no {key!r} list'}")
            return []
        found = cast(list[Any], items)
        return [cast(JSON, item) for item in found if isinstance(item, dict)]

    def get(self, op: str, path: str, params: Any, check: Check) -> JSON | None:
        """One timed request: a sample when the answer is right and not empty; None when the
        request failed or the answer is wrong."""
        body, took, error = self._fetch(path, params)
        if body is None:
            self.errors[op] += 1
            if len(self.failed_requests) < KEPT:
                self.failed_requests.append(f"{op} {path}: {error}")
            return None
        try:
            count, problem = check(body)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            count, problem = 0, f"unexpected answer ({type(exc).__name__}: {exc})"
        if problem is not None:
            self.wrong[op] += 1
            if len(self.wrong_answers) < KEPT:
                self.wrong_answers.append(f"{op} {path}: {problem}")
            return None
        if count == 0:
            self.empty[op] += 1
        else:
            self.times[op].append(took * 1000)
        return body


@dataclass(frozen=True)
class ListFilter:
    """One `incidents_list` filter and the check that an incident matches it."""

    categories: tuple[str, ...]
    severity_id: str
    min_rank: int
    first: date
    last: date
    page_size: int

    def params(self) -> list[tuple[str, str]]:
        params = [("status_category[one_of]", c) for c in self.categories]
        params.append(("severity[gte]", self.severity_id))
        params.append(("created_at[date_range]", f"{self.first}~{self.last}"))
        params.append(("page_size", str(self.page_size)))
        return params

    def problem(self, incident: JSON) -> str | None:
        category = incident["incident_status"]["category"]
        severity: JSON = incident.get("severity") or {}
        rank: int | None = severity.get("rank")
        created = day_of(incident["created_at"])
        if category not in self.categories:
            return f"{incident['id']}: status category {category!r} not in {self.categories}"
        if rank is None or rank < self.min_rank:
            return f"{incident['id']}: severity rank {rank} below {self.min_rank}"
        if not self.first <= created <= self.last:
            return f"{incident['id']}: created {created} outside {self.first}~{self.last}"
        return None


class Organisation:
    """One running sandbox: its client, its sampler and what the requests are drawn from.

    `history` is the span its incidents were declared over; None reads it from the newest 250
    incidents (the demo's are all of them)."""

    def __init__(self, name: str, port: int, history: tuple[datetime, datetime] | None) -> None:
        self.name = name
        self.http = httpx2.Client(
            base_url=f"http://127.0.0.1:{port}",
            headers={"Authorization": f"Bearer {DEMO_API_KEY}"},
            timeout=60,
            trust_env=False,
        )
        self.sampler = Sampler(self.http)
        self.rng = random.Random(1)
        self.history = history
        self.ranks: dict[str, int] = {}
        self.schedules: list[str] = []
        self.seen: list[str] = []
        self.items_per_page: dict[str, list[int]] = {op: [] for op in LISTS}

    def prepare(self) -> None:
        """The setup reads: severities, schedules, and the newest incidents (the first incidents
        `shows` asks for)."""
        severities = self.sampler.setup("/v1/severities", "severities")
        self.ranks = {s["id"]: s["rank"] for s in severities if {"id", "rank"} <= s.keys()}
        schedules = self.sampler.setup("/v2/schedules", "schedules", {"page_size": 250})
        self.schedules = [s["id"] for s in schedules if "id" in s]
        newest = self.sampler.setup("/v2/incidents", "incidents", {"page_size": 250})
        newest = [i for i in newest if {"id", "created_at"} <= i.keys()]
        self.seen = [i["id"] for i in newest]
        if self.history is None and newest:
            created = sorted(datetime.fromisoformat(i["created_at"]) for i in newest)
            self.history = (created[0], created[-1])

    def draw_filter(self, page_size: int) -> ListFilter | None:
        """Categories, a severity floor (any but the highest) and a date range: on the large
        organisation's two years, 20 to 700 days back and 14 to 240 days long; scaled to the
        demo's span the same way."""
        if self.history is None or len(self.ranks) < 2:
            return None
        oldest, newest = self.history
        span = newest - oldest
        first = newest - span * self.rng.uniform(20 / 730, 700 / 730)
        last = min(first + span * self.rng.uniform(14 / 730, 240 / 730), newest)
        severity = self.rng.choice(sorted(self.ranks, key=lambda s: self.ranks[s])[:-1])
        return ListFilter(
            self.rng.choice(CATEGORY_SETS),
            severity,
            self.ranks[severity],
            first.astimezone(UTC).date(),
            last.astimezone(UTC).date(),
            page_size,
        )

    def walk_lists(self, op: str, count: int) -> None:
        """Filtered walks until `count` more samples, or until the attempts or `count` failed
        requests run out."""
        sampler = self.sampler
        wanted = len(sampler.times[op]) + count
        give_up = sampler.errors[op] + count
        for _ in range(count * ATTEMPTS_PER_SAMPLE):
            chosen = self.draw_filter(LISTS[op])
            if chosen is None:
                return
            self.walk(op, chosen, wanted)
            if len(sampler.times[op]) >= wanted or sampler.errors[op] >= give_up:
                return

    def walk(self, op: str, chosen: ListFilter, wanted: int) -> None:
        """Up to `WALK_PAGES` pages of one filter through `after`; every incident must match the
        filter and be new to the walk."""
        walked: set[str] = set()

        def check(page: JSON) -> tuple[int, str | None]:
            incidents: list[JSON] = page["incidents"]
            if len(incidents) > chosen.page_size:
                return len(incidents), f"{len(incidents)} incidents, page_size {chosen.page_size}"
            for incident in incidents:
                problem = chosen.problem(incident)
                if problem is None and incident["id"] in walked:
                    problem = f"{incident['id']} again on a later page"
                if problem is not None:
                    return len(incidents), problem
                walked.add(incident["id"])
            return len(incidents), None

        after: str | None = None
        for _ in range(WALK_PAGES):
            query = chosen.params() if after is None else [*chosen.params(), ("after", after)]
            page = self.sampler.get(op, "/v2/incidents", query, check)
            if page is None or not page["incidents"]:
                return
            self.items_per_page[op].append(len(page["incidents"]))
            self.seen.extend(i["id"] for i in page["incidents"])
            meta: JSON | None = page.get("pagination_meta")
            after = meta.get("after") if isinstance(meta, dict) else None
            if after is None or len(self.sampler.times[op]) >= wanted:
                return

    def shows(self, count: int) -> None:
        """`count` incidents seen so far, each checked to be the one asked for."""
        for _ in range(count if self.seen else 0):
            wanted = self.rng.choice(self.seen)

            def check(body: JSON, wanted: str = wanted) -> tuple[int, str | None]:
                got = body["incident"]["id"]
                return 1, None if got == wanted else f"asked for {wanted}, got {got}"

            self.sampler.get("incidents_show", f"/v2/incidents/{wanted}", None, check)

    def entries(self, count: int) -> None:
        """`count` 14-day windows of a random schedule, from 60 days before the end of the large
        organisation's history to 30 after; every entry must overlap its window."""
        for _ in range(count if self.schedules else 0):
            low = HISTORY_END + timedelta(hours=self.rng.randint(-60 * 24, 30 * 24))
            high = low + timedelta(days=14)
            window = {
                "schedule_id": self.rng.choice(self.schedules),
                "entry_window_start": low.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "entry_window_end": high.strftime("%Y-%m-%dT%H:%M:%SZ"),
            }

            def check(
                body: JSON, low: datetime = low, high: datetime = high
            ) -> tuple[int, str | None]:
                found: dict[str, list[JSON]] = body["schedule_entries"]
                shown = [e for kind in ("scheduled", "final") for e in found.get(kind) or []]
                for entry in shown:
                    starts = datetime.fromisoformat(entry["start_at"])
                    ends = datetime.fromisoformat(entry["end_at"])
                    if not (starts < high and ends > low):
                        return len(shown), f"entry {starts}..{ends} outside {low}..{high}"
                return len(shown), None

            self.sampler.get("schedule_entries_list", "/v2/schedule_entries", window, check)

    def run(self, count: int) -> None:
        for op in LISTS:
            self.walk_lists(op, count)
        self.shows(count)
        self.entries(count)

    def close(self) -> None:
        self.http.close()


def measure(orgs: list[Organisation], samples: int) -> None:
    """The setup reads and a warm-up of each operation on each server, then `samples` of each in
    `ROUNDS` rounds, the servers taking turns (their order swapped every round)."""
    for org in orgs:
        org.prepare()
        org.run(WARM_UP)
        org.sampler.reset_samples()
        org.items_per_page = {op: [] for op in LISTS}
    for round_ in range(ROUNDS):
        for org in orgs if round_ % 2 == 0 else orgs[::-1]:
            org.run(samples // ROUNDS)
