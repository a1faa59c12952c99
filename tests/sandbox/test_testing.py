"""`sandbox.testing`: its spec ships in the package, so it works from an installed wheel."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import httpx2
import pytest

from incidentio_toolkit.sandbox.testing import (
    SPEC_PATH,
    SPEC_RESOURCE,
    FakeClock,
    assert_error_envelope,
    load_spec,
)

ROOT = Path(__file__).resolve().parents[2]
WHEEL_SPEC = f"incidentio_toolkit/sandbox/{SPEC_RESOURCE}"


def _uv() -> str | None:
    local = ROOT / ".tools" / "bin" / "uv"
    return str(local) if local.exists() else shutil.which("uv")


def test_load_spec_reads_the_package_data() -> None:
    packaged = resources.files("incidentio_toolkit.sandbox").joinpath(SPEC_RESOURCE)
    assert packaged.is_file()
    assert SPEC_PATH.is_file()
    spec = load_spec()
    assert spec["openapi"].startswith("3.")
    assert spec == load_spec(SPEC_PATH)
    assert not (ROOT / "spec" / "incident-io-openapi.json").exists()  # one copy, in the package


def test_the_wheel_ships_the_spec_and_load_spec_works_from_it(tmp_path: Path) -> None:
    uv = _uv()
    if uv is None:
        pytest.skip("uv is not installed (make bootstrap installs it)")
    built = subprocess.run(
        [uv, "build", "--wheel", "--offline", "--quiet", "--out-dir", str(tmp_path / "dist")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "UV_PYTHON_DOWNLOADS": "never"},
    )
    assert built.returncode == 0, built.stderr
    [wheel] = (tmp_path / "dist").glob("*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        assert WHEEL_SPEC in archive.namelist()
        archive.extractall(site)
    # Import the package from the unpacked wheel, away from the checkout.
    code = (
        "import incidentio_toolkit, sys; from incidentio_toolkit.sandbox.testing import load_spec; "
        "print(incidentio_toolkit.__file__); print(len(load_spec()['paths']))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "PYTHONPATH": str(site)},
    )
    assert done.returncode == 0, done.stderr
    where, paths = done.stdout.split()
    assert Path(where).is_relative_to(site)
    assert int(paths) == len(load_spec()["paths"])


def test_fake_clock_moves_only_when_told() -> None:
    before = datetime(2026, 1, 14, 12, 0, tzinfo=UTC)
    clock = FakeClock(before)
    assert clock() == before
    clock.advance(minutes=5)
    assert (clock() - before).total_seconds() == 300


def test_assert_error_envelope_rejects_a_body_without_errors() -> None:
    request = httpx2.Request("GET", "http://sandbox/v2/incidents")
    error = {"code": "not_found", "message": "No incident found with id 'x'"}
    good = {"type": "not_found", "status": 404, "request_id": "r1", "errors": [error]}
    assert assert_error_envelope(httpx2.Response(404, json=good, request=request)) == good
    bad = {**good, "errors": []}
    with pytest.raises(AssertionError):
        assert_error_envelope(httpx2.Response(404, json=bad, request=request))
