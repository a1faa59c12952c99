from __future__ import annotations

from typing import Any

import httpx2
import mcp_types as types
import pytest
from mcp import Client
from mcp.client.session import ClientRequestContext
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.exceptions import MCPError
from tests.adapters.conftest import PLANTED_KEY, sandbox_io_with_keys
from tests.adapters.mcp_support import (
    HTTP_TOKEN,
    Answer,
    Person,
    http_server,
    stdio,
    structured,
)

from incidentio_toolkit.adapters import ToolPolicy
from incidentio_toolkit.adapters.mcp import create_server
from incidentio_toolkit.client import AsyncIncidentIO

pytestmark = pytest.mark.anyio

PATH = "Urgent Support"
MODES = ["legacy", "auto"]
"""The initialize handshake (elicitation/create mid-call) and MCP 2026-07-28 (input required)."""


def page(title: str, **extra: Any) -> dict[str, Any]:
    return {"idempotency_key": f"key-{title}", "title": title, "escalation_path_id": PATH, **extra}


async def titles(io: AsyncIncidentIO) -> list[str]:
    return [str(item.get("title")) async for item in io.paginate("escalations_list")]


async def paged_now(io: AsyncIncidentIO) -> list[str]:
    on_call = (await io.call("on_call_now", {"escalation_path": PATH}))["on_call"]
    return [person["name"] for person in on_call["pages_now"]]


@pytest.mark.parametrize("answer", ["accept", "decline", "cancel"])
@pytest.mark.parametrize("mode", MODES)
async def test_a_page_asks_who_it_pages_and_is_sent_only_when_accepted(
    sandbox_io: AsyncIncidentIO, mode: str, answer: Answer
) -> None:
    person = Person(answer)
    title = f"page-{mode}-{answer}"
    server = create_server(sandbox_io, ToolPolicy.everything())
    async with Client(server, mode=mode, elicitation_callback=person) as client:
        output = structured(await client.call_tool("escalations_create", page(title)))
    people = await paged_now(sandbox_io)
    assert len(person.questions) == 1
    assert person.questions[0].startswith(f"Page {' and '.join(people)} (")
    sent = title in await titles(sandbox_io)
    if answer == "accept":
        assert output["success"] is True
        assert output["escalation"]["title"] == title
        assert sent
    else:
        assert output["success"] is False
        assert not sent
        assert ("declined" if answer == "decline" else "cancelled") in output["error"]
        assert "Nothing was sent" in output["error"]
        assert person.questions[0] in output["error"]


@pytest.mark.parametrize("answer", ["accept", "decline"])
@pytest.mark.parametrize("mode", MODES)
async def test_a_delete_asks_with_the_name_of_what_it_removes(
    sandbox_io: AsyncIncidentIO, mode: str, answer: Answer
) -> None:
    field = (await sandbox_io.call("custom_fields_list", {}))["custom_fields"][0]
    person = Person(answer)
    server = create_server(sandbox_io, ToolPolicy.everything())
    async with Client(server, mode=mode, elicitation_callback=person) as client:
        output = structured(await client.call_tool("custom_fields_delete", {"id": field["id"]}))
    still_there = (await sandbox_io.call("custom_fields_show", {"id": field["id"]}))["success"]
    assert person.questions == [f'Delete custom field "{field["name"]}"? This cannot be undone.']
    assert output["success"] is (answer == "accept")
    assert still_there is (answer != "accept")


@pytest.mark.parametrize("mode", MODES)
async def test_dry_runs_reads_and_creates_are_not_asked(
    sandbox_io: AsyncIncidentIO, mode: str
) -> None:
    person = Person("decline")
    severity = (await sandbox_io.call("severities_list", {}))["severities"][0]["id"]
    incident = {
        "idempotency_key": f"create-{mode}",
        "severity_id": severity,
        "visibility": "public",
    }
    server = create_server(sandbox_io, ToolPolicy.everything())
    async with Client(server, mode=mode, elicitation_callback=person) as client:
        dry = structured(await client.call_tool("escalations_create", page("dry", dry_run=True)))
        listed = structured(await client.call_tool("incidents_list", {}))
        created = structured(
            await client.call_tool("incidents_create", {**incident, "mode": "test"})
        )
    assert person.questions == []
    assert [dry["success"], listed["success"], created["success"]] == [True, True, True]
    assert [p["name"] for p in dry["escalation"]["would_page"]] == await paged_now(sandbox_io)
    assert "dry" not in await titles(sandbox_io)


