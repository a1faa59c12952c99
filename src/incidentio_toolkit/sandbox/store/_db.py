"""The SQLite connection (one per app, guarded by a lock) and a generic JSON-row table that every
resource store builds on."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Generator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from incidentio_toolkit.sandbox._util import JSON, dumps, loads_object
from incidentio_toolkit.sandbox.errors import invalid, not_found, unknown_reference
from incidentio_toolkit.sandbox.store._migrations import RESOURCE_TABLES, migrate

Order = Sequence[tuple[str, Literal["ASC", "DESC"]]]
NEWEST_FIRST: Order = (("created_us", "DESC"), ("seq", "DESC"))
"""The order of tables with a `created_us` column, newest first (insertion order breaks ties)."""

Cascade = Callable[[str, JSON | None], None]
"""Called by a store after it changes (`JSON`) or deletes (`None`) an object others embed."""


def no_cascade(_id: str, _value: JSON | None) -> None:
    """The cascade of a store nobody has wired up."""


class Database:
    """One SQLite connection in autocommit mode; `transaction` groups writes."""

    def __init__(self, path: str | Path | None = None) -> None:
        target = ":memory:" if path is None else str(path)
        self.path = None if path is None else Path(path)
        self.conn = sqlite3.connect(target, check_same_thread=False, isolation_level=None)
        self.lock = threading.RLock()
        self._depth = 0
        if self.path is not None:
            # Every write commits before its answer is sent; FULL syncs the WAL at each commit,
            # so an acknowledged write survives a killed process and a lost machine alike.
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=FULL")
        migrate(self.conn)

    def close(self) -> None:
        """Close the connection."""
        with self.lock:
            self.conn.close()

    @contextmanager
    def transaction(self) -> Generator[None]:
        """Run the block atomically (nested blocks join the outer transaction)."""
        with self.lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self.conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield
            except BaseException:
                self._depth = 0
                self.conn.execute("ROLLBACK")
                raise
            self._depth = 0
            self.conn.execute("COMMIT")

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a statement and fetch every row."""
        with self.lock:
            return self.conn.execute(sql, params).fetchall()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run a statement that returns nothing."""
        with self.lock:
            self.conn.execute(sql, params)

    def get_meta(self, key: str) -> str | None:
        """A value from the `meta` table."""
        rows = self.query("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        """Store a value in the `meta` table."""
        self.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def wipe(self) -> None:
        """Delete every row of every resource table (and the `seeded` flag)."""
        with self.transaction():
            for table in RESOURCE_TABLES:
                self.conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
            self.conn.execute("DELETE FROM meta WHERE key != 'created'")


class Page:
    """One page of stored JSON texts plus the cursor for the next page."""

    __slots__ = ("after", "texts", "total")

    def __init__(self, texts: list[str], after: str | None, total: int | None) -> None:
        self.texts = texts
        self.after = after
        self.total = total


class Table:
    """A resource table: `id`, JSON `data` and a soft `deleted` flag plus extra columns.

    `kind` names one object of the table in error messages (`"incident role"`).
    """

    def __init__(self, db: Database, name: str, kind: str) -> None:
        self.db = db
        self.name = name
        self.kind = kind

    def insert(self, id: str, data: JSON, **columns: Any) -> None:
        """Insert a new row."""
        names = ["id", "data", *columns]
        marks = ", ".join("?" for _ in names)
        sql = f"INSERT INTO {self.name} ({', '.join(names)}) VALUES ({marks})"  # noqa: S608
        self.db.execute(sql, [id, dumps(data), *columns.values()])

    def update(self, id: str, data: JSON, **columns: Any) -> None:
        """Replace a row's data (and any extra columns given)."""
        names = ["data", *columns]
        sets = ", ".join(f"{n} = ?" for n in names)
        sql = f"UPDATE {self.name} SET {sets} WHERE id = ?"  # noqa: S608
        self.db.execute(sql, [dumps(data), *columns.values(), id])

    def soft_delete(self, id: str) -> None:
        """Mark a row deleted (archived): hidden from reads, kept for cursors."""
        self.db.execute(f"UPDATE {self.name} SET deleted = 1 WHERE id = ?", (id,))  # noqa: S608

    def get(self, id: str) -> JSON | None:
        """The live row's data, or `None`."""
        text = self.get_text(id)
        return None if text is None else loads_object(text)

    def show(self, id: str) -> JSON:
        """The live row's data, or a 404 (for an id in the path)."""
        found = self.get(id)
        if found is None:
            raise not_found(self.kind, id)
        return found

    def require(self, id: str, field: str) -> JSON:
        """The live row's data, or a 422 naming `field` (for an id in the body or query)."""
        found = self.get(id)
        if found is None:
            raise unknown_reference(field, self.kind, id)
        return found

    def get_text(self, id: str) -> str | None:
        """The live row's stored JSON text, or `None`."""
        sql = f"SELECT data FROM {self.name} WHERE id = ? AND deleted = 0"  # noqa: S608
        rows = self.db.query(sql, (id,))
        return rows[0][0] if rows else None

    def column(self, id: str, column: str) -> Any:
        """One extra column of a live row (`None` when absent)."""
        sql = f"SELECT {column} FROM {self.name} WHERE id = ? AND deleted = 0"  # noqa: S608
        rows = self.db.query(sql, (id,))
        return rows[0][0] if rows else None

    def exists(self, id: str) -> bool:
        """Whether a live row has this id."""
        sql = f"SELECT 1 FROM {self.name} WHERE id = ? AND deleted = 0"  # noqa: S608
        return bool(self.db.query(sql, (id,)))

    def ever_existed(self, id: str) -> bool:
        """Whether a row has this id, live or deleted."""
        return bool(self.db.query(f"SELECT 1 FROM {self.name} WHERE id = ?", (id,)))  # noqa: S608

    def find(self, where: str, params: Sequence[Any] = ()) -> list[JSON]:
        """Every live row matching `where`, in insertion order."""
        return [loads_object(t) for t in self.find_texts(where, params)]

    def find_texts(
        self, where: str = "", params: Sequence[Any] = (), order: str = "seq ASC"
    ) -> list[str]:
        """Stored JSON texts of live rows matching `where`."""
        clause = f"deleted = 0 AND ({where})" if where else "deleted = 0"
        sql = f"SELECT data FROM {self.name} WHERE {clause} ORDER BY {order}"  # noqa: S608
        return [row[0] for row in self.db.query(sql, params)]

    def page(
        self,
        *,
        where: str = "",
        params: Sequence[Any] = (),
        order: Order = (("seq", "ASC"),),
        after: str | None = None,
        limit: int = 25,
        count: bool = False,
    ) -> Page:
        """A keyset-paginated page; `after` is the id of the previous page's last row."""
        base = f"deleted = 0 AND ({where})" if where else "deleted = 0"
        clause, args = base, list(params)
        if after is not None:
            cols = ", ".join(c for c, _ in order)
            sql = f"SELECT {cols} FROM {self.name} WHERE id = ?"  # noqa: S608
            rows = self.db.query(sql, (after,))
            if not rows:
                raise invalid("after", f"after: no record found with id {after!r}")
            keyset, keyargs = _keyset(order, rows[0])
            clause, args = f"{base} AND ({keyset})", [*args, *keyargs]
        order_sql = ", ".join(f"{c} {d}" for c, d in order)
        sql = f"SELECT id, data FROM {self.name} WHERE {clause} ORDER BY {order_sql} LIMIT ?"  # noqa: S608
        rows = self.db.query(sql, [*args, limit + 1])
        more = len(rows) > limit
        rows = rows[:limit]
        total = None
        if count:
            total = self.db.query(f"SELECT count(*) FROM {self.name} WHERE {base}", params)[0][0]  # noqa: S608
        return Page([r[1] for r in rows], rows[-1][0] if more else None, total)


def _keyset(order: Order, values: tuple[Any, ...]) -> tuple[str, list[Any]]:
    """SQL selecting rows strictly after `values` in `order`.

    When every column runs the same way this is one row-value comparison, which SQLite answers
    with a range search on an index in that order (the expanded form below scans it).
    """
    directions = {direction for _, direction in order}
    if len(directions) == 1:
        columns = ", ".join(column for column, _ in order)
        marks = ", ".join("?" for _ in order)
        op = ">" if directions == {"ASC"} else "<"
        return f"({columns}) {op} ({marks})", list(values)
    alternatives: list[str] = []
    args: list[Any] = []
    for i, (column, direction) in enumerate(order):
        op = ">" if direction == "ASC" else "<"
        equal = [f"{c} = ?" for c, _ in order[:i]]
        alternatives.append(" AND ".join([*equal, f"{column} {op} ?"]))
        args.extend([*values[:i], values[i]])
    return " OR ".join(f"({a})" for a in alternatives), args
