"""Orders from ERP systems and the per-customer transaction facts kept from them.

The ingestion path is set-based: a batch of up to 1,000 orders costs a handful of statements (array
parameters unnested server-side), whatever its size.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from typing import Any

from sqlalchemy import select, text, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from domain.customers import Page, PageRequest
from domain.errors import FieldError, RuleViolation
from domain.integrations import ItemStatus
from domain.orders import (
    FactsDelta,
    MonthDelta,
    MonthlyRevenue,
    OrderFigures,
    OrderKind,
    OrderLine,
    OrderRevision,
    OrderStatus,
    OrderToWrite,
    OrderWritten,
    StoredOrder,
    TransactionFacts,
)
from repositories.pagination import decode_cursor, encode_cursor
from repositories.tables import (
    customer_facts,
    customer_monthly_revenue,
    customers,
    order_history,
    order_lines,
    orders,
)

# The domain's order classes (domain/orders.py OrderFigures) as SQL, for the set-based rebuild.
PURCHASE = "(kind = 'order' AND status <> 'cancelled')"
PLACED = "(kind = 'order')"
CANCELLED = "(kind = 'order' AND status = 'cancelled')"
RETURNED = ("((kind = 'order' AND status IN ('returned', 'partially_returned')) "
            "OR (kind = 'return' AND status <> 'cancelled'))")

_HEAD_COLUMNS = ("id, external_id, customer_id, kind, status, ordered_at, net_amount, list_amount, "
                 "discount_amount, fingerprint")

_SELECT_HEADS = text(f"""
    SELECT {_HEAD_COLUMNS} FROM orders
    WHERE source = :source AND external_id = ANY(CAST(:external_ids AS text[]))
""")

# Locks the orders about to change, in a fixed order so that concurrent batches cannot deadlock.
_LOCK_HEADS = text(f"""
    SELECT {_HEAD_COLUMNS} FROM orders WHERE id = ANY(CAST(:ids AS bigint[])) ORDER BY id FOR UPDATE
""")

_ORDER_ARRAYS = """
    unnest(CAST(:external_id AS text[]), CAST(:customer_id AS bigint[]), CAST(:kind AS text[]),
           CAST(:original_order_id AS bigint[]), CAST(:ordered_at AS timestamptz[]), CAST(:status AS text[]),
           CAST(:currency AS text[]), CAST(:total_amount AS numeric[]), CAST(:returned_amount AS numeric[]),
           CAST(:store_code AS text[]), CAST(:net_amount AS numeric[]), CAST(:list_amount AS numeric[]),
           CAST(:discount_amount AS numeric[]), CAST(:line_count AS int[]), CAST(:fingerprint AS text[]))
    AS t(external_id, customer_id, kind, original_order_id, ordered_at, status, currency, total_amount,
         returned_amount, store_code, net_amount, list_amount, discount_amount, line_count, fingerprint)
"""

_INSERT_ORDERS = text(f"""
    INSERT INTO orders (source, external_id, customer_id, kind, original_order_id, ordered_at, status, currency,
                        total_amount, returned_amount, store_code, net_amount, list_amount, discount_amount,
                        line_count, fingerprint, received_at, updated_at)
    SELECT CAST(:source AS text), t.*, CAST(:now AS timestamptz), CAST(:now AS timestamptz) FROM {_ORDER_ARRAYS}
    ORDER BY t.external_id
    ON CONFLICT (source, external_id) DO NOTHING
    RETURNING id, external_id
""")

# The replaced state, lines included, goes to the history before the update overwrites it.
_KEEP_HISTORY = text("""
    INSERT INTO order_history (order_id, version, replaced_at, state)
    SELECT o.id, o.version, CAST(:now AS timestamptz),
           to_jsonb(o) - 'fingerprint' - 'source' - 'list_amount' - 'line_count'
           || jsonb_build_object('lines', coalesce(
                (SELECT jsonb_agg(to_jsonb(l) - 'order_id' ORDER BY l.line_no) FROM order_lines l
                 WHERE l.order_id = o.id), '[]'::jsonb))
    FROM orders o WHERE o.id = ANY(CAST(:ids AS bigint[]))