@pytest.mark.parametrize("mode", MODES)
async def test_without_elicitation_a_page_runs_as_before(
    sandbox_io: AsyncIncidentIO, mode: str
) -> None:
    title = f"unasked-{mode}"
    async with Client(create_server(sandbox_io, ToolPolicy.everything()), mode=mode) as client:
        output = structured(await client.call_tool("escalations_create", page(title)))
    assert output["success"] is True
    assert title in await titles(sandbox_io)


@pytest.mark.parametrize("mode", MODES)
async def test_require_confirmation_refuses_when_the_client_cannot_be_asked(
    sandbox_io: AsyncIncidentIO, mode: str
) -> None:
    title = f"refused-{mode}"
    server = create_server(sandbox_io, ToolPolicy.everything(), require_confirmation=True)
    async with Client(server, mode=mode) as client:
        output = structured(await client.call_tool("escalations_create", page(title)))
        read = structured(await client.call_tool("incidents_list", {}))
    assert output["success"] is False
    assert "--require-confirmation" in output["error"]
    assert "elicitation" in output["error"]
    assert "Nothing was sent" in output["error"]
    assert title not in await titles(sandbox_io)
    assert read["success"] is True  # reads are never held back


@pytest.mark.parametrize("mode", MODES)
async def test_require_confirmation_still_runs_what_the_person_accepts(
    sandbox_io: AsyncIncidentIO, mode: str
) -> None:
    person = Person("accept")
    title = f"required-{mode}"
    server = create_server(sandbox_io, ToolPolicy.everything(), require_confirmation=True)
    async with Client(server, mode=mode, elicitation_callback=person) as client:
        output = structured(await client.call_tool("escalations_create", page(title)))
    assert output["success"] is True
    assert len(person.questions) == 1
    assert title in await titles(sandbox_io)


async def test_a_client_that_fails_to_answer_sends_nothing(sandbox_io: AsyncIncidentIO) -> None:
    async def broken(
        context: ClientRequestContext, params: types.ElicitRequestParams
    ) -> types.ElicitResult | types.ErrorData:
        return types.ErrorData(code=types.INTERNAL_ERROR, message="the dialog crashed")

    server = create_server(sandbox_io, ToolPolicy.everything())
    async with Client(server, mode="legacy", elicitation_callback=broken) as client:
        output = structured(await client.call_tool("escalations_create", page("broken")))
    async with Client(server, elicitation_callback=broken) as client:
        with pytest.raises(MCPError, match="the dialog crashed"):
            await client.call_tool("escalations_create", page("broken-modern"))
    assert output["success"] is False
    assert "Could not ask for confirmation" in output["error"]
    assert not {"broken", "broken-modern"} & set(await titles(sandbox_io))


async def test_an_answer_holds_only_for_the_question_and_call_it_answers(
    sandbox_io: AsyncIncidentIO,
) -> None:
    accept = types.ElicitResult(action="accept", content={})
    server = create_server(sandbox_io, ToolPolicy.everything())
    async with Client(server, elicitation_callback=Person()) as client:
        session = client.session
        first = await session.call_tool(
            "escalations_create", page("held"), allow_input_required=True
        )
        assert isinstance(first, types.InputRequiredResult)
        [(key, request)] = (first.input_requests or {}).items()
        assert isinstance(request, types.ElicitRequest)
        assert request.params.message.startswith("Page ")
        wrong_key = await session.call_tool(
            "escalations_create",
            page("held"),
            input_responses={key + "x": accept},
            allow_input_required=True,
        )
        other_call = await session.call_tool(
            "escalations_create",
            page("other"),
            input_responses={key: accept},
            allow_input_required=True,
        )
        assert isinstance(wrong_key, types.InputRequiredResult)
        assert isinstance(other_call, types.InputRequiredResult)
        assert "held" not in await titles(sandbox_io)
        done = await session.call_tool(
            "escalations_create", page("held"), input_responses={key: accept}
        )
    assert structured(done)["success"] is True
    assert "held" in await titles(sandbox_io)
    assert "other" not in await titles(sandbox_io)


