"""Integrations: customer batches from ERPs, and the API keys they use."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Request, Response

from api.batch import IdempotencyKey, batch_response, idempotency_request, read_batch
from api.deps import AppSettings, CurrentClock, CurrentPrincipal, Uow
from api.errors import problem_responses
from api.schemas.common import Items, PathId, documented_body
from api.schemas.integrations import (
    CUSTOMER_BATCH_SCHEMA,
    ApiKeyCreate,
    ApiKeyCreated,
    ApiKeyRead,
    parse_customer,
)
from api.schemas.orders import BatchResults
from api.security import hash_api_key, new_api_key
from domain.integrations import service as svc
from domain.integrations.model import ApiKeyUsage

router = APIRouter(tags=["integrations"])


@router.post("/customers/batch", response_model=BatchResults, operation_id="integrations-customers-batch-upsert",
             responses=problem_responses(401, 403, 409, 422),
             openapi_extra=documented_body("CustomerBatch", CUSTOMER_BATCH_SCHEMA))
async def upsert_customers(request: Request, principal: CurrentPrincipal, uow: Uow, clock: CurrentClock,
                           settings: AppSettings, idempotency_key: IdempotencyKey = None) -> Response:
    """Up to 1,000 customers from an integration with the `customers:write` scope, upserted by
    (source, external_id) where the source is the API key's name. Each item is reported on its own
    (`created`, `updated`, `unchanged` or `error` with field errors) in request order."""
    body, raw = await read_batch(request, "customers")
    results = await svc.upsert_customers(
        uow, principal, [parse_customer(item) for item in raw], clock=clock,
        idempotency=idempotency_request(principal, idempotency_key, request, body),
        idempotency_ttl=timedelta(hours=settings.idempotency_key_hours))
    return batch_response(results)


@router.get("/api-keys", response_model=Items[ApiKeyRead], operation_id="integrations-list-api-keys",
            responses=problem_responses(401, 403))
async def list_api_keys(principal: CurrentPrincipal, uow: Uow, clock: CurrentClock) -> Items[ApiKeyRead]:
    """Every API key with its use in the last 24 hours (administrators)."""
    keys = await svc.list_api_keys(uow, principal, clock=clock)
    return Items(items=[ApiKeyRead.of(k, usage) for k, usage in keys])


@router.post("/api-keys", response_model=ApiKeyCreated, status_code=201, operation_id="integrations-create-api-key",
             responses=problem_responses(401, 403, 422))
async def create_api_key(body: ApiKeyCreate, principal: CurrentPrincipal, uow: Uow,
                         clock: CurrentClock) -> ApiKeyCreated:
    """A key for an integration (administrators). The response carries the key itself, once."""
    api_key, key = await svc.create_api_key(uow, principal, name=body.name, scopes=[str(s) for s in body.scopes],
                                            new_key=new_api_key, hash_key=hash_api_key, clock=clock)
    return ApiKeyCreated(**ApiKeyRead.of(api_key, ApiKeyUsage(api_key.id, 0, 0)).model_dump(), key=key)


@router.delete("/api-keys/{key_id}", status_code=204, operation_id="integrations-revoke-api-key",
               responses=problem_responses(401, 403, 404, 422))
async def revoke_api_key(key_id: PathId, principal: CurrentPrincipal, uow: Uow, clock: CurrentClock) -> Response:
    """Revokes a key at once (administrators); what it wrote stays."""
    await svc.revoke_api_key(uow, principal, key_id, clock=clock)
    return Response(status_code=204)