""")

_UPDATE_ORDERS = text(f"""
    UPDATE orders o SET customer_id = t.customer_id, kind = t.kind, original_order_id = t.original_order_id,
        ordered_at = t.ordered_at, status = t.status, currency = t.currency, total_amount = t.total_amount,
        returned_amount = t.returned_amount, store_code = t.store_code, net_amount = t.net_amount,
        list_amount = t.list_amount, discount_amount = t.discount_amount, line_count = t.line_count,
        fingerprint = t.fingerprint, version = o.version + 1, updated_at = :now
    FROM {_ORDER_ARRAYS}
    WHERE o.source = :source AND o.external_id = t.external_id
""")

_DELETE_LINES = text("DELETE FROM order_lines WHERE order_id = ANY(CAST(:ids AS bigint[]))")

_INSERT_LINES = text("""
    INSERT INTO order_lines (order_id, line_no, sku, product_name, quantity, unit_price, discount_amount)
    SELECT * FROM unnest(CAST(:order_id AS bigint[]), CAST(:line_no AS int[]), CAST(:sku AS text[]),
                         CAST(:product_name AS text[]), CAST(CAST(:quantity AS text[]) AS numeric[]), CAST(CAST(:unit_price AS text[]) AS numeric[]),
                         CAST(CAST(:discount_amount AS text[]) AS numeric[]))
