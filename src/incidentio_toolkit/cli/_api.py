"""`incidentio api METHOD PATH`: any endpoint of the incident.io API, for people at a terminal
(like incident.io's `inc api`); never an agent tool.

It sends through the client's `request`, so the key, pacing, retries and redaction are those of
every action. Only GET is sent unless `--allow-writes` is given. `--field key=value` adds a query
parameter (GET, DELETE) or a body field (POST, PUT; `incident.name=x` nests); a value is read as
JSON where it parses (`5`, `true`, `["a","b"]`). `--input FILE` (or `-` for stdin) is the JSON
body, fields on top. `--paginate` follows `pagination_meta.after` into the page cursor (that of
the action whose operation the path is, else `after`) and prints one object whose lists hold every
page's items.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast
from urllib.parse import parse_qsl

import typer

from incidentio_toolkit.cli._common import fail, make_client

if TYPE_CHECKING:
    from incidentio_toolkit.client import AsyncIncidentIO

METHODS = ("GET", "POST", "PUT", "DELETE")
QUERY_METHODS = ("GET", "DELETE")


class RequestError(ValueError):
    """The command line does not describe a request; the message says how to write it."""


def field_value(raw: str) -> Any:
    """A `--field` value: JSON where it parses, else the text itself."""
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def _pairs(fields: Iterable[str]) -> list[tuple[str, Any]]:
    pairs: list[tuple[str, Any]] = []
    for text in fields:
        key, sep, raw = text.partition("=")
        if not sep or not key.strip():
            raise RequestError(f"--field {text!r} is not key=value (e.g. --field page_size=5).")
        pairs.append((key.strip(), field_value(raw)))
    return pairs


def query_items(pairs: Iterable[tuple[str, Any]]) -> list[tuple[str, str]]:
    """Fields as query parameters: a list repeats its key, booleans are true/false."""
    items: list[tuple[str, str]] = []
    for key, value in pairs:
        values: list[Any] = cast(list[Any], value) if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, dict | list):
                raise RequestError(
                    f"--field {key}: a query parameter cannot hold a JSON object or nested list."
                )
            if isinstance(item, bool):
                items.append((key, "true" if item else "false"))
            else:
                items.append((key, item if isinstance(item, str) else json.dumps(item)))
    return items


def body_of(pairs: Iterable[tuple[str, Any]], base: Any) -> Any:
    """The JSON body: `base` (from --input) with each field set on top (dotted keys nest)."""
    pairs = list(pairs)
    if not pairs:
        return base
    if base is not None and not isinstance(base, dict):
        raise RequestError("--field needs the --input body to be a JSON object.")
    body: dict[str, Any] = dict(cast(dict[str, Any], base or {}))
    for key, value in pairs:
        node = body
        *parents, last = key.split(".")
        for part in parents:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                raise RequestError(f"--field {key}: {part!r} is already set to a non-object.")
            node = cast(dict[str, Any], child)
        node[last] = value
    return body


def read_input(source: str) -> Any:
    """The JSON body from a file, or from stdin for `-`."""
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text()
    except OSError as exc:
        raise RequestError(f"--input {source}: {exc.strerror or exc}.") from None
    try:
        return json.loads(text)
    except ValueError as exc:
        raise RequestError(f"--input {source} is not JSON ({exc}).") from None


class PagingError(RequestError):
    """`--paginate` cannot follow this path's pages; the message says how to page it by hand."""


def _merge(values: list[Any]) -> Any:
    """The values at one place of every page, merged: lists hold every page's items (an item
    that comes again, such as a shift spanning two pages, once), objects merge key by key,
    anything else is the last page's."""
    if all(isinstance(value, list) for value in values):
        merged: list[Any] = []
        earlier: set[str] = set()
        for value in values:
            items = [(json.dumps(item, sort_keys=True), item) for item in cast(list[Any], value)]
            merged.extend(item for text, item in items if text not in earlier)
            earlier.update(text for text, _ in items)
        return merged
    if all(isinstance(value, dict) for value in values):
        objects = [cast(dict[str, Any], value) for value in values]
        keys = list(dict.fromkeys(key for obj in objects for key in obj))
        return {key: _merge([obj[key] for obj in objects if key in obj]) for key in keys}
    return values[-1]


def merge_pages(pages: list[dict[str, Any]]) -> dict[str, Any]:
    """One object: each list (at any depth) holds the items of every page, each once; other
    values are the last page's, and `pagination_meta` is there only when the last page has it
    (more pages remain)."""
    merged = cast(dict[str, Any], _merge(list(pages)))
    merged.pop("pagination_meta", None)
    if "pagination_meta" in pages[-1]:
        merged["pagination_meta"] = pages[-1]["pagination_meta"]
    return merged


