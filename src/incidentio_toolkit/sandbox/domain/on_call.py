"""Who is on call: schedule entries computed from rotations, layers, handovers and overrides.

Rules (see docs/sandbox.md):
- A rotation may appear several times with the same `id`; each version applies from its
  `effective_from` (unset = since forever) until the next version's.
- Shift `s` starts at `handover_start_at` advanced by the handover intervals in turn (hourly
  intervals are absolute hours; daily/weekly keep the wall-clock time in the schedule timezone).
- On layer `j` of shift `s` the user is `users[(s + j) % len(users)]`.
- `working_intervals` (local time) restrict shifts to those hours.
- `final` is `scheduled` with each override painted over its rotation layer (the most recently
  created override wins where overrides overlap).
"""

from __future__ import annotations

import hashlib
import heapq
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from incidentio_toolkit.sandbox._util import JSON, fmt_time, parse_time, stable_id

WEEKDAY_INDEX = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_MAX_STEPS = 20_000  # guards against configurations that never produce a shift
_FAR = datetime(9999, 1, 1, tzinfo=UTC)
_END = datetime.max.replace(tzinfo=UTC)  # where a shift that would end past 9999 ends


@dataclass(frozen=True, slots=True)
class Entry:
    """One on-call span for a user on a rotation layer."""

    start: datetime
    end: datetime
    rotation_id: str
    layer_id: str
    user: JSON
    entry_id: str

    def to_json(self) -> JSON:
        """`ScheduleEntryV2`."""
        return {
            "entry_id": self.entry_id,
            "fingerprint": _fingerprint(self),
            "rotation_id": self.rotation_id,
            "layer_id": self.layer_id,
            "user": self.user,
            "start_at": fmt_time(self.start),
            "end_at": fmt_time(self.end),
        }


def _fingerprint(entry: Entry) -> str:
    raw = "|".join(
        [
            entry.rotation_id,
            entry.layer_id,
            entry.user["id"],
            fmt_time(entry.start),
            fmt_time(entry.end),
        ]
    )
    return hashlib.sha256(raw.encode()).hexdigest()[:26]


def zone(name: str) -> tzinfo:
    """The schedule's timezone (UTC if unknown)."""
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError):
        return UTC


def _versions(rotations: list[JSON]) -> list[tuple[JSON, datetime, datetime]]:
    """Each rotation version with the span it applies to."""
    grouped: dict[str, list[JSON]] = {}
    for rotation in rotations:
        grouped.setdefault(rotation["id"], []).append(rotation)
    spans: list[tuple[JSON, datetime, datetime]] = []
    floor = datetime(1970, 1, 1, tzinfo=UTC)
    for versions in grouped.values():
        ordered = sorted(
            versions,
            key=lambda r: parse_time(r["effective_from"]) if r.get("effective_from") else floor,
        )
        for i, rotation in enumerate(ordered):
            start = (
                parse_time(rotation["effective_from"]) if rotation.get("effective_from") else floor
            )
            following = ordered[i + 1] if i + 1 < len(ordered) else None
            end = parse_time(following["effective_from"]) if following is not None else _FAR
            spans.append((rotation, start, end))
    return spans


def handover_end(at: datetime, handover: JSON, tz: tzinfo) -> datetime:
    """The end of a shift that starts at `at` and lasts one `handover`; an `OverflowError` when
    that is past the year 9999."""
    amount = int(handover["interval"])
    kind = handover["interval_type"]
    if kind == "hourly":
        return (at.astimezone(UTC) + timedelta(hours=amount)).astimezone(tz)
    days = amount * (7 if kind == "weekly" else 1)
    return at + timedelta(days=days)  # wall-clock arithmetic in `tz`


def _step(at: datetime, handover: JSON, tz: tzinfo) -> datetime:
    try:
        return handover_end(at, handover, tz)
    except OverflowError:
        return _END


