"""Field types shared by several resources' input models."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field


def split_commas(value: Any) -> Any:
    """Accept `"a, b"` as well as `["a", "b"]`: agents often send lists as one string."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


IdList = Annotated[list[str], BeforeValidator(split_commas)]
"""A list of ids, also accepted as one comma-separated string."""

IncidentMode = Literal["standard", "retrospective", "test", "tutorial"]
ListIncidentMode = Literal["standard", "retrospective", "test", "tutorial", "stream"]

Id = Annotated[str, Field(min_length=1)]


def id_field(description: str) -> Any:
    """A required path id (validated and percent-encoded by the path builder before any I/O)."""
    return Field(min_length=1, description=description)


def page_size_field(maximum: int, minimum: int = 1) -> Any:
    return Field(
        default=None,
        ge=minimum,
        le=maximum,
        description=f"Results per page ({minimum}-{maximum}, default 25).",
    )


AFTER_FIELD: Any = Field(
    default=None, description="Cursor: pagination_meta.after of the previous page."
)


JsonObject = dict[str, Any]
"""A free-form JSON object, passed to the API as given."""

INCIDENT_ID_FIELD: Any = Field(default=None, description="From incidents_list.")
