"""One of the processes of the cross-process pacing test (run by test_pacing_window.py).

    python pacing_worker.py REDIS_URL START_AT CALLS PER_WINDOW WINDOW_SECONDS

Waits until the wall-clock instant START_AT, makes CALLS calls from 4 concurrent tasks through a
client whose pacing budget lives in Redis, and prints a JSON object with the wall-clock instant of
every request its transport saw and the number of failed calls.
"""

from __future__ import annotations

import json
import sys
import time

import anyio
import httpx2

from incidentio_toolkit import AsyncIncidentIO, PacingLimits

API_KEY = "sk_test_shared_budget_0123456789abcdef"


def main(argv: list[str]) -> None:
    redis_url, start_at, calls, per_window, window = argv
    sent: list[float] = []
    failures: list[str] = []

    def handler(request: httpx2.Request) -> httpx2.Response:
        sent.append(time.time())
        return httpx2.Response(200, json={"severities": []})

    async def run() -> None:
        pacing = PacingLimits(
            per_minute=int(per_window), escalations_per_minute=int(per_window), window=int(window)
        )
        remaining = [int(calls)]
        async with AsyncIncidentIO(
            API_KEY,
            transport=httpx2.MockTransport(handler),
            pacing=pacing,
            redis_url=redis_url,
        ) as io:

            async def caller() -> None:
                while remaining[0] > 0:
                    remaining[0] -= 1
                    result = await io.call("severities_list", {})
                    if not result["success"]:
                        failures.append(result["error"])

            # Warm up the Redis connection and scripts on another key's budget, so the first
            # measured requests are not delayed by connection setup.
            pacer = io._pacer  # pyright: ignore[reportPrivateUsage]
            assert pacer is not None
            await pacer.acquire("warm-up-key", "severities_list")
            await anyio.sleep(max(float(start_at) - time.time(), 0))
            async with anyio.create_task_group() as group:
                for _ in range(4):
                    group.start_soon(caller)
            shared = io._pacer is not None and io._pacer.shared  # pyright: ignore[reportPrivateUsage]
        print(json.dumps({"sent": sent, "failures": failures, "shared": shared}))

    anyio.run(run)


if __name__ == "__main__":
    main(sys.argv[1:])
