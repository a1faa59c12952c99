"""Input fuzz: 200 generated argument sets per action, 0 contract violations.

Argument sets are a valid set mutated by hypothesis (parameters dropped, replaced by values of any
JSON type, unknown parameters added), or not an object at all. For each: the result validates
against the action's output model; arguments the input model refuses give `success: false` and send
nothing; arguments it accepts send exactly one request and succeed against a well-behaved server.
A name given where an id is expected may first be looked up (a GET on its catalog, which this
server refuses): then the action is not sent either.
"""

from __future__ import annotations

import functools
from typing import Any

import httpx2
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from tests.arguments_support import FULL_ARGUMENTS, success_body
from tests.names_support import is_lookup, is_own_request, sent_as_given
from tests.reliability.figures_support import add_to_figure

from incidentio_toolkit import ACTIONS, AsyncIncidentIO
from incidentio_toolkit.actions import Action
from incidentio_toolkit.client._errors import IncidentIOError
from incidentio_toolkit.client._paths import build_path

PER_ACTION = 200
JSON_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=30),
        st.sampled_from(["", "..", "2026-13-45", "2026-11-26T09:00:00Z", "01ABC", "a,b", "-1"]),
    ),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)
MUTATION = st.tuples(
    st.sampled_from(["drop", "replace", "add", "keep"]),
    st.integers(min_value=0, max_value=1000),
    JSON_VALUES,
    st.text(min_size=1, max_size=12),
)


def mutate(base: dict[str, Any], plan: list[tuple[str, int, Any, str]]) -> dict[str, Any]:
    args = dict(base)
    for op, index, value, name in plan:
        keys = list(args)
        if op == "drop" and keys:
            args.pop(keys[index % len(keys)])
        elif op == "replace" and keys:
            args[keys[index % len(keys)]] = value
        elif op == "add":
            args[name] = value
    return args


@functools.cache
def mutation_plans() -> tuple[list[tuple[str, int, Any, str]], ...]:
    """PER_ACTION hypothesis-generated mutation plans, shared by every action (a plan picks
    parameters by index, so each action gets its own argument sets from it)."""
    plans: list[list[tuple[str, int, Any, str]]] = []

    @settings(
        max_examples=PER_ACTION // 10,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.lists(st.lists(MUTATION, max_size=3), min_size=10, max_size=10))
    def collect(batch: list[list[tuple[str, int, Any, str]]]) -> None:
        plans.extend(batch)

    collect()
    return tuple(plans)


def generate(action: Action) -> list[Any]:
    base = FULL_ARGUMENTS[action.name]
    return [None, [], "incident", 42, {}, *(mutate(base, plan) for plan in mutation_plans())]


def acceptable(action: Action, arguments: Any) -> bool:
    """Independently of the client: does the input model take these, and the path builder?"""
    if not isinstance(arguments, dict):
        return arguments is None and not any(
            f.is_required() for f in action.input.model_fields.values()
        )
    try:
        model = action.input.model_validate(arguments)
        build_path(action.path, action.request(model).path_params)
    except (ValidationError, IncidentIOError):
        return False
    fields = getattr(model, "fields", None)
    if fields is not None and action.projection is not None and action.projection.problem(fields):
        return False
    return sent_as_given(action, model)


@pytest.mark.anyio
@pytest.mark.parametrize("action", list(ACTIONS.values()), ids=lambda a: a.name)
async def test_generated_arguments_never_break_the_contract(action: Action) -> None:
    sent: list[httpx2.Request] = []

    def server(request: httpx2.Request) -> httpx2.Response:
        sent.append(request)
        if not is_own_request(action, request):  # a name lookup: this server refuses it
            return httpx2.Response(500, json={"type": "internal_error"})
        if action.result is None:
            return httpx2.Response(action.success_status)
        return httpx2.Response(action.success_status, json=success_body(action))

    sets = generate(action)
    assert len(sets) >= PER_ACTION
    violations: list[str] = []
    accepted = refused = 0
    async with AsyncIncidentIO(
        "sk_test_input_fuzz_0123456789", transport=httpx2.MockTransport(server), pacing=None
    ) as io:
        for arguments in sets:
            before = len(sent)
            result = await io.call(action.name, arguments)
            new = sent[before:]
            requests = sum(is_own_request(action, r) for r in new)
            strays = [r for r in new if not is_own_request(action, r) and not is_lookup(action, r)]
            if strays:
                violations.append(f"{arguments!r:.200}: sent {strays[0]!r} (not a name lookup)")
            try:
                model = action.output.model_validate(result)
            except ValidationError as exc:
                violations.append(f"{arguments!r:.200}: invalid output {exc}")
                continue
            if acceptable(action, arguments):
                accepted += 1
                if not (model.success and requests == 1):
                    violations.append(f"{arguments!r:.200}: accepted but {result!r:.300}")
            else:
                refused += 1
                if model.success or requests != 0 or not model.error:
                    violations.append(f"{arguments!r:.200}: refused input sent {requests}")
    add_to_figure(
        "input fuzz",
        "{sets} argument sets ({accepted} valid, {refused} refused), "
        "{violations} contract violations",
        {
            "sets": len(sets),
            "accepted": accepted,
            "refused": refused,
            "violations": len(violations),
        },
    )
    assert violations == []
