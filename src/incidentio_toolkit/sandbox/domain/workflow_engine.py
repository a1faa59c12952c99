"""incident.io "engine" shapes: conditions, parameter bindings, expressions, references.

Requests send these as plain strings (`subject: "incident.severity"`); responses return objects
with human labels (`subject: {reference, label}`). Each function here validates a payload item
and returns the response form.
"""

from __future__ import annotations

from incidentio_toolkit.sandbox._util import JSON
from incidentio_toolkit.sandbox._validate import Fields

OPERATION_TYPES = (
    "navigate",
    "filter",
    "concatenate",
    "count",
    "min",
    "max",
    "sum",
    "random",
    "first",
    "parse",
    "branches",
    "cast",
)
_OPERATION_LABELS = {
    "one_of": "is one of",
    "not_in": "is not one of",
    "is": "is",
    "is_not": "is not",
    "is_set": "is set",
    "is_blank": "is blank",
    "contains": "contains",
    "does_not_contain": "does not contain",
    "gte": "is greater than or equal to",
    "lte": "is less than or equal to",
    "changed": "changed",
}
_TEXT_LEAVES = {"id", "url", "name", "summary", "reference", "title", "description", "permalink"}


def reference_label(reference: str) -> str:
    """`incident.custom_field_x` → `Incident → Custom field x`."""
    parts = [p.replace("_", " ").strip() for p in reference.split(".") if p]
    return " → ".join(p[:1].upper() + p[1:] for p in parts) or reference


def reference_type(reference: str) -> str:
    """A plausible engine type name for a reference."""
    leaf = reference.rsplit(".", 1)[-1]
    if leaf in _TEXT_LEAVES:
        return "String"
    if leaf.endswith("_at"):
        return "Timestamp"
    return "".join(p.capitalize() for p in reference.replace(".", "_").split("_") if p)


def engine_reference(reference: str) -> JSON:
    """`EngineReferenceV2` for a once_for reference string."""
    return {
        "key": reference,
        "label": reference_label(reference),
        "type": reference_type(reference),
        "array": False,
    }


def trigger(name: str) -> JSON:
    """`TriggerSlimV2` for a trigger name."""
    return {"name": name, "label": reference_label(name)}


def _binding_value(value: Fields) -> JSON:
    literal = value.str("literal")
    reference = value.str("reference")
    out: JSON = {}
    if literal is not None:
        out["literal"] = literal
    if reference is not None:
        out["reference"] = reference
    out["label"] = literal if literal is not None else reference_label(reference or "")
    return out


def param_binding(item: Fields) -> JSON:
    """`EngineParamBindingPayloadV2` → `EngineParamBindingV2`."""
    out: JSON = {}
    value = item.obj("value")
    if value is not None:
        out["value"] = _binding_value(value)
    array = item.objs("array_value")
    if array is not None:
        out["array_value"] = [_binding_value(v) for v in array]
    return out


def condition(item: Fields) -> JSON:
    """`ConditionPayloadV2` → `ConditionV2`."""
    subject = item.req_str("subject")
    operation = item.req_str("operation")
    return {
        "subject": {"reference": subject, "label": reference_label(subject)},
        "operation": {
            "value": operation,
            "label": _OPERATION_LABELS.get(operation, operation.replace("_", " ")),
        },
        "param_bindings": [
            param_binding(b) for b in item.objs("param_bindings", required=True) or []
        ],
    }


def condition_groups(items: list[Fields]) -> list[JSON]:
    """`[ConditionGroupPayloadV2]` → `[ConditionGroupV2]`."""
    return [
        {"conditions": [condition(c) for c in group.objs("conditions", required=True) or []]}
        for group in items
    ]


def _returns(item: Fields | None, default_type: str = "String") -> JSON:
    if item is None:
        return {"type": default_type, "array": False}
    type_name = item.req_str("type")
    array = item.bool("array", required=True)
    return {"type": type_name, "array": bool(array)}


def _operation(item: Fields) -> JSON:
    kind = item.enum("operation_type", OPERATION_TYPES, required=True)
    assert kind is not None
    out: JSON = {"operation_type": kind}
    returns: JSON = _returns(None, "Number" if kind in ("count", "sum", "min", "max") else "String")
    navigate = item.obj("navigate")
    if navigate is not None:
        ref = navigate.req_str("reference")
        out["navigate"] = {"reference": ref, "reference_label": reference_label(ref)}
        returns = {"type": reference_type(ref), "array": False}
    filt = item.obj("filter")
    if filt is not None:
        out["filter"] = {
            "condition_groups": condition_groups(filt.objs("condition_groups", required=True) or [])
        }
    parse = item.obj("parse")
    if parse is not None:
        returns = _returns(parse.req_obj("returns"))
        out["parse"] = {"source": parse.req_str("source"), "returns": returns}
    cast = item.obj("cast")
    if cast is not None:
        returns = _returns(cast.req_obj("returns"))
    branches = item.obj("branches")
    if branches is not None:
        returns = _returns(branches.req_obj("returns"))
        out["branches"] = {
            "returns": returns,
            "branches": [
                {
                    "condition_groups": condition_groups(
                        b.objs("condition_groups", required=True) or []
                    ),
                    "result": param_binding(b.req_obj("result")),
                }
                for b in branches.objs("branches", required=True) or []
            ],
        }
    out["returns"] = returns
    return out


def expression(item: Fields) -> JSON:
    """`ExpressionPayloadV2` → `ExpressionV2`."""
    operations = [_operation(o) for o in item.objs("operations", required=True) or []]
    out: JSON = {
        "label": item.req_str("label"),
        "reference": item.req_str("reference"),
        "root_reference": item.req_str("root_reference"),
        "operations": operations,
        "returns": operations[-1]["returns"] if operations else _returns(None),
    }
    else_branch = item.obj("else_branch")
    if else_branch is not None:
        out["else_branch"] = {"result": param_binding(else_branch.req_obj("result"))}
    return out


def step(item: Fields) -> JSON:
    """`StepConfigPayloadV2` → `StepConfigV2`."""
    name = item.req_str("name")
    out: JSON = {
        "id": item.req_str("id"),
        "name": name,
        "label": reference_label(name),
        "param_bindings": [
            param_binding(b) for b in item.objs("param_bindings", required=True) or []
        ],
    }
    for_each = item.str("for_each")
    if for_each is not None:
        out["for_each"] = for_each
    return out
