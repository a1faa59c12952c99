"""The MCP server's tools: their definitions, and the one path every `tools/call` takes.

A call passes the `ToolPolicy` (a disabled tool sends nothing), then, when it changes, removes or
pages, the person's confirmation (`adapters._mcp_confirm`), then the client; its contract output
becomes the MCP result. In discovery mode the three meta-tools are listed instead, and
`call_tool` runs the tool it names through this same path.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import mcp_types as types

from incidentio_toolkit.actions import Action, Annotations
from incidentio_toolkit.adapters._common import (
    ToolPolicy,
    run_tool,
    tool_input_schema,
    tool_output_schema,
)
from incidentio_toolkit.adapters._confirm import needs_confirmation
from incidentio_toolkit.adapters._discovery import (
    DESCRIBE_TOOL,
    FIND_TOOLS,
    META_TOOLS,
    describe_tool,
    find_tools,
    meta_annotations,
    parse_call,
)
from incidentio_toolkit.adapters._mcp_confirm import confirm
from incidentio_toolkit.composites import TOOLS, Tool

if TYPE_CHECKING:
    from mcp.server.context import ServerRequestContext

    from incidentio_toolkit.client import AsyncIncidentIO

__all__ = ["ToolHandlers", "compact_json", "mcp_tool", "mcp_tools", "meta_tools", "tool_result"]

Answer = types.CallToolResult | types.InputRequiredResult


def _annotations(hints: Annotations) -> types.ToolAnnotations:
    return types.ToolAnnotations(
        read_only_hint=hints.read_only,
        destructive_hint=hints.destructive,
        idempotent_hint=hints.idempotent,
        open_world_hint=hints.open_world,
    )


def mcp_tool(action: Tool) -> types.Tool:
    """The MCP tool definition of one action or composite, with every annotation explicit."""
    return types.Tool(
        name=action.name,
        description=action.description,
        input_schema=tool_input_schema(action),
        output_schema=tool_output_schema(action),
        annotations=_annotations(action.annotations),
    )


def mcp_tools(policy: ToolPolicy | None = None) -> list[types.Tool]:
    """The tools/list of a server with this policy (read-only by default)."""
    return [mcp_tool(tool) for tool in (policy or ToolPolicy()).enabled_tools()]


def meta_tools(policy: ToolPolicy | None = None) -> list[types.Tool]:
    """The tools/list of a server in discovery mode: the three meta-tools."""
    policy = policy or ToolPolicy()
    return [
        types.Tool(
            name=meta.name,
            description=meta.description,
            input_schema=tool_input_schema(meta),
            annotations=_annotations(meta_annotations(meta, policy)),
        )
        for meta in META_TOOLS.values()
    ]


def tool_result(output: dict[str, Any]) -> types.CallToolResult:
    """The MCP result for a contract output: structured, one JSON text block, isError on failure."""
    return types.CallToolResult(
        content=[types.TextContent(type="text", text=compact_json(output))],
        structured_content=output,
        is_error=output.get("success") is not True,
    )


def compact_json(value: Any) -> str:
    """JSON without the spaces after `,` and `:` (about a tenth of the characters of an
    answer) and with non-ASCII text kept as it is."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass(slots=True)
class ToolHandlers:
    """The `tools/list` and `tools/call` handlers of one server."""

    client: AsyncIncidentIO
    policy: ToolPolicy
    discovery: bool = False
    require_confirmation: bool = False
    _listed: list[types.Tool] = field(default_factory=list[types.Tool])

    async def list_tools(
        self, ctx: ServerRequestContext[Any], params: types.PaginatedRequestParams | None
    ) -> types.ListToolsResult:
        if not self._listed:  # built on the first tools/list, so starting stays cheap
            tools = meta_tools(self.policy) if self.discovery else mcp_tools(self.policy)
            self._listed.extend(tools)
        return types.ListToolsResult(tools=self._listed)

    async def call_tool(
        self, ctx: ServerRequestContext[Any], params: types.CallToolRequestParams
    ) -> Answer:
        meta = META_TOOLS.get(params.name) if self.discovery else None
        if meta is FIND_TOOLS:
            return tool_result(find_tools(params.arguments, self.policy))
        if meta is DESCRIBE_TOOL:
            return tool_result(describe_tool(params.arguments, self.policy))
        if meta is None:
            return await self.answer(ctx, params.name, params.arguments, params.input_responses)
        call = parse_call(params.arguments)
        if isinstance(call, str):
            return tool_result({"success": False, "error": call})
        return await self.answer(ctx, *call, params.input_responses)

    async def answer(
        self,
        ctx: ServerRequestContext[Any],
        name: str,
        arguments: Mapping[str, Any] | None,
        answers: Mapping[str, Any] | None,
    ) -> Answer:
        """One tool call: the policy, the person's confirmation if needed, then the client."""
        tool = TOOLS.get(name)
        if (
            isinstance(tool, Action)
            and isinstance(arguments, Mapping)
            and self.policy.enabled(tool)
            and needs_confirmation(tool, arguments)
        ):
            verdict = await confirm(
                ctx, self.client, tool, arguments, answers, require=self.require_confirmation
            )
            if isinstance(verdict, types.InputRequiredResult):
                return verdict
            if verdict is not None:
                return tool_result(verdict)
        return tool_result(await run_tool(self.client, name, arguments, self.policy))

    def input_schema(self, name: str) -> dict[str, Any] | None:
        """A listed tool's input schema (the SDK validates `Mcp-Param-*` headers with it)."""
        if self.discovery and name in META_TOOLS:
            return tool_input_schema(META_TOOLS[name])
        action = TOOLS.get(name)
        if action is None or not self.policy.enabled(action):
            return None
        return tool_input_schema(action)
