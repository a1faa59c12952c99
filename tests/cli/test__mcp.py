"""`incidentio mcp`: the flags build the policy and the budgets, and refusals are one line."""

from __future__ import annotations

import json
import socket
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from incidentio_toolkit.adapters import ToolPolicy
from incidentio_toolkit.cli import app
from incidentio_toolkit.client import PacingLimits

INCIDENTIO = Path(sys.executable).parent / "incidentio"


def run_json(runner: CliRunner, *args: str) -> tuple[int, dict[str, Any]]:
    result = runner.invoke(app, list(args))
    return result.exit_code, json.loads(result.stdout)


def test_mcp_without_a_key_or_sandbox_exits_with_one_sentence(runner: CliRunner) -> None:
    result = runner.invoke(app, ["mcp"])
    assert result.exit_code == 2
    assert "INCIDENTIO_API_KEY" in result.stderr
    assert "--sandbox" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_mcp_flags_build_the_policy(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def fake_run(policy: ToolPolicy, **options: Any) -> None:
        seen.update(options, policy=policy)

    monkeypatch.setattr("incidentio_toolkit.adapters.mcp.run", fake_run)
    result = runner.invoke(
        app,
        [
            "mcp",
            "--sandbox",
            "--allow-writes",
            "--toolsets",
            "incidents,schedules",
            "--exclude-tools",
            "incidents_update",
            "--transport",
            "http",
            "--port",
            "9000",
            "--full-objects",
        ],
    )
    assert result.exit_code == 0, result.output
    policy: ToolPolicy = seen["policy"]
    assert policy.full_objects is True
    assert policy.enabled("incident_brief")
    assert {a.toolset for a in policy.enabled_actions()} == {"incidents", "schedules"}
    assert not policy.enabled("incidents_update")
    assert policy.enabled("incidents_create")
    assert seen["transport"] == "http"
    assert seen["port"] == 9000
    assert seen["sandbox"] is True


def test_mcp_budget_flags_become_the_pacing_of_the_served_client(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}

    def fake_run(policy: ToolPolicy, **options: Any) -> None:
        seen.update(options)

    monkeypatch.setattr("incidentio_toolkit.adapters.mcp.run", fake_run)
    result = runner.invoke(app, ["mcp", "--sandbox", "--requests-per-minute", "2"])
    assert result.exit_code == 0, result.output
    assert seen["pacing"] == PacingLimits(per_minute=2)
    result = runner.invoke(app, ["mcp", "--sandbox", "--escalations-per-minute", "5"])
    assert result.exit_code == 0, result.output
    assert seen["pacing"].escalations_per_minute == 5
    result = runner.invoke(app, ["mcp", "--sandbox"])
    assert result.exit_code == 0, result.output
    assert seen["pacing"] is None  # the client's own budgets: the environment's, else incident.io's


def test_mcp_allow_destructive_alone_is_refused(runner: CliRunner) -> None:
    result = runner.invoke(app, ["mcp", "--sandbox", "--allow-destructive"])
    assert result.exit_code == 2
    assert "--allow-writes" in result.stderr


def test_mcp_port_out_of_range_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["mcp", "--sandbox", "--transport", "http", "--port", "99999"])
    assert result.exit_code == 2
    assert "--port" in result.stderr
    assert "Traceback" not in result.output


def test_mcp_on_a_port_in_use_says_to_pick_another_in_one_line(runner: CliRunner) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = runner.invoke(
            app, ["mcp", "--sandbox", "--transport", "http", "--port", str(port)]
        )
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"incidentio: port {port} is in use (or not allowed) on 127.0.0.1: pick another --port."
    )


def test_mcp_on_an_address_that_is_not_this_machines_names_host(runner: CliRunner) -> None:
    result = runner.invoke(
        app,
        [
            "mcp",
            "--sandbox",
            "--transport",
            "http",
            "--host",
            "192.0.2.1",  # TEST-NET-1: never an address of this machine
            "--auth-token",
            "a-token-of-enough-characters",
        ],
    )
    assert result.exit_code == 2
    assert "--host '192.0.2.1' is not an address of this machine" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
