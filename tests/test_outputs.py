"""The public `outputs` module: every tool's output model under its contract name."""

from incidentio_toolkit import outputs
from incidentio_toolkit.composites import TOOLS


def test_outputs_module_exports_exactly_each_tools_output_model() -> None:
    assert sorted(outputs.__all__) == sorted(a.output.__name__ for a in TOOLS.values())
    for tool in TOOLS.values():
        assert getattr(outputs, tool.output.__name__) is tool.output


def test_failed_output_dump_has_every_field() -> None:
    dumped = outputs.IncidentsListOutput(success=False, error="boom").model_dump(mode="json")
    assert dumped == {"success": False, "error": "boom", "incidents": [], "pagination_meta": None}
