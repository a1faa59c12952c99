"""The action record: one frozen description of an incident.io action, shared by every surface.

An action is data. Its record names the HTTP operation it wraps, its input and output models, its
kind (which drives the read-only policy and the MCP annotations) and, when the API's shape differs
from the flat contract parameters, a small function that builds the request.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict

Kind = Literal["read", "write", "destructive"]
Method = Literal["GET", "POST", "PUT", "DELETE"]
Verb = Literal["list", "show", "create", "update", "delete"]

QueryItems = list[tuple[str, str]]


class ActionInput(BaseModel):
    """Base of every action's input model: unknown parameters are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    path_params: ClassVar[tuple[str, ...]] = ()


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


@dataclass(frozen=True, slots=True)
class Annotations:
    """MCP tool annotations, always explicit (see docs/reliability.md for the table)."""

    read_only: bool
    destructive: bool
    idempotent: bool
    open_world: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class Action:
    """One incident.io action: its contract, the HTTP operation behind it and how to build the call."""

    name: str
    description: str
    kind: Kind
    toolset: str
    method: Method
    path: str
    operation_id: str
    success_status: int
    input: type[ActionInput]
    output: type[ActionOutput]
    build_request: RequestBuilder | None = None
    noun: str | None = None
    """For deletes: how the deleted object is named in the synthesized `message`."""
    data_fields: tuple[str, ...] = field(init=False, repr=False, compare=False)
    """The output fields that come from the response body (all but `success` and `error`)."""

    def __post_init__(self) -> None:
        fields = tuple(n for n in self.output.model_fields if n not in ("success", "error"))
        object.__setattr__(self, "data_fields", fields)

    @property
    def verb(self) -> Verb:
        verb = self.name.rsplit("_", 1)[1]
        assert verb in ("list", "show", "create", "update", "delete"), self.name
        return verb  # type: ignore[return-value]

    @property
    def keyed(self) -> bool:
        """True when the request carries an `idempotency_key`, so a repeat cannot create twice."""
        return "idempotency_key" in self.input.model_fields

    @property
    def annotations(self) -> Annotations:
        if self.verb in ("list", "show"):
            return Annotations(read_only=True, destructive=False, idempotent=True)
        if self.verb in ("update", "delete"):
            return Annotations(read_only=False, destructive=True, idempotent=True)
        return Annotations(read_only=False, destructive=False, idempotent=self.keyed)

    def request(self, arguments: ActionInput) -> ApiRequest:
        """Build the request for validated arguments."""
        if self.build_request is not None:
            return self.build_request(arguments)
        return default_request(self, arguments)


def encode_query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def default_request(action: Action, arguments: ActionInput) -> ApiRequest:
    """Path parameters fill the template; the rest go to the query (GET) or a flat JSON body."""
    values = arguments.model_dump(exclude_none=True)
    path_params = {name: str(values.pop(name)) for name in arguments.path_params}
    if action.method in ("GET", "DELETE"):
        query: QueryItems = []
        for key, value in values.items():
            items: list[Any] = value if isinstance(value, list) else [value]  # type: ignore[assignment]
            query.extend((key, encode_query_value(item)) for item in items)
        return ApiRequest(path_params, query)
    return ApiRequest(path_params, json=values)
