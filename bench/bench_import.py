"""Import cost: the toolkit's core vs its two foundations, each in a fresh interpreter.

Each statement runs in a new `python -c` process that times only the import itself
(`time.perf_counter` around it), alternating statements run after run; medians are compared.
`import incidentio_toolkit` is lazy (names load on first use), so what a program actually pays is
`from incidentio_toolkit import AsyncIncidentIO, ACTIONS`, compared with `import httpx2, pydantic`.
Bytecode caching is on (a warm-up run of each statement writes the .pyc files first).
Targets: both imports <= 1.5x `import httpx2, pydantic`; the core imports no adapter, sandbox, CLI
or MCP module.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from typing import Any

from _common import (
    PYTHON,
    ROOT,
    Result,
    Target,
    finish,
    median,
    parse_args,
    print_table,
    ratio,
    rerun_command,
    slowest_imports,
)

STATEMENTS = {
    "baseline": "import httpx2, pydantic",
    "baseline + BaseModel": "import httpx2; from pydantic import BaseModel",
    "package": "import incidentio_toolkit",
    "core": "from incidentio_toolkit import AsyncIncidentIO, ACTIONS",
    "core + http": "from incidentio_toolkit import AsyncIncidentIO, ACTIONS; import incidentio_toolkit.client._http",
}
"""`core + http` adds what the first call loads (the httpx2 wrapper); `baseline + BaseModel` loads
pydantic's model machinery, which `import pydantic` alone defers. Both reported, not targets."""

FORBIDDEN = (
    "incidentio_toolkit.adapters",
    "incidentio_toolkit.sandbox",
    "incidentio_toolkit.cli",
    "mcp",
    "mcp_types",
    "starlette",
    "uvicorn",
    "typer",
    "rich",
)

_PROBE = """
import sys, time, json
t = time.perf_counter()
{stmt}
elapsed = time.perf_counter() - t
forbidden = {forbidden!r}
heavy = sorted(m for m in sys.modules if any(m == f or m.startswith(f + ".") for f in forbidden))
print(json.dumps({{"seconds": elapsed, "heavy": heavy, "modules": len(sys.modules)}}))
"""


def bench_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure with cached bytecode, as installed
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    return env


def probe(stmt: str) -> tuple[float, float, dict[str, Any]]:
    """(import seconds, whole process seconds, probe output) for one fresh interpreter."""
    code = _PROBE.format(stmt=stmt, forbidden=FORBIDDEN)
    started = time.perf_counter()
    done = subprocess.run(
        [PYTHON, "-c", code], capture_output=True, text=True, timeout=60, env=bench_env(), cwd=ROOT
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{stmt!r} failed:\n{done.stderr}")
    data: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return float(data["seconds"]), wall, data


def importtime_top(stmt: str, n: int = 15) -> list[str]:
    """The n slowest modules (cumulative) by `python -X importtime`."""
    done = subprocess.run(
        [PYTHON, "-X", "importtime", "-c", stmt],
        capture_output=True,
        text=True,
        timeout=60,
        env=bench_env(),
        cwd=ROOT,
    )
    return slowest_imports(done.stderr, n)


def main(argv: list[str] | None = None) -> Result:
    args = parse_args(__doc__ or "", argv)
    started = time.perf_counter()
    result = Result("bench_import", rerun_command("bench_import.py"))
    runs = 5 if args.quick else 15
    names = list(STATEMENTS)
    for name in names:  # warm-up: write bytecode, fill the page cache
        probe(STATEMENTS[name])
    imports: dict[str, list[float]] = {name: [] for name in names}
    walls: dict[str, list[float]] = {name: [] for name in names}
    heavy: dict[str, list[str]] = {}
    module_counts: dict[str, int] = {}
    for i in range(runs):
        order = names[i % len(names) :] + names[: i % len(names)]
        for name in order:
            seconds, wall, data = probe(STATEMENTS[name])
            imports[name].append(seconds)
            walls[name].append(wall)
            heavy[name] = data["heavy"]
            module_counts[name] = data["modules"]
    base = median(imports["baseline"])
    base_wall = median(walls["baseline"])
    rows: list[list[object]] = []
    figures: dict[str, Any] = {"runs": runs}
    for name in names:
        med = median(imports[name])
        wall = median(walls[name])
        figures[name] = {
            "statement": STATEMENTS[name],
            "import_ms": med * 1000,
            "process_ms": wall * 1000,
            "vs_baseline": ratio(med, base),
            "process_vs_baseline": ratio(wall, base_wall),
            "modules_loaded": module_counts[name],
            "heavy_modules": heavy[name],
        }
        rows.append(
            [STATEMENTS[name], med * 1000, ratio(med, base), wall * 1000, module_counts[name]]
        )
    print(__doc__)
    print_table(["statement", "import ms", "x baseline", "process ms", "modules"], rows)
    for name in ("package", "core"):
        result.targets.append(
            Target(f"{STATEMENTS[name]} vs baseline", figures[name]["vs_baseline"], "<=", 1.5, "x")
        )
    core_heavy = sorted(set(heavy["package"]) | set(heavy["core"]) | set(heavy["core + http"]))
    result.targets.append(
        Target("adapter/sandbox/CLI/MCP modules loaded by the core", len(core_heavy), "<=", 0)
    )
    if core_heavy:
        result.notes.append(f"the core imported: {', '.join(core_heavy)}")
    else:
        print("\nno adapter, sandbox, CLI or MCP module is in sys.modules after importing the core")
    if args.profile or not all(t.met for t in result.targets):
        top = importtime_top(STATEMENTS["core"])
        figures["importtime_core_top"] = top
        print("\n--- python -X importtime (core), slowest cumulative ---")
        print("\n".join(top))
    result.figures = figures
    return finish(result, args, started)


if __name__ == "__main__":
    main()
