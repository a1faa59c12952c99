"""Secret hygiene for text and logs: a redactor, a redacting log formatter, and debug logging.

The API key must never appear in a result, an error, a log line or a repr, not even in part. A
`Redactor` replaces every run of the key's text that is 8 characters or longer, so a fragment echoed
back by a proxy or cut in half by truncation is caught too. Clients refuse keys shorter than
`MIN_SECRET_LENGTH`, so an 8-character piece of a key is never a common word; a shorter secret given
here directly is replaced only where it stands alone as a token, never inside other words.

    from incidentio_toolkit.client import enable_debug_logging
    handler = enable_debug_logging()          # DEBUG lines for every request, key-free
    ...
    logging.getLogger("incidentio_toolkit").removeHandler(handler)
"""

from __future__ import annotations

import logging
import os
import re
import sys
import threading
from collections.abc import Iterable
from functools import lru_cache
from typing import AnyStr, TextIO

from incidentio_toolkit.defaults import API_KEY_ENV_VARS

REDACTED = "[redacted]"
FRAGMENT = 8
"""Any run of this many characters of a secret counts as a leak."""
MIN_SECRET_LENGTH = 16
"""Shorter API keys are refused: no real incident.io key is this short, and redacting pieces of a
short key would garble ordinary text."""

_BEARER = re.compile(r"(?i)\b(bearer)\s+[^\s\"',;]+")
_WORD_CHARACTER = r"[A-Za-z0-9_\-]"

_registered: dict[str, None] = {}
_registered_lock = threading.Lock()


class Redactor:
    """Replaces a secret, and any piece of it of `FRAGMENT` characters or more, with `[redacted]`."""

    __slots__ = ("_anchors", "_byte_anchors", "_bytes_pattern", "_text_pattern")

    def __init__(self, secrets: Iterable[str]) -> None:
        pieces: set[str] = set()
        anchors: set[str] = set()
        for secret in secrets:
            secret = secret.strip()
            if not secret:
                continue
            if len(secret) <= FRAGMENT:
                # A whole short token, never the same letters inside another word.
                pieces.add(f"(?<!{_WORD_CHARACTER}){re.escape(secret)}(?!{_WORD_CHARACTER})")
                anchors.add(secret)
            else:
                pieces.update(
                    re.escape(secret[i : i + FRAGMENT]) for i in range(len(secret) - FRAGMENT + 1)
                )
                # Any 8-character piece contains one of the secret's 4-character blocks that start
                # at a multiple of 4: a plain substring search for those blocks (fast, in C) rules
                # out almost every text before the slower regex runs.
                step = FRAGMENT // 2
                anchors.update(secret[i : i + step] for i in range(0, len(secret) - step + 1, step))
        self._anchors = tuple(anchors)
        self._byte_anchors = tuple(a.encode() for a in anchors)
        if not pieces:
            self._text_pattern: re.Pattern[str] | None = None
            self._bytes_pattern: re.Pattern[bytes] | None = None
            return
        # A zero-width lookahead finds every start of a piece, overlapping ones included; the spans
        # are merged, so the whole run of secret text disappears behind one marker.
        alternatives = "|".join(sorted(pieces, key=len, reverse=True))
        self._text_pattern = re.compile(f"(?=({alternatives}))")
        self._bytes_pattern = re.compile(f"(?=({alternatives}))".encode())

    def __repr__(self) -> str:
        return f"{type(self).__name__}(active={self._text_pattern is not None})"

    def text(self, value: str) -> str:
        """`value` with every piece of a secret replaced."""
        if self._text_pattern is None or not any(a in value for a in self._anchors):
            return value
        if self._text_pattern.search(value) is None:
            return value
        return "".join(_replace(value, self._text_pattern.finditer(value), REDACTED))

    def bytes(self, value: bytes) -> bytes:
        """`value` with every piece of a secret replaced (for response bodies before parsing)."""
        if self._bytes_pattern is None or not any(a in value for a in self._byte_anchors):
            return value
        if self._bytes_pattern.search(value) is None:
            return value
        return b"".join(_replace(value, self._bytes_pattern.finditer(value), REDACTED.encode()))


def _replace(value: AnyStr, matches: Iterable[re.Match[AnyStr]], marker: AnyStr) -> list[AnyStr]:
    spans: list[list[int]] = []
    for match in matches:
        start, end = match.start(), match.start() + len(match.group(1))
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    out: list[AnyStr] = []
    position = 0
    for start, end in spans:
        out.extend((value[position:start], marker))
        position = end
    out.append(value[position:])
    return out


@lru_cache(maxsize=16)
def redactor_for(secret: str) -> Redactor:
    """A cached redactor for one secret."""
    return Redactor([secret])


def redact(text: str, secret: str | None) -> str:
    """`text` without `secret` or any 8-character piece of it."""
    if not secret:
        return text
    return redactor_for(secret).text(text)


def register_secret(secret: str) -> None:
    """Make `RedactingFormatter` hide this secret too (every client registers its key)."""
    secret = secret.strip()
    if secret:
        with _registered_lock:
            _registered[secret] = None
            while len(_registered) > 64:
                del _registered[next(iter(_registered))]


def known_secrets() -> list[str]:
    """The registered secrets plus the keys in the environment."""
    with _registered_lock:
        found = list(_registered)
    found += [os.environ[name] for name in API_KEY_ENV_VARS if os.environ.get(name, "").strip()]
    return found


class RedactingFormatter(logging.Formatter):
    """A log formatter that removes API keys (registered, from the environment, or given) and any
    `Bearer <token>` from every formatted line, tracebacks included."""

    def __init__(
        self,
        fmt: str | None = "%(asctime)s %(levelname)s %(name)s: %(message)s",
        datefmt: str | None = None,
        *,
        secrets: Iterable[str] = (),
    ) -> None:
        super().__init__(fmt, datefmt)
        self._extra = tuple(secrets)

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        text = _BEARER.sub(lambda m: f"{m.group(1)} {REDACTED}", text)
        return Redactor([*self._extra, *known_secrets()]).text(text)


def enable_debug_logging(
    stream: TextIO | None = None, *, level: int = logging.DEBUG
) -> logging.Handler:
    """Log every request the toolkit sends (method, path, status, time, attempt) through a
    redacting formatter. Returns the handler so it can be removed again."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(RedactingFormatter())
    handler.setLevel(level)
    package = logging.getLogger("incidentio_toolkit")
    package.addHandler(handler)
    package.setLevel(level)
    return handler
