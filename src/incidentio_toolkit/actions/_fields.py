"""Field types shared by several resources' input models."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import Annotated, Any, Literal, cast

from pydantic import AfterValidator, BeforeValidator, Field


def split_commas(values: str | Iterable[str]) -> list[str]:
    """`"a, b"` or `["a", "b,c"]` -> `["a", "b", "c"]`: people and agents often send a list as
    one comma-separated string. Blank parts are dropped."""
    texts = [values] if isinstance(values, str) else values
    return [part.strip() for text in texts for part in text.split(",") if part.strip()]


def _comma_separated(value: Any) -> Any:
    if isinstance(value, str):
        return split_commas(value)
    items = cast(list[object], value) if isinstance(value, list) else [value]
    if all(isinstance(item, str) for item in items):
        return split_commas(cast(list[str], items))
    return cast(Any, value)  # anything else is left for pydantic to reject with its own message


IdList = Annotated[list[str], BeforeValidator(_comma_separated)]
"""A list of ids, also accepted as one comma-separated string."""

IncidentMode = Literal["standard", "retrospective", "test", "tutorial"]
ListIncidentMode = Literal["standard", "retrospective", "test", "tutorial", "stream"]


def id_field(description: str | None = None) -> Any:
    """A required path id (validated and percent-encoded by the path builder before any I/O)."""
    return Field(min_length=1, description=description)


def page_size_field(maximum: int, minimum: int = 1) -> Any:
    """Results per page; incident.io defaults to 25."""
    return Field(default=None, ge=minimum, le=maximum)


AFTER_FIELD: Any = Field(default=None, description="From pagination_meta.after.")


JsonObject = dict[str, Any]
"""A free-form JSON object, passed to the API as given."""

INCIDENT_ID_FIELD: Any = Field(default=None, description="From incidents_list.")


def rfc3339(value: str) -> str:
    """Check an ISO 8601 time with a UTC offset and return it in RFC 3339 form (`...T09:00:00Z`)."""
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(
            f"{value!r} is not an ISO 8601 time such as 2026-11-26T09:00:00Z"
        ) from None
    if moment.tzinfo is None:
        raise ValueError(f"{value!r} has no UTC offset: add Z or +HH:MM")
    text = moment.isoformat()
    return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text


Timestamp = Annotated[str, AfterValidator(rfc3339)]
"""An ISO 8601 time with a UTC offset, sent in RFC 3339 form."""


_REFERENCE = re.compile(r"#?\s*(?:INC-?\s*)?(\d+)", re.IGNORECASE)
_LOOKS_LIKE_REFERENCE = re.compile(r"#|INC-", re.IGNORECASE)
_ID_EXAMPLE = "an incident id such as 01FDAG4SAP5TYPT98WGR2N7W91"


def incident_number(value: str) -> str | None:
    """The number of an incident reference as people paste it (`INC-123`, `inc-123`,
    `#INC-123`, `#123`, `123`, spaces around), or `None` when `value` is not one."""
    match = _REFERENCE.fullmatch(value.strip())
    return None if match is None else str(int(match[1]))


def incident_id_or_number(value: str) -> str:
    """What `GET /v2/incidents/{id}` takes: an incident id, or the bare number of a reference
    (incident.io answers 404 for `INC-123`, so a pasted reference becomes `123`)."""
    number = incident_number(value)
    if number is not None:
        return number
    text = value.strip()
    if not text or _LOOKS_LIKE_REFERENCE.match(text) or any(c.isspace() for c in text):
        raise ValueError(
            f"{value!r} is neither an incident reference such as INC-123 nor {_ID_EXAMPLE}"
        )
    return text


def incident_id_only(value: str) -> str:
    """An incident id for the operations that take no reference (editing): a pasted reference is
    refused with where to find the id."""
    number = incident_number(value)
    if number is not None:
        raise ValueError(
            f"{value!r} is an incident reference, but this action needs {_ID_EXAMPLE}: "
            f"incidents_show(id={number!r}) returns it as incident.id"
        )
    text = value.strip()
    if not text or _LOOKS_LIKE_REFERENCE.match(text) or any(c.isspace() for c in text):
        raise ValueError(f"{value!r} is not {_ID_EXAMPLE}")
    return text


IncidentIdOrNumber = Annotated[str, AfterValidator(incident_id_or_number)]
"""An incident id, or a pasted reference normalised to its number (`INC-123` → `123`)."""

IncidentIdOnly = Annotated[str, AfterValidator(incident_id_only)]
"""An incident id; a pasted reference is refused with how to get the id."""
