"""What every agent surface shares: the tool policy, the compact tool schema and one invoke path.

The MCP server, the LangChain and OpenAI adapters all list `policy.enabled_tools()` (the actions
and the composite reads), describe each with `tool_input_schema(tool)`, and run calls through
`run_tool` / `run_tool_sync`, so a tool that the policy disables is refused the same way
everywhere, before any request is sent, and every answer is shaped the same way.

Policy: read-only by default. `allow_writes` adds the kind "write" actions (creates, updates, and
the cancels and resolves that stop harm);
`allow_destructive` adds the kind "destructive" ones (deletes and `escalations_create`, which pages
people) and is a second opt-in: it is only accepted together with `allow_writes`.

Results: each object of a list, show, create or update answer is its resource's summary
projection unless the call gives `fields` (or `full_objects` is set); a dry run's answer is kept
as it is.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol, cast

from incidentio_toolkit.actions import (
    ACTIONS,
    DRY_RUN_PARAM,
    FIELDS_PARAM,
    TOOLSETS,
    Action,
    ActionInput,
    split_commas,
)
from incidentio_toolkit.composites import TOOLS, Tool

if TYPE_CHECKING:
    from pydantic import BaseModel

    from incidentio_toolkit.client import AsyncIncidentIO, IncidentIO

__all__ = [
    "Described",
    "ToolPolicy",
    "context_budget",
    "policy_error",
    "run_tool",
    "run_tool_sync",
    "shape_result",
    "tool_input_schema",
    "tool_output_schema",
]


def _names(values: Iterable[str] | str | None) -> frozenset[str] | None:
    return None if values is None else frozenset(split_commas(values))


def _check_known(option: str, given: frozenset[str] | None, valid: Iterable[str]) -> None:
    if given is None:
        return
    valid = tuple(valid)
    unknown = sorted(given.difference(valid))
    if unknown:
        raise ValueError(
            f"Unknown {option}: {', '.join(repr(name) for name in unknown)}. "
            f"Valid {option}: {', '.join(valid)}."
        )


@dataclass(frozen=True, slots=True)
class ToolPolicy:
    """Which tools an agent surface exposes, and how their answers are shaped. The default
    exposes only the reads (list and show actions, and the composites), with summaries.

    - `allow_writes`: also creates, updates, cancels and resolves (kind "write").
    - `allow_destructive`: also deletes and `escalations_create` (kind "destructive"); a second
      opt-in that requires `allow_writes=True` as well.
    - `tools`: an allow list of tool names (each must also be allowed by the flags above).
    - `exclude_tools`: a deny list of tool names.
    - `toolsets`: only tools of these toolsets (resources), e.g. `{"incidents", "schedules"}`.
    - `full_objects`: answer with incident.io's full objects by default instead of summaries
      (`fields` still selects).

    Names may be given as iterables or as one comma-separated string. Unknown names raise
    `ValueError` listing the valid ones.
    """

    allow_writes: bool = False
    allow_destructive: bool = False
    tools: frozenset[str] | None = None
    exclude_tools: frozenset[str] | None = None
    toolsets: frozenset[str] | None = None
    full_objects: bool = False
    _enabled: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __init__(
        self,
        allow_writes: bool = False,
        allow_destructive: bool = False,
        tools: Iterable[str] | str | None = None,
        exclude_tools: Iterable[str] | str | None = None,
        toolsets: Iterable[str] | str | None = None,
        full_objects: bool = False,
    ) -> None:
        set_ = object.__setattr__
        set_(self, "allow_writes", bool(allow_writes))
        set_(self, "allow_destructive", bool(allow_destructive))
        set_(self, "tools", _names(tools))
        set_(self, "exclude_tools", _names(exclude_tools))
        set_(self, "toolsets", _names(toolsets))
        set_(self, "full_objects", bool(full_objects))
        if self.allow_destructive and not self.allow_writes:
            raise ValueError(
                "allow_destructive needs allow_writes as well: deletes and paging "
                "(escalations_create) are a second opt-in on top of writes "
                "(incidentio mcp --allow-writes --allow-destructive)."
            )
        _check_known("tools", self.tools, TOOLS)
        _check_known("exclude_tools", self.exclude_tools, TOOLS)
        _check_known("toolsets", self.toolsets, TOOLSETS)
        for name in sorted(self.tools or ()):
            reason = self._kind_refusal(TOOLS[name])
            if reason is not None:
                raise ValueError(f"tools names {name!r}, but {reason}")
        set_(self, "_enabled", tuple(t.name for t in TOOLS.values() if self._refusal(t) is None))

    @classmethod
    def read_only(cls) -> ToolPolicy:
        """The default: every read action, nothing that changes incident.io."""
        return cls()

    @classmethod
    def everything(cls) -> ToolPolicy:
        """All tools, including deletes and paging (for demos and trusted automation)."""
        return cls(allow_writes=True, allow_destructive=True)

    def enabled(self, action: Tool | str) -> bool:
        """True when the policy exposes this tool."""
        name = action if isinstance(action, str) else action.name
        return name in self._enabled

    def enabled_tools(self) -> list[Tool]:
        """Every tool an agent surface offers under this policy: the enabled actions in registry
        order, then the enabled composites."""
        return [TOOLS[name] for name in self._enabled]

    def enabled_actions(self) -> list[Action]:
        """The exposed actions (without the composites), in registry order."""
        return [ACTIONS[name] for name in self._enabled if name in ACTIONS]

    def refusal(self, action: Tool) -> str | None:
        """Why the policy does not expose `action` and how to enable it, or None if it does."""
        return self._refusal(action)

    def _kind_refusal(self, action: Tool) -> str | None:
        if action.kind == "write" and not self.allow_writes:
            return (
                f"{action.name} changes incident.io and this session is read-only. Enable writes "
                "with --allow-writes (incidentio mcp) or ToolPolicy(allow_writes=True)."
            )
        if action.kind == "destructive" and not (self.allow_writes and self.allow_destructive):
            what = "pages people" if action.pages_people else "deletes configuration"
            return (
                f"{action.name} {what}, which needs a second opt-in. Enable it with "
                "--allow-writes --allow-destructive (incidentio mcp) or "
                "ToolPolicy(allow_writes=True, allow_destructive=True)."
            )
        return None

    def _refusal(self, action: Tool) -> str | None:
        kind = self._kind_refusal(action)
        if kind is not None:
            return kind
        if self.exclude_tools is not None and action.name in self.exclude_tools:
            return f"{action.name} is excluded by exclude_tools (--exclude-tools)."
        if self.tools is not None and action.name not in self.tools:
            return f"{action.name} is not in the tools allow list (--tools)."
        if self.toolsets is not None and action.toolset not in self.toolsets:
            return (
                f"{action.name} belongs to toolset {action.toolset!r}, which is not in the "
                "toolsets selected (--toolsets)."
            )
        return None


def policy_error(name: str, policy: ToolPolicy) -> dict[str, Any] | None:
    """The contract error dict for a call the policy refuses (None when the call may go ahead)."""
    action = TOOLS.get(name)
    if action is None:
        enabled = ", ".join(policy._enabled)  # pyright: ignore[reportPrivateUsage]
        return {
            "success": False,
            "error": f"Unknown tool {name!r}. Enabled tools: {enabled}. Nothing was sent.",
        }
    reason = policy.refusal(action)
    if reason is None:
        return None
    text = f"Tool {name!r} is disabled: {reason} Nothing was sent."
    return action.output(success=False, error=text).model_dump(mode="json")


async def run_tool(
    client: AsyncIncidentIO,
    name: str,
    arguments: Mapping[str, Any] | None,
    policy: ToolPolicy,
) -> dict[str, Any]:
    """Run one tool call for any surface: the policy first, then the client, then
    `shape_result`. Never raises.

    Returns the contract output dict (`success`, `error` and the tool's data fields).
    """
    refused = policy_error(name, policy)
    if refused is not None:
        return refused
    return shape_result(name, arguments, await client.call(name, arguments), policy)


def run_tool_sync(
    client: IncidentIO,
    name: str,
    arguments: Mapping[str, Any] | None,
    policy: ToolPolicy,
) -> dict[str, Any]:
    """`run_tool` for the synchronous client."""
    refused = policy_error(name, policy)
    if refused is not None:
        return refused
    return shape_result(name, arguments, client.call(name, arguments), policy)


def shape_result(
    name: str, arguments: Mapping[str, Any] | None, output: dict[str, Any], policy: ToolPolicy
) -> dict[str, Any]:
    """An agent surface's answer: each object of the answer reduced to its resource's summary,
    unless the call gave `fields`, the policy asks for `full_objects`, or it was a dry run."""
    tool = TOOLS.get(name)
    if policy.full_objects or not isinstance(tool, Action):
        return output
    given: Mapping[str, Any] = arguments if isinstance(arguments, Mapping) else {}
    if given.get(FIELDS_PARAM) is not None or given.get(DRY_RUN_PARAM):
        return output
    return tool.projected(output)


# --- compact schemas ------------------------------------------------------------------------


_NOISE: tuple[tuple[str, Any], ...] = (
    ("additionalProperties", True),
    ("additionalProperties", False),
    ("minLength", 1),
    ("minItems", 1),
    ("minimum", 0),
    ("minimum", 1),
)
"""Keys whose information the model does not need (a count is not negative, an id is not
empty): the server validates against the full input model anyway, so an unknown parameter or an
empty id is still rejected with an error naming the fix."""

_BOUNDS = ("maximum", "maxLength")
"""Upper bounds (a page's size, a name's length) are left to the input model too: a call past
one is refused with an error that names the bound (`page_size: Input should be less than or
equal to 25 (got 100)`), and nothing is sent."""

_SAID_ONCE: tuple[tuple[str, Any], ...] = (("format", "date"),)
"""Said once, in the server instructions, for every tool: dates are YYYY-MM-DD (a time of day
is refused with an error that says so)."""


def _noise(key: str, value: Any) -> bool:
    """Titles, defaults (a parameter left out gets its default), upper bounds and the `_NOISE`
    and `_SAID_ONCE` pairs."""
    return key in ("title", "default", *_BOUNDS) or any(
        key == k and type(value) is type(v) and value == v for k, v in (*_NOISE, *_SAID_ONCE)
    )


def _compact(node: Any) -> Any:
    """Drop JSON-schema noise: titles, defaults, bounds, the `_NOISE` and `_SAID_ONCE` pairs, the
    null arm of optional values, the type of array items that say nothing else (`{"type":
    "string"}` items become `{}`: ids are strings, and the model checks each one), and the type
    of an enum of strings (its values say it)."""
    if isinstance(node, list):
        return [_compact(item) for item in cast(list[Any], node)]
    if not isinstance(node, dict):
        return node
    source = cast(dict[str, Any], node)
    out: dict[str, Any] = {}
    for key, value in source.items():
        if _noise(key, value):
            continue
        if key == "properties":
            props = cast(dict[str, Any], value)
            out[key] = {name: _compact(prop) for name, prop in props.items()}
        else:
            out[key] = _compact(value)
    items = out.get("items")
    if isinstance(items, dict) and list(cast(dict[str, Any], items)) == ["type"]:
        out["items"] = {}
    values = out.get("enum")
    if (
        out.get("type") == "string"
        and isinstance(values, list)
        and all(isinstance(value, str) for value in cast(list[Any], values))
    ):
        del out["type"]
    arms = out.get("anyOf")
    if isinstance(arms, list) and {"type": "null"} in arms:
        # Optional parameters: absence already says "not given", so the null arm is noise.
        rest = [arm for arm in cast(list[Any], arms) if arm != {"type": "null"}]
        del out["anyOf"]
        if len(rest) == 1 and isinstance(rest[0], dict):
            out = {**cast(dict[str, Any], rest[0]), **out}
        else:
            out["anyOf"] = rest
    return out


class Described(Protocol):
    """What a model reads of a tool: an action, a composite or a meta-tool of discovery mode."""

    @property
    def name(self) -> str: ...

    @property
    def description(self) -> str: ...

    @property
    def input(self) -> type[BaseModel]: ...


@cache
def tool_input_schema(action: Described) -> dict[str, Any]:
    """The flat, compact JSON schema of a tool's parameters (as sent to models).

    It is the input model's schema without what `_compact` drops, with `fields` as `{}` (it means
    the same on every list and show tool: dotted paths, as a list or one comma-separated string,
    so the server instructions describe it once), and with the parameters of another tool's model
    (`ActionInput.described_by`) as their JSON type alone. It says less than the input model
    accepts, never something else; every call is validated against the model. Treat the result as
    read-only: it is cached.
    """
    schema = cast(dict[str, Any], _compact(action.input.model_json_schema()))
    properties = schema.setdefault("properties", {})
    if FIELDS_PARAM in properties:
        properties[FIELDS_PARAM] = {}
    described: type[ActionInput] | None = getattr(action.input, "described_by", None)
    if described is not None:
        for name in properties.keys() & described.model_fields.keys():
            properties[name] = _bare(properties[name])
    return schema


def _bare(schema: dict[str, Any]) -> dict[str, Any]:
    """A parameter's JSON type alone (`{"type": "string"}` for an enum of strings)."""
    if "anyOf" in schema:
        return {"anyOf": [_bare(arm) for arm in cast(list[dict[str, Any]], schema["anyOf"])]}
    kind = schema.get("type", "string" if "enum" in schema else None)
    bare: dict[str, Any] = {} if kind is None else {"type": kind}
    if kind == "array":
        bare["items"] = {}
    return bare


@cache
def tool_output_schema(action: Tool) -> dict[str, Any]:
    """The contract's output schema of a tool (its output model's JSON schema)."""
    return action.output.model_json_schema()


def context_budget(actions: Iterable[Described]) -> int:
    """Characters a model reads for these tools: name, description and JSON input schema.

    The schema is counted as compact JSON, the form MCP servers put on the wire.
    """
    return sum(
        len(action.name)
        + len(action.description)
        + len(json.dumps(tool_input_schema(action), separators=(",", ":")))
        for action in actions
    )
