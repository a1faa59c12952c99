"""`incidentio demo`: the whole scenario through a real MCP client session."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from incidentio_toolkit.cli import app

INCIDENTIO = Path(sys.executable).parent / "incidentio"


def run_json(runner: CliRunner, *args: str) -> tuple[int, dict[str, Any]]:
    result = runner.invoke(app, list(args))
    return result.exit_code, json.loads(result.stdout)


def test_demo_plays_the_whole_scenario_in_process(runner: CliRunner) -> None:
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    for tool in (
        "severities_list",
        "alerts_list",
        "incidents_create",
        "on_call_now",
        "escalations_create",
        "incident_brief",
        "incidents_update",
        "escalations_cancel",
        "follow_ups_list",
    ):
        assert tool in result.stdout
    assert "Closed" in result.stdout
    assert "firing since" in result.stdout  # the alert behind the incident was read
    assert "escalation cancelled" in result.stdout  # and the page was called off
    assert "Scenario complete" in result.stdout


def test_demo_over_stdio_through_the_console_script() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("INCIDENT")}
    command = (
        [str(INCIDENTIO)]
        if INCIDENTIO.exists()
        else [sys.executable, "-m", "incidentio_toolkit.cli"]
    )
    done = subprocess.run(
        [*command, "demo", "--transport", "stdio"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Scenario complete" in done.stdout
    assert "Traceback" not in done.stderr
