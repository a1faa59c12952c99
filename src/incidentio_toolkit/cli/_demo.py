"""`incidentio demo`: an incident response played through a real MCP client session.

The MCP server runs against the embedded sandbox (no key, no network) with writes and destructive
tools enabled; the SDK's client drives it, in-process or over stdio. It works as an agent would with
the lean defaults: summaries, names where ids are expected, `on_call_now`, a dry run before the page
and `incident_brief`.
"""

from __future__ import annotations

import contextlib
import json
import sys
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from incidentio_toolkit.cli._render import plain

if TYPE_CHECKING:
    from mcp import Client
    from rich.console import Console


@dataclass(frozen=True, slots=True)
class Step:
    title: str
    tool: str
    ok: bool
    detail: str


class StepFailed(Exception):
    """A step's tool returned an error; the scenario stops there."""


class Scenario:
    """Runs the steps, showing each as it runs and keeping the record for the summary."""

    def __init__(self, client: Client, console: Console) -> None:
        self.client = client
        self.console = console
        self.steps: list[Step] = []

    def record(self, title: str, tool: str, ok: bool, detail: str) -> None:
        self.steps.append(Step(title, tool, ok, detail))
        from rich.text import Text

        mark = ("✓", "green") if ok else ("✗", "red")
        line = Text.assemble(mark, " ", (title, "bold"), " ", (f"({tool})", "dim"), " ", detail)
        self.console.print(line)

    async def call(self, title: str, tool: str, arguments: dict[str, Any]) -> dict[str, Any]:
        shown = ", ".join(f"{k}={_short(v)}" for k, v in arguments.items())
        self.console.print(plain(f"  → {tool}({shown})", "dim"), no_wrap=True, overflow="ellipsis")
        with self.console.status(plain(f"{title}…")):
            result = await self.client.call_tool(tool, arguments)
        output = cast(dict[str, Any], result.structured_content or {})
        if result.is_error or not output.get("success"):
            self.record(title, tool, False, str(output.get("error") or "failed"))
            raise StepFailed(title)
        return output


def _obj(value: Any) -> dict[str, Any]:
    return cast(dict[str, Any], value) if isinstance(value, dict) else {}


def _objs(value: Any) -> list[dict[str, Any]]:
    items = cast(list[Any], value) if isinstance(value, list) else []
    return [_obj(item) for item in items]


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 28 else text[:27] + "…"


def _rank(item: dict[str, Any]) -> float:
    rank = item.get("rank")
    return float(rank) if isinstance(rank, int | float) else 0.0