""")


def _figures(row: Any) -> OrderFigures:
    return OrderFigures(row.customer_id, row.ordered_at, OrderKind(row.kind), OrderStatus(row.status),
                        row.net_amount, row.list_amount, row.discount_amount)


def _order_params(source: str, writes: list[OrderToWrite], now: datetime) -> dict[str, Any]:
    return {
        "source": source, "now": now,
        "external_id": [w.order.external_id for w in writes],
        "customer_id": [w.customer_id for w in writes],
        "kind": [str(w.order.kind) for w in writes],
        "original_order_id": [w.original_order_id for w in writes],
        "ordered_at": [w.order.ordered_at for w in writes],
        "status": [str(w.order.status) for w in writes],
        "currency": [w.order.currency.upper() for w in writes],
        "total_amount": [w.order.total_amount for w in writes],
        "returned_amount": [w.order.returned_amount for w in writes],
        "store_code": [w.order.store_code for w in writes],
        "net_amount": [w.figures.net_amount for w in writes],
        "list_amount": [w.figures.list_amount for w in writes],
        "discount_amount": [w.figures.discount_amount for w in writes],
        "line_count": [len(w.order.lines) for w in writes],
        "fingerprint": [w.fingerprint for w in writes],
    }


class SqlOrderRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def customer_ids(self, source: str, external_ids: Collection[str]) -> dict[str, int]:
        if not external_ids:
            return {}
        rows = await self.session.execute(
            select(customers.c.external_id, customers.c.id)
            .where(customers.c.source_system == source, customers.c.external_id.in_(list(external_ids))))
        return {r.external_id: r.id for r in rows}

    async def orders_by_external_id(self, source: str, external_ids: Collection[str]) -> dict[str, tuple[int, int]]:
        if not external_ids:
            return {}
        rows = await self.session.execute(
            select(orders.c.external_id, orders.c.id, orders.c.customer_id)
            .where(orders.c.source == source, orders.c.external_id.in_(list(external_ids))))
        return {r.external_id: (r.id, r.customer_id) for r in rows}

    async def write(self, source: str, writes: list[OrderToWrite], now: datetime) -> list[OrderWritten]:
        done: dict[str, OrderWritten] = {}
        pending = writes
        # Usually one round; a second only when a concurrent batch inserted the same new order meanwhile.
        while pending:
            heads = {r.external_id: r for r in await self.session.execute(
                _SELECT_HEADS, {"source": source, "external_ids": [w.order.external_id for w in pending]})}
            changed_ids = []
            for write in pending:
                head = heads.get(write.order.external_id)
                if head is not None and head.fingerprint == write.fingerprint:
                    done[write.order.external_id] = OrderWritten(write.order.external_id, head.id, ItemStatus.UNCHANGED)
                elif head is not None:
                    changed_ids.append(head.id)
            if changed_ids:
                await self._update(source, pending, changed_ids, now, done)
            new = [w for w in pending if w.order.external_id not in heads]
            pending = []
            if new:
                inserted = {r.external_id: r.id for r in await self.session.execute(
                    _INSERT_ORDERS, _order_params(source, new, now))}
                await self._insert_lines([(inserted[w.order.external_id], w) for w in new
                                          if w.order.external_id in inserted])
                for write in new:
                    order_id = inserted.get(write.order.external_id)
                    if order_id is None:
                        pending.append(write)
                    else:
                        done[write.order.external_id] = OrderWritten(write.order.external_id, order_id,
                                                                     ItemStatus.CREATED)
        return [done[w.order.external_id] for w in writes]

    async def _update(self, source: str, pending: list[OrderToWrite], ids: list[int], now: datetime,
                      done: dict[str, OrderWritten]) -> None:
        locked = {r.external_id: r for r in await self.session.execute(_LOCK_HEADS, {"ids": sorted(ids)})}
        changes: list[tuple[OrderToWrite, Any]] = []
        for write in pending:
            head = locked.get(write.order.external_id)
            if head is None:
                continue
            # Read again under the lock: a concurrent batch may have written the same content meanwhile.
            if head.fingerprint == write.fingerprint:
                done[write.order.external_id] = OrderWritten(write.order.external_id, head.id, ItemStatus.UNCHANGED)
            else:
                changes.append((write, head))
        if not changes:
            return
        changed_ids = [head.id for _, head in changes]
        await self.session.execute(_KEEP_HISTORY, {"ids": changed_ids, "now": now})
        await self.session.execute(_UPDATE_ORDERS, _order_params(source, [w for w, _ in changes], now))
        await self.session.execute(_DELETE_LINES, {"ids": changed_ids})
        await self._insert_lines([(head.id, write) for write, head in changes])
        for write, head in changes:
            done[write.order.external_id] = OrderWritten(write.order.external_id, head.id, ItemStatus.UPDATED,
                                                         previous=_figures(head))

    async def _insert_lines(self, rows: list[tuple[int, OrderToWrite]]) -> None:
        params: dict[str, list[Any]] = {k: [] for k in ("order_id", "line_no", "sku", "product_name", "quantity",
                                                         "unit_price", "discount_amount")}
        for order_id, write in rows:
            for line_no, line in enumerate(write.order.lines, start=1):
                params["order_id"].append(order_id)
                params["line_no"].append(line_no)
                params["sku"].append(line.sku)
                params["product_name"].append(line.product_name)
                params["quantity"].append(str(line.quantity))
                params["unit_price"].append(str(line.unit_price))
                params["discount_amount"].append(str(line.discount_amount))
        if params["order_id"]:
            await self.session.execute(_INSERT_LINES, params)

    async def get(self, order_id: int) -> StoredOrder | None:
        row = (await self.session.execute(select(orders).where(orders.c.id == order_id))).first()
        if row is None:
            return None
        lines = await self._lines([order_id])
        history = tuple(
            OrderRevision(h.version, h.replaced_at, h.state) for h in await self.session.execute(
                select(order_history).where(order_history.c.order_id == order_id)
                .order_by(order_history.c.version.desc())))
        return _stored(row, lines.get(order_id, ()), history)

    async def list_for_customer(self, customer_id: int, page: PageRequest) -> Page[StoredOrder]:
        stmt = select(orders).where(orders.c.customer_id == customer_id)
        if page.cursor:
            at, last_id = decode_cursor(page.cursor, 2)
            try:
                at_value = datetime.fromisoformat(str(at))
                last = int(last_id)
            except ValueError as exc:
                raise RuleViolation([FieldError("cursor", "not a cursor this list returned")]) from exc
            stmt = stmt.where(tuple_(orders.c.ordered_at, orders.c.id) < tuple_(at_value, last))
        rows = (await self.session.execute(
            stmt.order_by(orders.c.ordered_at.desc(), orders.c.id.desc()).limit(page.limit + 1))).all()
        lines = await self._lines([r.id for r in rows[: page.limit]])
        items = [_stored(r, lines.get(r.id, ())) for r in rows[: page.limit]]
        next_cursor = None
        if len(rows) > page.limit:
            next_cursor = encode_cursor([items[-1].ordered_at.isoformat(), items[-1].id])
        return Page(items, next_cursor)

    async def _lines(self, order_ids: list[int]) -> dict[int, tuple[OrderLine, ...]]:
        if not order_ids:
            return {}
        found: dict[int, list[OrderLine]] = {}
        for r in await self.session.execute(
                select(order_lines).where(order_lines.c.order_id.in_(order_ids))
                .order_by(order_lines.c.order_id, order_lines.c.line_no)):
            found.setdefault(r.order_id, []).append(
                OrderLine(r.sku, r.product_name, r.quantity, r.unit_price, r.discount_amount))
        return {k: tuple(v) for k, v in found.items()}


def _stored(row: Any, lines: tuple[OrderLine, ...], history: tuple[OrderRevision, ...] = ()) -> StoredOrder:
    m = row._mapping
    return StoredOrder(
        id=m["id"], source=m["source"], external_id=m["external_id"], customer_id=m["customer_id"],
        kind=OrderKind(m["kind"]), original_order_id=m["original_order_id"], ordered_at=m["ordered_at"],
        status=OrderStatus(m["status"]), currency=m["currency"], total_amount=m["total_amount"],
        returned_amount=m["returned_amount"], store_code=m["store_code"], net_amount=m["net_amount"],
        discount_amount=m["discount_amount"], version=m["version"], received_at=m["received_at"],
        updated_at=m["updated_at"], lines=lines, history=history,
    )


# --- transaction facts --------------------------------------------------------------------------------------------

_APPLY_FACTS = text("""
    INSERT INTO customer_facts AS f (customer_id, orders_placed, order_count, cancelled_count, returned_count,
                                     net_revenue, list_amount, discount_amount, first_order_at, last_order_at,
                                     updated_at)
    SELECT t.*, CAST(:now AS timestamptz) FROM unnest(CAST(:customer_id AS bigint[]), CAST(:orders_placed AS int[]),
        CAST(:order_count AS int[]), CAST(:cancelled_count AS int[]), CAST(:returned_count AS int[]),
        CAST(:net_revenue AS numeric[]), CAST(:list_amount AS numeric[]), CAST(:discount_amount AS numeric[]),
        CAST(:first_order_at AS timestamptz[]), CAST(:last_order_at AS timestamptz[])) AS t
    ORDER BY 1
    ON CONFLICT (customer_id) DO UPDATE SET
        orders_placed = f.orders_placed + excluded.orders_placed,
        order_count = f.order_count + excluded.order_count,
        cancelled_count = f.cancelled_count + excluded.cancelled_count,
        returned_count = f.returned_count + excluded.returned_count,
        net_revenue = f.net_revenue + excluded.net_revenue,
        list_amount = f.list_amount + excluded.list_amount,
        discount_amount = f.discount_amount + excluded.discount_amount,
        first_order_at = least(f.first_order_at, excluded.first_order_at),
        last_order_at = greatest(f.last_order_at, excluded.last_order_at),
        updated_at = excluded.updated_at
