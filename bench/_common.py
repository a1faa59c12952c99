"""Helpers shared by the benchmarks: ports, subprocess servers, timing, percentiles and results.

Every benchmark script builds a `Result` (its figures, the targets with their verdicts and the
command to rerun it), prints it, and writes it as JSON when given `--json PATH` (`run_all.py` does
that for each script and merges them into `bench/results/latest.json`).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import platform
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PYTHON = sys.executable
LOOPBACK = "127.0.0.1"
SERVERS_SCRIPT = BENCH / "_servers.py"


def rel_python() -> str:
    """The interpreter as it should appear in a rerun command (`.venv/bin/python` when it is)."""
    venv_python = ROOT / ".venv" / "bin" / "python"
    if Path(PYTHON).absolute() == venv_python.absolute():
        return ".venv/bin/python"
    return PYTHON


def rerun_command(script: str, *args: str) -> str:
    """The command that reruns one benchmark from the repository root."""
    return " ".join([rel_python(), f"bench/{script}", *(shlex.quote(a) for a in args)])


# --- ports and subprocess servers ------------------------------------------------------------


def free_port() -> int:
    """A TCP port on the loopback address that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


def _port_open(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.2)
        return sock.connect_ex((LOOPBACK, port)) == 0


class ServerProcess:
    """A server in a subprocess on a loopback port: started, awaited until it accepts
    connections, and always stopped (SIGTERM, then SIGKILL) on exit of the `with` block."""

    def __init__(
        self,
        args: Sequence[str],
        port: int,
        *,
        env: dict[str, str] | None = None,
        start_timeout: float = 20.0,
    ) -> None:
        self.args = list(args)
        self.port = port
        self.env = env
        self.start_timeout = start_timeout
        self.proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def start(self) -> ServerProcess:
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            self.args,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env=self.env,
            cwd=ROOT,
        )
        deadline = time.perf_counter() + self.start_timeout
        while not _port_open(self.port):
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}:\n{self.output()}")
            if time.perf_counter() > deadline:
                self.stop()
                raise RuntimeError(f"server did not listen on port {self.port}:\n{self.output()}")
            time.sleep(0.02)
        return self

    def output(self) -> str:
        if self._log is None:
            return ""
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")[-4000:]

    def stop(self) -> None:
        proc = self.proc
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def sandbox_server(
    port: int,
    *,
    certfile: str | None = None,
    keyfile: str | None = None,
    rate_limit: int = 10**9,
) -> ServerProcess:
    """The sandbox on one uvicorn worker in a subprocess (see `_servers.py`), rate limits raised."""
    args = [PYTHON, str(SERVERS_SCRIPT), "sandbox", "--port", str(port)]
    args += ["--rate-limit", str(rate_limit)]
    if certfile and keyfile:
        args += ["--certfile", certfile, "--keyfile", keyfile]
    return ServerProcess(args, port)


def bare_server(port: int, body_file: str) -> ServerProcess:
    """A bare Starlette app returning the bytes of `body_file`, same uvicorn settings."""
    args = [PYTHON, str(SERVERS_SCRIPT), "bare", "--port", str(port), "--body-file", body_file]
    return ServerProcess(args, port)


@contextlib.contextmanager
def throwaway_tls() -> Generator[tuple[str, str, str]]:
    """A throwaway CA and a certificate for 127.0.0.1/localhost: (ca_file, cert_file, key_file)."""
    import trustme

    ca = trustme.CA()
    cert = ca.issue_cert(LOOPBACK, "localhost")
    with tempfile.TemporaryDirectory(prefix="incidentio-bench-tls-") as tmp:
        ca_file = os.path.join(tmp, "ca.pem")
        cert_file = os.path.join(tmp, "cert.pem")
        key_file = os.path.join(tmp, "key.pem")
        ca.cert_pem.write_to_path(ca_file)
        cert.cert_chain_pems[0].write_to_path(cert_file)
        for extra in cert.cert_chain_pems[1:]:
            extra.write_to_path(cert_file, append=True)
        cert.private_key_pem.write_to_path(key_file)
        yield ca_file, cert_file, key_file