def _fast_forward(
    origin: datetime, handovers: list[JSON], target: datetime, tz: tzinfo
) -> tuple[datetime, int]:
    """A shift boundary at or before `target` and its shift index."""
    hours = sum(int(h["interval"]) for h in handovers if h["interval_type"] == "hourly")
    days = sum(
        int(h["interval"]) * (7 if h["interval_type"] == "weekly" else 1)
        for h in handovers
        if h["interval_type"] != "hourly"
    )
    try:
        cycle = timedelta(days=days, hours=hours).total_seconds()
    except OverflowError:  # a cycle longer than any datetime span: start from the origin
        return origin, 0
    if cycle <= 0 or target <= origin:
        return origin, 0
    cycles = int((target - origin).total_seconds() // cycle) - 1
    if cycles <= 0:
        return origin, 0
    moved = origin + timedelta(days=days * cycles)
    moved = (moved.astimezone(UTC) + timedelta(hours=hours * cycles)).astimezone(tz)
    return moved, cycles * len(handovers)


def _working_pieces(
    start: datetime, end: datetime, intervals: list[JSON], tz: tzinfo
) -> list[tuple[datetime, datetime]]:
    if not intervals:
        return [(start, end)]
    pieces: list[tuple[datetime, datetime]] = []
    day = start.astimezone(tz).date() - timedelta(days=1)
    last = end.astimezone(tz).date()
    while day <= last:
        for interval in intervals:
            if WEEKDAY_INDEX[interval["weekday"]] != day.weekday():
                continue
            begin = datetime.combine(day, time.fromisoformat(interval["start_time"]), tzinfo=tz)
            finish = datetime.combine(day, time.fromisoformat(interval["end_time"]), tzinfo=tz)
            if finish <= begin:
                finish += timedelta(days=1)
            lo, hi = max(begin, start), min(finish, end)
            if lo < hi:
                pieces.append((lo, hi))
        day += timedelta(days=1)
    pieces.sort()
    merged: list[tuple[datetime, datetime]] = []
    for lo, hi in pieces:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def _layer_entries(
    rotation: JSON, layer_index: int, valid: tuple[datetime, datetime], since: datetime, tz: tzinfo
) -> Iterator[Entry]:
    """Entries of one layer of one rotation version ending after `since`, in time order."""
    users: list[JSON] = rotation["users"]
    layer = rotation["layers"][layer_index]
    if not users:
        return
    handovers: list[JSON] = rotation["handovers"] or [{"interval": 1, "interval_type": "weekly"}]
    valid_from, valid_until = valid
    origin = parse_time(rotation["handover_start_at"]).astimezone(tz)
    lower = max(since, valid_from)
    at, index = _fast_forward(origin, handovers, lower, tz)
    intervals: list[JSON] = rotation.get("working_intervals") or []
    for _ in range(_MAX_STEPS):
        if at >= valid_until:
            return
        following = _step(at, handovers[index % len(handovers)], tz)
        lo, hi = max(at, valid_from), min(following, valid_until)
        if hi > lower and lo < hi:
            user = users[(index + layer_index) % len(users)]
            for piece_start, piece_end in _working_pieces(
                lo.astimezone(UTC), hi.astimezone(UTC), intervals, tz
            ):
                if piece_end > lower:
                    yield Entry(
                        piece_start.astimezone(UTC),
                        piece_end.astimezone(UTC),
                        rotation["id"],
                        layer["id"],
                        user,
                        stable_id(rotation["id"], layer["id"], str(index), fmt_time(piece_start)),
                    )
        at, index = following, index + 1


def scheduled(config: JSON | None, timezone: str, since: datetime) -> Iterator[Entry]:
    """Every scheduled entry ending after `since`, ordered by start (lazy, unbounded)."""
    tz = zone(timezone)
    streams: list[Iterator[Entry]] = []
    for rotation, valid_from, valid_until in _versions((config or {}).get("rotations") or []):
        for layer_index in range(len(rotation["layers"])):
            streams.append(
                _layer_entries(rotation, layer_index, (valid_from, valid_until), since, tz)
            )
    return heapq.merge(*streams, key=lambda e: (e.start, e.end))


def override_entry(override: JSON) -> Entry:
    """The entry an override (`ScheduleOverrideV2`) puts on its layer."""
    return Entry(
        parse_time(override["start_at"]),
        parse_time(override["end_at"]),
        override["rotation_id"],
        override["layer_id"],
        override.get("user") or {"id": "", "name": "", "role": "unset"},
        override["id"],
    )


def apply_overrides(entries: list[Entry], overrides: list[Entry]) -> list[Entry]:
    """Paint overrides (oldest first) over scheduled entries of the same rotation layer."""
    layers: dict[tuple[str, str], list[Entry]] = {}
    for entry in entries:
        layers.setdefault((entry.rotation_id, entry.layer_id), []).append(entry)
    for override in overrides:
        key = (override.rotation_id, override.layer_id)
        kept: list[Entry] = []
        for seg in layers.get(key, []):
            if seg.end <= override.start or seg.start >= override.end:
                kept.append(seg)
                continue
            if seg.start < override.start:
                kept.append(_clip(seg, seg.start, override.start))
            if seg.end > override.end:
                kept.append(_clip(seg, override.end, seg.end))
        kept.append(override)
        layers[key] = kept
    final = [e for segs in layers.values() for e in segs]
    final.sort(key=lambda e: (e.start, e.end, e.rotation_id, e.layer_id))
    return final


def _clip(entry: Entry, start: datetime, end: datetime) -> Entry:
    if start == entry.start and end == entry.end:
        return entry
    return replace(entry, start=start, end=end, entry_id=stable_id(entry.entry_id, fmt_time(start)))


def page(
    config: JSON | None,
    timezone: str,
    overrides: list[JSON],
    window: tuple[datetime, datetime],
    limit: int,
) -> tuple[list[Entry], list[Entry], list[Entry], datetime | None]:
    """`(scheduled, overrides, final, next_start)` for a window; `next_start` when cut."""
    start, end = window
    taken: list[Entry] = []
    next_start: datetime | None = None
    for entry in scheduled(config, timezone, start):
        if entry.start >= end:
            break
        if len(taken) >= limit and entry.start > taken[-1].start:
            next_start = entry.start
            break
        taken.append(entry)
    page_end = next_start or end
    override_entries = [override_entry(o) for o in overrides]
    in_page = [o for o in override_entries if o.start < page_end and o.end > start]
    final = [
        e for e in apply_overrides(taken, override_entries) if e.start < page_end and e.end > start
    ]
    return taken, in_page, final, next_start


def current_and_next(
    config: JSON | None, timezone: str, overrides: list[JSON], now: datetime
) -> tuple[list[Entry], list[Entry]]:
    """Final entries on call at `now` and the ones that follow them on each layer."""
    per_layer: dict[tuple[str, str], list[Entry]] = {}
    for entry in _first_two_per_layer(config, timezone, now):
        per_layer.setdefault((entry.rotation_id, entry.layer_id), []).append(entry)
    scheduled_entries = [e for entries in per_layer.values() for e in entries]
    final = apply_overrides(scheduled_entries, [override_entry(o) for o in overrides])
    current = [e for e in final if e.start <= now < e.end]
    upcoming: list[Entry] = []
    for key in {(e.rotation_id, e.layer_id) for e in final}:
        layer = [e for e in final if (e.rotation_id, e.layer_id) == key]
        now_entry = next((e for e in layer if e.start <= now < e.end), None)
        boundary = now_entry.end if now_entry is not None else now
        later = [e for e in layer if e.start >= boundary]
        if later:
            upcoming.append(later[0])
    upcoming.sort(key=lambda e: (e.start, e.rotation_id, e.layer_id))
    return current, upcoming


def _first_two_per_layer(config: JSON | None, timezone: str, now: datetime) -> list[Entry]:
    tz = zone(timezone)
    out: list[Entry] = []
    for rotation, valid_from, valid_until in _versions((config or {}).get("rotations") or []):
        for layer_index in range(len(rotation["layers"])):
            stream = _layer_entries(rotation, layer_index, (valid_from, valid_until), now, tz)
            for _, entry in zip(range(2), stream, strict=False):
                out.append(entry)
    return out
