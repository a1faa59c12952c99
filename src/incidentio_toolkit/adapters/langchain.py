"""LangChain tools for incident.io: one `StructuredTool` per action or composite the policy enables.

    from incidentio_toolkit.adapters.langchain import langchain_tools
    tools = langchain_tools()                      # read-only, client from INCIDENTIO_API_KEY
    agent = create_agent(model, tools)

Each tool works sync (`invoke`) and async (`ainvoke`) and returns the contract dict
(`success`, `error`, data). Invalid arguments also come back as a contract error, not an exception.
Needs the optional extra: `pip install 'incidentio-toolkit[langchain]'`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from incidentio_toolkit.adapters._common import ToolPolicy, run_tool, run_tool_sync
from incidentio_toolkit.composites import Tool

try:
    from langchain_core.tools import StructuredTool
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "incidentio_toolkit.adapters.langchain needs langchain-core: "
        "pip install 'incidentio-toolkit[langchain]'"
    ) from exc

if TYPE_CHECKING:
    from pydantic import ValidationError

    from incidentio_toolkit.client import AsyncIncidentIO, IncidentIO

__all__ = ["langchain_tool", "langchain_tools"]


def langchain_tools(
    client: IncidentIO | AsyncIncidentIO | None = None,
    policy: ToolPolicy | None = None,
    *,
    async_client: AsyncIncidentIO | None = None,
) -> list[StructuredTool]:
    """One `StructuredTool` per enabled tool (read-only by default; answers summarised).

    `client` may be an `IncidentIO` (used for `invoke`) or an `AsyncIncidentIO` (used for
    `ainvoke`); the other mode gets a client built from the environment, or pass both with
    `async_client`. With no client at all, both are built from the environment.
    """
    from incidentio_toolkit.client import AsyncIncidentIO, IncidentIO

    sync_client: IncidentIO | None = client if isinstance(client, IncidentIO) else None
    if isinstance(client, AsyncIncidentIO):
        async_client = client
    sync_client = sync_client or IncidentIO()
    async_client = async_client or AsyncIncidentIO()
    policy = policy or ToolPolicy()
    return [
        langchain_tool(action, sync_client, async_client, policy)
        for action in policy.enabled_tools()
    ]


def langchain_tool(
    action: Tool, sync_client: IncidentIO, async_client: AsyncIncidentIO, policy: ToolPolicy
) -> StructuredTool:
    """The `StructuredTool` of one tool; its `args_schema` is the tool's input model."""
    from incidentio_toolkit.client import describe_validation_error

    def run(**kwargs: Any) -> dict[str, Any]:
        return run_tool_sync(sync_client, action.name, kwargs, policy)

    async def arun(**kwargs: Any) -> dict[str, Any]:
        return await run_tool(async_client, action.name, kwargs, policy)

    def invalid(exc: ValidationError) -> dict[str, Any]:
        text = describe_validation_error(action, exc)
        return action.output(success=False, error=text).model_dump(mode="json")

    return StructuredTool.from_function(
        func=run,
        coroutine=arun,
        name=action.name,
        description=action.description,
        args_schema=action.input,
        infer_schema=False,
        # LangChain validates against args_schema before calling us; a rejected call still
        # returns the contract's error dict (its annotation says str, the value is passed on).
        handle_validation_error=cast(Any, invalid),
        metadata={"kind": action.kind, "toolset": action.toolset},
    )
