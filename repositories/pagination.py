"""Opaque keyset cursors: base64 of the last row's sort key.

A cursor comes back from the client, so it is input like any other: each part is checked against what the
list put there (an id, a text, a time, a number) and anything else is a 422 naming `cursor`, never a value
the database refuses.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from domain.dates import moment_problem
from domain.errors import FieldError, RuleViolation

BIGINT_MAX = 2**63 - 1
INFINITY = "infinity"  # a sort key past every time (PostgreSQL's timestamptz 'infinity')


def encode_cursor(values: list[Any]) -> str:
    raw = json.dumps(values, separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def key_id(value: Any) -> int:
    """A row id: a positive bigint."""
    if type(value) is not int or not 1 <= value <= BIGINT_MAX:
        raise ValueError(value)
    return value


def key_text(value: Any) -> str:
    """A text sort key (PostgreSQL text holds no NUL)."""
    if type(value) is not str or "\x00" in value:
        raise ValueError(value)
    return value


def key_time(value: Any) -> datetime:
    """A time sort key: ISO 8601 with an offset, within the business dates."""
    if type(value) is not str:
        raise ValueError(value)
    at = datetime.fromisoformat(value)
    if at.tzinfo is None or moment_problem(at):
        raise ValueError(value)
    return at


def key_due(value: Any) -> str:
    """A deadline sort key: a time as key_time, or `infinity` (no running timer), kept as text for SQL."""
    return INFINITY if value == INFINITY else key_time(value).isoformat()


def key_number(value: Any) -> Decimal:
    """A decimal sort key (a score change), finite and of a size a numeric column holds."""
    if type(value) is not str:
        raise ValueError(value)
    number = Decimal(value)
    if not number.is_finite() or abs(number) >= 10**12:
        raise ValueError(value)
    return number


def decode_cursor(cursor: str, *parts: Callable[[Any], Any]) -> list[Any]:
    """The sort key a cursor holds, one value per part, each checked by its part (key_id, key_text ...)."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(values, list) or len(values) != len(parts):
            raise ValueError(values)
        return [part(value) for part, value in zip(parts, values, strict=True)]
    except (ValueError, InvalidOperation, RecursionError) as exc:
        raise RuleViolation([FieldError("cursor", "not a cursor this list returned")]) from exc
