"""Machine batches: the raw JSON body read fast, the Idempotency-Key, and the per-item results."""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Annotated, Any

import orjson
from fastapi import Header, Request, Response

from domain.errors import FieldError, RuleViolation
from domain.integrations.model import MAX_BATCH_ITEMS, IdempotencyRequest, ItemResult, ItemStatus
from domain.organisation.model import Principal

IdempotencyKey = Annotated[str | None, Header(
    alias="Idempotency-Key", min_length=1, max_length=200, pattern=r"^[\x21-\x7e]+$",
    description="Send the same key when retrying the same request: the retry returns the first response and "
                "applies nothing twice. Keys are remembered for KEYHOLD_IDEMPOTENCY_KEY_HOURS (24).")]


async def read_batch(request: Request, key: str) -> tuple[bytes, list[Any]]:
    """The raw body and its list of items; the items themselves are validated one by one later."""
    body = await request.body()
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise RuleViolation([FieldError("body", f"not valid JSON: {exc}")]) from exc
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise RuleViolation([FieldError(key, f'send {{"{key}": [ ... ]}}')])
    if len(items) > MAX_BATCH_ITEMS:
        raise RuleViolation([FieldError(key, f"at most {MAX_BATCH_ITEMS} per request; split the batch")])
    return body, items


def idempotency_request(principal: Principal, key: str | None, request: Request, body: bytes,
                        ) -> IdempotencyRequest | None:
    if key is None:
        return None
    owner = f"api_key:{principal.api_key_id}" if principal.api_key_id is not None else f"user:{principal.id}"
    digest = hashlib.sha256(request.method.encode() + b" " + request.url.path.encode() + b"\n" + body).hexdigest()
    return IdempotencyRequest(owner, key, digest)


def batch_response(results: list[ItemResult]) -> Response:
    counts = Counter(r.status for r in results)
    body = {"results": [r.as_dict() for r in results],
            "summary": {str(s): counts.get(s, 0) for s in ItemStatus}}
    return Response(orjson.dumps(body), media_type="application/json")
