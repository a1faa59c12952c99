"""Fast seeding: an organisation is written once into a template, then copied into each new store
with SQLite's backup API (much faster than writing every object again).

The demo organisation's template lives in memory, once per process. A large organisation takes
seconds to write, so its template is a SQLite file in the cache directory, written once per
machine and version of the sandbox's code, and copied from there by every later process.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path

from incidentio_toolkit.defaults import SANDBOX_CACHE_DIR_ENV_VAR
from incidentio_toolkit.sandbox.store import Store

Writer = Callable[[Store], None]
"""Writes one organisation through the stores of an empty store."""

SANDBOX_DIR = Path(__file__).resolve().parent.parent

_templates: dict[Writer, Store] = {}
_lock = threading.Lock()


def copy_template(store: Store, write: Writer) -> None:
    """Put what `write` writes into `store`, whose resource tables must be empty."""
    with _lock:
        template = _templates.get(write)
        if template is None:
            template = Store(None)
            write(template)
            _templates[write] = template
        with template.db.lock, store.db.lock:
            template.db.conn.backup(store.db.conn)


def cache_dir() -> Path:
    """Where template files are kept: `$INCIDENTIO_SANDBOX_CACHE_DIR`, else the user's cache
    directory (`$XDG_CACHE_HOME` or `~/.cache`) under `incidentio-toolkit/sandbox`."""
    configured = os.environ.get(SANDBOX_CACHE_DIR_ENV_VAR)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "incidentio-toolkit" / "sandbox"


@cache
def code_version() -> str:
    """A digest of the sandbox's source: a template written by other code is never reused."""
    digest = hashlib.sha256()
    for path in sorted(SANDBOX_DIR.rglob("*.py")):
        digest.update(str(path.relative_to(SANDBOX_DIR)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def template_file(family: str, write: Writer) -> Path:
    """The template file of `family` for this code version, written first when it is missing
    (an older version's file of the same family is removed)."""
    folder = cache_dir()
    path = folder / f"{family}-{code_version()}.sqlite3"
    with _lock:
        if path.exists():
            return path
        try:
            folder.mkdir(parents=True, exist_ok=True)
            _write_file(path, write)
        except OSError:
            return _write_file(Path(tempfile.mkdtemp(prefix="incidentio-sandbox-")) / path.name, write)  # fmt: skip
        for stale in folder.glob(f"{family}-*.sqlite3"):
            if stale != path:
                stale.unlink(missing_ok=True)
        return path


def _write_file(path: Path, write: Writer) -> Path:
    """Write the organisation into a new file beside `path`, then move it into place (so other
    processes see either no file or a complete one)."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.partial")
    partial.unlink(missing_ok=True)
    template = Store(None)
    try:
        write(template)
        target = sqlite3.connect(partial)
        try:
            with template.db.lock:
                template.db.conn.backup(target)
        finally:
            target.close()
    finally:
        template.close()
    os.replace(partial, path)
    return path


def copy_template_file(store: Store, family: str, write: Writer) -> None:
    """Put what `write` writes into `store` (resource tables empty), from the template file of
    `family` (see `template_file`)."""
    path = template_file(family, write)
    source = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        with store.db.lock:
            source.backup(store.db.conn)
    finally:
        source.close()
    if not path.is_relative_to(cache_dir()):
        shutil.rmtree(path.parent, ignore_errors=True)
