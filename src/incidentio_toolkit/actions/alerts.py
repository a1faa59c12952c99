"""Alerts: what fired, from which alert source, and which incidents it opened or joined.

incident.io requires `page_size` on both lists; when it is not given, 25 is sent. An alert's
attributes (service, team, environment, ...) come from its alert source. Resolving works on firing
alerts; resolving a resolved one changes nothing, and alerts of sources that resolve their own
(Datadog, for example) can only be resolved there.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, ClassVar, Literal, cast

from pydantic import Field

from incidentio_toolkit.actions._base import Action, ActionInput, ActionOutput, ApiRequest
from incidentio_toolkit.actions._fields import (
    AFTER_FIELD,
    FIELDS_FIELD,
    FieldPaths,
    IdList,
    JsonObject,
    filter_query,
    id_field,
    page_size_field,
)
from incidentio_toolkit.actions._projection import Projection
from incidentio_toolkit.actions.incidents import IncidentId

AlertStatus = Literal["firing", "resolved"]


def _value_text(value: Mapping[str, Any]) -> Any:
    entry = cast(Mapping[str, Any], value.get("catalog_entry") or {})
    return value.get("label") or entry.get("name") or value.get("literal")


def attribute_values(alert: Mapping[str, Any]) -> dict[str, Any]:
    """An alert's attributes as `{attribute name: value}` (a list for array attributes)."""
    values: dict[str, Any] = {}
    for item in cast(list[Mapping[str, Any]], alert.get("attributes") or []):
        name = cast(Mapping[str, Any], item.get("attribute") or {}).get("name")
        array = cast(list[Mapping[str, Any]], item.get("array_value") or [])
        value = [_value_text(v) for v in array] if array else None
        if item.get("value"):
            value = _value_text(cast(Mapping[str, Any], item["value"]))
        if name and value:
            values[str(name)] = value
    return values


ALERT = Projection(
    noun="alert",
    schema="AlertV2",
    fields=(
        "alert_group_ids",
        "alert_source_id",
        "attributes",
        "created_at",
        "deduplication_key",
        "description",
        "id",
        "resolved_at",
        "source_url",
        "status",
        "title",
        "updated_at",
    ),
    summary=("id", "title", "status", "created_at", "resolved_at", "description"),
    derived={"attribute_values": attribute_values},
)
"""An alert with its attributes by name (`{"Service": "checkout-api", "Team": "Payments"}`)."""

INCIDENT_ALERT = Projection(
    noun="incident alert",
    schema="IncidentAlertV2",
    fields=("alert", "alert_route_id", "id", "incident"),
    summary=(
        "id",
        "alert.id",
        "alert.title",
        "alert.status",
        "incident.id",
        "incident.reference",
        "incident.name",
    ),
)

DEFAULT_PAGE_SIZE = 25
"""Sent when `page_size` is not given: incident.io requires it on these lists."""


class AlertsListInput(ActionInput):
    page_size: int | None = page_size_field(50)
    after: str | None = AFTER_FIELD
    status: list[AlertStatus] | None = None
    deduplication_key: str | None = None
    alert_source_ids: IdList | None = None
    created_after: date | None = None
    created_before: date | None = None
    fields: FieldPaths | None = FIELDS_FIELD


_ALERT_FILTERS = (
    ("status", "status[one_of]"),
    ("deduplication_key", "deduplication_key[is]"),
    ("alert_source_ids", "alert_source[one_of]"),
    ("created_after", "created_at[gte]"),
    ("created_before", "created_at[lte]"),
)


def _alerts_request(arguments: AlertsListInput) -> ApiRequest:
    paged = arguments.model_copy(update={"page_size": arguments.page_size or DEFAULT_PAGE_SIZE})
    return ApiRequest({}, filter_query(paged, ("page_size", "after"), _ALERT_FILTERS))


class AlertsShowInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: str = id_field()
    fields: FieldPaths | None = FIELDS_FIELD


class AlertsResolveInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: str = id_field()


class IncidentAlertsListInput(ActionInput):
    incident_id: IncidentId | None = None
    alert_id: str | None = None
    page_size: int | None = page_size_field(50)
    after: str | None = AFTER_FIELD
    fields: FieldPaths | None = FIELDS_FIELD


def _incident_alerts_request(arguments: IncidentAlertsListInput) -> ApiRequest:
    paged = arguments.model_copy(update={"page_size": arguments.page_size or DEFAULT_PAGE_SIZE})
    return ApiRequest(
        {}, filter_query(paged, ("incident_id", "alert_id", "page_size", "after"), ())
    )


class AlertsListOutput(ActionOutput):
    alerts: list[JsonObject] = Field(default_factory=list[JsonObject])
    pagination_meta: JsonObject | None = None


class AlertsShowOutput(ActionOutput):
    alert: JsonObject | None = None


class AlertsResolveOutput(ActionOutput):
    alert: JsonObject | None = None


class IncidentAlertsListOutput(ActionOutput):
    incident_alerts: list[JsonObject] = Field(default_factory=list[JsonObject])
    pagination_meta: JsonObject | None = None


ACTIONS = (
    Action(
        name="alerts_list",
        description="List alerts, newest first.",
        kind="read",
        verb="list",
        toolset="alerts",
        method="GET",
        path="/v2/alerts",
        operation_id="Alerts V2#List",
        success_status=200,
        input=AlertsListInput,
        output=AlertsListOutput,
        result="alerts",
        items="alerts",
        cursor="after",
        build_request=_alerts_request,
        projection=ALERT,
    ),
    Action(
        name="alerts_show",
        description="One alert with its attributes.",
        kind="read",
        verb="show",
        toolset="alerts",
        method="GET",
        path="/v2/alerts/{id}",
        operation_id="Alerts V2#Show",
        success_status=200,
        input=AlertsShowInput,
        output=AlertsShowOutput,
        result="alert",
        projection=ALERT,
    ),
    Action(
        name="alerts_resolve",
        description="Resolve a firing alert.",
        kind="write",
        verb="resolve",
        toolset="alerts",
        method="POST",
        path="/v2/alerts/{id}/actions/resolve",
        operation_id="Alerts V2#Resolve",
        success_status=200,
        input=AlertsResolveInput,
        output=AlertsResolveOutput,
        result="alert",
        check_with="alerts_show",
        projection=ALERT,
    ),
    Action(
        name="incident_alerts_list",
        description="Links between alerts and incidents.",
        kind="read",
        verb="list",
        toolset="alerts",
        method="GET",
        path="/v2/incident_alerts",
        operation_id="Alerts V2#ListIncidentAlerts",
        success_status=200,
        input=IncidentAlertsListInput,
        output=IncidentAlertsListOutput,
        result="incident_alerts",
        items="incident_alerts",
        cursor="after",
        build_request=_incident_alerts_request,
        projection=INCIDENT_ALERT,
    ),
)
