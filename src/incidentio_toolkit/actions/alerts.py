"""Alerts: what fired, from which alert source, and which incidents it opened or joined.

incident.io requires `page_size` on both lists; when it is not given, 25 is sent. An alert's
attributes (service, team, environment, ...) come from its alert source. Resolving works on firing
alerts; resolving a resolved one changes nothing, and alerts of sources that resolve their own
(Datadog, for example) can only be resolved there.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal

from pydantic import Field

from incidentio_toolkit.actions._base import Action, ActionInput, ActionOutput, ApiRequest
from incidentio_toolkit.actions._fields import (
    AFTER_FIELD,
    IdList,
    JsonObject,
    filter_query,
    id_field,
    page_size_field,
)

AlertStatus = Literal["firing", "resolved"]

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


class AlertsResolveInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: str = id_field()


class IncidentAlertsListInput(ActionInput):
    incident_id: str | None = None
    alert_id: str | None = None
    page_size: int | None = page_size_field(50)
    after: str | None = AFTER_FIELD


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
        description="List alerts, newest first, by status, deduplication key, source or date.",
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
    ),
    Action(
        name="alerts_show",
        description="Get one alert with its attributes (service, team, ...) by id.",
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
    ),
    Action(
        name="alerts_resolve",
        description="Resolve a firing alert; a resolved one stays as it is.",
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
    ),
    Action(
        name="incident_alerts_list",
        description="The alerts linked to an incident, or the incidents an alert is linked to.",
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
    ),
)
