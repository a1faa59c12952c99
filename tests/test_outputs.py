"""The public `outputs` module: every action's output model under its contract name."""

from incidentio_toolkit import outputs
from incidentio_toolkit.actions import ACTIONS


def test_outputs_module_exports_exactly_each_actions_output_model() -> None:
    assert sorted(outputs.__all__) == sorted(a.output.__name__ for a in ACTIONS.values())
    for action in ACTIONS.values():
        assert getattr(outputs, action.output.__name__) is action.output


def test_failed_output_dump_has_every_field() -> None:
    dumped = outputs.IncidentsListOutput(success=False, error="boom").model_dump(mode="json")
    assert dumped == {"success": False, "error": "boom", "incidents": [], "pagination_meta": None}
