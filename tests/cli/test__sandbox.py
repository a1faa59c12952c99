"""`incidentio sandbox` (cli/_sandbox.py): every option reaches `serve`, and the served sandbox
applies them."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

import httpx2
import pytest
import typer
from typer.testing import CliRunner

from incidentio_toolkit.cli import app
from incidentio_toolkit.cli._sandbox import OrgName, main, sandbox_command
from incidentio_toolkit.defaults import ESCALATION_CREATES_PER_MINUTE, REQUESTS_PER_MINUTE
from incidentio_toolkit.sandbox import DEMO_API_KEY, FaultConfig, SandboxServer, create_app
from incidentio_toolkit.sandbox.seed import ORG_NAMES

KEY = {"Authorization": f"Bearer {DEMO_API_KEY}"}

EVERY_OPTION = [
    "--host", "127.0.0.2",
    "--port", "9999",
    "--db", "state.db",
    "--api-key", "key-one",
    "--api-key", "key-two",
    "--rate-limit", "30",
    "--escalation-rate-limit", "3",
    "--fault-seed", "7",
    "--latency-ms", "12.5",
    "--error-rate", "0.1",
    "--rate-limit-rate", "0.2",
    "--drop-rate", "0.3",
    "--malformed-rate", "0.4",
    "--commit-timeout-rate", "0.5",
    "--log-level", "debug",
    "--org", "large",
    "--org-seed", "4",
    "--org-scale", "0.5",
]  # fmt: skip


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """`serve` replaced by a recorder of its keyword arguments."""
    seen: dict[str, Any] = {}

    def fake_serve(**options: Any) -> None:
        seen.update(options)

    monkeypatch.setattr("incidentio_toolkit.sandbox.serve", fake_serve)
    return seen


def test_every_option_reaches_serve(runner: CliRunner, served: dict[str, Any]) -> None:
    result = runner.invoke(app, ["sandbox", *EVERY_OPTION])
    assert result.exit_code == 0, result.output
    assert served == {
        "host": "127.0.0.2",
        "port": 9999,
        "db_path": "state.db",
        "api_keys": ("key-one", "key-two"),
        "faults": FaultConfig(
            seed=7,
            latency_ms=12.5,
            error_rate=0.1,
            rate_limit_rate=0.2,
            drop_rate=0.3,
            malformed_rate=0.4,
            commit_timeout_rate=0.5,
        ),
        "rate_limit_per_minute": 30,
        "escalation_create_limit_per_minute": 3,
        "seed": True,
        "log_level": "debug",
        "org": "large",
        "org_seed": 4,
        "org_scale": 0.5,
    }


def test_no_seed_reaches_serve_and_is_refused_with_an_org(
    runner: CliRunner, served: dict[str, Any]
) -> None:
    assert runner.invoke(app, ["sandbox", "--no-seed"]).exit_code == 0
    assert served["seed"] is False
    served.clear()
    for org in ORG_NAMES:
        result = runner.invoke(app, ["sandbox", "--no-seed", "--org", org])
        assert result.exit_code == 2
        assert result.stderr.strip() == (
            f"incidentio: --no-seed starts a new database empty, so it serves no --org {org}: "
            "drop one of the two."
        )
    assert served == {}


def test_without_options_serve_gets_the_defaults(runner: CliRunner, served: dict[str, Any]) -> None:
    result = runner.invoke(app, ["sandbox"])
    assert result.exit_code == 0, result.output
    assert served == {
        "host": "127.0.0.1",
        "port": 8765,
        "db_path": None,
        "api_keys": (DEMO_API_KEY,),
        "faults": FaultConfig(),
        "rate_limit_per_minute": REQUESTS_PER_MINUTE,
        "escalation_create_limit_per_minute": ESCALATION_CREATES_PER_MINUTE,
        "seed": True,
        "log_level": "warning",
        "org": None,
        "org_seed": 0,
        "org_scale": 1.0,
    }
    assert not served["faults"].active


def test_python_dash_m_runs_the_same_command(
    runner: CliRunner, served: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    assert runner.invoke(app, ["sandbox", *EVERY_OPTION]).exit_code == 0
    through_the_cli = dict(served)
    served.clear()
    with pytest.raises(SystemExit) as exited:
        main(EVERY_OPTION)
    assert exited.value.code == 0
    assert served == through_the_cli
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "python -m incidentio_toolkit.sandbox [OPTIONS]" in capsys.readouterr().out


def test_every_option_says_what_it_does_and_what_happens_without_it() -> None:
    probe = typer.Typer(add_completion=False)
    probe.command()(sandbox_command)
    command = typer.main.get_command(probe)
    options = [p for p in command.params if p.name != "help"]
    assert {o.name for o in options} == {
        name for name in sandbox_command.__annotations__ if name != "return"
    }
    for option in options:
        text: str = getattr(option, "help", None) or ""
        what, _, without = text.partition("Without it")
        assert len(what) > 10, option.name
        assert without, f"--{option.name} does not say what happens without it"


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--error-rate", "1.5"),
        ("--drop-rate", "-0.1"),
        ("--rate-limit", "0"),
        ("--port", "70000"),
        ("--log-level", "loud"),
        ("--org", "huge"),
        ("--org-seed", "-1"),
        ("--org-scale", "9"),
    ],
)
def test_out_of_range_values_are_refused_before_serving(
    runner: CliRunner, served: dict[str, Any], option: str, value: str
) -> None:
    result = runner.invoke(app, ["sandbox", option, value])
    assert result.exit_code == 2
    assert option in result.output
    assert served == {}


@pytest.fixture
def background(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[SandboxServer]]:
    """`serve` runs for real, but its server runs in a thread so that the command returns."""
    started: list[SandboxServer] = []
    run = SandboxServer.run

    def run_in_background(self: SandboxServer) -> None:
        thread = threading.Thread(target=run, args=(self,), daemon=True)
        self._thread = thread  # pyright: ignore[reportPrivateUsage] - so that stop() joins it
        thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:  # pyright: ignore[reportPrivateUsage]
            assert time.monotonic() < deadline, "the sandbox did not start"
            time.sleep(0.005)
        started.append(self)

    monkeypatch.setattr(SandboxServer, "run", run_in_background)
    yield started
    for server in started:
        server.stop()


def test_the_served_sandbox_applies_keys_seed_and_rate_limit(
    runner: CliRunner, background: list[SandboxServer], tmp_path: Path
) -> None:
    db = tmp_path / "cli.db"
    options = ["--port", "0", "--db", str(db), "--api-key", "key-one", "--api-key", "key-two"]
    options += ["--no-seed", "--rate-limit", "2", "--latency-ms", "1", "--fault-seed", "3"]
    result = runner.invoke(app, ["sandbox", *options])
    assert result.exit_code == 0, result.output
    [server] = background
    assert f"listening on {server.base_url}" in result.stdout
    assert "organisation: none (--no-seed)" in result.stdout
    assert db.exists()
    with httpx2.Client(base_url=server.base_url) as http:
        demo = http.get("/v1/severities", headers={"Authorization": f"Bearer {DEMO_API_KEY}"})
        assert demo.status_code == 401
        one = {"Authorization": "Bearer key-one"}
        assert http.get("/v1/severities", headers=one).json() == {"severities": []}
        assert http.get("/_sandbox/seed", headers=one).json()["seeded"] is False
        faults = http.get("/_sandbox/faults", headers=one).json()["faults"]
        assert (faults["latency_ms"], faults["seed"]) == (1.0, 3)
        two = {"Authorization": "Bearer key-two"}
        assert [http.get("/v2/users", headers=two).status_code for _ in range(3)] == [
            200,
            200,
            429,
        ]
        assert http.get("/v2/users", headers=two).json()["rate_limit"]["limit"] == 2


def test_the_org_choice_names_the_sandbox_organisations() -> None:
    assert get_args(OrgName) == ORG_NAMES


@pytest.mark.parametrize("option", [["--org-seed", "3"], ["--org-scale", "0.5"]])
def test_a_large_org_option_without_org_large_is_refused(
    runner: CliRunner, served: dict[str, Any], option: list[str]
) -> None:
    result = runner.invoke(app, ["sandbox", "--org", "demo", *option])
    assert result.exit_code == 2
    assert "--org-seed and --org-scale need --org large" in result.output
    assert served == {}


def test_a_database_holding_another_organisation_is_refused_with_the_fix(
    runner: CliRunner, tmp_path: Path
) -> None:
    db = tmp_path / "demo.db"
    create_app(db_path=db).close()
    result = runner.invoke(app, ["sandbox", "--port", "0", "--db", str(db), "--org", "large"])
    assert result.exit_code == 2
    assert "already holds the demo organisation, not the large organisation" in result.output
    assert "use a new database file" in result.output


def test_the_served_sandbox_starts_the_large_organisation_and_says_so(
    runner: CliRunner, background: list[SandboxServer], tmp_path: Path
) -> None:
    db = tmp_path / "large.db"
    options = ["--port", "0", "--db", str(db), "--org", "large", "--org-seed", "2"]
    result = runner.invoke(app, ["sandbox", *options, "--org-scale", "0.02"])
    assert result.exit_code == 0, result.output
    assert "organisation: the large organisation (seed 2, scale 0.02)" in result.stdout
    assert "preparing the large organisation" in result.stderr
    [server] = background
    with httpx2.Client(base_url=server.base_url, headers=KEY) as http:
        seed = http.get("/_sandbox/seed").json()
        assert seed["org"] == {"name": "large", "seed": 2, "scale": 0.02}
        listed = http.get("/v2/incidents", params={"page_size": 1}).json()
        assert listed["pagination_meta"]["total_record_count"] > 100


@pytest.fixture
def busy_port() -> Iterator[int]:
    """A loopback port something else listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        yield taken.getsockname()[1]


