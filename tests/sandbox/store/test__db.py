"""The database under every store: JSON-row tables, keyset pages, nested transactions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import pytest
from tests.sandbox.large_org_support import copy_database, read_only

from incidentio_toolkit import AsyncIncidentIO
from incidentio_toolkit.sandbox import DEMO_API_KEY, SandboxServer
from incidentio_toolkit.sandbox.errors import NotFoundError, UnprocessableEntityError
from incidentio_toolkit.sandbox.store._db import Database, Table


@pytest.fixture
def table() -> Iterator[Table]:
    db = Database(None)
    table = Table(db, "workflows", "workflow")
    for n in range(5):
        table.insert(f"w{n}", {"id": f"w{n}", "n": n})
    yield table
    db.close()


def test_show_is_a_404_and_require_a_422_naming_the_field(table: Table) -> None:
    assert table.show("w1") == {"id": "w1", "n": 1}
    with pytest.raises(NotFoundError, match="No workflow found with id 'nope'"):
        table.show("nope")
    with pytest.raises(UnprocessableEntityError) as raised:
        table.require("nope", "workflow_id")
    assert (raised.value.field, raised.value.code) == ("workflow_id", "not_found")


def test_deleted_rows_are_hidden_but_still_work_as_cursors(table: Table) -> None:
    table.soft_delete("w1")
    assert not table.exists("w1")
    assert table.get("w1") is None
    after_deleted = table.page(after="w1", limit=10)
    assert [t.split('"id":"')[1][:2] for t in after_deleted.texts] == ["w2", "w3", "w4"]


@pytest.mark.parametrize("direction", ["ASC", "DESC"])
def test_keyset_pages_cover_every_row_once(table: Table, direction: Literal["ASC", "DESC"]) -> None:
    seen: list[str] = []
    after: str | None = None
    for _ in range(10):
        page = table.page(order=(("seq", direction),), after=after, limit=2, count=True)
        assert page.total == 5
        seen += [text.split('"id":"')[1][:2] for text in page.texts]
        after = page.after
        if after is None:
            break
    expected = [f"w{n}" for n in range(5)]
    assert seen == (expected if direction == "ASC" else expected[::-1])


def test_an_unknown_cursor_is_a_422_on_after(table: Table) -> None:
    with pytest.raises(UnprocessableEntityError) as raised:
        table.page(after="nope")
    assert raised.value.field == "after"


def test_a_failing_nested_transaction_rolls_back_the_outer_one(table: Table) -> None:
    def change_then_fail() -> None:
        with table.db.transaction():
            table.update("w0", {"id": "w0", "n": 100})
            with table.db.transaction():
                table.insert("w9", {"id": "w9"})
                raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        change_then_fail()
    assert table.get("w0") == {"id": "w0", "n": 0}
    assert table.get("w9") is None


def test_a_file_database_syncs_its_write_ahead_log_at_every_commit(tmp_path: Path) -> None:
    db = Database(tmp_path / "s.db")
    assert db.query("PRAGMA journal_mode") == [("wal",)]
    assert db.query("PRAGMA synchronous") == [(2,)]  # FULL
    db.close()


def test_keyset_pages_in_mixed_directions_cover_every_row_once(table: Table) -> None:
    table.db.execute("UPDATE workflows SET deleted = 0")
    order: tuple[tuple[str, Literal["ASC", "DESC"]], ...] = (("deleted", "ASC"), ("seq", "DESC"))
    seen: list[str] = []
    after: str | None = None
    while True:
        page = table.page(order=order, after=after, limit=2)
        seen += [text.split('"id":"')[1][:2] for text in page.texts]
        if page.after is None:
            break
        after = page.after
    assert seen == [f"w{n}" for n in range(4, -1, -1)]


@pytest.mark.anyio
@pytest.mark.parametrize("sort_by", ["created_at_newest_first", "created_at_oldest_first"])
async def test_paginate_returns_every_incident_once_while_another_client_creates_incidents(
    small_org_file: Path, tmp_path: Path, sort_by: str
) -> None:
    path = copy_database(small_org_file, tmp_path / "walk.db")
    listed = "SELECT id FROM incidents WHERE mode IN ('standard', 'retrospective')"
    conn = read_only(path)
    before = {row[0] for row in conn.execute(listed)}
    severity = conn.execute("SELECT id FROM severities ORDER BY rank").fetchone()[0]
    conn.close()
    with SandboxServer(port=0, db_path=path, rate_limit_per_minute=10**9) as server:
        options: dict[str, Any] = {"base_url": server.base_url, "pacing": None}
        async with (
            AsyncIncidentIO(DEMO_API_KEY, **options) as walker,
            AsyncIncidentIO(DEMO_API_KEY, **options) as writer,
        ):
            seen: list[str] = []
            created: list[str] = []
            walk = walker.paginate(
                "incidents_list", {"page_size": 25, "sort_by": sort_by}, max_items=10**6
            )
            async for incident in walk:
                seen.append(incident["id"])
                if len(seen) % 25 == 1:  # on every page, another client declares an incident
                    key = f"walk-{len(seen)}"
                    body = {"idempotency_key": key, "visibility": "public", "severity_id": severity}
                    result = await writer.call("incidents_create", body)
                    assert result["success"], result
                    created.append(result["incident"]["id"])
    assert len(created) > 15
    assert len(seen) == len(set(seen))  # nothing twice
    assert before <= set(seen)  # nothing that was there is missed
    if sort_by == "created_at_oldest_first":  # declared after the cursor: they come too, but
        assert set(created) - set(seen) == {created[-1]}  # the last page was read before its own
    else:  # declared before the cursor, newer than the first page
        assert not set(created) & set(seen)
