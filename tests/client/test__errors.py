"""The error tree, incident.io's envelope parser and the contract's error text."""

from __future__ import annotations

import json

import pytest

from incidentio_toolkit.client._errors import (
    MAX_ERROR_CHARS,
    APIStatusError,
    AuthenticationError,
    ErrorEnvelope,
    InternalServerError,
    OutcomeUnknownError,
    RateLimitError,
    ReadTimeout,
    body_snippet,
    error_text,
    parse_envelope,
    status_error_class,
)

KEY = "sk_live_errors_canary_Z9q8w7e6r5t4"


def test_parse_envelope_reads_every_field() -> None:
    body = {
        "type": "validation_error",
        "status": 422,
        "request_id": "req-123",
        "errors": [
            {"code": "missing", "message": "Name is required", "source": {"field": "name"}},
            {"code": "bad", "message": "Bad pointer", "source": {"pointer": "/steps/0"}},
            {"code": "meta", "message": "With metadata", "metadata": {"x": 1}},
        ],
        "rate_limit": {"name": "key", "limit": 1200, "remaining": 0, "retry_after": "5"},
    }
    envelope = parse_envelope(json.dumps(body).encode())
    assert envelope.type == "validation_error"
    assert envelope.request_id == "req-123"
    assert [(e.code, e.message, e.field) for e in envelope.errors] == [
        ("missing", "Name is required", "name"),
        ("bad", "Bad pointer", "/steps/0"),
        ("meta", "With metadata", None),
    ]
    assert envelope.rate_limit_retry_after == "5"
    assert envelope.raw is None


@pytest.mark.parametrize(
    ("body", "raw"),
    [
        (b"", ""),
        (b"   ", ""),
        (b"null", "null"),
        (b"[1, 2]", "[1, 2]"),
        (b'{"type": "x"', '{"type": "x"'),
        (b"<html>\n<b>502</b>\n</html>", "<html> <b>502</b> </html>"),
        (b"{}", "{}"),
        (b'{"status": 500}', '{"status": 500}'),
        (b"\xff\xfe not utf-8", "\ufffd\ufffd not utf-8"),
        (b"[" * 100_000, "[" * 499 + "…"),
    ],
)
def test_parse_envelope_tolerates_anything(body: bytes, raw: str) -> None:
    envelope = parse_envelope(body)
    assert envelope.raw == raw
    assert envelope.errors == []


def test_envelope_fields_of_the_wrong_type_are_ignored() -> None:
    body = {"type": {"nested": 1}, "request_id": 7, "errors": ["x", {"source": "field"}]}
    envelope = parse_envelope(json.dumps(body).encode())
    assert envelope.type is None
    assert envelope.request_id == "7"
    assert len(envelope.errors) == 1


def test_body_snippet_is_one_line_of_at_most_500_characters() -> None:
    snippet = body_snippet(b"<html>\r\n\t" + b"A" * 5000)
    assert len(snippet) == 500
    assert snippet.startswith("<html> AAA")
    assert snippet.endswith("…")
    assert "\n" not in snippet


def test_status_error_text_names_status_type_codes_fields_and_request_id() -> None:
    envelope = parse_envelope(
        json.dumps(
            {
                "type": "validation_error",
                "request_id": "req-9",
                "errors": [
                    {"code": "invalid", "message": "Bad id", "source": {"field": "severity_id"}}
                ],
            }
        ).encode()
    )
    text = str(status_error_class(422)(422, envelope))
    for part in ("422", "validation_error", "invalid", "Bad id", "'severity_id'", "req-9"):
        assert part in text
    assert "Fix the fields" in text


def test_long_envelopes_stay_bounded_and_keep_status_and_request_id() -> None:
    errors = [
        {"code": f"code_{i}", "message": "m" * 300, "source": {"field": "f" * 300}}
        for i in range(20)
    ]
    body = {"type": "t" * 1000, "request_id": "req-last", "errors": errors}
    exc = status_error_class(422)(422, parse_envelope(json.dumps(body).encode()))
    wrapped = OutcomeUnknownError("workflows_delete", "workflows_show", exc)
    for error in (exc, wrapped):
        text = error_text(error)
        assert len(text) <= MAX_ERROR_CHARS
        assert "422" in text
        assert "req-last" in text
        assert "more)" in text
    assert error_text(wrapped).startswith("Outcome unknown")
    assert "check with workflows_show before retrying" in error_text(wrapped)


def test_status_families_map_to_classes() -> None:
    assert status_error_class(401) is AuthenticationError
    assert status_error_class(429) is RateLimitError
    assert status_error_class(503) is InternalServerError
    assert status_error_class(418) is APIStatusError
    for status in (400, 401, 403, 404, 405, 406, 408, 409, 412, 413, 422, 429, 500):
        assert status_error_class(status)(status, ErrorEnvelope()).hint


def test_retry_after_is_stated_in_seconds() -> None:
    text = str(RateLimitError(429, ErrorEnvelope(type="too_many_requests"), retry_after=12.2))
    assert "wait 13 s" in text


def test_outcome_unknown_puts_the_advice_first() -> None:
    error = OutcomeUnknownError(
        "custom_fields_create", "custom_fields_list", ReadTimeout("read timeout")
    )
    assert str(error).startswith(
        "Outcome unknown: custom_fields_create may have reached incident.io"
    )
    assert "check with custom_fields_list before retrying" in str(error)
    assert error.check_with == "custom_fields_list"


def test_error_text_redacts_the_key_and_any_piece_of_it() -> None:
    echoed = RuntimeError(f"header was Bearer {KEY}; later {KEY[3:15]} and {KEY[-9:]}")
    text = error_text(echoed, secret=KEY)
    assert text.startswith("Unexpected RuntimeError")
    for i in range(len(KEY) - 7):
        assert KEY[i : i + 8] not in text
    assert "[redacted]" in text


def test_error_text_is_bounded() -> None:
    text = error_text(RuntimeError("x" * 10_000))
    assert len(text) == MAX_ERROR_CHARS
    assert text.endswith("…")
