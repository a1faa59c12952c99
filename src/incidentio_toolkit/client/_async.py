"""AsyncIncidentIO: every action on one pooled HTTP client, with validation, retries and pacing."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncGenerator, AsyncIterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Self, Unpack

import anyio
import pydantic_core

from incidentio_toolkit.actions import (
    ACTIONS,
    DRY_RUN_PARAM,
    FIELDS_PARAM,
    Action,
    ActionInput,
    ActionOutput,
    Catalog,
)
from incidentio_toolkit.client._codec import (
    ItemCursor,
    parse_output,
    unknown_action_text,
    validate_arguments,
)
from incidentio_toolkit.client._config import ClientConfig, ClientOptions
from incidentio_toolkit.client._errors import (
    IncidentIOError,
    InvalidArgumentsError,
    InvalidResponseError,
    MethodNotAllowedError,
    MissingAPIKeyError,
    NameLookupError,
    body_snippet,
    error_text,
)
from incidentio_toolkit.client._logging import Redactor, register_secret
from incidentio_toolkit.client._methods import AsyncActionMethods
from incidentio_toolkit.client._pacing import Pacer
from incidentio_toolkit.client._paths import build_path, raw_path
from incidentio_toolkit.client._raw import ApiResponse, Target, action_target, raw_target
from incidentio_toolkit.client._resolve import Resolver
from incidentio_toolkit.client._sending import Sender
from incidentio_toolkit.composites import TOOLS, Composite, Tool

if TYPE_CHECKING:
    import httpx2

    from incidentio_toolkit.client._http import RawResponse

Arguments = Mapping[str, Any] | ActionInput | None
"""Named parameters as a mapping, or an already validated input model."""

logger = logging.getLogger("incidentio_toolkit.http")


class AsyncIncidentIO(AsyncActionMethods):
    """Asynchronous incident.io client: `await io.incidents_list(...)` or `await io.call(name, args)`.

    One pooled connection per host is reused for every call. Every call validates its arguments
    before any I/O, paces itself under the key's rate limits, retries only what is safe to retry,
    and never raises: failures come back as `success=False` with an actionable `error`.

    Parameters that take ids also take names and references (`severity_id="Major"`,
    `incident_id="INC-6"`), resolved before the request is built; list and show actions take
    `fields` to return parts of each object. Composite tools (`incident_brief`, `on_call_now`)
    are called like actions.
    """

    def __init__(self, api_key: str | None = None, **options: Unpack[ClientOptions]) -> None:
        """`api_key` else `INCIDENTIO_API_KEY`; the other settings are `ClientSettings`."""
        self._transport = options.pop("transport", None)
        self._verify = options.pop("verify", True)
        self._sleep = options.pop("sleep", None) or anyio.sleep
        self._clock = options.pop("clock", None) or time.monotonic
        self._wall_clock = options.pop("wall_clock", None) or time.time
        jitter = options.pop("jitter", None)
        self._config = ClientConfig.resolve(api_key, **options)
        self._http: httpx2.AsyncClient | None = None
        secret = self._config.api_key.get_secret_value()
        register_secret(secret)
        self._redactor = Redactor([secret])
        self._pacer_instance: Pacer | None = None
        self._resolver = Resolver(self, self._config.reference_ttl, self._clock)
        self._sender = Sender(self._config, self._clock, self._wall_clock, self._sleep, jitter)

    @property
    def _pacer(self) -> Pacer | None:
        """The pacer, built on first use so that constructing a client stays cheap."""
        pacing = self._config.pacing
        if pacing is not None and self._pacer_instance is None:
            self._pacer_instance = Pacer(
                pacing,
                redis_url=self._config.redis_url,
                sleep=self._sleep,
                wall_clock=self._wall_clock,
            )
        return self._pacer_instance

    def __repr__(self) -> str:
        key = "set" if self._config.has_key else "missing"
        return f"{type(self).__name__}(base_url={self._config.base_url!r}, api_key={key})"

    @property
    def base_url(self) -> str:
        return self._config.base_url

    @property
    def config(self) -> ClientConfig:
        return self._config

    def now(self) -> datetime:
        """The current time by the client's wall clock, in UTC (what composites call "now")."""
        return datetime.fromtimestamp(self._wall_clock(), UTC)

    async def listing(self, catalog: Catalog) -> list[dict[str, Any]]:
        """Every object of a catalog (`SCHEDULES`), from the cache that name resolution uses."""
        return await self._resolver.listing(catalog)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the pooled connections (HTTP, and Redis when pacing is shared)."""
        if self._http is not None:
            await self._http.aclose()
            self._http = None
        if self._pacer_instance is not None:
            await self._pacer_instance.aclose()

    def _client(self) -> httpx2.AsyncClient:
        if self._http is None:
            from incidentio_toolkit.client._http import new_client

            self._http = new_client(
                base_url=self._config.base_url,
                connect_timeout=self._config.connect_timeout,
                read_timeout=self._config.read_timeout,
                transport=self._transport,
                verify=self._verify,
            )
        return self._http

    # --- the tool boundary -------------------------------------------------------------------

    async def call(self, name: str, arguments: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Run an action or composite by name: dict in, the contract's output dict out. Never
        raises."""
        if name not in TOOLS:
            return {"success": False, "error": unknown_action_text(name)}
        # Every field is already JSON data (parsed from the answer, or ours), so a shallow dict is
        # the contract dump without re-walking large pages.
        return dict(await self._invoke(name, arguments))

    async def _invoke(self, name: str, arguments: Arguments) -> Any:
        """`execute` for a known action name, with every failure turned into the output's
        `success=False` and `error`: the plumbing under `call` and the typed methods."""
        action = TOOLS[name]
        try:
            return await self.execute(action, arguments)
        except Exception as exc:  # every failure becomes the contract's error shape
            secret = self._config.api_key.get_secret_value()
            if not isinstance(exc, IncidentIOError):
                logger.debug("unexpected %s in %s", type(exc).__name__, action.name)
            return action.output(success=False, error=error_text(exc, secret=secret or None))

    # --- the library path: raises IncidentIOError ---------------------------------------------

    async def execute(self, action: Tool | str, arguments: Arguments = None) -> ActionOutput:
        """Run an action or composite, raising an `IncidentIOError` subclass on failure (see the
        module `incidentio_toolkit.client` for the tree). An unknown name raises `KeyError`.

        Names and references are resolved first; `fields` then shapes the answer and
        `dry_run` answers with the action's preview, sending nothing.
        """
        action = self._tool(action)
        args = await self.prepare(action, arguments)
        fields: Sequence[str] | None = getattr(args, FIELDS_PARAM, None)
        if isinstance(action, Composite):
            return await action.run(self, args)
        if action.preview is not None and getattr(args, DRY_RUN_PARAM, None):
            draft = await action.preview(self, args)
            return action.output.model_validate({"success": True, action.result or "": draft})
        if action.keeps:
            args = await self._kept(action, args)
        output = await self._request(action, args)
        if action.kind != "read":
            self._resolver.forget()
        if fields is not None:
            output = action.output.model_validate(action.projected(dict(output), fields))
        return output

    async def prepare(self, action: Tool | str, arguments: Arguments = None) -> ActionInput:
        """The arguments `execute` would run with: validated, `fields` checked, and every name
        and reference resolved to its id (reads only, through the cached reference data).

        Raises what `execute` raises before sending anything (`InvalidArgumentsError`,
        `NameLookupError`, `MissingAPIKeyError`); an unknown name raises `KeyError`.
        """
        action = self._tool(action)
        args = validate_arguments(action, arguments)
        fields: Sequence[str] | None = getattr(args, FIELDS_PARAM, None)
        projection = action.projection if isinstance(action, Action) else None
        if fields is not None and projection is not None:
            problem = projection.problem(fields)
            if problem is not None:
                raise InvalidArgumentsError(
                    f"Invalid arguments for {action.name}: {problem}. Nothing was sent."
                )
        self._check_key()
        return await self._resolver.resolve(args)

    async def _kept(self, action: Action, args: ActionInput) -> ActionInput:
        """`args` with each of the record's `keeps` that was left out set to the object's current
        value, read with its `check_with` show action (nothing is read when all are given)."""
        missing = [name for name in action.keeps if getattr(args, name) is None]
        if not missing:
            return args
        show = ACTIONS[action.check_action]
        where = {name: getattr(args, name) for name in args.path_params}
        try:
            output = await self.execute(show, where)
        except IncidentIOError as exc:
            noun = show.projection.noun if show.projection is not None else show.name
            subject = ", ".join(repr(value) for value in where.values())
            raise NameLookupError(
                f"the current {', '.join(missing)} of {noun} {subject}", exc
            ) from exc
        current: Mapping[str, Any] = getattr(output, str(show.result), None) or {}
        kept = {name: current[name] for name in missing if current.get(name) is not None}
        return args.model_copy(update=kept) if kept else args

    @staticmethod
    def _tool(action: Tool | str) -> Tool:
        if not isinstance(action, str):
            return action
        found = TOOLS.get(action)
        if found is None:
            raise KeyError(unknown_action_text(action))
        return found

    async def _request(self, action: Action, args: ActionInput) -> ActionOutput:
        """Send one action's request and parse the answer."""
        request = action.request(args)
        path = build_path(action.path, request.path_params)
        content = None if request.json is None else pydantic_core.to_json(request.json)
        raw = await self._send(action_target(action), path, request.query, content)
        # A body that echoes the key, or any piece of it, must not reach the caller.
        body = raw.body if action.result is None else self._redactor.bytes(raw.body)
        return parse_output(action, body, request.path_params)

    async def request(
        self,
        method: str,
        path: str,
        *,
        query: Sequence[tuple[str, str]] = (),
        json: Any = None,
    ) -> ApiResponse:
        """Send one request to any endpoint (`incidentio api`), with the actions' key handling,
        pacing, retries and redaction; raises an `IncidentIOError` subclass on failure.

        `path` is the literal API path (`/v2/incidents/01ABC`); its segments are checked like ids.
        A request to an action's operation is paced and retried as that action.
        """
        method = method.upper()
        target = raw_target(method, path, json)
        url_path = raw_path(path)
        self._check_key()
        content = None if json is None else pydantic_core.to_json(json)
        try:
            raw = await self._send(target, url_path, list(query), content)
        except MethodNotAllowedError as exc:  # the caller chose the method: not a toolkit bug
            raise MethodNotAllowedError(
                exc.status,
                exc.envelope,
                exc.retry_after,
                advice=f"incident.io does not accept {method} on this path: check the method and "
                "the path in its API reference.",
            ) from None
        body = self._redactor.bytes(raw.body)
        if not body.strip():
            return ApiResponse(raw.status, None)
        try:
            return ApiResponse(raw.status, pydantic_core.from_json(body))
        except ValueError:
            raise InvalidResponseError(
                f"incident.io answered {target.name} with a body that is not JSON "
                f"({body_snippet(body)!r})."
            ) from None

    def _check_key(self) -> None:
        if not self._config.has_key:
            raise MissingAPIKeyError
        if not self._config.key_is_well_formed:
            raise MissingAPIKeyError(
                "The incident.io API key contains spaces or characters that cannot be sent in a header"
            )

    async def _send(
        self, target: Target, path: str, query: list[tuple[str, str]], content: bytes | None
    ) -> RawResponse:
        return await self._sender.send(self._client(), self._pacer, target, path, query, content)

    # --- pagination ------------------------------------------------------------------------

    async def pages(
        self, name: str, arguments: Mapping[str, Any] | None = None, *, max_pages: int = 100
    ) -> AsyncGenerator[dict[str, Any]]:
        """Yield each page's output dict of a paginated list action. Raises on a failed page."""
        action = ACTIONS[name]
        cursor_param = action.cursor
        args = dict(arguments or {})
        for _ in range(max_pages):
            output = await self.execute(action, args)
            page = dict(output)
            yield page
            meta: dict[str, Any] = page.get("pagination_meta") or {}
            cursor: Any = meta.get("after")
            if cursor_param is None or not cursor or cursor == args.get(cursor_param):
                return
            args[cursor_param] = cursor

    async def paginate(
        self, name: str, arguments: Mapping[str, Any] | None = None, *, max_items: int = 1000
    ) -> AsyncIterator[dict[str, Any]]:
        """Yield the items of every page of a list action, stopping after `max_items`.

        For `schedule_entries_list` the items are the `final` entries (after overrides). An item
        that comes again on a later page (a shift spanning a page boundary) is yielded once.
        """
        cursor = ItemCursor(ACTIONS[name], max_items)
        if cursor.done:
            return
        # Every page but the last holds an item, so `max_items` pages always reach `max_items`.
        pages = self.pages(name, arguments, max_pages=max(max_items, 1))
        try:
            async for page in pages:
                for item in cursor.take(page):
                    yield item
                if cursor.done:
                    return
        finally:
            await pages.aclose()
