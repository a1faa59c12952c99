"""`incidentio doctor`: the key check and the per-toolset probes, never a write."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from incidentio_toolkit.actions import TOOLSETS
from incidentio_toolkit.cli import app
from incidentio_toolkit.sandbox import SandboxServer

INCIDENTIO = Path(sys.executable).parent / "incidentio"


def run_json(runner: CliRunner, *args: str) -> tuple[int, dict[str, Any]]:
    result = runner.invoke(app, list(args))
    return result.exit_code, json.loads(result.stdout)


def test_doctor_against_the_in_process_sandbox_reports_every_toolset(runner: CliRunner) -> None:
    result = runner.invoke(app, ["doctor", "--sandbox"])
    assert result.exit_code == 0, result.output
    assert "key check" in result.stdout
    for toolset in TOOLSETS:
        assert toolset in result.stdout
    assert "never changes anything" in result.stdout


def test_doctor_against_a_served_sandbox_from_the_environment(
    runner: CliRunner, sandbox_env: SandboxServer
) -> None:
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 0, result.output
    assert sandbox_env.base_url in result.stdout
    assert "INCIDENTIO_API_KEY" in result.stdout
    assert f"{len(TOOLSETS)} of {len(TOOLSETS)} toolsets readable" in result.stdout


def test_doctor_with_a_rejected_key_exits_1(
    runner: CliRunner, sandbox_env: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INCIDENTIO_API_KEY", "not-a-valid-key-at-all")
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 1
    printed = " ".join(result.stdout.split())
    assert "401" in printed
    assert "[request_id " in printed
    assert printed.endswith("Check INCIDENTIO_API_KEY: the key is missing, revoked or mistyped.")


def test_doctor_without_a_key_says_what_to_set(runner: CliRunner) -> None:
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 1
    assert "INCIDENTIO_API_KEY" in result.stderr


def test_each_toolset_is_probed_with_a_read_that_needs_no_id() -> None:
    from incidentio_toolkit.actions import TOOLSETS
    from incidentio_toolkit.cli._doctor import probe_action, probe_arguments

    for toolset in TOOLSETS:
        action = probe_action(toolset)
        if action is None:
            continue
        assert action.kind == "read"
        assert action.toolset == toolset
        assert not any(f.is_required() for f in action.input.model_fields.values())
        arguments = probe_arguments(action)
        assert action.input.model_validate(arguments) is not None


def test_a_long_probe_failure_is_cut_in_the_middle_keeping_what_to_do() -> None:
    from incidentio_toolkit.cli._doctor import MAX_DETAIL, short

    hint = "Add the permission in incident.io Settings -> API keys."
    long = "incident.io answered 403 [request_id r1]: " + "detail " * 60 + "end. " + hint
    cut = short(long)
    assert len(cut) <= MAX_DETAIL
    assert cut.startswith("incident.io answered 403 [request_id r1]: detail")
    assert cut.endswith("… " + hint)
    assert short("two\nlines") == "two lines"
    assert short("x" * 400) == "x" * (MAX_DETAIL - 1) + "…"
