"""Request parsing and response building shared by the handlers."""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from incidentio_toolkit.sandbox._context import Sandbox
from incidentio_toolkit.sandbox._schema import check_body, request_schema
from incidentio_toolkit.sandbox._util import JSON, dumps
from incidentio_toolkit.sandbox._validate import Fields
from incidentio_toolkit.sandbox.errors import (
    BadRequestError,
    PayloadTooLargeError,
    invalid,
    missing,
)
from incidentio_toolkit.sandbox.store import Page
from incidentio_toolkit.sandbox.store._filters import BracketParam, parse_brackets

Handler = Callable[[Sandbox, Request], Awaitable[Response]]
RESULT_PAGE_SIZE_MAX = 250  # pagination_meta.page_size never exceeds this in the spec
MAX_BODY_BYTES = 1024 * 1024
"""The largest request body the sandbox reads (every payload of the API is far smaller)."""
_INTEGER = re.compile(r"[+-]?[0-9]+")  # what the API's integer parser takes (no "1_0", no spaces)


class JSONText(Response):
    """A response whose body is already JSON text."""

    media_type = "application/json"


def json_response(data: JSON, status: int = 200) -> Response:
    """Serialize `data` as compact JSON."""
    return JSONText(dumps(data), status_code=status)


def empty_response(status: int) -> Response:
    """A response without a body (204/202)."""
    return Response(status_code=status)


def spliced(key: str, texts: Sequence[str], extra: JSON | None = None) -> Response:
    """`{key: [...stored texts...], **extra}` without re-serializing stored objects."""
    body = '{"' + key + '":[' + ",".join(texts) + "]"
    if extra:
        body += "," + dumps(extra)[1:-1]
    return JSONText(body + "}")


def wrapped(key: str, text: str, status: int = 200) -> Response:
    """`{key: <stored text>}`."""
    return JSONText('{"' + key + '":' + text + "}", status_code=status)


async def read_body(request: Request) -> Fields:
    """The JSON object body (an empty body counts as `{}`), checked against the request schema of
    the operation being served (`sandbox._schema`).

    A body sent with a content type other than JSON is a 400; one larger than `MAX_BODY_BYTES`
    is a 413, refused before more than that is read.
    """
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise _too_large()
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise _too_large()
        chunks.append(chunk)
    raw = b"".join(chunks)
    if not raw.strip():
        return _checked(request, {})
    media_type = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if media_type and media_type != "application/json" and not media_type.endswith("+json"):
        raise BadRequestError(
            f"The request body was sent as {media_type!r}: send it as JSON, with "
            "Content-Type: application/json",
            code="unsupported_content_type",
        )
    try:
        data: Any = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise BadRequestError("The request body is not valid JSON") from None
    return _checked(request, data)


def _checked(request: Request, data: Any) -> Fields:
    """`data` as `Fields`, once it passes its operation's request schema in the spec."""
    operation: tuple[str, str] | None = getattr(request.state, "operation", None)
    schema = None if operation is None else request_schema(*operation)
    if schema is not None:
        check_body(schema, data)
    return Fields.of(data, "")


def _too_large() -> PayloadTooLargeError:
    return PayloadTooLargeError(
        f"The request body is larger than {MAX_BODY_BYTES} bytes: send a smaller body"
    )


def query_str(request: Request, name: str, *, required: bool = False) -> str | None:
    """A single query parameter."""
    value = request.query_params.get(name)
    if value is None and required:
        raise missing(name)
    return value


def query_bool(request: Request, name: str) -> bool | None:
    """A boolean query parameter (`true`/`false`)."""
    value = request.query_params.get(name)
    if value is None:
        return None
    if value.lower() not in ("true", "false"):
        raise invalid(name, f"{name} must be true or false")
    return value.lower() == "true"


def query_enum(request: Request, name: str, values: Sequence[str]) -> str | None:
    """A query parameter restricted to `values`."""
    value = request.query_params.get(name)
    if value is not None and value not in values:
        raise invalid(name, f"{name} must be one of: {', '.join(values)}")
    return value


def page_size(request: Request, *, maximum: int, minimum: int = 1, default: int = 25) -> int:
    """The requested `page_size` (422 outside `[minimum, maximum]`)."""
    raw = request.query_params.get("page_size")
    if raw is None:
        return default
    if not _INTEGER.fullmatch(raw):
        raise invalid("page_size", f"page_size must be an integer, not {raw!r}")
    value = int(raw)
    if value < minimum or value > maximum:
        raise invalid("page_size", f"page_size must be between {minimum} and {maximum}")
    return value


def pagination_meta(page: Page, size: int) -> JSON:
    """`PaginationMetaResultV2` (plus `total_record_count` when counted)."""
    meta: JSON = {"page_size": size}
    if page.after is not None:
        meta["after"] = page.after
    if page.total is not None:
        meta["total_record_count"] = page.total
    return meta


def bracket_params(request: Request) -> list[BracketParam]:
    """Every `name[op]=value` query parameter, repeated keys included."""
    return parse_brackets(request.query_params.multi_items())


def path_id(request: Request) -> str:
    """The `{id}` path parameter."""
    value: str = request.path_params["id"]
    return value


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One operation: method, path template, handler and optional extra rate-limit bucket."""

    method: str
    path: str
    handler: Handler
    bucket: str | None = None
