"""Controls of a running escalation: cancel a page (`POST /v2/escalations/{id}/actions/cancel`).

The contract's escalation actions (list, create, show) live in `escalations.py`; this module holds
what the product contract leaves out, so the contract's actions keep their place at the head of the
registry. Its actions share the `escalations` toolset.

Cancelling stops further paging and only reduces harm, so it is a `write` (enabled by
`--allow-writes`), never `destructive`. It works on an escalation still paging (acknowledged or
not) or snoozed; incident.io refuses it once the escalation has resolved or expired, and
cancelling a cancelled escalation changes nothing.
"""

from __future__ import annotations

from typing import ClassVar

from incidentio_toolkit.actions._base import Action, ActionInput, ActionOutput
from incidentio_toolkit.actions._fields import id_field


class EscalationsCancelInput(ActionInput):
    path_params: ClassVar[tuple[str, ...]] = ("id",)
    id: str = id_field()


class EscalationsCancelOutput(ActionOutput):
    message: str | None = None


ACTIONS = (
    Action(
        name="escalations_cancel",
        description="Stop a page in progress.",
        kind="write",
        verb="cancel",
        toolset="escalations",
        method="POST",
        path="/v2/escalations/{id}/actions/cancel",
        operation_id="Escalations V2#CancelEscalation",
        success_status=200,
        input=EscalationsCancelInput,
        output=EscalationsCancelOutput,
        check_with="escalations_show",
        noun="Escalation",
    ),
)
