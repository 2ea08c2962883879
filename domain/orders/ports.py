"""The orders' ports: orders and returns, and the transaction facts kept from them. repositories/ implements them."""

from __future__ import annotations

import builtins
from collections.abc import Collection
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

from domain.orders.model import FactsDelta, MonthDelta, OrderToWrite, OrderWritten, StoredOrder, TransactionFacts
from domain.paging import Page, PageRequest


class OrderRepository(Protocol):
    async def customer_ids(self, source: str, external_ids: Collection[str]) -> dict[str, int]:
        """Keyhold's id of each customer the source knows by these external ids."""
        ...

    async def orders_by_external_id(self, source: str, external_ids: Collection[str]) -> dict[str, tuple[int, int]]:
        """(order id, customer id) of the source's orders with these external ids."""
        ...

    async def write(
        self, source: str, writes: builtins.list[OrderToWrite], now: datetime
    ) -> builtins.list[OrderWritten]:
        """Upserts by (source, external id): new orders are created, changed ones updated with their previous
        state kept in the history, unchanged ones (same fingerprint) left alone."""
        ...

    async def get(self, order_id: int) -> StoredOrder | None: ...

    async def list_for_customer(self, customer_id: int, page: PageRequest) -> Page[StoredOrder]: ...


class FactsRepository(Protocol):
    async def apply(self, deltas: dict[int, FactsDelta], months: dict[tuple[int, date], MonthDelta],
                    now: datetime, time_zone: str) -> None:
        """Adds the deltas to the stored facts, in the transaction that wrote the orders, and marks the quarters
        of the orders stale for the loyalty recompute."""
        ...

    async def rebuild(self, time_zone: str, now: datetime) -> int:
        """Recomputes every customer's facts (quarterly ones too) from the orders, set-based; returns the
        customers with facts."""
        ...

    async def recount_stale_quarters(self, time_zone: str) -> int:
        """Counts the quarters marked stale again from their orders; returns how many."""
        ...

    async def get(self, customer_id: int) -> TransactionFacts | None: ...

    async def net_revenue(self, customer_ids: Collection[int]) -> dict[int, Decimal]:
        """Each of these customers' net revenue to date (TransactionFacts.net_revenue); customers who have no facts
        yet are left out."""
        ...
