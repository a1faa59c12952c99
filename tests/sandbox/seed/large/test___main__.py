"""`python -m incidentio_toolkit.sandbox.seed.large`: writes one part of the organisation into a
new file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.sandbox.large_org_support import read_only, scalar

from incidentio_toolkit.sandbox.seed.large import LargeOrgSize
from incidentio_toolkit.sandbox.seed.large.__main__ import main
from incidentio_toolkit.sandbox.seed.large.parts import part_bounds


def test_main_writes_the_part_of_the_seed_and_scale(tmp_path: Path) -> None:
    out = tmp_path / "org.sqlite3"
    main(["--seed", "5", "--scale", "0.02", "--part", "1", "--out", str(out)])
    conn = read_only(out)
    start, stop = part_bounds(LargeOrgSize.at_scale(0.02).incidents, 1)
    listed = "SELECT min(external_id), count(*) FROM incidents WHERE deleted = 0"
    assert conn.execute(listed).fetchone() == (start + 1, stop - start)
    assert scalar(conn, "SELECT count(*) FROM users") == LargeOrgSize.at_scale(0.02).users
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    assert (meta["org"], meta["org_seed"], float(meta["org_scale"])) == ("large", "5", 0.02)
    conn.close()


def test_the_module_runs_as_a_program_and_names_what_it_needs() -> None:
    command = [sys.executable, "-m", "incidentio_toolkit.sandbox.seed.large", "--part", "0"]
    missing = subprocess.run(command, capture_output=True, text=True, check=False)
    assert missing.returncode == 2
    assert "--out" in missing.stderr
