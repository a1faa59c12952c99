from __future__ import annotations

from tests.actions.support import built, rejected

from incidentio_toolkit.actions import ACTIONS


def test_escalations_cancel_puts_the_id_in_the_path_and_sends_no_body() -> None:
    request = built("escalations_cancel", {"id": "01ESC"})
    assert (request.path_params, request.query, request.json) == ({"id": "01ESC"}, [], None)


def test_escalations_cancel_needs_an_id() -> None:
    assert "id\n  Field required" in rejected("escalations_cancel", {})
    assert "at least 1 character" in rejected("escalations_cancel", {"id": ""})


def test_escalations_cancel_is_a_write_that_reduces_harm_and_is_safe_to_repeat() -> None:
    action = ACTIONS["escalations_cancel"]
    hints = action.annotations
    assert (action.kind, action.toolset) == ("write", "escalations")
    assert (hints.read_only, hints.destructive, hints.idempotent) == (False, False, True)
    assert action.done_message({"id": "01ESC"}) == "Escalation '01ESC' cancelled."
