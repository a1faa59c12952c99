from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import anyio
import pytest

pytest.importorskip("langchain_core")

from langchain_core.messages import ToolMessage
from tests.adapters.conftest import RequestLog

from incidentio_toolkit.actions import ACTIONS
from incidentio_toolkit.adapters._common import ToolPolicy
from incidentio_toolkit.adapters.langchain import langchain_tools
from incidentio_toolkit.client import AsyncIncidentIO, IncidentIO
from incidentio_toolkit.client._http import asgi_transport
from incidentio_toolkit.composites import TOOLS
from incidentio_toolkit.sandbox import DEMO_API_KEY, create_app


@pytest.fixture
def clients() -> Iterator[tuple[IncidentIO, AsyncIncidentIO]]:
    """A sync and an async client on the same in-process sandbox."""
    app = create_app()
    options: dict[str, Any] = {"base_url": "http://sandbox.invalid", "pacing": None}
    aio = AsyncIncidentIO(DEMO_API_KEY, transport=asgi_transport(app), **options)
    with IncidentIO(DEMO_API_KEY, transport=asgi_transport(app), **options) as sync:
        yield sync, aio
    anyio.run(aio.aclose)


def by_name(tools: list[Any]) -> dict[str, Any]:
    return {tool.name: tool for tool in tools}


def test_default_tools_are_the_reads_with_their_input_models(
    clients: tuple[IncidentIO, AsyncIncidentIO],
) -> None:
    sync, aio = clients
    tools = langchain_tools(sync, async_client=aio)
    assert [t.name for t in tools] == [a.name for a in TOOLS.values() if a.kind == "read"]
    assert {"incident_brief", "on_call_now"} <= {t.name for t in tools}
    for tool in tools:
        assert tool.args_schema is TOOLS[tool.name].input
        assert tool.description == TOOLS[tool.name].description
        assert tool.coroutine is not None
        assert tool.func is not None


def test_sync_invoke_returns_the_contract_dict(
    clients: tuple[IncidentIO, AsyncIncidentIO],
) -> None:
    sync, aio = clients
    tool = by_name(langchain_tools(sync, async_client=aio))["severities_list"]
    output = tool.invoke({})
    assert output["success"] is True
    assert {s["name"] for s in output["severities"]} >= {"Critical", "Minor"}


@pytest.mark.anyio
async def test_async_invoke_creates_an_incident_with_writes_enabled(
    clients: tuple[IncidentIO, AsyncIncidentIO],
) -> None:
    sync, aio = clients
    tools = by_name(langchain_tools(sync, ToolPolicy(allow_writes=True), async_client=aio))
    severities = (await tools["severities_list"].ainvoke({}))["severities"]
    created = await tools["incidents_create"].ainvoke(
        {
            "idempotency_key": "lc-1",
            "severity_id": severities[0]["id"],
            "visibility": "public",
            "name": "LangChain test",
            "mode": "test",
        }
    )
    assert created["success"] is True
    shown = tools["incidents_show"].invoke({"id": created["incident"]["id"]})
    assert shown["incident"]["name"] == "LangChain test"


def test_an_api_failure_and_invalid_arguments_return_contract_errors(
    clients: tuple[IncidentIO, AsyncIncidentIO],
) -> None:
    sync, aio = clients
    tools = by_name(langchain_tools(sync, async_client=aio))
    missing = tools["incidents_show"].invoke({"id": "01NOSUCHINCIDENT"})
    assert missing["success"] is False
    assert "404" in missing["error"]
    invalid = tools["incidents_list"].invoke({"page_size": 0})
    assert invalid["success"] is False
    assert "page_size" in invalid["error"]
    assert set(invalid) == set(ACTIONS["incidents_list"].output.model_fields)


def test_a_tool_call_gives_a_tool_message_with_json_content(
    clients: tuple[IncidentIO, AsyncIncidentIO],
) -> None:
    sync, aio = clients
    tool = by_name(langchain_tools(sync, async_client=aio))["severities_list"]
    message = tool.invoke({"type": "tool_call", "id": "call-1", "name": tool.name, "args": {}})
    assert isinstance(message, ToolMessage)
    assert message.tool_call_id == "call-1"
    assert '"success": true' in str(message.content)


def test_disabled_tools_are_not_built(
    sync_counting_client: IncidentIO, request_log: RequestLog
) -> None:
    aio = AsyncIncidentIO("unused-test-key-0002", base_url="http://x.invalid", pacing=None)
    tools = langchain_tools(sync_counting_client, ToolPolicy(toolsets="users"), async_client=aio)
    assert [t.name for t in tools] == ["users_list", "users_show"]
    assert request_log.requests == []
