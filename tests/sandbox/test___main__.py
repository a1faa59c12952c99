"""`python -m incidentio_toolkit.sandbox`: the `incidentio sandbox` command, as a process."""

from __future__ import annotations

import os
import select
import subprocess
import sys
from pathlib import Path

import httpx2
from tests.sandbox.support import AUTH

from incidentio_toolkit.sandbox import DEMO_API_KEY


def test_python_dash_m_runs_the_server_and_prints_url_and_key(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "incidentio_toolkit.sandbox",
            "--port",
            "0",
            "--db",
            str(tmp_path / "cli.db"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], 20)
        assert ready, "the sandbox printed nothing"
        first = process.stdout.readline().strip()
        assert first.startswith("incident.io sandbox listening on http://127.0.0.1:")
        base_url = first.rsplit(" ", 1)[-1]
        banner = [process.stdout.readline().strip() for _ in range(2)]
        assert any(DEMO_API_KEY in line for line in banner)
        with httpx2.Client(base_url=base_url, headers=AUTH) as http:
            assert http.get("/v1/incident_types").status_code == 200
    finally:
        process.terminate()
        process.communicate(timeout=10)
    assert (tmp_path / "cli.db").exists()
