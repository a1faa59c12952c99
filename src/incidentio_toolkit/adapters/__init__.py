"""Agent surfaces generated from the ACTIONS registry: MCP server, LangChain and OpenAI tools.

`incidentio_toolkit.adapters.mcp`, `.langchain` and `.openai` are imported on demand; importing this
package loads none of the agent frameworks.
"""

from incidentio_toolkit.adapters._common import (
    ToolPolicy,
    context_budget,
    run_tool,
    run_tool_sync,
    tool_input_schema,
    tool_output_schema,
)

__all__ = [
    "ToolPolicy",
    "context_budget",
    "run_tool",
    "run_tool_sync",
    "tool_input_schema",
    "tool_output_schema",
]
