import json
from pathlib import Path
from typing import Any

import pytest

from incidentio_toolkit import outputs
from incidentio_toolkit.actions import ACTIONS

CONTRACT: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent.parent / "spec" / "actions.json").read_text()
)["actions"]


@pytest.mark.parametrize("entry", CONTRACT, ids=[entry["name"] for entry in CONTRACT])
def test_output_model_schema_equals_the_contract(entry: dict[str, Any]) -> None:
    model = getattr(outputs, entry["output"]["title"])
    assert model.model_json_schema() == entry["output"]


def test_every_action_uses_its_contract_output_model() -> None:
    by_name = {entry["name"]: entry["output"]["title"] for entry in CONTRACT}
    assert {name: action.output.__name__ for name, action in ACTIONS.items()} == by_name


def test_outputs_module_exports_exactly_the_46_models() -> None:
    assert sorted(outputs.__all__) == sorted(entry["output"]["title"] for entry in CONTRACT)
    assert len(outputs.__all__) == 46


def test_failed_output_dump_has_every_field() -> None:
    dumped = outputs.IncidentsListOutput(success=False, error="boom").model_dump(mode="json")
    assert dumped == {"success": False, "error": "boom", "incidents": [], "pagination_meta": None}
