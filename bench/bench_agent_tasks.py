"""Agent efficiency: incident-response tasks played through a real MCP session, raw vs lean.

Each task (bench/_agent_tasks.py and the modules it lists) runs on the demo and the large
organisation, twice each, against a fresh sandbox (in process, its clock fixed at the
organisation's "now" so the answers are reproducible), through the SDK's in-memory MCP client:

- raw: the actions only (no composites), full objects (`--full-objects`), ids looked up with list
  calls;
- lean: the defaults: summaries, names and references where ids are expected, `fields`, the
  composite reads (`incident_brief`, `on_call_now`) and `dry_run` before paging.

Measured per task and plan: tool calls, result characters (the JSON text blocks the model reads)
and API requests (counted at the client's transport). Every answer is checked against the
sandbox's truth, read straight from its HTTP API. Targets over the tasks: median result
characters lean/raw <= 1/5, worst task <= 1/2; median tool calls lean/raw <= 1/2; every answer
correct. The ratios and the call medians are over the tasks whose two runs both answered
correctly: a task with a run that failed or answered wrongly is left out of them, reported with
its figures on its own, and counted by the wrong-answers target. A task that fails to run is
reported, never fatal.
"""

from __future__ import annotations

import json
import math
import statistics
import time
import traceback
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import anyio
import httpx2
from mcp import Client

from _agent_tasks import TASKS, Env, Task, waiting_for
from _common import Result, Target, finish, parse_args, print_table, rerun_command
from incidentio_toolkit import ACTIONS, AsyncIncidentIO
from incidentio_toolkit.adapters import ToolPolicy
from incidentio_toolkit.adapters.mcp import create_server
from incidentio_toolkit.composites import TOOLS
from incidentio_toolkit.sandbox import DEMO_API_KEY, create_app
from incidentio_toolkit.sandbox.seed.large import HISTORY_END
from incidentio_toolkit.sandbox.testing import FakeClock

ORGANISATIONS: dict[str, tuple[dict[str, Any], datetime]] = {
    "demo": ({}, datetime(2025, 6, 10, 12, 0, tzinfo=UTC)),
    "large": ({"org": "large"}, HISTORY_END),
}
"""Each seeded organisation with its `create_app` options and its "now": for the demo one a
Tuesday two hours after its last page was acknowledged, for the large one the end of its
history."""

BASE_URL = "http://sandbox.invalid"
PLANS = {
    "raw": ToolPolicy(
        allow_writes=True, allow_destructive=True, tools=list(ACTIONS), full_objects=True
    ),
    "lean": ToolPolicy.everything(),
}


class CountingTransport(httpx2.AsyncBaseTransport):
    """The client's transport to the in-process sandbox, counting the requests it carries."""

    def __init__(self, inner: httpx2.AsyncBaseTransport) -> None:
        self.inner = inner
        self.requests = 0

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        self.requests += 1
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


class PlanError(Exception):
    """A tool answered success: false; the plan cannot go on."""


@dataclass
class MeasuringAgent:
    """An agent's side of the session: calls tools and counts what it reads."""

    session: Client
    calls: int = 0
    chars: int = 0

    async def call(self, tool: str, arguments: dict[str, Any]) -> dict[str, Any]:
        result = await self.session.call_tool(tool, arguments)
        text = "".join(block.text for block in result.content if block.type == "text")
        self.calls += 1
        self.chars += len(text)
        data: dict[str, Any] = json.loads(text)
        if not data.get("success"):
            raise PlanError(f"{tool}: {data.get('error')}")
        return data


@dataclass
class Run:
    calls: int = 0
    chars: int = 0
    requests: int = 0
    correct: bool = False
    problem: str | None = None


