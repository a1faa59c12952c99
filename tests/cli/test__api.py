"""`incidentio api METHOD PATH`: any endpoint, read-only unless told otherwise, through the
client's key handling, retries and redaction; against a sandbox on a loopback port."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import anyio
import httpx2
import pytest
from tests.cli.conftest import PLANTED_KEY
from typer.testing import CliRunner

from incidentio_toolkit.cli import app
from incidentio_toolkit.cli._api import (
    PagingError,
    body_of,
    field_value,
    merge_pages,
    paginate,
    query_items,
)
from incidentio_toolkit.client import AsyncIncidentIO, sandbox_client
from incidentio_toolkit.sandbox import SandboxServer, seed


def api(runner: CliRunner, *args: str, stdin: str | None = None) -> tuple[int, Any, str]:
    result = runner.invoke(app, ["api", *args], input=stdin)
    data = json.loads(result.stdout) if result.stdout.strip() else None
    return result.exit_code, data, result.stderr


def test_get_with_fields_as_query_parameters(runner: CliRunner, sandbox_env: SandboxServer) -> None:
    code, data, _ = api(runner, "GET", "/v3/teams", "-f", "page_size=2")
    assert code == 0
    assert [team["name"] for team in data["teams"]] == ["Identity", "Payments"]
    assert data["pagination_meta"] == {"page_size": 2, "after": seed.TEAM_PAYMENTS_ID}
    code, firing, _ = api(
        runner, "get", "/v2/alerts?page_size=50", "--field", "status[one_of]=firing"
    )
    assert code == 0
    assert {alert["status"] for alert in firing["alerts"]} == {"firing"}
    assert len(firing["alerts"]) == 4


def test_paginate_follows_after_and_merges_every_page(
    runner: CliRunner, sandbox_env: SandboxServer
) -> None:
    _, whole, _ = api(runner, "GET", "/v2/alerts", "-f", "page_size=50")
    code, paged, _ = api(runner, "GET", "/v2/alerts", "-f", "page_size=2", "--paginate")
    assert code == 0
    assert [a["id"] for a in paged["alerts"]] == [a["id"] for a in whole["alerts"]]
    assert len(paged["alerts"]) == 6
    assert "after" not in paged["pagination_meta"]
    code, cut, stderr = api(
        runner, "GET", "/v2/alerts", "-f", "page_size=2", "--paginate", "--max-pages", "2"
    )
    assert code == 0
    assert len(cut["alerts"]) == 4
    assert "stopped after 2 pages" in stderr


def test_paginate_follows_the_cursor_of_the_paths_action_into_nested_lists(
    runner: CliRunner,
) -> None:
    window = {
        "schedule_id": seed.SCHEDULE_PRIMARY_ID,
        "entry_window_start": "2026-01-05T00:00:00Z",
        "entry_window_end": "2030-01-05T00:00:00Z",
    }
    fields = [part for key, value in window.items() for part in ("-f", f"{key}={value}")]
    code, first, _ = api(runner, "GET", "/v2/schedule_entries", *fields, "--sandbox")
    assert code == 0
    assert first["pagination_meta"]["after"]  # more than one page in the window

    async def every_entry() -> list[str]:
        async with sandbox_client() as client:
            entries = client.paginate("schedule_entries_list", window, max_items=100_000)
            return [entry["entry_id"] async for entry in entries]

    expected = anyio.run(every_entry)
    code, paged, _ = api(runner, "GET", "/v2/schedule_entries", *fields, "--paginate", "--sandbox")
    assert code == 0
    assert [entry["entry_id"] for entry in paged["schedule_entries"]["final"]] == expected
    assert len(expected) > len(first["schedule_entries"]["final"])
    assert "pagination_meta" not in paged


def test_paginate_refuses_a_path_whose_pages_it_cannot_follow() -> None:
    sent: list[str] = []

    def same_page(request: httpx2.Request) -> httpx2.Response:
        sent.append(request.url.query.decode())
        return httpx2.Response(
            200, json={"things": [{"id": "1"}], "pagination_meta": {"after": "01NEXT"}}
        )

    async def run() -> None:
        transport = httpx2.MockTransport(same_page)
        async with AsyncIncidentIO("k" * 20, transport=transport, pacing=None) as client:
            await paginate(client, "/v9/things", [], max_pages=10)

    with pytest.raises(PagingError, match="does not page through 'after'"):
        anyio.run(run)
    assert sent == ["", "after=01NEXT"]


def test_writes_need_allow_writes_and_nothing_is_sent_without_it(
    runner: CliRunner, fresh_sandbox: SandboxServer
) -> None:
    path = f"/v2/alerts/{seed.ALERT_DISK_REPLICA_ID}"
    code, _, stderr = api(runner, "POST", f"{path}/actions/resolve")
    assert code == 2
    assert "--allow-writes" in stderr
    assert api(runner, "GET", path)[1]["alert"]["status"] == "firing"
    code, data, _ = api(runner, "POST", f"{path}/actions/resolve", "--allow-writes")
    assert code == 0
    assert data["alert"]["status"] == "resolved"


def test_a_page_sent_and_cancelled_through_the_escape_hatch(
    runner: CliRunner, fresh_sandbox: SandboxServer
) -> None:
    code, created, _ = api(
        runner,
        "POST",
        "/v2/escalations",
        "--allow-writes",
        "-f",
        "idempotency_key=api-page-1",
        "-f",
        "title=Paging from the terminal",
        "-f",
        f'user_ids=["{seed.USER_KENJI_ID}"]',
    )
    assert code == 0
    escalation_id = created["escalation"]["id"]
    code, answer, _ = api(
        runner, "POST", f"/v2/escalations/{escalation_id}/actions/cancel", "--allow-writes"
    )
    assert (code, answer) == (0, None)  # the API answers a cancel with no body
    shown = api(runner, "GET", f"/v2/escalations/{escalation_id}")[1]["escalation"]
    assert shown["status"] == "cancelled"


def test_input_from_a_file_or_stdin_with_fields_on_top(
    runner: CliRunner, fresh_sandbox: SandboxServer, tmp_path: Path
) -> None:
    body = tmp_path / "edit.json"
    body.write_text(
        json.dumps({"incident": {"name": "Webhooks late"}, "notify_incident_channel": False})
    )
    edit = f"/v2/incidents/{seed.INCIDENT_WEBHOOKS_ID}/actions/edit"
    code, data, _ = api(
        runner,
        "POST",
        edit,
        "--allow-writes",
        "--input",
        str(body),
        "-f",
        "incident.summary=Provider",
    )
    assert code == 0
    assert (data["incident"]["name"], data["incident"]["summary"]) == ("Webhooks late", "Provider")
    stdin = json.dumps({"incident": {"name": "Webhooks later"}, "notify_incident_channel": False})
    code, data, _ = api(runner, "POST", edit, "--allow-writes", "--input", "-", stdin=stdin)
    assert code == 0
    assert data["incident"]["name"] == "Webhooks later"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["PATCH", "/v2/incidents"], "unknown method 'PATCH'"),
        (["GET", "/v2/incidents", "-f", "page_size"], "is not key=value"),
        (["GET", "/v2/incidents", "--input", "-"], "--input sends a body"),
        (["POST", "/v2/incidents", "--allow-writes", "--paginate"], "GET only"),
        (["GET", "/v2/incidents/01ABC", "--paginate"], "(incidents_show) answers in one page"),
        (["GET", "/v2/incidents", "-f", 'x={"a":1}'], "cannot hold a JSON object"),
        (["POST", "/v2/incidents", "--allow-writes", "--input", "/no/such/file"], "--input"),
    ],
)
def test_a_command_line_that_is_not_a_request_sends_nothing(
    runner: CliRunner, args: list[str], says: str
) -> None:
    code, data, stderr = api(runner, *args)
    assert (code, data) == (2, None)
    assert says in stderr


def test_api_errors_exit_1_with_incident_ios_words_and_never_the_key(
    runner: CliRunner, sandbox_env: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, stderr = api(runner, "GET", "/v2/alerts/01NOSUCHALERT")
    assert code == 1
    assert "404" in stderr
    assert "01NOSUCHALERT" in stderr
    monkeypatch.setenv("INCIDENTIO_API_KEY", PLANTED_KEY + "-rejected")
    result = runner.invoke(app, ["api", "GET", "/v1/severities"])
    assert result.exit_code == 1
    assert "401" in result.output
    pieces = {PLANTED_KEY[i : i + 8] for i in range(len(PLANTED_KEY) - 7)}
    assert not [piece for piece in pieces if piece in result.output]


def test_a_put_with_its_body_on_stdin_and_a_method_the_path_does_not_take(
    runner: CliRunner,
) -> None:
    body = json.dumps({"name": "Affected Team", "description": "Who is hurt"})
    path = f"/v2/custom_fields/{seed.CUSTOM_FIELD_AFFECTED_TEAM_ID}"
    args = ("PUT", path, "--allow-writes", "--input", "-", "--sandbox")
    code, data, _ = api(runner, *args, stdin=body)
    assert code == 0
    assert data["custom_field"]["description"] == "Who is hurt"
    refused = ("PUT", f"/v1/postmortem_documents/{seed.POSTMORTEM_CHECKOUT_ID}", *args[2:])
    code, data, stderr = api(runner, *refused, stdin=body)
    assert (code, data) == (1, None)
    assert "405" in stderr
    assert "incident.io does not accept PUT on this path" in stderr
    assert "toolkit bug" not in stderr


def test_the_in_process_sandbox_answers_too(runner: CliRunner) -> None:
    code, data, _ = api(
        runner,
        "GET",
        f"/v1/postmortem_documents/{seed.POSTMORTEM_CHECKOUT_ID}/content",
        "--sandbox",
    )
    assert code == 0
    assert data["markdown"].startswith("# Post-mortem: Checkout API returning 500s")


def test_field_values_are_json_where_they_parse() -> None:
    assert [field_value(raw) for raw in ("5", "true", '["a"]', "01ABC", "a b")] == [
        5,
        True,
        ["a"],
        "01ABC",
        "a b",
    ]
    assert query_items([("ids", ["a", "b"]), ("on", False), ("n", 5)]) == [
        ("ids", "a"),
        ("ids", "b"),
        ("on", "false"),
        ("n", "5"),
    ]
    assert body_of([("a.b", 1), ("a.c", "x"), ("d", None)], {"e": 2}) == {
        "e": 2,
        "a": {"b": 1, "c": "x"},
        "d": None,
    }


def test_pages_merge_their_lists_and_keep_the_last_meta() -> None:
    pages = [
        {"alerts": [{"id": 1}], "pagination_meta": {"after": "1"}},
        {"alerts": [{"id": 2}], "pagination_meta": {"page_size": 1}},
    ]
    assert merge_pages(pages) == {
        "alerts": [{"id": 1}, {"id": 2}],
        "pagination_meta": {"page_size": 1},
    }
    nested = [
        {"entries": {"final": [{"id": 1}, {"id": 2}], "note": "a"}, "pagination_meta": {"a": 1}},
        {"entries": {"final": [{"id": 2}, {"id": 3}], "note": "b"}},
    ]
    assert merge_pages(nested) == {
        "entries": {"final": [{"id": 1}, {"id": 2}, {"id": 3}], "note": "b"}
    }
    assert merge_pages([{"ids": [1, 1]}, {"ids": [1, 2]}]) == {"ids": [1, 1, 2]}