async def play(scenario: Scenario) -> None:
    """The incident: read the firing alert, declare, page whoever is on call, work it through to
    closed, cancel the page nobody acknowledged, review."""
    from rich.table import Table

    s = scenario
    listed = await s.client.list_tools()
    names = [tool.name for tool in listed.tools]
    read_only = sum(1 for t in listed.tools if t.annotations and t.annotations.read_only_hint)
    s.record(
        "List tools",
        "tools/list",
        len(names) > 0,
        f"{len(names)} tools ({read_only} read-only, {len(names) - read_only} that change things)",
    )

    severities = (await s.call("Look up severities", "severities_list", {}))["severities"]
    if not severities:
        s.record("Look up severities", "severities_list", False, "no severities configured")
        raise StepFailed("severities")
    severity = max(severities, key=_rank)
    table = Table("severity", "rank", title="Severities")
    for item in sorted(severities, key=_rank, reverse=True):
        table.add_row(plain(str(item.get("name"))), plain(str(item.get("rank", ""))))
    s.console.print(table)
    s.record("Look up severities", "severities_list", True, f"using {severity.get('name')!r}")

    statuses = (await s.call("Look up statuses", "incident_statuses_list", {}))["incident_statuses"]
    by_category: dict[str, list[dict[str, Any]]] = {}
    for status in sorted(statuses, key=_rank):
        by_category.setdefault(str(status.get("category")), []).append(status)
    live = by_category.get("live", [])
    if not live:
        s.record("Look up statuses", "incident_statuses_list", False, "no live status")
        raise StepFailed("statuses")
    s.record(
        "Look up statuses",
        "incident_statuses_list",
        True,
        " → ".join(
            str(x.get("name"))
            for c in ("live", "learning", "closed")
            for x in by_category.get(c, [])
        ),
    )

    alert = await read_firing_alert(s)
    name = str(alert.get("title") or "Firing alert")
    created = await s.call(
        "Declare a test incident",
        "incidents_create",
        {
            "idempotency_key": str(uuid.uuid4()),
            "name": name,
            "summary": str(alert.get("description") or name),
            "severity_id": severity["name"],
            "incident_status_id": live[0]["name"],
            "visibility": "public",
            "mode": "test",
        },
    )
    incident = created["incident"]
    reference = str(incident.get("reference") or incident["id"])
    s.record(
        "Declare a test incident", "incidents_create", True, f"{reference} ({live[0].get('name')})"
    )

    schedule, on_call = await find_on_call(s)
    table = Table("schedule", "layer", "on call", "until", title="Who is on call")
    for shift in on_call:
        cells = (shift.get("layer", ""), shift.get("user"), shift.get("end_at"))
        table.add_row(plain(schedule), *(plain(str(value)) for value in cells))
    s.console.print(table)
    emails = list(dict.fromkeys(str(shift["email"]) for shift in on_call if shift.get("email")))
    page = {
        "idempotency_key": str(uuid.uuid4()),
        "title": f"{reference}: {name}",
        "description": "Test incident from `incidentio demo`.",
        "user_ids": emails,
        "incident_id": reference,
    }
    preview = (await s.call("Preview the page", "escalations_create", {**page, "dry_run": True}))[
        "escalation"
    ]
    s.record("Preview the page", "escalations_create", True, str(preview.get("message")))
    escalation = (await s.call("Page the on-call engineers", "escalations_create", page))[
        "escalation"
    ]
    paged = [str(person.get("name")) for person in _objs(preview.get("would_page"))]
    s.record(
        "Page the on-call engineers",
        "escalations_create",
        True,
        f"{schedule}: {', '.join(paged)} (escalation {escalation.get('status', escalation.get('id'))})",
    )

    route = live[1:] + by_category.get("learning", [])[:1] + by_category.get("closed", [])[:1]
    notes = iter(
        (
            "Rolled back the deploy; error rate falling.",
            "Error rate back to baseline; watching.",
            "Resolved. Writing up the post-incident review.",
            "Closed after review.",
        )
    )
    for status in route:
        title = f"Status → {status.get('name')}"
        updated = await s.call(
            title,
            "incidents_update",
            {
                "id": reference,
                "incident_status_id": status["name"],
                "summary": next(notes, "Status update."),
                "notify_incident_channel": False,
            },
        )
        now = _obj(_obj(updated["incident"]).get("incident_status")).get("name", status.get("name"))
        s.record(title, "incidents_update", True, f"{reference} is now {now}")

    await s.call("Cancel the page", "escalations_cancel", {"id": escalation["id"]})
    shown = (await s.call("Cancel the page", "escalations_show", {"id": escalation["id"]}))[
        "escalation"
    ]
    s.record(
        "Cancel the page",
        "escalations_cancel",
        _obj(shown).get("status") == "cancelled",
        f"escalation {_obj(shown).get('status')}: resolved before anyone acknowledged, "
        "so nobody is paged again",
    )

    brief = (await s.call("Brief the incident", "incident_brief", {"incident": reference}))["brief"]
    s.record(
        "Brief the incident",
        "incident_brief",
        True,
        f"{_obj(brief.get('incident_status')).get('name')}, {len(_objs(brief.get('updates')))} "
        f"recent updates, {_obj(brief.get('counts')).get('open_actions', 0)} open actions",
    )

    follow_ups = (
        await s.call(
            "List follow-ups",
            "follow_ups_list",
            {"incident_id": reference, "incident_mode": "test"},
        )
    )["follow_ups"]
    s.record("List follow-ups", "follow_ups_list", True, f"{len(follow_ups)} follow-ups")