@pytest.mark.parametrize("answer", ["accept", "decline"])
@pytest.mark.parametrize("mode", MODES)
async def test_a_subprocess_server_over_stdio_asks_its_client(mode: str, answer: Answer) -> None:
    person = Person(answer)
    title = f"stdio-{mode}-{answer}"
    flags = ("--allow-writes", "--allow-destructive")
    async with Client(stdio(*flags), mode=mode, elicitation_callback=person) as client:
        output = structured(await client.call_tool("escalations_create", page(title)))
        listed = structured(await client.call_tool("escalations_list", {"fields": ["title"]}))
    assert len(person.questions) == 1
    assert person.questions[0].startswith("Page ")
    assert output["success"] is (answer == "accept")
    assert (title in [e["title"] for e in listed["escalations"]]) is (answer == "accept")


async def test_a_subprocess_server_requiring_confirmation_refuses_an_unasking_client() -> None:
    flags = ("--allow-writes", "--allow-destructive", "--require-confirmation")
    async with Client(stdio(*flags)) as client:
        output = structured(await client.call_tool("escalations_create", page("stdio-refused")))
        listed = structured(await client.call_tool("escalations_list", {"fields": ["title"]}))
    assert output["success"] is False
    assert "--require-confirmation" in output["error"]
    assert "stdio-refused" not in [e["title"] for e in listed["escalations"]]


@pytest.mark.parametrize("mode", MODES)
async def test_a_server_over_http_asks_its_client(mode: str) -> None:
    person = Person("decline")
    flags = ("--allow-writes", "--allow-destructive")
    with http_server(*flags) as url:
        async with (
            httpx2.AsyncClient(headers={"Authorization": f"Bearer {HTTP_TOKEN}"}) as http,
            Client(
                streamable_http_client(url, http_client=http),
                mode=mode,
                elicitation_callback=person,
            ) as client,
        ):
            output = structured(await client.call_tool("escalations_create", page("http")))
            listed = structured(await client.call_tool("escalations_list", {"fields": ["title"]}))
    assert len(person.questions) == 1
    assert "declined" in output["error"]
    assert "http" not in [e["title"] for e in listed["escalations"]]


@pytest.mark.parametrize("mode", MODES)
async def test_a_planted_key_reaches_no_question_and_no_refusal(mode: str) -> None:
    person = Person("accept")
    seen: list[str] = []
    calls: list[tuple[str, dict[str, Any]]] = [
        ("escalations_create", page("canary")),
        ("custom_fields_delete", {"id": "01HKM4TEF9AKBRBY4JCR1PTMPQ"}),
        ("incidents_update", {"id": "INC-6", "notify_incident_channel": False, "name": "x"}),
    ]
    for accepted in [("another-key-entirely",), (PLANTED_KEY,)]:
        client = sandbox_io_with_keys(PLANTED_KEY, accepted)
        server = create_server(client, ToolPolicy.everything())
        async with client, Client(server, mode=mode, elicitation_callback=person) as session:
            for name, arguments in calls:
                result = await session.call_tool(name, arguments)
                seen += [result.model_dump_json(), repr(result)]
    blob = "\n".join([*seen, *person.questions])
    assert "401" in blob  # the rejected key was used to read for the question
    assert person.questions  # the accepted key got as far as asking
    pieces = {PLANTED_KEY[i : i + 8] for i in range(len(PLANTED_KEY) - 7)}
    assert not [piece for piece in pieces if piece in blob]


@pytest.mark.parametrize("mode", MODES)
async def test_a_stateless_http_server_asks_only_clients_that_can_answer_statelessly(
    sandbox_io: AsyncIncidentIO, mode: str
) -> None:
    person = Person("decline")
    server = create_server(sandbox_io, ToolPolicy.everything(), require_confirmation=True)
    app = server.streamable_http_app(stateless_http=True)
    title = f"stateless-{mode}"
    async with (
        server.session_manager.run(),
        httpx2.AsyncClient(
            transport=httpx2.ASGITransport(app=app),  # pyright: ignore[reportArgumentType]
            base_url="http://127.0.0.1:8000",
        ) as http,
        Client(
            streamable_http_client("http://127.0.0.1:8000/mcp", http_client=http),
            mode=mode,
            elicitation_callback=person,
        ) as client,
    ):
        output = structured(await client.call_tool("escalations_create", page(title)))
    assert output["success"] is False
    assert title not in await titles(sandbox_io)
    if mode == "legacy":  # elicitation/create needs a back-channel that stateless HTTP lacks
        assert person.questions == []
        assert "stateless HTTP" in output["error"]
        assert "--require-confirmation" in output["error"]
    else:  # MCP 2026-07-28 carries the question in the answer and the reply in the next call
        assert len(person.questions) == 1
        assert "declined" in output["error"]