async def run(task: Task, plan: str, organisation: str) -> Run:
    """One task with one plan on a fresh sandbox; failures are recorded, not raised."""
    scripted = task.raw if plan == "raw" else task.lean
    assert scripted is not None
    assert task.check is not None
    options, now = ORGANISATIONS[organisation]
    app = create_app(clock=FakeClock(now), **options)
    counting = CountingTransport(httpx2.ASGITransport(app=app))
    client = AsyncIncidentIO(
        DEMO_API_KEY,
        base_url=BASE_URL,
        transport=counting,
        pacing=None,
        wall_clock=now.timestamp,
    )
    api = httpx2.AsyncClient(
        transport=httpx2.ASGITransport(app=app),
        base_url=BASE_URL,
        headers={"Authorization": f"Bearer {DEMO_API_KEY}"},
    )
    outcome = Run()
    try:
        async with client, api, Client(create_server(client, PLANS[plan])) as session:
            env = Env(api, now)
            subject = await task.subject(env)
            agent = MeasuringAgent(session)
            try:
                answer = await scripted(agent, subject, now)
            finally:
                outcome.calls, outcome.chars = agent.calls, agent.chars
                outcome.requests = counting.requests
            outcome.problem = await task.check(env, subject, answer)
            outcome.correct = outcome.problem is None
    except Exception as exc:  # a benchmark reports a failed run and goes on
        outcome.problem = f"{type(exc).__name__}: {exc}"
        if not isinstance(exc, PlanError):
            outcome.problem += "\n" + traceback.format_exc(limit=3)
    finally:
        app.close()
    return outcome


def ratio(lean: float, raw: float) -> float:
    return lean / raw if raw else float("nan")


def median(values: list[float]) -> float:
    """The median, NaN when there is nothing to take it of (every task left out)."""
    return statistics.median(values) if values else math.nan


def worst(values: list[float]) -> float:
    return max(values) if values else math.nan


@dataclass
class Tally:
    """The tasks whose two runs both answered correctly (the ratios and call medians are theirs),
    and the ones left out."""

    chars: list[float] = field(default_factory=list[float])
    calls: list[float] = field(default_factory=list[float])
    raw_calls: list[float] = field(default_factory=list[float])
    lean_calls: list[float] = field(default_factory=list[float])
    left_out: list[str] = field(default_factory=list[str])

    def add(self, key: str, raw: Run, lean: Run) -> None:
        if not (raw.correct and lean.correct):
            self.left_out.append(key)
            return
        self.chars.append(ratio(lean.chars, raw.chars))
        self.calls.append(ratio(lean.calls, raw.calls))
        self.raw_calls.append(raw.calls)
        self.lean_calls.append(lean.calls)

    def summary(self) -> dict[str, Any]:
        raw, lean = median(self.raw_calls), median(self.lean_calls)
        return {
            "tasks_in_ratios": len(self.chars),
            "tasks_left_out": self.left_out,
            "median_chars_ratio": median(self.chars),
            "worst_chars_ratio": worst(self.chars),
            "median_calls_raw": raw,
            "median_calls_lean": lean,
            "median_calls_ratio": ratio(lean, raw),
            "median_per_task_calls_ratio": median(self.calls),
            "total_calls": [sum(self.raw_calls), sum(self.lean_calls)],
        }


