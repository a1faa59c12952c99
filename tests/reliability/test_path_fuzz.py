"""Path fuzz: hypothesis-generated ids never reach another path or method.

One pool of at least 10,000 generated ids (random text, plus traversal-shaped strings built from
`..`, `/`, `%2e`, `?`, `#`, control characters and so on) is run through every action that takes a
path parameter:

- every id goes through the client's own request pipeline (input model, request builder, path
  builder): it is either rejected before any I/O, or it yields exactly the action's template with the
  id (as the input model normalises it: `INC-7` is `7`) as one percent-encoded segment;
- httpx2 is shown to send every such segment unchanged (no dot-segment folding, no query, no
  fragment);
- a sample of 300 ids per action, the regression cases included, goes through the real client to a
  recording transport: each request has the action's method and path, and rejected ids send nothing.
  Where the parameter also takes a name, a value that is not an id is looked up first (a GET on the
  catalog, refused here) and the action is never sent with it: a name never becomes a path segment.
"""

from __future__ import annotations

import random
import re
from typing import Any
from urllib.parse import quote

import httpx2
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.arguments_support import FULL_ARGUMENTS
from tests.names_support import is_lookup, is_own_request, sent_as_given
from tests.reliability.figures_support import record_figure

from incidentio_toolkit import ACTIONS, AsyncIncidentIO
from incidentio_toolkit.actions import Action
from incidentio_toolkit.client._codec import validate_arguments
from incidentio_toolkit.client._errors import IncidentIOError
from incidentio_toolkit.client._paths import build_path

PATH_ACTIONS = [a for a in ACTIONS.values() if "{" in a.path]
REGRESSIONS = [
    "../custom_fields/01ABC",
    "x/../../v1/severities",
    "..",
    ".",
    "%2e%2e",
    "%2E%2E/%2e%2e/v1/severities",
    "01ABC?page_size=1",
    "01ABC#fragment",
    "01ABC/../../custom_fields/01ABC",
    "..%2Fcustom_fields%2F01ABC",
    "..\\custom_fields\\01ABC",
    "/v2/custom_fields/01ABC",
    "//evil.example/x",
    "https://evil.example/x",
    "01ABC\r\nX-Injected: 1",
    "%00",
    "\u202e01ABC",
    "x" * 257,
]
PIECES = [
    "..",
    ".",
    "/",
    "\\",
    "%2e",
    "%2E",
    "%2f",
    "%2F",
    "%252e",
    "?",
    "#",
    "&",
    "=",
    ";",
    "%",
    " ",
    "\x00",
    "\n",
    "\t",
    "é",
    "🙂",
    "01ABC",
    "custom_fields",
    "v1",
    "severities",
    "https:",
    "//",
    "~",
]
ID_STRATEGY = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(PIECES), max_size=12).map("".join),
    st.text(alphabet="./%?#\\2eEfF", max_size=20),
)
POOL_SIZE = 10_000
SAMPLE = 300


