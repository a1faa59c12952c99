"""Alerts: three alert sources, the alerts they fired with their attributes (service, team,
environment), and the links from alerts to the incidents they opened or joined.

`write_alerts` writes any organisation's alerts from `AlertSeed`s; `seed_alerts` writes the demo
organisation's; `random_alerts` makes plausible ones for a generated organisation from a random
generator (one per given incident, plus unlinked noise).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

import incidentio_toolkit.sandbox.seed.ids as ids
from incidentio_toolkit.sandbox._util import JSON, fmt_time, stable_id
from incidentio_toolkit.sandbox.seed.incidents import at
from incidentio_toolkit.sandbox.store import Store

ALERT_ROUTE_ID = stable_id("route", "production")
_SERVICE_TYPE = stable_id("catalog-type", "service")
_TEAM_TYPE = stable_id("catalog-type", "team")
_SERVICE = {
    "id": stable_id("attr", "service"),
    "name": "Service",
    "type": f'CatalogEntry["{_SERVICE_TYPE}"]',
    "array": False,
    "required": True,
    "emoji": "gear",
}
_TEAM = {
    "id": stable_id("attr", "team"),
    "name": "Team",
    "type": f'CatalogEntry["{_TEAM_TYPE}"]',
    "array": False,
    "required": False,
    "emoji": "busts_in_silhouette",
}
_ENVIRONMENT = {
    "id": stable_id("attr", "environment"),
    "name": "Environment",
    "type": "String",
    "array": False,
    "required": False,
}
SOURCES = [
    (ids.ALERT_SOURCE_DATADOG_ID, "Datadog (production)", "datadog", True),
    (ids.ALERT_SOURCE_ALERTMANAGER_ID, "Alertmanager (production)", "alertmanager", False),
    (ids.ALERT_SOURCE_SYNTHETICS_ID, "Checkout synthetic checks", "http", False),
]
"""(id, name, source type, resolves its own alerts)"""


@dataclass(frozen=True, slots=True)
class AlertSeed:
    """One alert: who fired it, what about, when; `incident_id` links it to an incident."""

    id: str
    source_id: str
    deduplication_key: str
    title: str
    description: str
    service: str
    created: datetime
    resolved: datetime | None = None
    team: tuple[str, str] | None = None
    """(team id, team name): the team attribute names the team's catalog entry."""
    incident_id: str | None = None
    group_ids: tuple[str, ...] = field(default=())
    source_url: str | None = None

    def with_incident(self, incident_id: str | None, resolved: datetime | None) -> AlertSeed:
        """This alert, linked to `incident_id` (or to none) and resolved at `resolved`."""
        return replace(self, incident_id=incident_id, resolved=resolved)


def _attributes(seed: AlertSeed) -> list[JSON]:
    service = {"id": stable_id("service", seed.service), "name": seed.service}
    entries: list[JSON] = [
        {
            "attribute": _SERVICE,
            "value": {"catalog_entry": {**service, "catalog_type_id": _SERVICE_TYPE}},
        },
        {"attribute": _ENVIRONMENT, "value": {"literal": "production"}},
    ]
    if seed.team is not None:
        team_id, name = seed.team
        entry = {
            "id": stable_id("catalog-entry", team_id),
            "name": name,
            "catalog_type_id": _TEAM_TYPE,
        }
        entries.insert(1, {"attribute": _TEAM, "value": {"catalog_entry": entry, "label": name}})
    return entries


def alert_of(seed: AlertSeed) -> JSON:
    """The `AlertV2` of a seed."""
    created = fmt_time(seed.created)
    alert: JSON = {
        "id": seed.id,
        "alert_source_id": seed.source_id,
        "deduplication_key": seed.deduplication_key,
        "status": "firing" if seed.resolved is None else "resolved",
        "title": seed.title,
        "description": seed.description,
        "attributes": _attributes(seed),
        "alert_group_ids": list(seed.group_ids),
        "created_at": created,
        "updated_at": created if seed.resolved is None else fmt_time(seed.resolved),
    }
    if seed.resolved is not None:
        alert["resolved_at"] = fmt_time(seed.resolved)
    if seed.source_url is not None:
        alert["source_url"] = seed.source_url
    return alert


def write_alerts(store: Store, alerts: Sequence[AlertSeed]) -> None:
    """The alert sources, then each alert and its link to an incident (the incidents must exist)."""
    if store.alerts.sources.get(ids.ALERT_SOURCE_DATADOG_ID) is None:
        for source_id, name, source_type, resolves_itself in SOURCES:
            store.alerts.add_source(source_id, name, source_type, resolves_itself=resolves_itself)
    for seed in alerts:
        store.alerts.add(alert_of(seed))
        if seed.incident_id is not None:
            link_id = stable_id("incident-alert", seed.incident_id, seed.id)
            store.alerts.link(seed.incident_id, seed.id, id=link_id, alert_route_id=ALERT_ROUTE_ID)


