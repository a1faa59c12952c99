"""The typed methods: one generated signature becomes an awaitable and a blocking method."""

from __future__ import annotations

import inspect

import httpx2
import pytest

from incidentio_toolkit import AsyncIncidentIO, IncidentIO
from incidentio_toolkit.actions import ACTIONS
from incidentio_toolkit.composites import TOOLS
from incidentio_toolkit.outputs import IncidentsListOutput

KEY = "sk_test_typed_methods_0123456789"


def _answer(request: httpx2.Request) -> httpx2.Response:
    return httpx2.Response(200, json={"incidents": [], "pagination_meta": {"page_size": 2}})


def test_each_tool_has_a_typed_method_with_its_parameters_and_description() -> None:
    for action in TOOLS.values():
        for client in (AsyncIncidentIO, IncidentIO):
            method = getattr(client, action.name)
            assert list(inspect.signature(method).parameters)[1:] == list(action.input.model_fields)
            assert (method.__doc__ or "").startswith(action.description)


def test_parameter_descriptions_reach_the_docstring() -> None:
    doc = AsyncIncidentIO.escalations_create.__doc__ or ""
    described = ACTIONS["escalations_create"].input.model_fields["dry_run"].description
    assert described
    assert f"dry_run: {described}" in doc


def test_the_docstring_says_which_parameters_take_names() -> None:
    doc = AsyncIncidentIO.incidents_update.__doc__ or ""
    assert "severity_id: Name or id." in doc
    assert "id: Id or reference (INC-123, 123, #inc-123)." in doc


@pytest.mark.anyio
async def test_the_async_method_sends_only_the_given_parameters_and_returns_the_typed_output() -> (
    None
):
    seen: list[httpx2.Request] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        return _answer(request)

    async with AsyncIncidentIO(KEY, transport=httpx2.MockTransport(handler), pacing=None) as io:
        output = await io.incidents_list(page_size=2, status_category=["live"])
    assert isinstance(output, IncidentsListOutput)
    assert output.success is True
    assert str(seen[0].url.query, "ascii") == "page_size=2&status_category%5Bone_of%5D=live"


def test_the_blocking_method_refuses_positional_arguments_with_the_fix() -> None:
    with IncidentIO(KEY, transport=httpx2.MockTransport(_answer), pacing=None) as io:
        with pytest.raises(TypeError, match=r"incidents_show\(\) takes parameters by name only"):
            io.incidents_show("01INC")  # type: ignore[misc]
        failed = io.incidents_show(id="")
    assert failed.success is False
    assert "Nothing was sent" in (failed.error or "")
