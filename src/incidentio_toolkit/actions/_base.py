"""The action record: one frozen description of an incident.io action, shared by every surface.

An action is data. Its record names the HTTP operation it wraps, its input and output models, its
kind (which drives the read-only policy and the MCP annotations), how its answers page, and, when the
API's shape differs from the flat contract parameters, a small function that builds the request.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Protocol, cast

from pydantic import BaseModel, ConfigDict

from incidentio_toolkit.actions._projection import Projection

if TYPE_CHECKING:
    from incidentio_toolkit.actions._references import Catalog

Kind = Literal["read", "write", "destructive"]
Method = Literal["GET", "POST", "PUT", "DELETE"]
Verb = Literal["list", "show", "content", "create", "update", "delete", "cancel", "resolve"]
"""What an action does: `list`, `show` and `content` (a document's text) read; `cancel` and
`resolve` move an object to a final state and repeating them changes nothing."""

READ_VERBS: tuple[Verb, ...] = ("list", "show", "content")
"""The verbs of read actions."""

_DONE: dict[Verb, str] = {"delete": "deleted", "cancel": "cancelled"}
"""The past tense of each verb whose answer has no body, for the synthesized `message`."""

QueryItems = list[tuple[str, str]]

FIELDS_PARAM = "fields"
"""The toolkit parameter of list and show actions that shapes the answer (dotted paths)."""

DRY_RUN_PARAM = "dry_run"
"""The toolkit parameter of writes with a `preview`: answer what would happen, send nothing."""


class ActionInput(BaseModel):
    """Base of every action's input model: unknown parameters are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    path_params: ClassVar[tuple[str, ...]] = ()
    """The fields that fill the path template; they are validated and percent-encoded."""

    toolkit_params: ClassVar[frozenset[str]] = frozenset({FIELDS_PARAM, DRY_RUN_PARAM})
    """Parameters the toolkit answers itself (`fields` shapes the answer, `dry_run` previews a
    write): never part of a request."""

    described_by: ClassVar[type[ActionInput] | None] = None
    """The input model of another tool that describes the parameters both share (a replace's
    create). Agent surfaces describe a parameter once: here it shows only its JSON type, and the
    tool's description names the other tool. Validation is unchanged."""

    def api_values(self) -> dict[str, Any]:
        """The parameters given, without the toolkit's own: what a request may carry."""
        return self.model_dump(exclude_none=True, exclude=set(self.toolkit_params))


class ActionOutput(BaseModel):
    """Base of every action's output model: the contract's `{success, error, ...}` envelope."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    success: bool
    error: str | None = None


@dataclass(frozen=True, slots=True)
class ApiRequest:
    """What an action sends: path parameters are still raw and are encoded by the path builder."""

    path_params: Mapping[str, str]
    query: QueryItems = field(default_factory=lambda: [])
    json: Any = None


RequestBuilder = Callable[[Any], ApiRequest]


class Reader(Protocol):
    """What a dry run or a composite tool uses of a client: reads through its one call path
    (validation, names, pacing, retries), its cached catalogs and its clock."""

    async def execute(
        self, action: str, arguments: Mapping[str, Any] | None = None, /
    ) -> ActionOutput: ...

    def paginate(
        self, name: str, arguments: Mapping[str, Any] | None = None, /, *, max_items: int = ...
    ) -> AsyncIterator[dict[str, Any]]: ...

    async def listing(self, catalog: Catalog, /) -> list[dict[str, Any]]: ...

    def now(self) -> datetime: ...


Preview = Callable[[Reader, Any], Awaitable[dict[str, Any]]]
"""Answers a write's `dry_run`: what the write would do, computed with reads only."""


@dataclass(frozen=True, slots=True)
class Annotations:
    """MCP tool annotations, always explicit (see docs/reliability.md for the table)."""

    read_only: bool
    destructive: bool
    idempotent: bool
    open_world: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class Action:
    """One incident.io action: its contract, the HTTP operation behind it and how to build the call.

    Every surface (clients, MCP, LangChain, OpenAI, CLI, docs) reads these fields; nothing else
    decides an action's behaviour from its name.
    """

    name: str
    """The tool name, `<resource>_<verb>`, as agents, the CLI and the docs know it."""

    description: str
    """Product copy for models and people: what the action does and where its ids come from."""

    kind: Kind
    """`read`, `write` or `destructive` (deletes, and creates that page people): the read-only
    policy and its opt-ins are decided by this."""

    verb: Verb
    """What the action does to its resource; with `kind`, it gives the MCP annotations."""

    toolset: str
    """The resource group that `--toolsets` selects (`incidents`, `schedules`, ...)."""

    method: Method
    """The HTTP method of the wrapped operation."""

    path: str
    """The path template, with `{name}` for each of the input model's `path_params`."""

    operation_id: str
    """The operation's `operationId` in the official OpenAPI spec (checked by a test)."""

    success_status: int
    """The one 2xx status incident.io answers with (200, 201, 202 or 204)."""

    input: type[ActionInput]
    """The parameters, validated before any I/O; unknown ones are refused."""

    output: type[ActionOutput]
    """The contract's output, `{success, error, <data fields>}`."""

    result: str | None = None
    """The output field that carries the answer; a 2xx body without it is not a success. `None`
    when the answer is synthesized (deletes, which answer with no body)."""

    items: str | None = None
    """For list actions: where a page's items are in the output, dotted when nested
    (`incidents`, `schedule_entries.final`)."""

    cursor: str | None = None
    """For paginated list actions: the parameter that takes the next page's
    `pagination_meta.after`."""

    check_with: str | None = None
    """For writes: the read action that tells whether an attempt with an unknown outcome took
    effect; error texts name it."""

    noun: str | None = None
    """For actions answered without a body (`result` is `None`: deletes, an escalation's cancel):
    how the object is named in the synthesized `message`."""

    keeps: tuple[str, ...] = ()
    """For a replace (PUT) whose API clears what it is not sent: the parameters that, left out,
    keep the object's current value. When one is left out, the client reads the object with
    `check_with` (a show action taking the same path parameters) just before the request and
    fills them from the object's fields of the same names; when all are given, nothing is read.
    An empty value (`[]`) is given: it clears."""

    build_request: RequestBuilder | None = None
    """Builds the request when the API's shape differs from the flat parameters; by default, path
    parameters fill the template and the rest go to the query (GET, DELETE) or a flat JSON body."""

    projection: Projection | None = None
    """How one object of the answer (each item of a list, the object of a show, create or
    update) is summarised at agent surfaces, and what `fields` may select."""

    preview: Preview | None = None
    """For writes that take `dry_run`: computes what the write would do (who would be paged)
    with reads only; the answer goes under `result` and nothing is written."""

    data_fields: tuple[str, ...] = field(init=False, repr=False, compare=False)
    """The output fields that come from the response body (all but `success` and `error`)."""

    def __post_init__(self) -> None:
        fields = tuple(n for n in self.output.model_fields if n not in ("success", "error"))
        object.__setattr__(self, "data_fields", fields)

    @property
    def pages_people(self) -> bool:
        """True for the creates that page people: their own, smaller pacing budget, and a
        confirmation before they are sent."""
        return self.kind == "destructive" and self.verb == "create"

    @property
    def check_action(self) -> str:
        """The read that tells whether an attempt with an unknown outcome took effect (the
        action itself when the record names none)."""
        return self.check_with or self.name

    @property
    def keyed(self) -> bool:
        """True when the request carries an `idempotency_key`, so a repeat cannot create twice."""
        return "idempotency_key" in self.input.model_fields

    @property
    def annotations(self) -> Annotations:
        """The MCP annotations, from the verb (docs/reliability.md has the table)."""
        if self.verb in READ_VERBS:
            return Annotations(read_only=True, destructive=False, idempotent=True)
        if self.verb in ("update", "delete"):
            return Annotations(read_only=False, destructive=True, idempotent=True)
        if self.verb in ("cancel", "resolve"):
            return Annotations(read_only=False, destructive=False, idempotent=True)
        return Annotations(read_only=False, destructive=False, idempotent=self.keyed)

    def done_message(self, path_params: Mapping[str, str]) -> str:
        """The `message` of an action answered without a body: `Workflow '01X' deleted.`"""
        subject = ", ".join(repr(value) for value in path_params.values())
        return f"{self.noun} {subject} {_DONE[self.verb]}."

    def request(self, arguments: ActionInput) -> ApiRequest:
        """Build the request for validated arguments."""
        if self.build_request is not None:
            return self.build_request(arguments)
        return default_request(self, arguments)

    def projected(
        self, output: Mapping[str, Any], fields: Sequence[str] | None = None
    ) -> dict[str, Any]:
        """`output` (the contract dict) with each object of its answer reduced to `fields`, or to
        the summary when `fields` is None; the envelope's other keys are kept. Unchanged for an
        action without a projection or an answer that failed."""
        projection = self.projection
        out = dict(output)
        if projection is None or out.get("success") is not True:
            return out
        shape: Callable[[Mapping[str, Any]], dict[str, Any]] = (
            projection.summarize
            if fields is None
            else lambda item: projection.project(item, fields)
        )
        if self.items is not None:
            key, _, inner = self.items.partition(".")
            if inner:  # a page nested in an object (schedule_entries.final): keep that list only
                out[key] = {inner: [shape(item) for item in self.page_items(out)]}
            else:
                out[key] = [shape(item) for item in self.page_items(out)]
        elif self.result is not None and isinstance(out.get(self.result), Mapping):
            out[self.result] = shape(cast(Mapping[str, Any], out[self.result]))
        return out

    def page_items(self, page: Mapping[str, Any]) -> list[dict[str, Any]]:
        """The items of one page of this list action's output (empty for other actions)."""
        if self.items is None:
            return []
        value: Any = page
        for part in self.items.split("."):
            value = cast(Mapping[str, Any], value).get(part) if isinstance(value, Mapping) else None
        return list(cast(list[dict[str, Any]], value)) if isinstance(value, list) else []


def encode_query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def default_request(action: Action, arguments: ActionInput) -> ApiRequest:
    """Path parameters fill the template; the rest go to the query (GET) or a flat JSON body.

    A POST or PUT whose parameters all fill the path (an action such as cancel) sends no body.
    """
    values = arguments.api_values()
    path_params = {name: str(values.pop(name)) for name in arguments.path_params}
    if action.method in ("GET", "DELETE"):
        query: QueryItems = []
        for key, value in values.items():
            items: list[Any] = value if isinstance(value, list) else [value]  # type: ignore[assignment]
            query.extend((key, encode_query_value(item)) for item in items)
        return ApiRequest(path_params, query)
    sent = set(action.input.model_fields).difference(arguments.toolkit_params)
    if not values and sent == set(arguments.path_params):
        return ApiRequest(path_params)
    return ApiRequest(path_params, json=values)