""")

_APPLY_MONTHS = text("""
    INSERT INTO customer_monthly_revenue AS m (customer_id, month, net_revenue, order_count)
    SELECT * FROM unnest(CAST(:customer_id AS bigint[]), CAST(:month AS date[]), CAST(:net_revenue AS numeric[]),
                         CAST(:order_count AS int[]))
    ORDER BY 1, 2
    ON CONFLICT (customer_id, month) DO UPDATE SET
        net_revenue = m.net_revenue + excluded.net_revenue, order_count = m.order_count + excluded.order_count
""")

# After a purchase changed or was withdrawn the span may shrink: count it again. The facts rows are
# locked by this transaction's upsert, so the orders read here include every committed change.
_RECOUNT_SPAN = text(f"""
    UPDATE customer_facts f SET first_order_at = s.first_at, last_order_at = s.last_at
    FROM unnest(CAST(:ids AS bigint[])) AS c(id),
         LATERAL (SELECT c.id AS customer_id, min(ordered_at) AS first_at, max(ordered_at) AS last_at
                  FROM orders WHERE customer_id = c.id AND {PURCHASE}) AS s
    WHERE f.customer_id = s.customer_id
""")

# An order moved to another customer can leave a customer, or a month, without any order: the rebuild
# has no row there, so neither may the incremental path.
_DROP_EMPTY_FACTS = text("""
    DELETE FROM customer_facts f WHERE f.customer_id = ANY(CAST(:ids AS bigint[]))
      AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = f.customer_id)
""")
_DROP_EMPTY_MONTHS = text("""
    DELETE FROM customer_monthly_revenue m WHERE m.customer_id = ANY(CAST(:ids AS bigint[]))
      AND m.net_revenue = 0 AND m.order_count = 0
      AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = m.customer_id
                      AND (date_trunc('month', o.ordered_at AT TIME ZONE :tz))::date = m.month)
