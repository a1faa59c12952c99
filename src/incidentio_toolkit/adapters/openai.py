"""OpenAI function tools for incident.io, and the dispatcher that runs the model's tool calls.

    from incidentio_toolkit.adapters.openai import dispatch, openai_tools
    tools = openai_tools()                                   # read-only, Chat Completions format
    reply = openai.chat.completions.create(model=..., messages=messages, tools=tools)
    for call in reply.choices[0].message.tool_calls or []:
        messages.append(dispatch(call, client=io))           # {"role": "tool", ...}

`openai_tools(format="responses")` gives Responses API definitions; `dispatch` then accepts a
`function_call` item and returns its `function_call_output`. Tool calls may be SDK objects or
plain dicts. This module does not import the `openai` package; the definitions are plain data.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, cast

from incidentio_toolkit.adapters._common import (
    ToolPolicy,
    policy_error,
    run_tool,
    run_tool_sync,
    tool_input_schema,
)
from incidentio_toolkit.composites import TOOLS

if TYPE_CHECKING:
    from incidentio_toolkit.client import AsyncIncidentIO, IncidentIO

__all__ = ["adispatch", "dispatch", "openai_tools"]

Format = Literal["chat", "responses"]


def openai_tools(
    policy: ToolPolicy | None = None, *, format: Format = "chat"
) -> list[dict[str, Any]]:
    """Function-tool definitions for the tools `policy` enables (read-only by default).

    `format="chat"` (Chat Completions): `{"type": "function", "function": {name, description,
    parameters}}`; `format="responses"` (Responses API): `{"type": "function", name, description,
    parameters, strict}`.
    """
    tools: list[dict[str, Any]] = []
    for action in (policy or ToolPolicy()).enabled_tools():
        spec: dict[str, Any] = {
            "name": action.name,
            "description": action.description,
            "parameters": copy.deepcopy(tool_input_schema(action)),
        }
        if format == "chat":
            tools.append({"type": "function", "function": spec})
        elif format == "responses":
            tools.append({"type": "function", **spec, "strict": False})
        else:
            raise ValueError(f"Unknown format {format!r}: use 'chat' or 'responses'.")
    return tools


def _get(obj: Any, key: str) -> Any:
    if isinstance(obj, Mapping):
        return cast(Mapping[str, Any], obj).get(key)
    return getattr(obj, key, None)


class _Call:
    """A tool call, read from either API's shape (SDK object or dict)."""

    def __init__(self, tool_call: Any) -> None:
        function = _get(tool_call, "function")
        self.responses = function is None and _get(tool_call, "call_id") is not None
        source = tool_call if function is None else function
        self.id = str(_get(tool_call, "call_id" if self.responses else "id") or "")
        self.name = str(_get(source, "name") or "")
        self.raw_arguments: Any = _get(source, "arguments")

    def arguments(self) -> tuple[Any, dict[str, Any] | None]:
        """The parsed arguments, or the contract error for unusable ones (nothing is sent)."""
        raw = self.raw_arguments
        if raw is None or raw == "":
            return {}, None
        if isinstance(raw, Mapping):
            return dict(cast(Mapping[str, Any], raw)), None
        try:
            parsed: Any = json.loads(raw)
        except (TypeError, ValueError) as exc:
            return None, self._error(f"arguments are not valid JSON ({exc})")
        return parsed, None  # the client refuses anything but an object, naming the action

    def _error(self, problem: str) -> dict[str, Any]:
        text = f"Invalid arguments for {self.name}: {problem}. Nothing was sent."
        action = TOOLS.get(self.name)
        if action is None:
            return {"success": False, "error": text}
        return action.output(success=False, error=text).model_dump(mode="json")

    def message(self, output: dict[str, Any]) -> dict[str, Any]:
        content = json.dumps(output, ensure_ascii=False, separators=(",", ":"))
        if self.responses:
            return {"type": "function_call_output", "call_id": self.id, "output": content}
        return {"role": "tool", "tool_call_id": self.id, "content": content}


def _prepare(
    tool_call: Any, policy: ToolPolicy | None
) -> tuple[_Call, Any, ToolPolicy, dict[str, Any] | None]:
    """Parse the call and check the policy; the last item is the reply when it must not run."""
    call = _Call(tool_call)
    policy = policy or ToolPolicy()
    arguments, error = call.arguments()
    refused = error or policy_error(call.name, policy)
    if refused is not None:
        return call, None, policy, call.message(refused)
    return call, arguments, policy, None


def dispatch(
    tool_call: Any, *, client: IncidentIO | None = None, policy: ToolPolicy | None = None
) -> dict[str, Any]:
    """Run one tool call and return the message to send back. Never raises.

    A Chat Completions call (`.id`, `.function.name`, `.function.arguments`) gives
    `{"role": "tool", "tool_call_id", "content"}`; a Responses `function_call` item (`.call_id`,
    `.name`, `.arguments`) gives `{"type": "function_call_output", "call_id", "output"}`. The content
    is the contract output as compact JSON (objects summarised, as at every agent surface). With no
    `client`, one is built from the environment and closed.
    """
    call, arguments, policy, refused = _prepare(tool_call, policy)
    if refused is not None:
        return refused
    if client is None:
        from incidentio_toolkit.client import IncidentIO

        with IncidentIO() as own:
            return call.message(run_tool_sync(own, call.name, arguments, policy))
    return call.message(run_tool_sync(client, call.name, arguments, policy))


async def adispatch(
    tool_call: Any, *, client: AsyncIncidentIO | None = None, policy: ToolPolicy | None = None
) -> dict[str, Any]:
    """`dispatch` for async code, with an `AsyncIncidentIO`."""
    call, arguments, policy, refused = _prepare(tool_call, policy)
    if refused is not None:
        return refused
    if client is None:
        from incidentio_toolkit.client import AsyncIncidentIO

        async with AsyncIncidentIO() as own:
            return call.message(await run_tool(own, call.name, arguments, policy))
    return call.message(await run_tool(client, call.name, arguments, policy))
