import subprocess
import sys

import pytest

import incidentio_toolkit
import incidentio_toolkit.client


def _isort_key(name: str) -> tuple[int, str]:
    """Constants, then classes, then everything else, each alphabetical (ruff's RUF022 order)."""
    rank = 0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2
    return rank, name


def test_public_all_is_sorted_and_complete() -> None:
    for module in (incidentio_toolkit, incidentio_toolkit.client, incidentio_toolkit.actions):
        assert module.__all__ == sorted(module.__all__, key=_isort_key)
        for name in module.__all__:
            assert hasattr(module, name), name


def test_public_api_names_the_issue_promises() -> None:
    for name in ("ACTIONS", "AsyncIncidentIO", "IncidentIO"):
        assert name in incidentio_toolkit.__all__


def test_importing_the_package_loads_no_adapter_framework_or_sandbox() -> None:
    code = (
        "import sys, incidentio_toolkit; incidentio_toolkit.AsyncIncidentIO; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('langchain_core', 'openai', 'mcp', "
        "'uvicorn', 'starlette', 'redis') or m.split('.')[:2] in (['incidentio_toolkit', 'sandbox'], "
        "['incidentio_toolkit', 'adapters'], ['incidentio_toolkit', 'cli'])]; print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


PUBLIC_MODULES = [
    "incidentio_toolkit",
    "incidentio_toolkit.outputs",
    "incidentio_toolkit.actions",
    "incidentio_toolkit.client",
    "incidentio_toolkit.defaults",
    "incidentio_toolkit.adapters",
    "incidentio_toolkit.adapters.mcp",
    "incidentio_toolkit.adapters.langchain",
    "incidentio_toolkit.adapters.openai",
    "incidentio_toolkit.sandbox",
    "incidentio_toolkit.sandbox.testing",
    "incidentio_toolkit.cli",
]


@pytest.mark.parametrize("module", PUBLIC_MODULES)
def test_each_public_module_imports_alone_in_a_fresh_interpreter(module: str) -> None:
    code = f"import {module}, sys; print(sorted(getattr(sys.modules[{module!r}], '__all__', [])))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_a_users_first_line_can_import_an_output_model() -> None:
    code = "from incidentio_toolkit.outputs import IncidentsListOutput; print(IncidentsListOutput)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "IncidentsListOutput" in result.stdout