_PAYMENTS = (ids.TEAM_PAYMENTS_ID, "Payments")
_WEBHOOKS_GROUP = stable_id("group", "payments-webhooks")
_DEMO = [
    AlertSeed(
        ids.ALERT_CHECKOUT_ERRORS_ID,
        ids.ALERT_SOURCE_DATADOG_ID,
        "checkout-api:http-5xx-rate",
        "checkout-api: HTTP 5xx rate above 2%",
        "30.4% of POST /v1/checkout requests failed over the last 5 minutes.",
        "checkout-api",
        at("2025-03-04T14:07:00"),
        resolved=at("2025-03-04T14:52:00"),
        team=_PAYMENTS,
        incident_id=ids.INCIDENT_CHECKOUT_ID,
        source_url="https://app.datadoghq.eu/monitors/4127733",
    ),
    AlertSeed(
        ids.ALERT_SEARCH_LATENCY_ID,
        ids.ALERT_SOURCE_ALERTMANAGER_ID,
        "search-api/HighLatencyP99",
        "search-api: p99 latency above 4s",
        "histogram_quantile(0.99) of search-api request latency is 4.7s (threshold 4s).",
        "search-api",
        at("2025-05-20T08:24:00"),
        resolved=at("2025-05-20T11:30:00"),
        team=(ids.TEAM_SEARCH_ID, "Search"),
        incident_id=ids.INCIDENT_SEARCH_LATENCY_ID,
    ),
    AlertSeed(
        ids.ALERT_WEBHOOKS_BACKLOG_ID,
        ids.ALERT_SOURCE_ALERTMANAGER_ID,
        "payment-webhooks/QueueBacklog",
        "payment-webhooks: queue backlog above 10,000",
        "14,212 provider webhooks are waiting; the oldest is 19 minutes old.",
        "payment-webhooks",
        at("2025-06-10T07:41:00"),
        team=_PAYMENTS,
        incident_id=ids.INCIDENT_WEBHOOKS_ID,
        group_ids=(_WEBHOOKS_GROUP,),
    ),
    AlertSeed(
        ids.ALERT_CONFIRMATIONS_DELAYED_ID,
        ids.ALERT_SOURCE_DATADOG_ID,
        "notifications:order-confirmation-lag",
        "Order confirmation emails delayed",
        "Median time from payment to confirmation email is 17 minutes (normally 40 seconds).",
        "notifications",
        at("2025-06-10T07:58:00"),
        team=_PAYMENTS,
        incident_id=ids.INCIDENT_WEBHOOKS_ID,
        group_ids=(_WEBHOOKS_GROUP,),
        source_url="https://app.datadoghq.eu/monitors/4127760",
    ),
    AlertSeed(
        ids.ALERT_DISK_REPLICA_ID,
        ids.ALERT_SOURCE_ALERTMANAGER_ID,
        "postgres/DiskAlmostFull/db-replica-2",
        "db-replica-2: disk 85% full",
        "/var/lib/postgresql is 85% full and growing 2% a day.",
        "postgres",
        at("2025-06-11T18:05:00"),
        team=(ids.TEAM_PLATFORM_ID, "Platform"),
    ),
    AlertSeed(
        ids.ALERT_CHECKOUT_SYNTHETIC_ID,
        ids.ALERT_SOURCE_SYNTHETICS_ID,
        "synthetic/checkout-flow",
        "Checkout API: 5xx error rate above 5%",
        "The synthetic checkout probe got 502 on 7 of its last 100 runs, since the 11:40 deploy.",
        "checkout-api",
        at("2025-06-12T11:46:00"),
        team=_PAYMENTS,
    ),
]


def seed_alerts(store: Store) -> None:
    """The demo organisation's alerts: four behind its incidents, two firing on their own (the
    newest, a failing synthetic checkout probe, has no incident yet)."""
    write_alerts(store, _DEMO)


_NOISE = (
    ("api-gateway", "5xx rate above 1%", "HTTP 5xx responses are {n}% of traffic."),
    ("postgres", "replication lag above 30s", "The replica is {n} seconds behind."),
    ("kafka", "consumer lag above 50,000", "The orders consumer is {n},000 messages behind."),
    ("redis", "memory above 90%", "Used memory is {n}% of maxmemory."),
)


def random_alerts(
    store: Store, rng: random.Random, incident_ids: Sequence[str], noise: int, start: datetime
) -> list[str]:
    """Plausible alerts for a generated organisation: one behind each of `incident_ids`, and
    `noise` more without an incident, created after `start`. Returns their ids, oldest first."""
    seeds: list[AlertSeed] = []
    linked: list[str | None] = [*incident_ids, *([None] * noise)]
    for index, incident_id in enumerate(linked):
        service, what, text = rng.choice(_NOISE)
        created = start + timedelta(minutes=index * 37 + rng.randrange(30))
        resolved = (
            created + timedelta(minutes=rng.randrange(5, 240)) if rng.random() < 0.7 else None
        )
        source_id, _, source_type, _ = rng.choice(SOURCES)
        seeds.append(
            AlertSeed(
                stable_id("alert", "generated", str(index), service),
                source_id,
                f"{service}/{what}/{index}",
                f"{service}: {what}",
                text.format(n=rng.randrange(2, 99)),
                service,
                created,
                resolved=resolved,
                incident_id=incident_id,
                source_url=None if source_type == "http" else f"https://alerts.example/{index}",
            )
        )
    write_alerts(store, seeds)
    return [seed.id for seed in seeds]
