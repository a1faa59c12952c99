"""The large organisation's post-mortems: one for every closed critical or major standard
incident, written by its lead (and often a teammate) and completed when the incident closed. The
content is rendered from what the incident holds, as in the demo organisation."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import timedelta

from incidentio_toolkit.sandbox._util import JSON, stable_id
from incidentio_toolkit.sandbox.seed.large import names
from incidentio_toolkit.sandbox.seed.large.incidents import WrittenIncident
from incidentio_toolkit.sandbox.seed.large.org import LargeOrg
from incidentio_toolkit.sandbox.seed.postmortems import PostmortemSeed, WriteUp, write_postmortem

SEVERITIES = ("critical", "major")
"""The severities whose incidents get a post-mortem."""


def _pages(org: LargeOrg) -> dict[str, list[JSON]]:
    """The escalations of each incident, read once."""
    pages: dict[str, list[JSON]] = defaultdict(list)
    for escalation in org.store.escalations.table.find("1"):
        for related in escalation["related_incidents"]:
            pages[related["id"]].append(escalation)
    return pages


def write_large_postmortems(org: LargeOrg, incidents: list[WrittenIncident]) -> None:
    """A completed post-mortem for every closed critical or major standard incident."""
    pages = _pages(org)
    for written in incidents:
        story = written.story
        closed = story.reached("closed")
        documenting = story.reached("documenting")
        if story.mode != "standard" or story.severity_key not in SEVERITIES:
            continue
        if closed is None or documenting is None:
            continue
        rng = random.Random(f"globex-{org.seed}-postmortem-{written.id}")  # noqa: S311
        editors = [written.lead["id"]]
        teammates = [m["id"] for m in story.team.members if m["id"] not in editors]
        if teammates and rng.random() < 0.6:
            editors.append(rng.choice(teammates))
        cause = rng.choice(names.ROOT_CAUSES).lower()
        write_up = WriteUp(
            f"{written.name}. The cause was {cause}; {story.team.name} owned the response.",
            rng.sample(names.CONTRIBUTING_FACTORS, k=2),
            [f"Detected by {rng.choice(names.DETECTION_METHODS).lower()}."],
        )
        seed = PostmortemSeed(
            stable_id("globex-postmortem", str(org.seed), written.id),
            written.id,
            "completed",
            editors,
            documenting + timedelta(minutes=rng.randint(10, 240)),
            max(closed, documenting + timedelta(hours=4)),
            write_up,
        )
        write_postmortem(org.store, seed, pages.get(written.id, []))
