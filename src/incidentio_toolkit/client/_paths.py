"""The one place path parameters become URL segments.

Each value is checked, then percent-encoded as a single segment, so an id can never climb to another
path (`../custom_fields/X`), start a query (`?`) or a fragment (`#`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import quote, unquote

from incidentio_toolkit.client._errors import InvalidArgumentsError

MAX_ID_LENGTH = 256
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def check_segment(name: str, value: str) -> None:
    """Reject values that cannot be a single, literal path segment."""
    if not value.strip():
        raise InvalidArgumentsError(
            f"{name} must not be empty: pass the id from the matching list action."
        )
    if len(value) > MAX_ID_LENGTH:
        raise InvalidArgumentsError(
            f"{name} is {len(value)} characters long; ids are at most {MAX_ID_LENGTH}."
        )
    if _CONTROL.search(value):
        raise InvalidArgumentsError(f"{name} contains a control character; pass the plain id.")
    decoded = value
    for _ in range(3):  # catch %2e%2e and %252e%252e alike
        decoded = unquote(decoded)
        if decoded.strip() in (".", "..") or _CONTROL.search(decoded):
            raise InvalidArgumentsError(f"{name}={value!r} is not a valid id: pass the plain id.")


def build_path(template: str, params: Mapping[str, str]) -> str:
    """Fill `{name}` placeholders with checked, percent-encoded values."""

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        value = params[name]
        check_segment(name, value)
        return quote(value, safe="")

    return _PLACEHOLDER.sub(fill, template)


def raw_path(path: str) -> str:
    """A literal API path (`/v2/incidents/01ABC`) for a raw request: each segment checked like an
    id and percent-encoded where it must be (existing `%XX` escapes are kept)."""
    if not path.startswith("/") or path.startswith("//"):
        raise InvalidArgumentsError(
            f"{path!r} is not an API path: give one that starts with / (e.g. /v2/incidents)."
        )
    if "?" in path or "#" in path:
        raise InvalidArgumentsError(
            f"{path!r} holds a query or fragment: pass query parameters separately."
        )
    segments = path[1:].split("/")
    for index, segment in enumerate(segments):
        if segment or index < len(segments) - 1:
            check_segment(f"path segment {index + 1}", segment)
    return "/" + "/".join(quote(segment, safe="%-._~!$&'()*+,;=:@") for segment in segments)
