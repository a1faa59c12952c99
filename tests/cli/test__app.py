"""The `incidentio` commands through Typer's runner and the console script."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from tests.arguments_support import FULL_ARGUMENTS
from tests.cli.conftest import PLANTED_KEY
from typer.testing import CliRunner

from incidentio_toolkit.actions import ACTIONS
from incidentio_toolkit.cli import app, main
from incidentio_toolkit.composites import COMPOSITES, TOOLS
from incidentio_toolkit.sandbox import SandboxServer, seed

INCIDENTIO = Path(sys.executable).parent / "incidentio"


def run_json(runner: CliRunner, *args: str) -> tuple[int, dict[str, Any]]:
    result = runner.invoke(app, list(args))
    return result.exit_code, json.loads(result.stdout)


def test_actions_lists_every_tool_with_kind_toolset_and_http(runner: CliRunner) -> None:
    result = runner.invoke(app, ["actions"])
    assert result.exit_code == 0
    for action in TOOLS.values():
        assert action.name in result.stdout
    assert "destructive" in result.stdout
    assert "/v2/incidents/{id}" in result.stdout
    assert "composite read" in result.stdout
    rows = json.loads(runner.invoke(app, ["actions", "--output", "json"]).stdout)
    assert [row["name"] for row in rows] == list(TOOLS)
    assert rows[-1]["composite"] == "yes"
    assert rows[-1]["requests"] == COMPOSITES[rows[-1]["name"]].calls
    assert rows[0] == {
        "name": "incidents_list",
        "kind": "read",
        "toolset": "incidents",
        "method": "GET",
        "path": "/v2/incidents",
    }


def test_describe_prints_the_input_and_output_schema(runner: CliRunner) -> None:
    result = runner.invoke(app, ["describe", "escalations_create"])
    assert result.exit_code == 0
    described = json.loads(result.stdout)
    assert described["kind"] == "destructive"
    assert described["input_schema"]["required"] == ["idempotency_key", "title"]
    assert "escalation" in described["output_schema"]["properties"]
    assert described["annotations"]["readOnlyHint"] is False


def test_describe_an_unknown_action_suggests_close_names(runner: CliRunner) -> None:
    result = runner.invoke(app, ["describe", "incident_list"])
    assert result.exit_code == 2
    assert "incidents_list" in result.stderr


def test_call_prints_the_contract_output_as_json(runner: CliRunner) -> None:
    code, output = run_json(runner, "call", "severities_list", "--sandbox")
    assert code == 0
    assert output["success"] is True
    assert len(output["severities"]) == 3


def test_call_with_success_false_exits_1_with_the_contract_output(runner: CliRunner) -> None:
    code, output = run_json(runner, "call", "incidents_show", "--arg", "id=123", "--sandbox")
    assert code == 1
    assert output["success"] is False
    assert "404" in output["error"]


def test_call_takes_fields_names_and_references(runner: CliRunner) -> None:
    code, output = run_json(
        runner,
        "call",
        "incidents_list",
        "--arg",
        "severity_at_least=critical",
        "--fields",
        "reference,lead",
        "--sandbox",
    )
    assert code == 0
    assert output["incidents"] == [
        {"reference": "INC-5", "lead": "Amara Okafor"},
        {"reference": "INC-1", "lead": "Sofia Rossi"},
    ]
    code, output = run_json(runner, "call", "incident_brief", "-a", "incident=INC-5", "--sandbox")
    assert code == 0
    assert output["brief"]["lead"] == "Amara Okafor"


def test_describe_a_composite_names_its_reads(runner: CliRunner) -> None:
    result = runner.invoke(app, ["describe", "on_call_now"])
    assert result.exit_code == 0
    described = json.loads(result.stdout)
    assert described["http"].startswith("composite: schedule: 1")
    assert described["annotations"]["readOnlyHint"] is True
    assert set(described["input_schema"]["properties"]) == {
        "schedule",
        "escalation_path",
        "team",
        "user",
        "days",
    }


def test_call_reads_json_arguments_and_table_output(runner: CliRunner) -> None:
    result = runner.invoke(
        app,
        ["call", "incidents_list", "--json", '{"page_size": 2}', "-o", "table", "--sandbox"],
    )
    assert result.exit_code == 0
    assert "incidents (2)" in result.stdout
    assert "More results: repeat with --arg after=" in result.stdout


def test_call_table_output_of_a_failure_goes_to_stderr(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["call", "incidents_list", "--arg", "page_size=0", "-o", "table", "--sandbox"]
    )
    assert result.exit_code == 1
    assert "page_size" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["call", "severities_list", "--arg", "oops"], "key=value"),
        (["call", "severities_list", "--json", "{bad"], "not valid JSON"),
        (["call", "severities_list", "--json", "[1]"], "JSON object"),
        (["call", "nope"], "unknown action"),
        (["call", "severities_list", "-o", "yaml"], "--output"),
    ],
)
def test_call_usage_errors_exit_2_with_one_line(
    runner: CliRunner, args: list[str], message: str
) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_call_passes_typed_values_to_the_action(runner: CliRunner) -> None:
    code, output = run_json(
        runner,
        "call",
        "incidents_list",
        "-a",
        "page_size=1",
        "-a",
        'status_category=["live"]',
        "--sandbox",
    )
    assert code == 0
    assert len(output["incidents"]) == 1
    assert output["incidents"][0]["incident_status"]["category"] == "live"


def test_an_unexpected_error_prints_one_line_and_no_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def boom(*, sandbox: bool) -> Any:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("incidentio_toolkit.cli._app.make_client", boom)
    with pytest.raises(SystemExit) as exit_info:
        main(["call", "severities_list"])
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "disk on fire" in err
    assert "--debug" in err
    assert "Traceback" not in err
    with pytest.raises(RuntimeError, match="disk on fire"):
        main(["call", "severities_list", "--debug"])


def test_a_planted_key_appears_in_no_cli_output(
    runner: CliRunner, sandbox_env: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INCIDENTIO_API_KEY", PLANTED_KEY)
    outputs = [
        runner.invoke(app, args).output
        for args in (
            ["doctor"],
            ["call", "severities_list"],
            ["call", "incidents_show", "-a", "id=missing", "-o", "table"],
            ["call", "incidents_list", "-a", "page_size=0"],
            ["call", "users_list", "-o", "table"],
        )
    ]
    monkeypatch.setenv("INCIDENTIO_API_KEY", PLANTED_KEY + "-rejected")
    outputs.append(runner.invoke(app, ["doctor"]).output)
    outputs.append(runner.invoke(app, ["call", "severities_list"]).output)
    blob = "\n".join(outputs)
    assert "Sofia Rossi" in blob
    assert "401" in blob
    pieces = {PLANTED_KEY[i : i + 8] for i in range(len(PLANTED_KEY) - 7)}
    assert not [piece for piece in pieces if piece in blob]


MARKUP_NAME = "Disk [red]full[/] on [/x] db :fire:"


def test_tables_print_incident_io_data_as_it_is_never_as_markup(
    runner: CliRunner, fresh_sandbox: SandboxServer
) -> None:
    code, created = run_json(
        runner,
        "call",
        "incidents_create",
        "--allow-writes",
        "--json",
        json.dumps(
            {
                "idempotency_key": "markup-1",
                "severity_id": "Minor",
                "visibility": "public",
                "mode": "standard",
                "name": MARKUP_NAME,
            }
        ),
    )
    assert code == 0, created
    reference = created["incident"]["reference"]
    listed = runner.invoke(
        app, ["call", "incidents_list", "-a", "page_size=1", "-f", "reference,name", "-o", "table"]
    )
    assert listed.exit_code == 0, listed.output
    assert MARKUP_NAME in listed.stdout
    shown = runner.invoke(app, ["call", "incidents_show", "-a", f"id={reference}", "-o", "table"])
    assert shown.exit_code == 0, shown.output
    assert MARKUP_NAME in shown.stdout


def test_call_refuses_writes_and_deletes_without_their_flags_and_sends_nothing(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_client(*, sandbox: bool) -> Any:
        raise AssertionError("a refused call built a client")

    monkeypatch.setattr("incidentio_toolkit.cli._app.make_client", no_client)
    changing = [action for action in ACTIONS.values() if action.kind != "read"]
    assert {action.kind for action in changing} == {"write", "destructive"}
    for action in changing:
        arguments = json.dumps(FULL_ARGUMENTS[action.name])
        bare = runner.invoke(app, ["call", action.name, "--json", arguments])
        assert bare.exit_code == 2, (action.name, bare.output)
        assert "Nothing was sent" in bare.stderr
        assert len(bare.stderr.strip().splitlines()) == 1
        if action.kind == "write":
            assert "add --allow-writes to run it" in bare.stderr
            continue
        assert "--allow-writes --allow-destructive" in bare.stderr
        writes_only = runner.invoke(
            app, ["call", action.name, "--json", arguments, "--allow-writes"]
        )
        assert writes_only.exit_code == 2
        assert "--allow-destructive" in writes_only.stderr
    paging = runner.invoke(app, ["call", "escalations_create", "-a", "title=x"])
    assert "escalations_create pages people" in paging.stderr
    assert "dry_run=true" in paging.stderr
    alone = runner.invoke(app, ["call", "severities_list", "--allow-destructive"])
    assert alone.exit_code == 2
    assert "--allow-destructive needs --allow-writes" in alone.stderr


def test_call_runs_reads_and_composites_without_flags_and_pages_with_both(
    runner: CliRunner, fresh_sandbox: SandboxServer
) -> None:
    assert run_json(runner, "call", "on_call_now", "-a", "schedule=Primary On-call")[0] == 0

    def escalation_ids() -> set[str]:
        code, output = run_json(runner, "call", "escalations_list", "-a", "page_size=50")
        assert (code, output["pagination_meta"].get("after")) == (0, None)
        return {escalation["id"] for escalation in output["escalations"]}

    before = escalation_ids()
    page = {
        "idempotency_key": "cli-page-1",
        "title": "Checkout down",
        "user_ids": seed.USER_KENJI_ID,
    }
    code, preview = run_json(
        runner, "call", "escalations_create", "--json", json.dumps({**page, "dry_run": True})
    )
    assert code == 0, preview
    assert preview["escalation"]["would_page"]
    assert escalation_ids() == before
    code, paged = run_json(
        runner,
        "call",
        "escalations_create",
        "--json",
        json.dumps(page),
        "--allow-writes",
        "--allow-destructive",
    )
    assert code == 0, paged
    assert escalation_ids() == before | {paged["escalation"]["id"]}


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({"INCIDENTIO_BASE_URL": "localhost:8765"}, "INCIDENTIO_BASE_URL"),
        ({"INCIDENTIO_API_KEY": "short"}, "only 5 characters long"),
    ],
)
def test_a_setting_that_cannot_work_is_a_one_line_usage_error(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], says: str
) -> None:
    monkeypatch.setenv("INCIDENTIO_API_KEY", "a-key-long-enough-to-be-plausible")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    for args in (["call", "severities_list"], ["api", "GET", "/v1/severities"], ["doctor"]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert says in result.stderr
        assert "Unexpected" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