# --- statistics ------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100), linear between the closest ranks."""
    if not values:
        return math.nan
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * q / 100.0
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def median(values: Sequence[float]) -> float:
    return percentile(values, 50)


def slowest_imports(importtime_stderr: str, top: int) -> list[str]:
    """The `top` slowest modules (cumulative) from the stderr of `python -X importtime`."""
    rows: list[tuple[int, str]] = []
    for line in importtime_stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), parts[2].strip()))
    rows.sort(reverse=True)
    return [f"{us / 1000:7.1f} ms  {name}" for us, name in rows[:top]]


def ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else math.nan


# --- results ---------------------------------------------------------------------------------

Op = Literal["<", "<=", ">", ">="]


@dataclass
class Target:
    """One target: `value op threshold` (e.g. a/b throughput >= 0.85)."""

    name: str
    value: float
    op: Op
    threshold: float
    unit: str = ""

    @property
    def met(self) -> bool:
        if math.isnan(self.value):
            return False
        return {
            "<": self.value < self.threshold,
            "<=": self.value <= self.threshold,
            ">": self.value > self.threshold,
            ">=": self.value >= self.threshold,
        }[self.op]

    def line(self) -> str:
        verdict = "MET" if self.met else "MISSED"
        return f"{self.name}: {fmt(self.value)}{self.unit} (target {self.op} {fmt(self.threshold)}{self.unit}) {verdict}"

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": self.value,
            "op": self.op,
            "threshold": self.threshold,
            "unit": self.unit,
            "met": self.met,
        }


@dataclass
class Result:
    """What one benchmark measured."""

    bench: str
    rerun: str
    figures: dict[str, Any] = field(default_factory=dict[str, Any])
    targets: list[Target] = field(default_factory=list[Target])
    notes: list[str] = field(default_factory=list[str])
    seconds: float = 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "bench": self.bench,
            "rerun": self.rerun,
            "seconds": round(self.seconds, 2),
            "figures": self.figures,
            "targets": [t.as_json() for t in self.targets],
            "notes": self.notes,
        }

    def print_footer(self) -> None:
        if self.targets:
            print("\ntargets:")
            for target in self.targets:
                print(f"  {target.line()}")
        for note in self.notes:
            print(f"note: {note}")
        print(f"\n({self.seconds:.1f} s) rerun: {self.rerun}")


def fmt(value: float) -> str:
    """A figure with a sensible number of digits."""
    if isinstance(value, int):
        return f"{value:,}"
    if math.isnan(value):
        return "n/a"
    magnitude = abs(value)
    if magnitude >= 1000:
        return f"{value:,.0f}"
    if magnitude >= 100:
        return f"{value:.1f}"
    if magnitude >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def print_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A plain fixed-width table on stdout."""
    cells = [
        [fmt(c) if isinstance(c, float | int) and not isinstance(c, bool) else str(c) for c in row]
        for row in rows
    ]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))
    print("  ".join(h.ljust(widths[i]) for i, h in enumerate(headers)))
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print(
            "  ".join(
                cell.rjust(widths[i]) if i else cell.ljust(widths[i]) for i, cell in enumerate(row)
            )
        )


def parse_args(description: str, argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Every benchmark takes `--json PATH` (write the result there) and `--quick` (fewer runs)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--json", default=None, help="also write the result as JSON to this path")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (smoke test)")
    parser.add_argument(
        "--profile", action="store_true", help="profile with pyinstrument even if targets are met"
    )
    return parser.parse_args(argv)


def finish(result: Result, args: argparse.Namespace, started: float) -> Result:
    """Print the footer and write the JSON file if asked."""
    result.seconds = time.perf_counter() - started
    result.print_footer()
    if args.json:
        Path(args.json).write_text(json.dumps(result.as_json(), indent=2) + "\n")
    return result


def machine() -> dict[str, Any]:
    """The machine the figures come from."""
    model = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "nproc": os.cpu_count(),
        "cpu_model": model,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
    }