def main(argv: list[str] | None = None) -> Result:
    args = parse_args(__doc__ or "", argv)
    started = time.perf_counter()
    result = Result("bench_agent_tasks", rerun_command("bench_agent_tasks.py"))
    print(__doc__)
    figures: dict[str, Any] = {
        "now": {org: now.isoformat() for org, (_, now) in ORGANISATIONS.items()},
        "organisations": {},
    }
    rows: list[list[object]] = []
    tally = Tally()
    per_org: dict[str, Tally] = {}
    left_out: list[dict[str, Any]] = []
    wrong: list[str] = []
    waiting: list[str] = []
    runs = 0
    for organisation in ORGANISATIONS:
        tasks: dict[str, Any] = {}
        for task in TASKS:
            missing = waiting_for(task, TOOLS)
            if missing or task.raw is None or task.lean is None:
                if organisation == next(iter(ORGANISATIONS)):
                    waiting.append(f"{task.key} (needs {', '.join(missing or task.needs)})")
                tasks[task.key] = {"question": task.question, "waiting_for": missing}
                continue
            raw, lean = (anyio.run(run, task, plan, organisation) for plan in ("raw", "lean"))
            runs += 2
            for plan, outcome in (("raw", raw), ("lean", lean)):
                if not outcome.correct:
                    wrong.append(f"{organisation}/{task.key}/{plan}: {outcome.problem}")
            key = f"{organisation}/{task.key}"
            tally.add(key, raw, lean)
            per_org.setdefault(organisation, Tally()).add(key, raw, lean)
            correct = raw.correct and lean.correct
            tasks[task.key] = {
                "question": task.question,
                "raw": vars(raw),
                "lean": vars(lean),
                "chars_ratio": ratio(lean.chars, raw.chars),
                "calls_ratio": ratio(lean.calls, raw.calls),
                "in_ratios": correct,
            }
            if not correct:
                left_out.append({"task": key, "raw": vars(raw), "lean": vars(lean)})
            rows.append(
                [
                    f"{organisation}: {task.key}",
                    raw.calls,
                    lean.calls,
                    raw.chars,
                    lean.chars,
                    ratio(lean.chars, raw.chars),
                    raw.requests,
                    lean.requests,
                    "yes" if correct else "NO (left out of the ratios)",
                ]
            )
        figures["organisations"][organisation] = tasks
    print_table(
        [
            "task",
            "raw calls",
            "lean calls",
            "raw chars",
            "lean chars",
            "lean/raw chars",
            "raw requests",
            "lean requests",
            "correct",
        ],
        rows,
    )
    summary = tally.summary()
    figures["summary"] = summary | {
        "tasks_run": runs // 2,
        "left_out_figures": left_out,
        "wrong": wrong,
        "waiting": waiting,
    }
    print(
        f"\nover the {summary['tasks_in_ratios']} of {runs // 2} tasks answered correctly by both "
        f"plans: median chars lean/raw {summary['median_chars_ratio']:.3f}, worst "
        f"{summary['worst_chars_ratio']:.3f}; median tool calls {summary['median_calls_raw']:g} "
        f"raw vs {summary['median_calls_lean']:g} lean ({summary['median_calls_ratio']:.2f}); "
        f"{runs - len(wrong)}/{runs} answers correct"
    )
    for organisation, mine in per_org.items():
        own = mine.summary()
        figures["organisations"][organisation]["summary"] = own
        print(
            f"  {organisation}: median chars lean/raw {own['median_chars_ratio']:.3f}, "
            f"worst {own['worst_chars_ratio']:.3f}; median tool calls "
            f"{own['median_calls_raw']:g} raw vs {own['median_calls_lean']:g} lean; "
            f"{own['total_calls'][0]:g} raw calls in all vs {own['total_calls'][1]:g}"
        )
    for entry in left_out:
        raw, lean = entry["raw"], entry["lean"]
        print(
            f"LEFT OUT {entry['task']}: raw {raw['calls']} calls, {raw['chars']:,} chars; "
            f"lean {lean['calls']} calls, {lean['chars']:,} chars"
        )
    for line in wrong:
        print(f"WRONG {line}")
    result.targets += [
        Target("median result chars lean/raw", summary["median_chars_ratio"], "<=", 0.2),
        Target("worst task result chars lean/raw", summary["worst_chars_ratio"], "<=", 0.5),
        Target("median tool calls lean/raw", summary["median_calls_ratio"], "<=", 0.5),
        Target("wrong answers", len(wrong), "<=", 0),
    ]
    if left_out:
        result.notes.append(
            f"{len(left_out)} tasks left out of the ratios and call medians (a run failed or "
            "answered wrongly): " + ", ".join(entry["task"] for entry in left_out)
        )
    for line in waiting:
        result.notes.append(f"waiting: {line}")
    result.notes.append(f"organisations: {', '.join(ORGANISATIONS)}")
    result.figures = figures
    return finish(result, args, started)


if __name__ == "__main__":
    main()
