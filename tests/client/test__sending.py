"""The way out of one request (`client/_sending.py`): pacing, the deadline and retries together."""

from __future__ import annotations

import httpx2
import pytest
import time_machine

from incidentio_toolkit import AsyncIncidentIO, PacingLimits

KEY = "sk_test_sending_0123456789abcdef"
START = 1_800_000_000.0


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("action", "arguments", "expected"),
    [
        (
            "escalations_create",
            {
                "idempotency_key": "page-1",
                "title": "Disk full",
                "escalation_path_id": "01JEP000000000000000000000",
            },
            "retry with the same idempotency_key",
        ),
        ("escalations_show", {"id": "01JES000000000000000000000"}, "past the call's"),
    ],
)
async def test_a_retry_held_by_pacing_past_the_deadline_says_an_attempt_was_sent(
    action: str, arguments: dict[str, object], expected: str
) -> None:
    sent: list[httpx2.Request] = []

    def timed_out(request: httpx2.Request) -> httpx2.Response:
        sent.append(request)
        raise httpx2.ReadTimeout("injected read timeout", request=request)

    with time_machine.travel(START, tick=False) as traveller:

        async def sleep(seconds: float) -> None:
            traveller.shift(seconds)

        pacing = PacingLimits(per_minute=1, escalations_per_minute=1)
        async with AsyncIncidentIO(
            KEY, transport=httpx2.MockTransport(timed_out), pacing=pacing, sleep=sleep
        ) as io:
            result = await io.call(action, arguments)
    assert len(sent) == 1
    assert result["success"] is False
    assert "Nothing was sent" not in result["error"]
    assert "injected read timeout" in result["error"]
    assert expected in result["error"]
