"""The workflow engine's shapes: request strings in, labelled response objects out."""

from __future__ import annotations

from typing import Any

import pytest

from incidentio_toolkit.sandbox._validate import Fields
from incidentio_toolkit.sandbox.domain import workflow_engine
from incidentio_toolkit.sandbox.errors import UnprocessableEntityError


@pytest.mark.parametrize(
    ("reference", "label", "type_name"),
    [
        ("incident.severity", "Incident → Severity", "IncidentSeverity"),
        ("incident.url", "Incident → Url", "String"),
        ("incident.custom_field_x", "Incident → Custom field x", "IncidentCustomFieldX"),
        ("incident.created_at", "Incident → Created at", "Timestamp"),
    ],
)
def test_references_get_a_label_and_a_type(reference: str, label: str, type_name: str) -> None:
    assert workflow_engine.engine_reference(reference) == {
        "key": reference,
        "label": label,
        "type": type_name,
        "array": False,
    }


def test_a_condition_names_its_operation_and_labels_its_bindings() -> None:
    condition = workflow_engine.condition(
        Fields(
            {
                "subject": "incident.severity",
                "operation": "one_of",
                "param_bindings": [
                    {"array_value": [{"literal": "01SEV"}, {"reference": "incident.type"}]}
                ],
            }
        )
    )
    assert condition["operation"] == {"value": "one_of", "label": "is one of"}
    assert condition["param_bindings"] == [
        {
            "array_value": [
                {"literal": "01SEV", "label": "01SEV"},
                {"reference": "incident.type", "label": "Incident → Type"},
            ]
        }
    ]


def test_an_expression_returns_what_its_last_operation_returns() -> None:
    operations: list[dict[str, Any]] = [
        {"operation_type": "navigate", "navigate": {"reference": "incident.incident_lead"}},
        {"operation_type": "count"},
    ]
    expression = workflow_engine.expression(
        Fields(
            {
                "label": "Leads",
                "reference": "leads",
                "root_reference": "incident",
                "operations": operations,
            }
        )
    )
    assert expression["returns"] == {"type": "Number", "array": False}
    assert expression["operations"][0]["returns"] == {
        "type": "IncidentIncidentLead",
        "array": False,
    }


def test_an_unknown_operation_type_is_a_422_naming_the_field() -> None:
    with pytest.raises(UnprocessableEntityError) as raised:
        workflow_engine.expression(
            Fields(
                {
                    "label": "x",
                    "reference": "x",
                    "root_reference": "incident",
                    "operations": [{"operation_type": "teleport"}],
                },
                "expressions[0]",
            )
        )
    assert raised.value.field == "expressions[0].operations[0].operation_type"