def generate_pool() -> list[str]:
    pool: list[str] = []

    @settings(
        max_examples=POOL_SIZE // 100,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.lists(ID_STRATEGY, min_size=100, max_size=100))
    def collect(batch: list[str]) -> None:
        pool.extend(batch)

    collect()
    return pool


@pytest.fixture(scope="module")
def pool() -> list[str]:
    ids = generate_pool()
    assert len(ids) >= POOL_SIZE
    return ids


def arguments_with(action: Action, value: str) -> dict[str, Any]:
    args = dict(FULL_ARGUMENTS[action.name])
    (param,) = action.input.path_params
    args[param] = value
    return args


def expected_path(action: Action, value: str) -> str:
    """The template filled with `value` as the input model normalises it (an incident reference
    such as `INC-7` becomes `7`; surrounding spaces go)."""
    (param,) = action.input.path_params
    normalised = getattr(validate_arguments(action, arguments_with(action, value)), param)
    return re.sub(r"\{[a-z_]+\}", quote(normalised, safe=""), action.path)


def sent_path(action: Action, value: str) -> str | None:
    """The path the client sends for this id without a lookup, or None when it sends nothing to
    the action's path (refused, or a name to look up first)."""
    try:
        args = validate_arguments(action, arguments_with(action, value))
        build_path(action.path, action.request(args).path_params)
    except IncidentIOError:
        return None
    if not sent_as_given(action, args):
        return None
    (param,) = action.input.path_params
    return expected_path(action, str(getattr(args, param)))


def test_the_pool_is_large_and_hostile(pool: list[str]) -> None:
    assert len(pool) >= POOL_SIZE
    assert sum(".." in v for v in pool) > 500
    assert sum("/" in v for v in pool) > 500
    assert sum("?" in v or "#" in v for v in pool) > 500


def test_httpx2_sends_every_encoded_segment_unchanged(pool: list[str]) -> None:
    client = httpx2.AsyncClient(base_url="https://api.incident.io")
    checked = 0
    for value in pool:
        try:
            path = build_path("/v2/workflows/{id}", {"id": value})
        except IncidentIOError:
            continue
        request = client.build_request("DELETE", path)
        assert request.url.raw_path == path.encode(), value
        assert request.url.query == b""
        assert request.url.fragment == ""
        assert request.url.host == "api.incident.io"
        checked += 1
    assert checked > POOL_SIZE // 2


@pytest.mark.anyio
@pytest.mark.parametrize("action", PATH_ACTIONS, ids=lambda a: a.name)
async def test_generated_ids_never_reach_another_path_or_method(
    action: Action, pool: list[str]
) -> None:
    rejected: list[str] = []
    accepted: list[str] = []
    for value in pool:
        try:
            args = validate_arguments(action, arguments_with(action, value))
            path = build_path(action.path, action.request(args).path_params)
        except IncidentIOError:
            rejected.append(value)
            continue
        (param,) = action.input.path_params
        assert path == expected_path(action, str(getattr(args, param))), value
        accepted.append(value)

    sent: list[httpx2.Request] = []

    def record(request: httpx2.Request) -> httpx2.Response:
        sent.append(request)
        if not is_own_request(action, request):  # a name lookup: refused
            return httpx2.Response(500, json={"type": "internal_error"})
        if action.result is None:
            return httpx2.Response(action.success_status)
        return httpx2.Response(500, json={"type": "internal_error"})

    rng = random.Random(action.name)
    refused = set(rejected)
    sample = [
        *REGRESSIONS,
        *rng.sample(accepted, SAMPLE // 2),
        *rng.sample(rejected, min(len(rejected), SAMPLE // 2)),
    ]
    async with AsyncIncidentIO(
        "sk_test_path_fuzz_0123456789",
        transport=httpx2.MockTransport(record),
        pacing=None,
        max_retries=0,
    ) as io:
        for value in sample:
            before = len(sent)
            result = await io.call(action.name, arguments_with(action, value))
            action.output.model_validate(result)
            new = [r for r in sent[before:] if not is_lookup(action, r)]
            expected = None if value in refused else sent_path(action, value)
            if expected is None:
                assert new == [], value
                assert result["success"] is False
                continue
            [request] = new
            assert request.method == action.method, value
            raw_path = request.url.raw_path.partition(b"?")[0]
            assert raw_path == expected.encode(), value
            assert request.url.fragment == ""
    record_figure(
        f"path fuzz: {action.name}",
        f"{len(pool)} generated ids ({len(rejected)} rejected before I/O), {len(sample)} sent "
        f"through the client, 0 requests to another path or method",
    )


@pytest.mark.anyio
async def test_workflows_delete_never_deletes_a_custom_field() -> None:
    sent: list[httpx2.Request] = []

    def record(request: httpx2.Request) -> httpx2.Response:
        sent.append(request)
        return httpx2.Response(204)

    async with AsyncIncidentIO(
        "sk_test_path_fuzz_0123456789", transport=httpx2.MockTransport(record), pacing=None
    ) as io:
        result = await io.call("workflows_delete", {"id": "../custom_fields/01ABC"})
        other = await io.call("workflows_show", {"id": "x/../../v1/severities"})
    assert result["success"] is True
    assert [r.url.raw_path for r in sent] == [
        b"/v2/workflows/..%2Fcustom_fields%2F01ABC",
        b"/v2/workflows/x%2F..%2F..%2Fv1%2Fseverities",
    ]
    assert [r.method for r in sent] == ["DELETE", "GET"]
    assert other["success"] is False