def test_an_address_or_database_that_cannot_be_used_names_its_option_in_one_line(
    runner: CliRunner, tmp_path: Path, busy_port: int, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_database = tmp_path / "notes.txt"
    not_a_database.write_text("not a database\n" * 100)
    missing = tmp_path / "missing" / "state.db"
    cases = [
        (["--port", "0", "--db", str(missing)], f"--db {missing}: unable to open database file"),
        (["--port", "0", "--db", str(not_a_database)], f"--db {not_a_database}: file is not a"),
        (["--port", str(busy_port)], f"port {busy_port} is in use (or not allowed) on 127.0.0.1"),
        (["--port", "0", "--host", "192.0.2.1"], "--host '192.0.2.1' is not an address of this"),
    ]
    for options, says in cases:
        result = runner.invoke(app, ["sandbox", *options])
        assert result.exit_code == 2, (options, result.output)
        assert result.stderr.startswith(f"incidentio: {says}")
        assert len(result.stderr.strip().splitlines()) == 1
        with pytest.raises(SystemExit) as exited:
            main(options)  # python -m incidentio_toolkit.sandbox
        assert exited.value.code == 2
        err = capsys.readouterr().err
        assert err.startswith(f"incidentio: {says}")
        assert len(err.strip().splitlines()) == 1


def test_python_dash_m_prints_an_unexpected_error_in_one_line_unless_debug(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def boom(**options: Any) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("incidentio_toolkit.sandbox.serve", boom)
    with pytest.raises(SystemExit) as exited:
        main(["--port", "0"])
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert "disk on fire" in err
    assert "--debug" in err
    assert "Traceback" not in err
    with pytest.raises(RuntimeError, match="disk on fire"):
        main(["--port", "0", "--debug"])
