"""Opaque keyset cursors: base64 of the last row's sort key."""

from __future__ import annotations

import base64
import json
from typing import Any

from domain.errors import FieldError, RuleViolation


def encode_cursor(values: list[Any]) -> str:
    raw = json.dumps(values, separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, arity: int) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, UnicodeDecodeError) as exc:
        raise RuleViolation([FieldError("cursor", "not a cursor this list returned")]) from exc
    if not isinstance(values, list) or len(values) != arity:
        raise RuleViolation([FieldError("cursor", "not a cursor this list returned")])
    return values