def page_cursor(path: str) -> str:
    """The query parameter that takes `pagination_meta.after` on `GET path`: the cursor of the
    action whose operation it is (`entry_window_start` for `/v2/schedule_entries`), else `after`.
    Raises `PagingError` for an action that does not page."""
    from incidentio_toolkit.client import operation_action

    action = operation_action("GET", path)
    if action is None:
        return "after"
    if action.cursor is None:
        raise PagingError(
            f"GET {path} ({action.name}) answers in one page: drop --paginate. Nothing was sent."
        )
    return action.cursor


async def paginate(
    client: AsyncIncidentIO,
    path: str,
    query: list[tuple[str, str]],
    max_pages: int,
    cursor: str = "after",
) -> tuple[dict[str, Any], bool]:
    """Every page of a GET (up to `max_pages`), merged; and whether more pages remain. Each
    page's `pagination_meta.after` goes into the `cursor` query parameter of the next."""
    pages: list[dict[str, Any]] = []
    after: str | None = None
    for _ in range(max_pages):
        page_query = [(k, v) for k, v in query if k != cursor or after is None]
        if after is not None:
            page_query.append((cursor, after))
        data: Any = (await client.request("GET", path, query=page_query)).data
        if not isinstance(data, dict):
            raise RequestError(f"GET {path} did not answer with a JSON object: cannot page it.")
        page = cast(dict[str, Any], data)
        pages.append(page)
        meta: Any = page.get("pagination_meta")
        following: Any = cast(dict[str, Any], meta).get("after") if isinstance(meta, dict) else None
        if not following:
            return merge_pages(pages), False
        if following == after:
            raise PagingError(
                f"GET {path} answered {cursor}={after} with the same pagination_meta.after: it "
                f"does not page through {cursor!r}, so --paginate cannot follow it. Page by hand "
                "with the parameter its API reference names."
            )
        after = str(following)
    return merge_pages(pages), True


def api_command(
    method: Annotated[str, typer.Argument(help="GET, POST, PUT or DELETE.")],
    path: Annotated[
        str, typer.Argument(help="The API path, e.g. /v2/incidents (a ?query is read too).")
    ],
    field: Annotated[
        list[str] | None,
        typer.Option(
            "--field",
            "-f",
            help="key=value: a query parameter (GET, DELETE) or body field (POST, PUT; a.b nests). "
            "JSON values where they parse. Repeatable.",
        ),
    ] = None,
    input_source: Annotated[
        str | None, typer.Option("--input", help="The JSON body: a file, or - for stdin.")
    ] = None,
    paginate_pages: Annotated[
        bool,
        typer.Option(
            "--paginate",
            help="GET: follow pagination_meta.after (into the cursor of the path's action, "
            "else after) and print every page's items.",
        ),
    ] = False,
    max_pages: Annotated[
        int, typer.Option("--max-pages", help="--paginate: at most.", min=1)
    ] = 100,
    allow_writes: Annotated[
        bool, typer.Option("--allow-writes", help="Allow POST, PUT and DELETE.")
    ] = False,
    sandbox: Annotated[
        bool, typer.Option("--sandbox", help="Use a fresh in-process sandbox.")
    ] = False,
) -> None:
    """Call any endpoint of the incident.io API and print its JSON answer (read-only by default)."""
    import anyio

    from incidentio_toolkit.client import IncidentIOError, api_key_from_env, error_text

    verb = method.upper()
    try:
        if verb not in METHODS:
            raise RequestError(f"unknown method {method!r}: use {', '.join(METHODS)}.")
        if verb != "GET" and not allow_writes:
            raise RequestError(
                f"{verb} can change incident.io: add --allow-writes to send it. Nothing was sent."
            )
        if paginate_pages and verb != "GET":
            raise RequestError("--paginate follows the pages of a GET only.")
        base_path, _, query_text = path.partition("?")
        cursor = page_cursor(base_path) if paginate_pages else "after"
        query = parse_qsl(query_text, keep_blank_values=True)
        pairs = _pairs(field or [])
        body: Any = None
        if verb in QUERY_METHODS:
            if input_source is not None:
                raise RequestError(
                    f"--input sends a body, which {verb} does not take: use --field."
                )
            query += query_items(pairs)
        else:
            base = read_input(input_source) if input_source is not None else None
            body = body_of(pairs, base)
    except RequestError as exc:
        fail(str(exc))
    client = make_client(sandbox=sandbox)

    async def run() -> tuple[Any, bool]:
        async with client:
            if paginate_pages:
                return await paginate(client, base_path, query, max_pages, cursor)
            answer = await client.request(verb, base_path, query=query, json=body)
            return answer.data, False

    try:
        data, more = anyio.run(run)
    except PagingError as exc:
        fail(str(exc))
    except (IncidentIOError, RequestError) as exc:
        text = (
            error_text(exc, secret=api_key_from_env())
            if isinstance(exc, IncidentIOError)
            else str(exc)
        )
        typer.echo(f"incidentio: {verb} {base_path} failed: {text}", err=True)
        raise typer.Exit(1) from None
    if data is not None:
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
    if more:
        typer.echo(
            f"incidentio: stopped after {max_pages} pages; more remain (raise --max-pages).",
            err=True,
        )
