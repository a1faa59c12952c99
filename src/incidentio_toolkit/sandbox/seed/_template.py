"""Fast seeding: an organisation is written once per process into an in-memory template store,
then copied into each new store with SQLite's backup API (much faster than writing every object
again)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from incidentio_toolkit.sandbox.store import Store

Writer = Callable[[Store], None]
"""Writes one organisation through the stores of an empty store."""

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
