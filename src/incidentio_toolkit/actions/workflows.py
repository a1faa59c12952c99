"""Workflows: list, create, show, replace and archive automations.

The API requires nine fields on create; the contract requires only `name`. The create model carries
the contract's defaults (and `[]` for the lists it leaves open), so every request has the full set.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from incidentio_toolkit.actions._base import Action, ActionInput, ActionOutput
from incidentio_toolkit.actions._fields import FIELDS_FIELD, FieldPaths, JsonObject, id_field
from incidentio_toolkit.actions._projection import Projection

WorkflowState = Literal["active", "disabled", "draft", "error"]
RunsOnIncidents = Literal["newly_created", "newly_created_and_active"]
WorkflowIncidentMode = Literal["standard", "test", "retrospective"]

_STEPS = "[{id, name, param_bindings}]"
_CONDITION_GROUPS = "[{conditions: [{subject, operation, param_bindings}]}]"
_ONCE_FOR = 'e.g. ["incident.url"]'
_EXPRESSIONS = "[{label, reference, root_reference, operations}]"
_DELAY = "{for_seconds, conditions_apply_over_delay}"

WORKFLOW = Projection(
    noun="workflow",
    schema="WorkflowV2",
    fields=(
        "condition_groups",
        "continue_on_step_error",
        "delay",
        "expressions",
        "folder",
        "form_fields",
        "id",
        "include_private_escalations",
        "include_private_incidents",
        "name",
        "once_for",
        "owning_team_ids",
        "private_incident_scope",
        "runs_from",
        "runs_on_incident_modes",
        "runs_on_incidents",
        "shortform",
        "state",
        "steps",
        "trigger",
        "version",
    ),
    summary=(
        "id",
        "name",
        "folder",
        "state",
        "trigger.label",
        "steps.label",
        "runs_on_incidents",
        "version",
    ),
)


class WorkflowsListInput(ActionInput):
    fields: FieldPaths | None = FIELDS_FIELD


class WorkflowsCreateInput(ActionInput):
    name: str = Field(min_length=1)
    folder: str | None = None
    state: WorkflowState = "draft"
    trigger: str = Field(default="incident.updated", description="e.g. incident.updated")
    steps: list[JsonObject] = Field(default=[], description=_STEPS)
    condition_groups: list[JsonObject] = Field(default=[], description=_CONDITION_GROUPS)
    runs_on_incidents: RunsOnIncidents = "newly_created"
    runs_on_incident_modes: list[WorkflowIncidentMode] = Field(default=["standard"])
    include_private_incidents: bool = True
    continue_on_step_error: bool = False
    once_for: list[str] = Field(default=[], description=_ONCE_FOR)
    expressions: list[JsonObject] = Field(default=[], description=_EXPRESSIONS)
    delay: JsonObject | None = Field(default=None, description=_DELAY)


class WorkflowsShowInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: str = id_field()
    skip_step_upgrades: bool | None = None
    fields: FieldPaths | None = FIELDS_FIELD


class WorkflowsUpdateInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    described_by: ClassVar[type[ActionInput] | None] = WorkflowsCreateInput
    id: str = id_field()
    name: str = Field(min_length=1)
    steps: list[JsonObject]
    condition_groups: list[JsonObject]
    runs_on_incidents: RunsOnIncidents
    runs_on_incident_modes: list[WorkflowIncidentMode]
    include_private_incidents: bool
    continue_on_step_error: bool
    once_for: list[str]
    expressions: list[JsonObject]
    state: WorkflowState | None = None
    folder: str | None = None
    delay: JsonObject | None = None


class WorkflowsDeleteInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: str = id_field()


class WorkflowsListOutput(ActionOutput):
    workflows: list[JsonObject] = Field(default_factory=list[JsonObject])


class WorkflowsCreateOutput(ActionOutput):
    workflow: JsonObject | None = None
    management_meta: JsonObject | None = None


class WorkflowsShowOutput(ActionOutput):
    workflow: JsonObject | None = None
    management_meta: JsonObject | None = None


class WorkflowsUpdateOutput(ActionOutput):
    workflow: JsonObject | None = None
    management_meta: JsonObject | None = None


class WorkflowsDeleteOutput(ActionOutput):
    message: str | None = None


ACTIONS = (
    Action(
        name="workflows_list",
        description="List workflows and state.",
        kind="read",
        verb="list",
        toolset="workflows",
        method="GET",
        path="/v2/workflows",
        operation_id="Workflows V2#ListWorkflows",
        success_status=200,
        input=WorkflowsListInput,
        output=WorkflowsListOutput,
        result="workflows",
        projection=WORKFLOW,
        items="workflows",
    ),
    Action(
        name="workflows_create",
        description="Create a workflow (a draft by default).",
        kind="write",
        verb="create",
        toolset="workflows",
        method="POST",
        path="/v2/workflows",
        operation_id="Workflows V2#CreateWorkflow",
        success_status=201,
        input=WorkflowsCreateInput,
        output=WorkflowsCreateOutput,
        result="workflow",
        projection=WORKFLOW,
        check_with="workflows_list",
    ),
    Action(
        name="workflows_show",
        description="One workflow's full definition.",
        kind="read",
        verb="show",
        toolset="workflows",
        method="GET",
        path="/v2/workflows/{id}",
        operation_id="Workflows V2#ShowWorkflow",
        success_status=200,
        input=WorkflowsShowInput,
        output=WorkflowsShowOutput,
        result="workflow",
        projection=WORKFLOW,
    ),
    Action(
        name="workflows_update",
        description="Replace a workflow (fields as in workflows_create).",
        kind="write",
        verb="update",
        toolset="workflows",
        method="PUT",
        path="/v2/workflows/{id}",
        operation_id="Workflows V2#UpdateWorkflow",
        success_status=200,
        input=WorkflowsUpdateInput,
        output=WorkflowsUpdateOutput,
        result="workflow",
        projection=WORKFLOW,
        check_with="workflows_show",
    ),
    Action(
        name="workflows_delete",
        description="Archive (stop) a workflow.",
        kind="destructive",
        verb="delete",
        toolset="workflows",
        method="DELETE",
        path="/v2/workflows/{id}",
        operation_id="Workflows V2#DestroyWorkflow",
        success_status=204,
        input=WorkflowsDeleteInput,
        output=WorkflowsDeleteOutput,
        check_with="workflows_show",
        noun="Workflow",
    ),
)
