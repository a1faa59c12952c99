"""Shared helpers for the MCP tests: a person answering elicitations, and result readers."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any, Literal, cast

import mcp_types as types
from mcp import StdioServerParameters
from mcp.client.session import ClientRequestContext

Answer = Literal["accept", "decline", "cancel"]


@dataclass
class Person:
    """An elicitation callback that answers every question the same way and keeps them."""

    answer: Answer = "accept"
    questions: list[str] = field(default_factory=list[str])

    async def __call__(
        self, context: ClientRequestContext, params: types.ElicitRequestParams
    ) -> types.ElicitResult | types.ErrorData:
        self.questions.append(params.message)
        content: dict[str, Any] | None = {} if self.answer == "accept" else None
        return types.ElicitResult(action=self.answer, content=content)


def structured(result: types.CallToolResult) -> dict[str, Any]:
    content: Any = result.structured_content
    assert isinstance(content, dict)
    return cast(dict[str, Any], content)


def stdio(*args: str) -> StdioServerParameters:
    """`incidentio mcp --sandbox ARGS` as a subprocess of this interpreter."""
    return StdioServerParameters(
        command=sys.executable, args=["-m", "incidentio_toolkit.cli", "mcp", "--sandbox", *args]
    )