""")

_REBUILD_FACTS = text(f"""
    INSERT INTO customer_facts (customer_id, orders_placed, order_count, cancelled_count, returned_count,
                                net_revenue, list_amount, discount_amount, first_order_at, last_order_at, updated_at)
    SELECT customer_id, count(*) FILTER (WHERE {PLACED}), count(*) FILTER (WHERE {PURCHASE}),
           count(*) FILTER (WHERE {CANCELLED}), count(*) FILTER (WHERE {RETURNED}),
           sum(net_amount), sum(list_amount), sum(discount_amount),
           min(ordered_at) FILTER (WHERE {PURCHASE}), max(ordered_at) FILTER (WHERE {PURCHASE}), :now
    FROM orders GROUP BY customer_id
""")

_REBUILD_MONTHS = text(f"""
    INSERT INTO customer_monthly_revenue (customer_id, month, net_revenue, order_count)
    SELECT customer_id, (date_trunc('month', ordered_at AT TIME ZONE :tz))::date, sum(net_amount),
           count(*) FILTER (WHERE {PURCHASE})
    FROM orders GROUP BY 1, 2
""")


class SqlFactsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def apply(self, deltas: dict[int, FactsDelta], months: dict[tuple[int, date], MonthDelta],
                    now: datetime, time_zone: str) -> None:
        ids = sorted(deltas)
        await self.session.execute(_APPLY_FACTS, {
            "now": now, "customer_id": ids,
            "orders_placed": [deltas[i].orders_placed for i in ids],
            "order_count": [deltas[i].order_count for i in ids],
            "cancelled_count": [deltas[i].cancelled_count for i in ids],
            "returned_count": [deltas[i].returned_count for i in ids],
            "net_revenue": [deltas[i].net_revenue for i in ids],
            "list_amount": [deltas[i].list_amount for i in ids],
            "discount_amount": [deltas[i].discount_amount for i in ids],
            "first_order_at": [deltas[i].first_order_at for i in ids],
            "last_order_at": [deltas[i].last_order_at for i in ids],
        })
        keys = sorted(months)
        await self.session.execute(_APPLY_MONTHS, {
            "customer_id": [k[0] for k in keys], "month": [k[1] for k in keys],
            "net_revenue": [months[k].net_revenue for k in keys], "order_count": [months[k].order_count for k in keys],
        })
        recount = [i for i in ids if deltas[i].span_needs_recount]
        if recount:
            await self.session.execute(_RECOUNT_SPAN, {"ids": recount})
            await self.session.execute(_DROP_EMPTY_FACTS, {"ids": recount})
            await self.session.execute(_DROP_EMPTY_MONTHS, {"ids": recount, "tz": time_zone})

    async def rebuild(self, time_zone: str, now: datetime) -> int:
        # Ingestion waits while the rebuild runs (and the rebuild waits for batches in flight), so no
        # batch's deltas are lost or counted twice.
        await self.session.execute(text(
            "LOCK TABLE customer_facts, customer_monthly_revenue IN SHARE ROW EXCLUSIVE MODE"))
        await self.session.execute(customer_monthly_revenue.delete())
        await self.session.execute(customer_facts.delete())
        result = await self.session.execute(_REBUILD_FACTS, {"now": now})
        await self.session.execute(_REBUILD_MONTHS, {"tz": time_zone})
        return int(getattr(result, "rowcount", 0) or 0)

    async def get(self, customer_id: int) -> TransactionFacts | None:
        row = (await self.session.execute(
            select(customer_facts).where(customer_facts.c.customer_id == customer_id))).first()
        if row is None:
            return None
        monthly = tuple(
            MonthlyRevenue(m.month, m.net_revenue, m.order_count) for m in await self.session.execute(
                select(customer_monthly_revenue).where(customer_monthly_revenue.c.customer_id == customer_id)
                .order_by(customer_monthly_revenue.c.month)))
        return TransactionFacts(
            customer_id=customer_id, orders_placed=row.orders_placed, order_count=row.order_count,
            cancelled_count=row.cancelled_count, returned_count=row.returned_count,
            net_revenue=row.net_revenue, list_amount=row.list_amount, discount_amount=row.discount_amount,
            first_order_at=row.first_order_at, last_order_at=row.last_order_at, monthly=monthly,
        )

