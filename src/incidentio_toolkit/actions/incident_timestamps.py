"""Incident timestamps (reported at, fixed at, ...): list and show their definitions."""

from __future__ import annotations

from typing import ClassVar

from incidentio_toolkit import outputs
from incidentio_toolkit.actions._base import Action, ActionInput
from incidentio_toolkit.actions._fields import id_field


class IncidentTimestampsListInput(ActionInput):
    pass


class IncidentTimestampsShowInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: str = id_field()


ACTIONS = (
    Action(
        name="incident_timestamps_list",
        description="List the timestamps tracked on incidents (e.g. fixed at).",
        kind="read",
        toolset="reference",
        method="GET",
        path="/v2/incident_timestamps",
        operation_id="Incident Timestamps V2#List",
        success_status=200,
        input=IncidentTimestampsListInput,
        output=outputs.IncidentTimestampsListOutput,
    ),
    Action(
        name="incident_timestamps_show",
        description="Get one incident timestamp by id (from incident_timestamps_list).",
        kind="read",
        toolset="reference",
        method="GET",
        path="/v2/incident_timestamps/{id}",
        operation_id="Incident Timestamps V2#Show",
        success_status=200,
        input=IncidentTimestampsShowInput,
        output=outputs.IncidentTimestampsShowOutput,
    ),
)
