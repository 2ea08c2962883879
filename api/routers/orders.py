"""Orders: ERP ingestion, and orders and transaction facts for people."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request, Response

from api.batch import IdempotencyKey, batch_response, idempotency_request, read_batch
from api.deps import AppSettings, CurrentClock, CurrentPrincipal, Uow
from api.errors import problem_responses
from api.schemas.common import CURSOR, LIMIT, Page, PathId, documented_body
from api.schemas.orders import ORDER_BATCH_SCHEMA, BatchResults, FactsRead, OrderDetail, OrderRead, parse_order
from domain.orders import service as svc
from domain.paging import PageRequest

router = APIRouter(tags=["orders"])


@router.post("/orders/batch", response_model=BatchResults, operation_id="orders-batch-upsert",
             responses=problem_responses(401, 403, 422),
             openapi_extra=documented_body("OrderBatch", ORDER_BATCH_SCHEMA))
async def upsert_orders(request: Request, principal: CurrentPrincipal, uow: Uow, clock: CurrentClock,
                        settings: AppSettings, idempotency_key: IdempotencyKey = None) -> Response:
    """Up to 1,000 orders (or return documents) from an integration with the `orders:write` scope, upserted
    by (source, external_id) where the source is the API key's name. Each item is reported on its own
    (`created`, `updated`, `unchanged` or `error` with field errors) in request order; one bad order does
    not stop the others, and each order lands whole or not at all."""
    body, raw = await read_batch(request, "orders")
    results = await svc.ingest_orders(
        uow, principal, [parse_order(item) for item in raw], clock=clock, time_zone=settings.time_zone,
        currency=settings.currency, idempotency=idempotency_request(principal, idempotency_key, request, body),
        idempotency_ttl=timedelta(hours=settings.idempotency_key_hours))
    return batch_response(results)


@router.get("/orders/{order_id}", response_model=OrderDetail, operation_id="orders-get",
            responses=problem_responses(401, 403, 404, 422))
async def get_order(order_id: PathId, principal: CurrentPrincipal, uow: Uow) -> OrderDetail:
    """One order with its lines and the versions it replaced; visible to whoever may see its customer."""
    return OrderDetail.of(await svc.get_order(uow, principal, order_id))


@router.get("/customers/{customer_id}/orders", response_model=Page[OrderRead], operation_id="orders-list-for-customer",
            responses=problem_responses(401, 403, 404, 422))
async def customer_orders(customer_id: PathId, principal: CurrentPrincipal, uow: Uow, limit: LIMIT = 20,
                          cursor: CURSOR = None) -> Page[OrderRead]:
    """The customer's orders and return documents with their lines, newest first (keyset-paginated)."""
    page = await svc.customer_orders(uow, principal, customer_id, PageRequest(limit, cursor))
    return Page(items=[OrderRead.of(o) for o in page.items], next_cursor=page.next_cursor)


@router.get("/customers/{customer_id}/facts", response_model=FactsRead, operation_id="orders-customer-facts",
            responses=problem_responses(401, 403, 404, 422))
async def customer_facts(customer_id: PathId, principal: CurrentPrincipal, uow: Uow, clock: CurrentClock,
                         settings: AppSettings) -> FactsRead:
    """The customer's transaction facts: order counts, net revenue (lifetime and trailing 12 months), revenue
    per month, average order value, discount share, cancellations and returns, typical purchase interval."""
    facts = await svc.customer_facts(uow, principal, customer_id)
    today = clock.now().astimezone(ZoneInfo(settings.time_zone)).date()
    return FactsRead.of(facts, today, settings.currency)
