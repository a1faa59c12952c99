"""Tables for people: one-line cells, preferred columns first, nested lists as their own tables."""

from __future__ import annotations

import io

from rich.table import Table

from incidentio_toolkit.actions import ACTIONS
from incidentio_toolkit.cli._render import MAX_CELL, actions_table, cell, output_tables


def test_cells_name_objects_and_cut_long_text_on_one_line() -> None:
    assert cell(None) == ""
    assert cell({"id": "01X", "name": "Critical"}) == "Critical"
    assert cell({"id": "01X"}) == "01X"
    assert cell("two\nlines") == "two lines"
    long = cell("x" * (MAX_CELL * 2))
    assert len(long) == MAX_CELL
    assert long.endswith("…")


def test_the_actions_table_has_a_row_per_action() -> None:
    table = actions_table(ACTIONS.values())
    assert table.row_count == len(ACTIONS)


def test_output_tables_render_lists_objects_nested_lists_and_the_next_cursor() -> None:
    parts = output_tables(
        {
            "success": True,
            "error": None,
            "incidents": [{"id": "1", "name": "Checkout down", "extra": [1]}],
            "schedule_entries": {"final": [{"entry_id": "e1"}], "scheduled": []},
            "incident": {"id": "1", "name": "Checkout down"},
            "message": "Workflow '01WF' deleted.",
            "pagination_meta": {"after": "01NEXT"},
        }
    )
    tables = [part for part in parts if isinstance(part, Table)]
    titles = [str(table.title) for table in tables]
    assert titles == [
        "incidents (1)",
        "schedule_entries.final (1)",
        "schedule_entries.scheduled (0)",
        "incident",
    ]
    headers = [str(column.header) for column in tables[0].columns]
    assert headers[:2] == ["id", "name"]
    lines = [str(part) for part in parts if not isinstance(part, Table)]
    assert "message: Workflow '01WF' deleted." in lines
    assert "More results: repeat with --arg after=01NEXT" in lines


def test_data_is_printed_as_it_is_not_as_markup_or_emoji_codes() -> None:
    from rich.console import Console

    name = "Disk [red]full[/] on [/x] db :fire: [bold]"
    parts = output_tables(
        {
            "success": True,
            "incidents": [{"id": "[/]", "name": name}],
            "incident": {"[x]": name},
            "message": name,
        }
    )
    out = Console(width=200, record=True, file=io.StringIO())
    for part in parts:
        out.print(part)
    printed = out.export_text()
    assert printed.count(name) == 3
    assert "[x]" in printed
    assert "[/]" in printed
