"""Fast seeding: an organisation is written once into a template, then copied into each new store
(SQLite's backup API, or a plain file copy for a new database file): much faster than writing
every object again.

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
FileBuilder = Callable[[Path], None]
"""Writes a complete template database at the given path."""

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


def write_template_file(path: Path, write: Writer) -> None:
    """Write an organisation in memory, then save it as the SQLite file `path`."""
    template = Store(None)
    try:
        write(template)
        target = sqlite3.connect(path)
        try:
            with template.db.lock:
                template.db.conn.backup(target)
        finally:
            target.close()
    finally:
        template.close()


def template_file(family: str, build: FileBuilder) -> Path:
    """The template file of `family` for this code version, built first when it is missing.

    `build` writes a partial file that is then moved into place, so other processes see no file
    or a complete one; an older version's file of the same family is removed. Where the cache
    directory cannot be written, the file is built in a temporary directory (not kept).
    """
    folder = cache_dir()
    path = folder / f"{family}-{code_version()}.sqlite3"
    with _lock:
        if path.exists():
            return path
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            folder = Path(tempfile.mkdtemp(prefix="incidentio-sandbox-"))
            path = folder / path.name
        partial = folder / f".{path.name}.{os.getpid()}.{threading.get_ident()}.partial"
        partial.unlink(missing_ok=True)
        build(partial)
        os.replace(partial, path)
        for stale in folder.glob(f"{family}-*.sqlite3"):
            if stale != path:
                stale.unlink(missing_ok=True)
        return path


def copy_template_file(template: Path, store: Store) -> None:
    """Put the organisation saved in `template` into `store` (resource tables empty)."""
    source = sqlite3.connect(f"{template.as_uri()}?mode=ro", uri=True)
    try:
        with store.db.lock:
            source.backup(store.db.conn)
    finally:
        source.close()


def install_template_file(template: Path, path: Path) -> None:
    """Make `template` the new database file `path` (a file copy: the quickest way in)."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    shutil.copyfile(template, partial)
    os.replace(partial, path)


def discard_temporary(template: Path) -> None:
    """Remove `template` if it was built outside the cache directory."""
    if not template.is_relative_to(cache_dir()):
        shutil.rmtree(template.parent, ignore_errors=True)
