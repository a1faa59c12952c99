"""The demo organisation ("Northwind"): every build is the same, ids included."""

from __future__ import annotations

from tests.sandbox.large_org_support import table_digests

from incidentio_toolkit.sandbox.seed.demo import write_organisation
from incidentio_toolkit.sandbox.store import Store


def _built() -> dict[str, str]:
    store = Store(None)
    write_organisation(store)
    digests = table_digests(store.db.conn)
    store.close()
    return digests


def test_two_fresh_builds_write_the_same_organisation_ids_included() -> None:
    first, again = _built(), _built()
    assert {table for table in first if first[table] != again[table]} == set()
    assert len(first) > 20  # every resource table was compared
