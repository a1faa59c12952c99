"""MCP elicitation: the person says yes before a call that changes, removes or pages.

When the client declared the elicitation capability, a call that `needs_confirmation` first puts
`question(...)` to the person. Accepting runs the call; declining or cancelling sends nothing and
answers `success: false` saying so. A client that cannot be asked gets today's behaviour (the
server instructions ask the model to confirm in the conversation), unless the server runs with
`--require-confirmation`: then the call is refused, nothing is sent, and the error names the flag.

The question travels as the protocol of the connection allows:

- up to 2025-11-25 (the `initialize` handshake), the server sends `elicitation/create` while the
  `tools/call` is open; that needs a back-channel, which stdio and stateful HTTP have and
  stateless HTTP and plain-JSON responses do not;
- from 2026-07-28, the `tools/call` answers `InputRequiredResult` with the question, and the
  client calls again carrying the answer. The answer is keyed by a digest of the tool, its
  arguments and the exact question, so it holds for nothing else, and it needs no state on the
  server: stateless replicas can ask too. A question that changed in between (someone else came
  on call) is asked again.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import mcp_types as types
from mcp_types.version import MODERN_PROTOCOL_VERSIONS, is_version_at_least

from incidentio_toolkit.actions import Action
from incidentio_toolkit.adapters._confirm import question
from incidentio_toolkit.client import IncidentIOError, error_text

if TYPE_CHECKING:
    from mcp.server.context import ServerRequestContext

    from incidentio_toolkit.client import AsyncIncidentIO

__all__ = ["REQUIRE_CONFIRMATION_FLAG", "confirm", "why_cannot_ask"]

REQUIRE_CONFIRMATION_FLAG = "--require-confirmation"

CONFIRM_SCHEMA: dict[str, Any] = {"type": "object", "properties": {}}
"""The form asks nothing more: accepting is the yes."""


def _modern(ctx: ServerRequestContext[Any]) -> bool:
    return is_version_at_least(ctx.protocol_version, MODERN_PROTOCOL_VERSIONS[0])


def why_cannot_ask(ctx: ServerRequestContext[Any]) -> str | None:
    """Why this request's client cannot be asked a question, or None when it can."""
    if not _modern(ctx) and not ctx.session.can_send_request:
        return (
            "this connection cannot carry a question to the client (stateless HTTP or plain-JSON "
            "responses, with a client older than MCP 2026-07-28)"
        )
    capabilities = ctx.session.client_capabilities
    elicitation = capabilities.elicitation if capabilities is not None else None
    if elicitation is None or (elicitation.form is None and elicitation.url is not None):
        return "this MCP client did not declare the elicitation capability"
    return None


def _refusal(action: Action, text: str) -> dict[str, Any]:
    return action.output(success=False, error=text).model_dump(mode="json")


def _answer_key(action: Action, arguments: Mapping[str, Any], asked: str) -> str:
    material = json.dumps([action.name, arguments, asked], sort_keys=True, default=str)
    digest = hashlib.sha256(material.encode()).digest()[:12]
    return "confirm-" + base64.urlsafe_b64encode(digest).decode().rstrip("=")


async def confirm(
    ctx: ServerRequestContext[Any],
    client: AsyncIncidentIO,
    action: Action,
    arguments: Mapping[str, Any],
    answers: Mapping[str, Any] | None,
    *,
    require: bool,
) -> dict[str, Any] | types.InputRequiredResult | None:
    """Ask the person about this call: None to go ahead, a contract output that refuses it
    (nothing sent), or the `InputRequiredResult` that carries the question (2026-07-28)."""
    reason = why_cannot_ask(ctx)
    if reason is not None:
        if not require:
            return None
        return _refusal(
            action,
            f"{action.name} needs a person's confirmation, but {reason}, and this server runs "
            f"with {REQUIRE_CONFIRMATION_FLAG}. Nothing was sent. Use an MCP client that "
            f"supports elicitation, or serve without {REQUIRE_CONFIRMATION_FLAG} to confirm in "
            "the conversation instead.",
        )
    try:
        asked = await question(client, action, arguments)
    except IncidentIOError as exc:
        secret = client.config.api_key.get_secret_value() or None
        return _refusal(action, error_text(exc, secret=secret))
    if _modern(ctx):
        key = _answer_key(action, arguments, asked)
        answer = (answers or {}).get(key)
        if not isinstance(answer, types.ElicitResult):
            params = types.ElicitRequestFormParams(message=asked, requested_schema=CONFIRM_SCHEMA)
            return types.InputRequiredResult(
                input_requests={key: types.ElicitRequest(params=params)}
            )
    else:
        from mcp.shared.exceptions import MCPError

        try:
            answer = await ctx.session.elicit_form(
                asked, CONFIRM_SCHEMA, related_request_id=ctx.request_id
            )
        except MCPError as exc:
            return _refusal(
                action, f"Could not ask for confirmation ({exc.message}): nothing was sent."
            )
    if answer.action == "accept":
        return None
    if answer.action == "decline":
        return _refusal(action, f"The user declined: {asked} Nothing was sent.")
    return _refusal(action, f"The user cancelled the question: {asked} Nothing was sent.")
