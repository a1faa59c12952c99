"""The MCP server's resources and prompts (what they are: `adapters._resources`, `._prompts`).

A resource read runs its tool through the same policy as a tool call; a failure is a JSON-RPC
error (`INVALID_PARAMS`) whose message is the tool's actionable error. A prompt is rendered
under the server's policy, so it names only tools that exist and says how to enable the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import mcp_types as types

from incidentio_toolkit.adapters._common import ToolPolicy, run_tool
from incidentio_toolkit.adapters._mcp_tools import compact_json
from incidentio_toolkit.adapters._prompts import PROMPTS, render_prompt
from incidentio_toolkit.adapters._resources import JSON, enabled_resources, resource_call

if TYPE_CHECKING:
    from mcp.server.context import ServerRequestContext

    from incidentio_toolkit.client import AsyncIncidentIO

__all__ = ["ContentHandlers"]


def _invalid(message: str) -> Exception:
    from mcp.shared.exceptions import MCPError

    return MCPError(types.INVALID_PARAMS, message)


@dataclass(frozen=True, slots=True)
class ContentHandlers:
    """The resources/* and prompts/* handlers of one server."""

    client: AsyncIncidentIO
    policy: ToolPolicy

    async def list_templates(
        self, ctx: ServerRequestContext[Any], params: types.PaginatedRequestParams | None
    ) -> types.ListResourceTemplatesResult:
        return types.ListResourceTemplatesResult(
            resource_templates=[
                types.ResourceTemplate(
                    name=template.scheme,
                    title=template.title,
                    uri_template=template.uri_template,
                    description=template.description,
                    mime_type=JSON,
                )
                for template in enabled_resources(self.policy)
            ]
        )

    async def list_resources(
        self, ctx: ServerRequestContext[Any], params: types.PaginatedRequestParams | None
    ) -> types.ListResourcesResult:
        """No fixed resources: every one is read through a template."""
        return types.ListResourcesResult(resources=[])

    async def read_resource(
        self, ctx: ServerRequestContext[Any], params: types.ReadResourceRequestParams
    ) -> types.ReadResourceResult:
        call = resource_call(params.uri, self.policy)
        if isinstance(call, str):
            raise _invalid(call)
        output = await run_tool(self.client, *call, self.policy)
        if output.get("success") is not True:
            raise _invalid(f"{params.uri}: {output.get('error')}")
        text = compact_json(output)
        contents = types.TextResourceContents(uri=params.uri, mime_type=JSON, text=text)
        return types.ReadResourceResult(contents=[contents])

    async def list_prompts(
        self, ctx: ServerRequestContext[Any], params: types.PaginatedRequestParams | None
    ) -> types.ListPromptsResult:
        return types.ListPromptsResult(
            prompts=[
                types.Prompt(
                    name=prompt.name,
                    description=prompt.description,
                    arguments=[
                        types.PromptArgument(
                            name=a.name, description=a.description, required=a.required
                        )
                        for a in prompt.arguments
                    ],
                )
                for prompt in PROMPTS.values()
            ]
        )

    async def get_prompt(
        self, ctx: ServerRequestContext[Any], params: types.GetPromptRequestParams
    ) -> types.GetPromptResult:
        prompt = PROMPTS.get(params.name)
        if prompt is None:
            raise _invalid(f"Unknown prompt {params.name!r}: use {', '.join(PROMPTS)}.")
        try:
            text = render_prompt(prompt, params.arguments or {}, self.policy)
        except ValueError as exc:
            raise _invalid(str(exc)) from None
        content = types.TextContent(type="text", text=text)
        message = types.PromptMessage(role="user", content=content)
        return types.GetPromptResult(description=prompt.description, messages=[message])
