"""Field types shared by several resources' input models."""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Annotated, Any, Literal, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import AfterValidator, BaseModel, BeforeValidator, Field


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


AFTER_FIELD: Any = Field(default=None)
"""The cursor of list actions: the previous page's `pagination_meta.after`. Described once (the
MCP server's instructions), as it means the same on every list tool."""


JsonObject = dict[str, Any]
"""A free-form JSON object, passed to the API as given."""

INCIDENT_ID_FIELD: Any = Field(default=None)

FieldPaths = Annotated[list[str], BeforeValidator(_comma_separated)]
"""Dotted paths of the object to return (`["reference", "severity.name"]`), also accepted as one
comma-separated string; `["*"]` is the full object."""

FIELDS_FIELD: Any = Field(default=None)
"""The toolkit's `fields` parameter of every list and show action: applied to the answer,
never sent to incident.io (see `ActionInput.toolkit_params`). It has no description of its own:
agent surfaces describe it once (the MCP server's instructions, docs/agents.md), since it means
the same on every tool."""


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


@functools.cache
def _time_zone_names() -> frozenset[str]:
    """The IANA names of the system's time zone database (empty when it has none)."""
    return frozenset(available_timezones())


def time_zone(value: str) -> str:
    """Check an IANA time zone name (`Europe/London`, `UTC`) and return it trimmed. Without a
    time zone database on this machine every name is taken, and incident.io judges it."""
    name = value.strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):  # unknown, or not a key at all ("../x")
        known = _time_zone_names()
        if known:
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            hint = f" (closest: {close[0]})" if close else ""
            raise ValueError(
                f"{value!r} is not a time zone{hint}: give an IANA name such as Europe/London, "
                "America/New_York or UTC"
            ) from None
    return name


TimeZone = Annotated[str, AfterValidator(time_zone)]
"""An IANA time zone name, checked against the system's time zone database."""


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


IncidentIdOrNumber = Annotated[str, AfterValidator(incident_id_or_number)]
"""An incident id, or a pasted reference normalised to its number (`INC-123` → `123`)."""


USER_REFERENCE_FIELDS = (
    ("user_id", "id"),
    ("user_email", "email"),
    ("user_slack_id", "slack_user_id"),
)
"""The flat parameters of a `UserReferencePayloadV2` and the keys they fill in the API's `user`."""


def check_user_and_window(user: dict[str, str | None], start_at: str, end_at: str) -> None:
    """An override names a user (by id, email or Slack id) and ends after it starts."""
    if all(value is None for value in user.values()):
        raise ValueError(
            "No user for the override: give user_id (from users_list), user_email or user_slack_id."
        )
    if datetime.fromisoformat(end_at) <= datetime.fromisoformat(start_at):
        raise ValueError(f"end_at ({end_at}) must be after start_at ({start_at}).")


def with_user_object(values: JsonObject) -> JsonObject:
    """`values` with the flat user parameters moved into the API's `user` object."""
    user: JsonObject = {
        key: values.pop(name) for name, key in USER_REFERENCE_FIELDS if name in values
    }
    return {**values, "user": user}


def filter_query(
    arguments: BaseModel, plain: Iterable[str], filters: Iterable[tuple[str, str]]
) -> list[tuple[str, str]]:
    """The query of a list with bracket filters: each `plain` parameter as itself, then each
    `(parameter, key)` of `filters` as `key` (`status[one_of]`), once per value; dates in ISO form.
    Parameters not given are left out."""
    query: list[tuple[str, str]] = []
    for name in plain:
        value = getattr(arguments, name)
        if value is not None:
            query.append((name, str(value)))
    for name, key in filters:
        value = getattr(arguments, name)
        if value is None:
            continue
        values: list[object] = (
            list(cast(list[object], value)) if isinstance(value, list) else [value]
        )
        query.extend(
            (key, item.isoformat() if isinstance(item, date) else str(item)) for item in values
        )
    return query
