"""Per-call overhead of the toolkit in isolation, against a mock transport that answers instantly.

`incidents_list(page_size=25)` through `AsyncIncidentIO.call` (validation, request build, pacing,
response parse, output model, dump) vs the same request on the same `httpx2.MockTransport` through
a raw `httpx2.AsyncClient` (send and read the body, nothing else). The page holds 25 incidents in
the shape the sandbox serves (its seeded incidents, copied under new ids). The overhead is the
difference of the medians. Variants run in alternating blocks; each pacing-on block uses a fresh
client under the default budget (1,200/min), so the default pacer never has to wait.
Target: median toolkit overhead < 100 us with pacing on (default) and off.

The key is a random 40-character one, as production keys are. Two reference rows are not targets:
"raw + from_json" (what any integration must do to hand an agent a dict, so the difference to it is
the toolkit's own work), and the toolkit with the sandbox's 16-character demo key (the key-echo
check of every body depends on the key).
"""

from __future__ import annotations

import json
import random
import string
import time
from collections.abc import Awaitable, Callable
from typing import Any

import anyio
import httpx2
import pydantic_core

from _common import (
    BENCH,
    Result,
    Target,
    finish,
    median,
    parse_args,
    percentile,
    print_table,
    ratio,
    rerun_command,
)
from incidentio_toolkit import AsyncIncidentIO, PacingLimits
from incidentio_toolkit.sandbox import DEMO_API_KEY, create_app

BASE_URL = "https://api.incident.io"
ARGS: dict[str, Any] = {"page_size": 25}
_rng = random.Random(6)
API_KEY = "".join(_rng.choice(string.ascii_letters + string.digits) for _ in range(40))
"""A production-like key (the mock transport accepts any)."""


async def incidents_page(count: int = 25) -> bytes:
    """A `GET /v2/incidents` body with `count` incidents shaped like the sandbox's seeded ones."""
    app = create_app()
    try:
        async with httpx2.AsyncClient(
            transport=httpx2.ASGITransport(app=app),
            base_url="http://sandbox",
            headers={"Authorization": f"Bearer {DEMO_API_KEY}"},
        ) as client:
            response = await client.get("/v2/incidents", params={"page_size": 250})
            response.raise_for_status()
            seeded: list[dict[str, Any]] = response.json()["incidents"]
    finally:
        app.close()
    incidents: list[dict[str, Any]] = []
    for i in range(count):
        incident = json.loads(json.dumps(seeded[i % len(seeded)]))
        incident["id"] = f"01HKM5BENCH{i:015d}"
        incident["reference"] = f"INC-{100 + i}"
        incidents.append(incident)
    meta = {"after": incidents[-1]["id"], "page_size": count, "total_record_count": 400}
    return json.dumps({"incidents": incidents, "pagination_meta": meta}).encode()


def mock_transport(body: bytes) -> httpx2.MockTransport:
    def answer(request: httpx2.Request) -> httpx2.Response:
        return httpx2.Response(200, content=body, headers={"content-type": "application/json"})

    return httpx2.MockTransport(answer)


Variant = Callable[[int], Awaitable[list[float]]]


def variants(body: bytes) -> dict[str, Variant]:
    """Each variant runs n timed calls on a fresh client (after a few untimed ones)."""

    def raw(parse: bool) -> Variant:
        async def run(n: int) -> list[float]:
            headers = {"Authorization": f"Bearer {API_KEY}"}
            transport = mock_transport(body)
            async with httpx2.AsyncClient(base_url=BASE_URL, transport=transport) as client:
                times: list[float] = []
                for i in range(n + 10):
                    started = time.perf_counter()
                    response = await client.get("/v2/incidents", params=ARGS, headers=headers)
                    if parse:
                        pydantic_core.from_json(response.content)
                    assert response.status_code == 200
                    assert len(response.content) == len(body)
                    if i >= 10:
                        times.append(time.perf_counter() - started)
                return times

        return run

    def toolkit(pacing: PacingLimits | None, key: str = API_KEY) -> Variant:
        async def run(n: int) -> list[float]:
            io = AsyncIncidentIO(
                key, base_url=BASE_URL, transport=mock_transport(body), pacing=pacing
            )
            async with io:
                times: list[float] = []
                for i in range(n + 10):
                    started = time.perf_counter()
                    out = await io.call("incidents_list", ARGS)
                    if i >= 10:
                        times.append(time.perf_counter() - started)
                    assert out["success"] is True, out
                    assert len(out["incidents"]) == 25
                return times

        return run

    return {
        "raw httpx2": raw(False),
        "toolkit, pacing on": toolkit(PacingLimits()),
        "toolkit, pacing off": toolkit(None),
        "raw + from_json": raw(True),
        "toolkit, demo key": toolkit(None, DEMO_API_KEY),
    }


