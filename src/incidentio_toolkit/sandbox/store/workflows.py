"""Workflows: payload (strings) in, `WorkflowV2` + `ManagementMetaV2` (objects) out."""

from __future__ import annotations

from datetime import datetime

from incidentio_toolkit.sandbox._util import JSON, fmt_time, loads_object, new_id
from incidentio_toolkit.sandbox._validate import Fields
from incidentio_toolkit.sandbox.domain import workflow_engine
from incidentio_toolkit.sandbox.errors import invalid
from incidentio_toolkit.sandbox.store._db import Database, Table
from incidentio_toolkit.sandbox.store.teams import Teams

STATES = ("active", "disabled", "draft", "error")
RUNS_ON_INCIDENTS = ("newly_created", "newly_created_and_active")
INCIDENT_MODES = ("standard", "test", "retrospective")
PRIVATE_SCOPES = ("all", "owning_teams", "none")
AUTO_RUN_MODES = ("run_automatically", "confirm_before_running")


class Workflows:
    """Stored rows hold `{"workflow": WorkflowV2, "management_meta": ManagementMetaV2}`."""

    def __init__(self, db: Database, teams: Teams) -> None:
        self.table = Table(db, "workflows", "workflow")
        self.teams = teams

    def list_slim(self) -> list[JSON]:
        """`WorkflowSlimV2` of every workflow."""
        return [slim(loads_object(t)["workflow"]) for t in self.table.find_texts()]

    def show(self, id: str) -> JSON:
        """The stored `{"workflow", "management_meta"}` or 404."""
        return self.table.show(id)

    def create(self, body: Fields, now: datetime, *, id: str | None = None) -> JSON:
        """Create from `WorkflowsCreateWorkflowPayloadV2`."""
        trigger = body.req_str("trigger")
        workflow = _build(body, None, self.teams)
        workflow_id = id or new_id(now)
        workflow = {
            "id": workflow_id,
            "trigger": workflow_engine.trigger(trigger),
            **workflow,
            "version": 1,
        }
        if workflow["state"] == "active":
            workflow["runs_from"] = fmt_time(now)
        record: JSON = {"workflow": _ordered(workflow), "management_meta": _meta(body, None)}
        self.table.insert(workflow_id, record)
        return record

    def update(self, id: str, body: Fields, now: datetime) -> JSON:
        """Replace a workflow from `WorkflowsUpdateWorkflowPayloadV2` (bumps `version`)."""
        record = self.show(id)
        old = record["workflow"]
        workflow = _build(body, old, self.teams)
        workflow = {"id": id, "trigger": old["trigger"], **workflow, "version": old["version"] + 1}
        if workflow["state"] == "active":
            workflow["runs_from"] = old.get("runs_from") or fmt_time(now)
        record = {
            "workflow": _ordered(workflow),
            "management_meta": _meta(body, record["management_meta"]),
        }
        self.table.update(id, record)
        return record

    def delete(self, id: str) -> None:
        """Archive a workflow."""
        self.show(id)
        self.table.soft_delete(id)


def slim(workflow: JSON) -> JSON:
    """`WorkflowSlimV2` from `WorkflowV2`."""
    out = {k: v for k, v in workflow.items() if k != "form_fields"}
    out["steps"] = [{"name": s["name"], "label": s["label"]} for s in workflow["steps"]]
    return out


def _meta(body: Fields, old: JSON | None) -> JSON:
    annotations: dict[str, str] | None = body.str_map("annotations")
    if annotations is None:
        annotations = {} if old is None else dict(old["annotations"])
    return {"annotations": annotations, "managed_by": "dashboard"}


def _ordered(workflow: JSON) -> JSON:
    return dict(sorted(workflow.items()))


def _build(body: Fields, old: JSON | None, teams: Teams) -> JSON:
    """Fields shared by create and update (everything except id, trigger and version)."""
    include = body.bool("include_private_incidents")
    scope = body.enum("private_incident_scope", PRIVATE_SCOPES)
    if include is not None and scope is not None and include != (scope != "none"):
        raise invalid(
            "include_private_incidents",
            "include_private_incidents contradicts private_incident_scope",
        )
    if scope is None:
        if include is not None:
            scope = "all" if include else "none"
        else:
            scope = "none" if old is None else old["private_incident_scope"]
    state = body.enum("state", STATES) or ("draft" if old is None else old["state"])
    auto_run_mode = body.enum("auto_run_mode", AUTO_RUN_MODES) or (
        AUTO_RUN_MODES[0] if old is None else old["auto_run_mode"]
    )
    runs_on = body.enum("runs_on_incidents", RUNS_ON_INCIDENTS, required=True)
    modes = body.enums("runs_on_incident_modes", INCIDENT_MODES, required=True)
    continue_on_error = body.bool("continue_on_step_error", required=True)
    workflow: JSON = {
        "name": body.req_str("name"),
        "once_for": [
            workflow_engine.engine_reference(r) for r in body.strs("once_for", required=True) or []
        ],
        "condition_groups": workflow_engine.condition_groups(
            body.objs("condition_groups", required=True) or []
        ),
        "steps": [workflow_engine.step(s) for s in body.objs("steps", required=True) or []],
        "expressions": [
            workflow_engine.expression(e) for e in body.objs("expressions", required=True) or []
        ],
        "runs_on_incident_modes": modes,
        "continue_on_step_error": continue_on_error,
        "runs_on_incidents": runs_on,
        "private_incident_scope": scope,
        "include_private_incidents": scope != "none",
        "include_private_escalations": bool(body.bool("include_private_escalations")),
        "state": state,
        "auto_run_mode": auto_run_mode,
    }
    for key in ("folder", "shortform"):
        value = body.str(key)
        if value is not None:
            workflow[key] = value
    owners = teams.team_ids(body, "owning_team_ids")
    if owners is not None:
        workflow["owning_team_ids"] = owners
    delay = body.obj("delay")
    if delay is not None:
        workflow["delay"] = {
            "for_seconds": delay.int("for_seconds", required=True, minimum=0),
            "conditions_apply_over_delay": delay.bool("conditions_apply_over_delay", required=True),
        }
    form_fields = body.objs("form_fields")
    if form_fields is not None:
        workflow["form_fields"] = [_form_field(f, i) for i, f in enumerate(form_fields)]
    return workflow


def _form_field(item: Fields, index: int) -> JSON:
    out: JSON = {
        "id": item.str("id") or f"form-field-{index + 1}",
        "key": item.req_str("key"),
        "title": item.req_str("title"),
        "type": item.req_str("type"),
        "array": bool(item.bool("array")),
        "required": bool(item.bool("required")),
    }
    description = item.str("description")
    if description is not None:
        out["description"] = description
    return out
