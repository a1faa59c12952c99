"""scripts/extract_spec.py: the package's copy of the spec is what the script extracts, and a spec
that lacks an operation, or a command line without one, is refused in a line that names it."""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).parent.parent
SCRIPT = ROOT / "scripts" / "extract_spec.py"


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("extract_spec", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_extracting_the_packaged_copy_gives_the_copy_back() -> None:
    script = load_script()
    copy: dict[str, Any] = json.loads(script.SPEC.read_text())
    extracted, schemas = script.extract(copy, "the copy")
    assert extracted == copy
    assert schemas == len(copy["components"]["schemas"])


def test_a_spec_without_an_operation_names_it_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    script = load_script()
    copy: dict[str, Any] = json.loads(script.SPEC.read_text())
    out = tmp_path / "copy.json"
    monkeypatch.setattr(script, "SPEC", out)
    upstream = tmp_path / "upstream.json"
    upstream.write_text(json.dumps(copy))
    assert script.main([str(upstream)]) == 0  # the whole copy is a spec that has every operation
    assert json.loads(out.read_text()) == copy
    out.unlink()
    del copy["paths"]["/v3/teams"]["get"]
    upstream.write_text(json.dumps(copy))
    capsys.readouterr()
    assert script.main([str(upstream)]) == 1
    assert capsys.readouterr().err == (
        f"extract_spec: operation GET /v3/teams (teams_list) is not in {upstream}\n"
    )
    assert not out.exists()


@pytest.mark.parametrize("args", [[], ["a.json", "b.json"], ["--help"]])
def test_a_command_line_without_one_spec_prints_the_usage(args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert done.stderr == "usage: python scripts/extract_spec.py PATH/TO/incident-io-openapi.json\n"
    assert "Traceback" not in done.stderr