async def measure(body: bytes, blocks: int, per_block: int) -> dict[str, list[float]]:
    runs = variants(body)
    names = list(runs)
    times: dict[str, list[float]] = {name: [] for name in names}
    for block in range(blocks + 1):  # block 0 warms up
        order = names[block % len(names) :] + names[: block % len(names)]
        for name in order:
            got = await runs[name](per_block)
            if block:
                times[name].extend(got)
    return times


def profile(body: bytes, n: int) -> str:
    """pyinstrument over n toolkit calls (pacing on); prints its top, returns the file."""
    from pyinstrument import Profiler

    out = BENCH / "results" / "profile_overhead.txt"
    out.parent.mkdir(exist_ok=True)
    profiler = Profiler(interval=0.0001, async_mode="disabled")

    async def go() -> None:
        io = AsyncIncidentIO(
            API_KEY,
            base_url=BASE_URL,
            transport=mock_transport(body),
            pacing=PacingLimits(per_minute=10**7),
        )
        async with io:
            await io.call("incidents_list", ARGS)
            profiler.start()
            for _ in range(n):
                await io.call("incidents_list", ARGS)
            profiler.stop()

    anyio.run(go)
    text = profiler.output_text(unicode=False, color=False, show_all=False)
    out.write_text(text)
    print("\n--- pyinstrument (toolkit incidents_list, mock transport) ---")
    print("\n".join(text.splitlines()[:50]))
    return str(out.relative_to(BENCH.parent))


def main(argv: list[str] | None = None) -> Result:
    args = parse_args(__doc__ or "", argv)
    started = time.perf_counter()
    result = Result("bench_overhead", rerun_command("bench_overhead.py"))
    body = anyio.run(incidents_page)
    blocks, per_block = (2, 100) if args.quick else (6, 200)
    times = anyio.run(measure, body, blocks, per_block)
    raw_median = median(times["raw httpx2"])
    parsed_median = median(times["raw + from_json"])
    rows: list[list[object]] = []
    figures: dict[str, Any] = {"page_bytes": len(body), "calls_per_variant": blocks * per_block}
    for name, values in times.items():
        med = median(values)
        figures[name] = {
            "median_us": med * 1e6,
            "p99_us": percentile(values, 99) * 1e6,
            "overhead_us": (med - raw_median) * 1e6,
            "vs_raw": ratio(med, raw_median),
            "over_raw_plus_parse_us": (med - parsed_median) * 1e6,
        }
        rows.append(
            [
                name,
                med * 1e6,
                percentile(values, 99) * 1e6,
                (med - raw_median) * 1e6,
                med / raw_median,
                (med - parsed_median) * 1e6,
            ]
        )
    print(__doc__)
    print(
        f"page: 25 incidents, {len(body):,} bytes; {blocks * per_block:,} timed calls per variant\n"
    )
    print_table(
        ["variant", "median us", "p99 us", "overhead us", "x raw", "over raw+parse us"], rows
    )
    for name in ("toolkit, pacing on", "toolkit, pacing off"):
        result.targets.append(
            Target(f"overhead, {name}", figures[name]["overhead_us"], "<", 100.0, " us")
        )
    result.figures = figures
    if args.profile or not all(t.met for t in result.targets):
        result.notes.append(f"profile: {profile(body, 300 if args.quick else 1000)}")
    return finish(result, args, started)


if __name__ == "__main__":
    main()
