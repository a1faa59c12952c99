"""The redactor, the redacting log formatter and the debug-logging helper."""

from __future__ import annotations

import io
import logging

import httpx2
import pytest

from incidentio_toolkit import AsyncIncidentIO
from incidentio_toolkit.client._logging import (
    REDACTED,
    RedactingFormatter,
    Redactor,
    enable_debug_logging,
    redact,
    register_secret,
)

KEY = "sk_live_logging_canary_Q1w2E3r4T5y6U7"


def pieces(text: str, key: str = KEY) -> list[str]:
    return [key[i : i + 8] for i in range(len(key) - 7) if key[i : i + 8] in text]


@pytest.mark.parametrize(
    "leak",
    [KEY, KEY[:8], KEY[-8:], KEY[5:20], f"{KEY[:12]}\n{KEY[12:]}", KEY + KEY],
)
def test_redactor_removes_the_key_and_every_8_character_piece(leak: str) -> None:
    text = f"before {leak} after"
    redacted = Redactor([KEY]).text(text)
    assert pieces(redacted) == []
    assert redacted.startswith("before ")
    assert redacted.endswith(" after")
    assert REDACTED in redacted


def test_redactor_merges_overlapping_pieces_into_one_marker() -> None:
    assert Redactor([KEY]).text(f"[{KEY}]") == f"[{REDACTED}]"


def test_redactor_leaves_short_fragments_and_other_text_alone() -> None:
    text = f"id 01ABC {KEY[:7]} status 200"
    assert Redactor([KEY]).text(text) == text


def test_redactor_works_on_bytes() -> None:
    body = f'{{"echo": "Bearer {KEY}"}}'.encode()
    assert Redactor([KEY]).bytes(body) == f'{{"echo": "Bearer {REDACTED}"}}'.encode()
    assert Redactor([KEY]).bytes(b"clean") == b"clean"


def test_short_secrets_are_redacted_where_they_stand_alone() -> None:
    assert redact("key=abc123 here", "abc123") == f"key={REDACTED} here"
    assert redact("Bearer k", "k") == f"Bearer {REDACTED}"
    assert Redactor(["", "  "]).text("nothing to hide") == "nothing to hide"


def test_a_short_secret_never_garbles_the_words_that_contain_it() -> None:
    text = "workflows_update failed: check with workflows_show (k-value kept)"
    assert redact(text, "k") == text
    assert Redactor(["work"]).bytes(text.encode()) == text.encode()


def test_repr_of_a_redactor_shows_no_secret() -> None:
    assert KEY[:8] not in repr(Redactor([KEY]))


def test_formatter_redacts_registered_keys_bearer_tokens_and_tracebacks() -> None:
    register_secret(KEY)
    logger = logging.getLogger("tests.redacting")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(RedactingFormatter())
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    try:
        logger.debug("sending with %s", KEY)
        logger.info("Authorization: Bearer some-other-token-xyz")
        try:
            raise ValueError(f"bad key {KEY}")
        except ValueError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
    out = stream.getvalue()
    assert pieces(out) == []
    assert "some-other-token-xyz" not in out
    assert out.count(REDACTED) >= 3


def test_formatter_redacts_keys_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    env_key = "sk_env_only_key_abcdefghijkl"
    monkeypatch.setenv("INCIDENTIO_API_KEY", env_key)
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "key %s", (env_key,), None)
    assert env_key[:8] not in RedactingFormatter().format(record)


@pytest.mark.anyio
async def test_enable_debug_logging_logs_each_request_without_the_key() -> None:
    stream = io.StringIO()
    handler = enable_debug_logging(stream)
    package = logging.getLogger("incidentio_toolkit")
    try:

        def answer(request: httpx2.Request) -> httpx2.Response:
            return httpx2.Response(200, json={"workflow": {"id": "01WF"}})

        async with AsyncIncidentIO(KEY, transport=httpx2.MockTransport(answer), pacing=None) as io_:
            await io_.call("workflows_show", {"id": "01WF"})
    finally:
        package.removeHandler(handler)
        package.setLevel(logging.NOTSET)
    out = stream.getvalue()
    assert "GET /v2/workflows/01WF -> 200" in out
    assert "attempt 1" in out
    assert pieces(out) == []
