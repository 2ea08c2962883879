"""Order ingestion from ERP systems, and orders and transaction facts for people."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta
from zoneinfo import ZoneInfo

from domain.customers.service import get_customer
from domain.errors import FieldError, FieldErrors, Forbidden, NotFound
from domain.idempotency import claim_or_replay
from domain.integrations.model import ApiScope, IdempotencyRequest, ItemResult, ItemStatus, Rejected
from domain.integrations.service import finish_machine_batch, machine_source
from domain.orders.model import (
    IncomingOrder,
    OrderKind,
    OrderToWrite,
    StoredOrder,
    TransactionFacts,
    facts_deltas,
    figures,
    order_problems,
)
from domain.organisation.model import Permission, Principal
from domain.paging import Page, PageRequest
from domain.ports import Clock, UnitOfWork


async def ingest_orders(
    uow: UnitOfWork,
    principal: Principal,
    items: Sequence[IncomingOrder | Rejected],
    *,
    clock: Clock,
    time_zone: str,
    currency: str,
    idempotency: IdempotencyRequest | None = None,
    idempotency_ttl: timedelta = timedelta(hours=24),
) -> list[ItemResult]:
    """Upserts a batch of orders by (source, external id), in one transaction.

    Each order is checked on its own: a bad one (unknown customer, total that differs from its lines,
    negative amounts, a date in the future, a return without its original) is reported with its field
    errors and the rest lands. Resending an unchanged order writes nothing; a changed one keeps its
    previous state in the order's history. The customer's transaction facts move in the same
    transaction. Results come back in request order."""
    source = machine_source(principal, ApiScope.ORDERS_WRITE, items=len(items), what="orders")
    now = clock.now()
    async with uow:
        if idempotency is not None:
            replay = await claim_or_replay(uow, idempotency, now, idempotency_ttl)
            if replay is not None:
                return replay
        results: list[ItemResult | None] = [None] * len(items)
        valid: list[tuple[int, IncomingOrder]] = []
        seen: set[str] = set()
        for index, item in enumerate(items):
            if isinstance(item, Rejected):
                results[index] = ItemResult(item.external_id, ItemStatus.ERROR, errors=item.errors)
                continue
            errors = FieldErrors(order_problems(item, now=now))
            if item.currency.upper() != currency:
                errors.add("currency", f"Keyhold keeps revenue in {currency}; convert before sending")
            if item.external_id in seen:
                errors.add("external_id", "appears more than once in this batch")
            seen.add(item.external_id)
            if errors:
                results[index] = ItemResult(item.external_id, ItemStatus.ERROR, errors=tuple(errors.errors))
            else:
                valid.append((index, item))

        customer_ids = await uow.orders.customer_ids(source, {o.customer_external_id for _, o in valid})
        originals = await uow.orders.orders_by_external_id(
            source, {o.original_external_id for _, o in valid if o.original_external_id})
        tz = ZoneInfo(time_zone)
        # Originals first, so that a return may name an order sent in the same batch.
        to_write: list[list[tuple[int, OrderToWrite]]] = [[], []]
        batch_customers = {o.external_id: customer_ids.get(o.customer_external_id) for _, o in valid}
        for index, order in valid:
            customer_id = customer_ids.get(order.customer_external_id)
            if customer_id is None:
                results[index] = ItemResult(order.external_id, ItemStatus.ERROR, errors=(FieldError(
                    "customer_external_id", f"no customer with this external id from {source}; send the customer "
                                            "first"),))
                continue
            original_id = None
            if order.kind is OrderKind.RETURN:
                assert order.original_external_id is not None
                original = originals.get(order.original_external_id)
                original_customer = original[1] if original else batch_customers.get(order.original_external_id)
                if original_customer is None:
                    results[index] = ItemResult(order.external_id, ItemStatus.ERROR, errors=(FieldError(
                        "original_external_id", "no order with this external id"),))
                    continue
                if original_customer != customer_id:
                    results[index] = ItemResult(order.external_id, ItemStatus.ERROR, errors=(FieldError(
                        "original_external_id", "the original order belongs to another customer"),))
                    continue
                original_id = original[0] if original else None
            write = OrderToWrite(order, customer_id, original_id, figures(order, customer_id), order.fingerprint())
            to_write[order.kind is OrderKind.RETURN].append((index, write))

        removed, added = [], []
        written_ids: dict[str, int] = {}
        for group in to_write:
            group = [(i, _with_original(w, written_ids)) for i, w in group]
            written = await uow.orders.write(source, [w for _, w in group], now)
            for (index, write), outcome in zip(group, written, strict=True):
                written_ids[outcome.external_id] = outcome.id
                results[index] = ItemResult(outcome.external_id, outcome.outcome, outcome.id)
                if outcome.outcome is not ItemStatus.UNCHANGED:
                    added.append(write.figures)
                    if outcome.previous is not None:
                        removed.append(outcome.previous)
        if added or removed:
            customers, months = facts_deltas(removed, added, tz)
            await uow.facts.apply(customers, months, now, time_zone)
        final = [r for r in results if r is not None]
        assert len(final) == len(items)
        await finish_machine_batch(uow, principal, idempotency, now, final)
    return final


def _with_original(write: OrderToWrite, written_ids: dict[str, int]) -> OrderToWrite:
    """A return whose original came in the same batch learns the original's new id."""
    if write.order.kind is OrderKind.RETURN and write.original_order_id is None:
        assert write.order.original_external_id is not None
        return replace(write, original_order_id=written_ids[write.order.original_external_id])
    return write


async def customer_orders(uow: UnitOfWork, principal: Principal, customer_id: int, page: PageRequest,
                          ) -> Page[StoredOrder]:
    """A customer's orders and return documents, newest first; scoped like the customer."""
    await get_customer(uow, principal, customer_id)
    async with uow:
        return await uow.orders.list_for_customer(customer_id, page)


async def get_order(uow: UnitOfWork, principal: Principal, order_id: int) -> StoredOrder:
    """One order with its lines and history; visible to whoever may see its customer."""
    if not principal.can(Permission.CUSTOMERS_READ):
        raise Forbidden("Your role may not read orders.")
    async with uow:
        order = await uow.orders.get(order_id)
        if order is None:
            raise NotFound("No such order.")
        try:
            await get_customer(uow, principal, order.customer_id)
        except NotFound:
            raise NotFound("No such order.") from None
        return order


async def customer_facts(uow: UnitOfWork, principal: Principal, customer_id: int) -> TransactionFacts:
    """The customer's transaction facts (zero for a customer without orders)."""
    await get_customer(uow, principal, customer_id)
    async with uow:
        facts = await uow.facts.get(customer_id)
    return facts or TransactionFacts.none(customer_id)


async def rebuild_facts(uow: UnitOfWork, *, time_zone: str, clock: Clock) -> int:
    """Recomputes every customer's facts from the orders (after a repair, or to check the incremental path)."""
    async with uow:
        count = await uow.facts.rebuild(time_zone, clock.now())
        await uow.commit()
    return count