async def read_firing_alert(s: Scenario) -> dict[str, Any]:
    """The newest firing alert (what the incident is declared for), with its attributes."""
    title = "Read the alert behind the incident"
    arguments = {"status": ["firing"], "page_size": 5}
    alerts = _objs((await s.call(title, "alerts_list", arguments))["alerts"])
    if not alerts:
        s.record(title, "alerts_list", False, "nothing is firing")
        raise StepFailed("alert")
    alert = alerts[0]
    from rich.table import Table

    attributes = {str(k): str(v) for k, v in _obj(alert.get("attribute_values")).items()}
    table = Table("attribute", "value", title=plain(str(alert.get("title"))))
    for key, value in attributes.items():
        table.add_row(plain(key), plain(value))
    s.console.print(table)
    owner = ", ".join(f"{k} {v}" for k, v in attributes.items() if k in ("Service", "Team"))
    since = str(alert.get("created_at", ""))[:16].replace("T", " ")
    s.record(title, "alerts_list", True, f"firing since {since} UTC ({owner})")
    return alert


async def find_on_call(s: Scenario) -> tuple[str, list[dict[str, Any]]]:
    """The first schedule with someone on call now, and its shifts (names, layers, until)."""
    schedules = (await s.call("Find schedules", "schedules_list", {}))["schedules"]
    s.record("Find schedules", "schedules_list", True, f"{len(schedules)} schedules")
    for schedule in schedules:
        name = str(schedule.get("name"))
        answer = _obj(
            (await s.call(f"Who is on call: {name}", "on_call_now", {"schedule": name}))["on_call"]
        )
        shifts = _objs(answer.get("on_call"))
        if shifts:
            names = ", ".join(str(shift.get("user")) for shift in shifts)
            s.record("Find who is on call", "on_call_now", True, f"{name}: {names}")
            return name, shifts
    s.record("Find who is on call", "on_call_now", False, "nobody")
    raise StepFailed("on call")


def summary_table(steps: list[Step]) -> Any:
    from rich.table import Table

    table = Table(title="Summary")
    table.add_column("#", justify="right")
    for column in ("step", "tool", "result", "detail"):
        table.add_column(column)
    for number, step in enumerate(steps, 1):
        mark = "[green]ok[/]" if step.ok else "[red]failed[/]"
        table.add_row(str(number), plain(step.title), step.tool, mark, plain(step.detail))
    return table


def _server_connection(transport: str) -> Any:
    """What `mcp.Client` connects to: the server in-process, or `incidentio mcp` over stdio."""
    from mcp import StdioServerParameters

    from incidentio_toolkit.adapters import ToolPolicy
    from incidentio_toolkit.adapters.mcp import create_server
    from incidentio_toolkit.client import sandbox_client

    if transport == "stdio":
        return StdioServerParameters(
            command=sys.executable,
            args=[
                "-m",
                "incidentio_toolkit.cli",
                "mcp",
                "--sandbox",
                "--allow-writes",
                "--allow-destructive",
            ],
        )
    return create_server(sandbox_client(), ToolPolicy.everything())


async def run_scenario(console: Console, transport: str = "memory") -> list[Step]:
    """Connect an MCP client session and play the scenario; returns every step taken."""
    from mcp import Client

    async with Client(_server_connection(transport)) as client:
        scenario = Scenario(client, console)
        with contextlib.suppress(StepFailed):
            await play(scenario)
        return scenario.steps


def run_demo(transport: str = "memory") -> int:
    """Play the demo, print the summary; 0 when every step succeeded."""
    import anyio

    from incidentio_toolkit.cli._render import console

    out = console()
    out.rule("[bold]incident.io toolkit demo[/]: an incident response over MCP")
    out.print(
        "An MCP client session drives `incidentio mcp --sandbox --allow-writes "
        f"--allow-destructive` ({transport}); no key, no network.\n"
    )
    steps = anyio.run(run_scenario, out, transport)
    out.print(summary_table(steps))
    failed = [step for step in steps if not step.ok]
    if failed or not steps:
        out.print(plain(f"Demo failed at: {failed[0].title if failed else 'start'}", "red"))
        return 1
    out.print(f"[green]Scenario complete: {len(steps)} steps, all through MCP.[/]")
    return 0
