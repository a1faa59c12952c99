"""Template copies: the demo template in memory, the large organisation's template as a file in
the cache directory, written once per code version and copied into every new database."""

from __future__ import annotations

from pathlib import Path

import pytest

from incidentio_toolkit.defaults import SANDBOX_CACHE_DIR_ENV_VAR
from incidentio_toolkit.sandbox.seed import _template
from incidentio_toolkit.sandbox.seed import demo as demo_org
from incidentio_toolkit.sandbox.store import Store


def _demo_file(path: Path) -> None:
    _template.write_template_file(path, demo_org.write_organisation)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(SANDBOX_CACHE_DIR_ENV_VAR, str(folder))
    return folder


def test_the_cache_directory_is_configurable_then_the_users_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(SANDBOX_CACHE_DIR_ENV_VAR, str(tmp_path / "mine"))
    assert _template.cache_dir() == tmp_path / "mine"
    monkeypatch.delenv(SANDBOX_CACHE_DIR_ENV_VAR)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert _template.cache_dir() == tmp_path / "xdg" / "incidentio-toolkit" / "sandbox"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert _template.cache_dir() == Path.home() / ".cache" / "incidentio-toolkit" / "sandbox"


def test_a_template_file_is_built_once_per_code_version(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[Path] = []

    def build(path: Path) -> None:
        built.append(path)
        _demo_file(path)

    first = _template.template_file("demo-test", build)
    assert _template.template_file("demo-test", build) == first
    assert len(built) == 1
    assert first.parent == cache
    assert not built[0].exists()  # built beside it, then moved into place
    assert [p.name for p in cache.iterdir()] == [first.name]
    monkeypatch.setattr(_template, "code_version", lambda: "another-version")
    second = _template.template_file("demo-test", build)
    assert second != first
    assert len(built) == 2
    assert [p.name for p in cache.iterdir()] == [second.name]  # the old version is removed


def test_copies_of_a_template_file_hold_what_was_written(cache: Path, tmp_path: Path) -> None:
    template = _template.template_file("demo-test", _demo_file)
    copied = Store(None)
    _template.copy_template_file(template, copied)
    _template.install_template_file(template, tmp_path / "installed.db")
    installed = Store(tmp_path / "installed.db")
    assert not installed.is_new  # the copy is the database: nothing more to seed
    for store in (copied, installed):
        assert store.seeded
        assert store.db.query("SELECT count(*) FROM incidents") == [(6,)]
        store.close()


def test_an_unwritable_cache_builds_in_a_temporary_folder_and_cleans_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    monkeypatch.setenv(SANDBOX_CACHE_DIR_ENV_VAR, str(blocked / "cache"))
    template = _template.template_file("demo-test", _demo_file)
    assert template.exists()
    assert not template.is_relative_to(blocked)
    store = Store(None)
    _template.copy_template_file(template, store)
    _template.discard_temporary(template)
    assert not template.parent.exists()
    assert store.seeded
    store.close()


def test_the_code_version_changes_with_the_sandbox_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert len(_template.code_version()) == 16
    source = tmp_path / "store" / "incidents.py"
    source.parent.mkdir()
    source.write_text("A = 1\n")
    monkeypatch.setattr(_template, "SANDBOX_DIR", tmp_path)
    before = _template.code_version.__wrapped__()
    assert _template.code_version.__wrapped__() == before
    source.write_text("A = 2\n")
    assert _template.code_version.__wrapped__() != before
