"""Helpers for the action tests: build a request as the client does and check it on the spec."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError
from tests.openapi_support import concrete_path, validate_request

from incidentio_toolkit.actions import ACTIONS, ApiRequest


def built(name: str, arguments: dict[str, Any]) -> ApiRequest:
    """Validate `arguments`, build the request, and check it against the OpenAPI spec."""
    action = ACTIONS[name]
    request = action.request(action.input.model_validate(arguments))
    path = concrete_path(action.path, dict(request.path_params))
    validate_request(action.method, path, request.query, request.json)
    return request


def rejected(name: str, arguments: dict[str, Any]) -> str:
    """The validation error text for arguments the action must refuse."""
    with pytest.raises(ValidationError) as info:
        ACTIONS[name].input.model_validate(arguments)
    return str(info.value)


def sets_every_parameter(name: str, arguments: dict[str, Any]) -> bool:
    """True when `arguments` sets every parameter a request can carry (a "full" argument set;
    the toolkit's own `fields` and `dry_run` never reach a request)."""
    model = ACTIONS[name].input
    return set(arguments) == set(model.model_fields) - model.toolkit_params
