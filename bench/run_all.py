"""Run every benchmark (each in its own process), then write bench/results/latest.json and print
a summary of the targets.

    .venv/bin/python bench/run_all.py            # or: make bench
    .venv/bin/python bench/run_all.py --quick    # fewer repetitions, a smoke test
    .venv/bin/python bench/run_all.py --only bench_calls --only bench_overhead

Exits 1 when a benchmark fails to run; a missed target is reported, not an error.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from _common import BENCH, PYTHON, ROOT, fmt, machine, rel_python

BENCHMARKS = (
    "bench_context",
    "bench_import",
    "bench_mcp_start",
    "bench_overhead",
    "bench_sandbox",
    "bench_calls",
    "bench_memory",
    "bench_large_org",
    "bench_agent_tasks",
    "bench_scale_out",
)
TIMEOUT_SECONDS = 600


def run_one(name: str, quick: bool, profile: bool) -> dict[str, Any]:
    """Run bench/<name>.py in a child process (its output streams through) and load its JSON."""
    with tempfile.TemporaryDirectory(prefix="incidentio-bench-") as tmp:
        out = Path(tmp) / f"{name}.json"
        args = [PYTHON, str(BENCH / f"{name}.py"), "--json", str(out)]
        if quick:
            args.append("--quick")
        if profile:
            args.append("--profile")
        print(f"\n=== {name} ===", flush=True)
        started = time.perf_counter()
        try:
            done = subprocess.run(args, cwd=ROOT, timeout=TIMEOUT_SECONDS, check=False)
            code: int | str = done.returncode
        except subprocess.TimeoutExpired:
            code = f"timed out after {TIMEOUT_SECONDS} s"
        seconds = time.perf_counter() - started
        if code == 0 and out.exists():
            data: dict[str, Any] = json.loads(out.read_text())
            data["wall_seconds"] = round(seconds, 2)
            return data
        return {"bench": name, "error": f"exit {code}", "wall_seconds": round(seconds, 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--profile", action="store_true", help="profile even when targets are met")
    parser.add_argument("--only", action="append", choices=BENCHMARKS, help="run only these")
    args = parser.parse_args()
    names = args.only or list(BENCHMARKS)
    started = time.perf_counter()
    when = datetime.now(UTC).isoformat(timespec="seconds")
    results = [run_one(name, args.quick, args.profile) for name in names]
    total = time.perf_counter() - started
    report: dict[str, Any] = {
        "when": when,
        "machine": machine(),
        "quick": args.quick,
        "total_seconds": round(total, 1),
        "command": f"{rel_python()} bench/run_all.py" + (" --quick" if args.quick else ""),
        "results": results,
    }
    out_dir = BENCH / "results"
    out_dir.mkdir(exist_ok=True)
    latest = out_dir / "latest.json"
    latest.write_text(json.dumps(report, indent=2) + "\n")

    print("\n" + "=" * 78)
    info = machine()
    print(f"summary ({info['nproc']} CPUs, {info['cpu_model']}, Python {info['python']})")
    failed = 0
    missed = 0
    for result in results:
        name = result["bench"]
        if "error" in result:
            failed += 1
            print(f"  {name}: FAILED TO RUN ({result['error']})")
            continue
        targets: list[dict[str, Any]] = result.get("targets") or []
        if not targets:
            print(f"  {name}: reported ({result['wall_seconds']:.0f} s), no target")
        for target in targets:
            verdict = "met" if target["met"] else "MISSED"
            missed += 0 if target["met"] else 1
            print(
                f"  {name}: {target['name']} = {fmt(target['value'])}{target['unit']} "
                f"(target {target['op']} {fmt(target['threshold'])}{target['unit']}) {verdict}"
            )
    print(
        f"\n{missed} target(s) missed; total {total:.0f} s; results in {latest.relative_to(ROOT)}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
