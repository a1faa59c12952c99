"""Discovery mode: three meta-tools in place of every tool, for clients with large tool sets.

`find_tools` searches the enabled tools by keywords (an empty query lists them all),
`describe_tool` gives one tool's parameters, and `call_tool` runs one by name. What they can find,
describe and call is exactly what the `ToolPolicy` enables: a disabled tool is not found, its
description says how to enable it, and a call to it is refused before anything is sent.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from pydantic import Field, ValidationError

from incidentio_toolkit.actions import ActionInput, Annotations
from incidentio_toolkit.adapters._common import ToolPolicy, tool_input_schema
from incidentio_toolkit.composites import TOOLS, Tool

__all__ = [
    "CALL_TOOL",
    "DESCRIBE_TOOL",
    "FIND_TOOLS",
    "META_TOOLS",
    "MetaTool",
    "describe_tool",
    "find_tools",
    "meta_annotations",
    "parse_call",
]

MAX_FOUND = 8
"""Matches `find_tools` answers with at most, best first."""


class FindToolsInput(ActionInput):
    query: str = Field(default="", description='Keywords, e.g. "who is on call". Empty: all.')


class DescribeToolInput(ActionInput):
    name: str = Field(min_length=1)


class CallToolInput(ActionInput):
    name: str = Field(min_length=1)
    arguments: dict[str, Any] = Field(default_factory=dict[str, Any])


@dataclass(frozen=True, slots=True)
class MetaTool:
    """One meta-tool of discovery mode: listed instead of the tools it finds and runs."""

    name: str
    description: str
    input: type[ActionInput]


FIND_TOOLS = MetaTool(
    "find_tools",
    "Find incident.io tools by keywords; answers names, kinds and descriptions.",
    FindToolsInput,
)
DESCRIBE_TOOL = MetaTool(
    "describe_tool", "One tool's description and parameters (JSON schema).", DescribeToolInput
)
CALL_TOOL = MetaTool(
    "call_tool",
    "Run a tool by name with its arguments; answers what the tool answers.",
    CallToolInput,
)
META_TOOLS: Mapping[str, MetaTool] = MappingProxyType(
    {tool.name: tool for tool in (FIND_TOOLS, DESCRIBE_TOOL, CALL_TOOL)}
)

_READ = Annotations(read_only=True, destructive=False, idempotent=True)


def meta_annotations(meta: MetaTool, policy: ToolPolicy) -> Annotations:
    """`find_tools` and `describe_tool` only read; `call_tool` can do whatever the policy lets
    the tools it runs do."""
    if meta is not CALL_TOOL or not policy.allow_writes:
        return _READ
    return Annotations(read_only=False, destructive=True, idempotent=False)


_WORD = re.compile(r"[a-z0-9]{3,}")
"""Words of three letters or more: "on", "is" and "a" would match nearly every tool."""


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("_", " "))


def _alike(wanted: str, word: str) -> bool:
    """Same word, or the same stem (`incident`/`incidents`, `paging`/`page`)."""
    if wanted == word:
        return True
    shorter = min(len(wanted), len(word))
    common = 0
    for a, b in zip(wanted, word, strict=False):
        if a != b:
            break
        common += 1
    return common >= max(3, shorter - 1)


def _score(tool: Tool, wanted: list[str]) -> int:
    """Per keyword, the best place it matches: the name 3, the toolset or the description 2,
    a parameter 1."""
    places = (
        (3, _words(tool.name)),
        (2, _words(tool.toolset) + _words(tool.description)),
        (1, _words(" ".join(tool.input.model_fields))),
    )
    return sum(
        max((weight for weight, words in places if any(_alike(w, x) for x in words)), default=0)
        for w in wanted
    )


def _entry(tool: Tool) -> dict[str, Any]:
    return {"name": tool.name, "kind": tool.kind, "description": tool.description}


def find_tools(arguments: Mapping[str, Any] | None, policy: ToolPolicy) -> dict[str, Any]:
    """The enabled tools that match the query's keywords, best first (all of them, by name
    only, for an empty query)."""
    try:
        query = FindToolsInput.model_validate(dict(arguments or {})).query
    except (ValidationError, TypeError, ValueError) as exc:
        return {"success": False, "error": f"Invalid arguments for find_tools: {exc}"}
    enabled = policy.enabled_tools()
    wanted = _words(query)
    if not wanted:
        return {"success": True, "tools": [tool.name for tool in enabled]}
    scored = sorted(
        (
            (score, index, tool)
            for index, tool in enumerate(enabled)
            if (score := _score(tool, wanted))
        ),
        key=lambda item: (-item[0], item[1]),
    )
    found = [_entry(tool) for _, _, tool in scored[:MAX_FOUND]]
    if found:
        return {"success": True, "tools": found}
    return {
        "success": True,
        "tools": [],
        "hint": "No enabled tool matches: try other words, or an empty query for every name.",
    }


def _unknown(name: str, policy: ToolPolicy) -> str:
    close = difflib.get_close_matches(name, [tool.name for tool in policy.enabled_tools()], n=3)
    hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    return f"Unknown tool {name!r}.{hint} find_tools lists the enabled tools."


def describe_tool(arguments: Mapping[str, Any] | None, policy: ToolPolicy) -> dict[str, Any]:
    """One enabled tool: its kind, description and input schema; a disabled one says how to
    enable it."""
    try:
        name = DescribeToolInput.model_validate(dict(arguments or {})).name
    except (ValidationError, TypeError, ValueError):
        return {"success": False, "error": "describe_tool needs name: a tool name from find_tools."}
    tool = TOOLS.get(name)
    if tool is None:
        return {"success": False, "error": _unknown(name, policy)}
    refusal = policy.refusal(tool)
    if refusal is not None:
        return {"success": False, "error": f"Tool {name!r} is disabled: {refusal}"}
    return {"success": True, "tool": {**_entry(tool), "input_schema": tool_input_schema(tool)}}


def parse_call(arguments: Mapping[str, Any] | None) -> tuple[str, dict[str, Any]] | str:
    """`call_tool`'s tool name and its arguments, or the error text for a malformed call."""
    try:
        call = CallToolInput.model_validate(dict(arguments or {}))
    except (ValidationError, TypeError, ValueError):
        return (
            "call_tool needs name (a tool from find_tools) and arguments (an object of its "
            "parameters, see describe_tool). Nothing was sent."
        )
    return call.name, dict(call.arguments)
