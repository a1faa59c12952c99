"""Client settings: arguments, then the environment, then the defaults; bad values refused."""

from __future__ import annotations

import pytest

from incidentio_toolkit.client import ClientConfig, PacingLimits
from incidentio_toolkit.defaults import (
    DEFAULT_BASE_URL,
    ESCALATION_CREATES_PER_MINUTE,
    REQUESTS_PER_MINUTE,
)

KEY = "sk_test_config_0123456789abcdef"


def test_defaults_are_incident_ios_address_and_budgets() -> None:
    config = ClientConfig.resolve(KEY)
    assert config.base_url == DEFAULT_BASE_URL
    assert config.pacing == PacingLimits(REQUESTS_PER_MINUTE, ESCALATION_CREATES_PER_MINUTE)
    assert (config.max_retries, config.deadline) == (2, 60.0)


def test_arguments_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INCIDENT_IO_API_KEY", "sk_env_second_name_0123456789")
    monkeypatch.setenv("INCIDENTIO_BASE_URL", "http://127.0.0.1:8765/")
    monkeypatch.setenv("INCIDENTIO_REDIS_URL", "redis://127.0.0.1:1")
    from_env = ClientConfig.resolve()
    assert from_env.api_key.get_secret_value() == "sk_env_second_name_0123456789"
    assert from_env.base_url == "http://127.0.0.1:8765"
    assert from_env.redis_url == "redis://127.0.0.1:1"
    given = ClientConfig.resolve(KEY, base_url="https://example.test", redis_url="redis://x")
    assert given.api_key.get_secret_value() == KEY
    assert (given.base_url, given.redis_url) == ("https://example.test", "redis://x")


def test_the_first_environment_name_wins_and_blank_ones_are_skipped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("INCIDENTIO_API_KEY", "   ")
    monkeypatch.setenv("INCIDENT_IO_API_KEY", "sk_env_second_name_0123456789")
    assert ClientConfig.resolve().api_key.get_secret_value() == "sk_env_second_name_0123456789"


@pytest.mark.parametrize("key", ["k", "short-key-15char"[:15]])
def test_implausibly_short_keys_are_refused_at_construction_without_quoting_them(key: str) -> None:
    with pytest.raises(ValueError, match=r"only \d+ characters long") as info:
        ClientConfig.resolve(key)
    assert f" {key} " not in str(info.value)
    assert "Settings -> API keys" in str(info.value)


def test_no_key_is_allowed_at_construction_and_reported_at_call_time() -> None:
    config = ClientConfig.resolve("")
    assert not config.has_key


def test_the_repr_shows_neither_the_key_nor_the_redis_url() -> None:
    text = repr(ClientConfig.resolve(KEY, redis_url="redis://:secretpass@host"))
    assert KEY not in text
    assert "secretpass" not in text
