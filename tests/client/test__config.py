"""Client settings: arguments, then the environment, then the defaults; bad values refused."""

from __future__ import annotations

import pytest

from incidentio_toolkit.client import ClientConfig, PacingLimits, pacing_limits
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


@pytest.mark.parametrize("url", ["localhost:8765", "127.0.0.1:8765", "ftp://host", "http:///v2"])
def test_a_base_url_that_is_not_http_is_refused_naming_the_setting_and_an_example(
    monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    for given in ({"base_url": url}, {}):
        monkeypatch.setenv("INCIDENTIO_BASE_URL", url)
        with pytest.raises(ValueError, match="is not an http:// or https:// URL") as info:
            ClientConfig.resolve(KEY, **given)
        assert repr(url) in str(info.value)
        assert "INCIDENTIO_BASE_URL" in str(info.value)
        assert "http://127.0.0.1:8765" in str(info.value)


def test_no_key_is_allowed_at_construction_and_reported_at_call_time() -> None:
    config = ClientConfig.resolve("")
    assert not config.has_key


def test_the_repr_shows_neither_the_key_nor_the_redis_url() -> None:
    text = repr(ClientConfig.resolve(KEY, redis_url="redis://:secretpass@host"))
    assert KEY not in text
    assert "secretpass" not in text


def test_pacing_budgets_come_from_the_environment_when_not_given(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("INCIDENTIO_REQUESTS_PER_MINUTE", " 600 ")
    monkeypatch.setenv("INCIDENTIO_ESCALATIONS_PER_MINUTE", "6")
    assert ClientConfig.resolve(KEY).pacing == PacingLimits(600, 6)
    assert pacing_limits(per_minute=30) == PacingLimits(30, 6)
    explicit = PacingLimits(per_minute=5)
    assert ClientConfig.resolve(KEY, pacing=explicit).pacing == explicit
    assert ClientConfig.resolve(KEY, pacing=None).pacing is None


def test_one_budget_from_the_environment_keeps_the_other_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("INCIDENTIO_ESCALATIONS_PER_MINUTE", "10")
    assert pacing_limits() == PacingLimits(REQUESTS_PER_MINUTE, 10)


@pytest.mark.parametrize("value", ["0", "-5", "1.5", "lots"])
def test_a_bad_budget_in_the_environment_names_the_variable_and_the_fix(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("INCIDENTIO_REQUESTS_PER_MINUTE", value)
    with pytest.raises(
        ValueError, match="INCIDENTIO_REQUESTS_PER_MINUTE must be a whole number"
    ) as info:
        ClientConfig.resolve(KEY)
    assert repr(value) in str(info.value)
    assert "unset it to use incident.io's 1200" in str(info.value)


def test_a_budget_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1 request per minute, not 0"):
        pacing_limits(per_minute=0)
