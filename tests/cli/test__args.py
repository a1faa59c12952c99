"""Reading `--arg key=value` and `--json`: JSON only where the parameter takes more than strings."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from incidentio_toolkit.cli import app
from incidentio_toolkit.cli._args import parse_value

INCIDENTIO = Path(sys.executable).parent / "incidentio"


def run_json(runner: CliRunner, *args: str) -> tuple[int, dict[str, Any]]:
    result = runner.invoke(app, list(args))
    return result.exit_code, json.loads(result.stdout)


@pytest.mark.parametrize(
    ("raw", "schema", "value"),
    [
        ("123", {"type": "string"}, "123"),
        ("5", {"type": "integer"}, 5),
        ("true", {"type": "boolean"}, True),
        ("a,b", {"type": "array", "items": {"type": "string"}}, "a,b"),
        ('["a","b"]', {"type": "array", "items": {"type": "string"}}, ["a", "b"]),
        ('{"x": 1}', {"anyOf": [{"type": "object"}, {"type": "array"}]}, {"x": 1}),
        ("hello", None, "hello"),
        ("7", None, 7),
        ("live", {"enum": ["live", "closed"]}, "live"),
    ],
)
def test_arg_values_are_json_only_where_the_parameter_takes_more_than_strings(
    raw: str, schema: dict[str, Any] | None, value: Any
) -> None:
    assert parse_value(raw, schema) == value
