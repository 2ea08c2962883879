"""Orders from ERP systems and the per-customer transaction facts kept from them.

The ingestion path is set-based: a batch of up to 1,000 orders costs a handful of statements (array
parameters unnested server-side), whatever its size.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import orjson
from sqlalchemy import select, text, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from domain.integrations.model import ItemStatus
from domain.loyalty.model import quarter_start
from domain.orders.model import (
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
from domain.paging import Page, PageRequest
from repositories.customers.tables import customers
from repositories.loyalty.tables import customer_quarterly_facts, loyalty_stale_quarters
from repositories.orders.tables import customer_facts, customer_monthly_revenue, order_history, order_lines, orders
from repositories.pagination import decode_cursor, encode_cursor, key_id, key_time

# The domain's order classes (domain/orders/model.py OrderFigures) as SQL, for the set-based rebuild.
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

# Batches travel as one JSON document per statement, unpacked by PostgreSQL (json_to_recordset): cheaper
# than binding a dozen arrays element by element, and exact (numbers arrive as decimal strings).
_ORDER_ROWS = """
    json_to_recordset(CAST(:orders AS json)) AS t(
        external_id text, customer_id bigint, kind text, original_order_id bigint, ordered_at timestamptz,
        status text, currency text, total_amount numeric, returned_amount numeric, store_code text,
        net_amount numeric, list_amount numeric, discount_amount numeric, line_count int, fingerprint text)
"""
_LINE_ROWS = """
    json_to_recordset(CAST(:lines AS json)) AS l(
        external_id text, line_no int, sku text, product_name text, quantity numeric, unit_price numeric,
        discount_amount numeric)
"""

# New orders and their lines in one statement; an order a concurrent batch inserted first is skipped
# (and retried as an update by the caller), its lines with it.
_INSERT_ORDERS = text(f"""
    WITH inserted AS (
        INSERT INTO orders (source, external_id, customer_id, kind, original_order_id, ordered_at, status,
                            currency, total_amount, returned_amount, store_code, net_amount, list_amount,
                            discount_amount, line_count, fingerprint, received_at, updated_at)
        SELECT CAST(:source AS text), t.*, CAST(:now AS timestamptz), CAST(:now AS timestamptz) FROM {_ORDER_ROWS}
        ORDER BY t.external_id
        ON CONFLICT (source, external_id) DO NOTHING
        RETURNING id, external_id
    ), lines AS (
        INSERT INTO order_lines (order_id, line_no, sku, product_name, quantity, unit_price, discount_amount)
        SELECT i.id, l.line_no, l.sku, l.product_name, l.quantity, l.unit_price, l.discount_amount
        FROM inserted i JOIN {_LINE_ROWS} ON l.external_id = i.external_id
    )
    SELECT id, external_id FROM inserted
""")

# The replaced state, lines included, goes to the history before the update overwrites it. Amounts are
# decimal strings, as everywhere in the API (a JSON number would be read back as a float).
_KEEP_HISTORY = text("""
    INSERT INTO order_history (order_id, version, replaced_at, state)
    SELECT o.id, o.version, CAST(:now AS timestamptz), jsonb_build_object(
        'external_id', o.external_id, 'customer_id', o.customer_id, 'kind', o.kind,
        'original_order_id', o.original_order_id, 'ordered_at', o.ordered_at, 'status', o.status,
        'currency', o.currency, 'total_amount', o.total_amount::text, 'returned_amount', o.returned_amount::text,
        'net_amount', o.net_amount::text, 'discount_amount', o.discount_amount::text, 'store_code', o.store_code,
        'version', o.version, 'received_at', o.received_at, 'updated_at', o.updated_at,
        'lines', coalesce((SELECT jsonb_agg(jsonb_build_object(
                    'line_no', l.line_no, 'sku', l.sku, 'product_name', l.product_name,
                    'quantity', l.quantity::text, 'unit_price', l.unit_price::text,
                    'discount_amount', l.discount_amount::text,
                    'amount', round(l.quantity * l.unit_price - l.discount_amount, 2)::text) ORDER BY l.line_no)
                FROM order_lines l WHERE l.order_id = o.id), '[]'::jsonb))
    FROM orders o WHERE o.id = ANY(CAST(:ids AS bigint[]))
""")

_UPDATE_ORDERS = text(f"""
    UPDATE orders o SET customer_id = t.customer_id, kind = t.kind, original_order_id = t.original_order_id,
        ordered_at = t.ordered_at, status = t.status, currency = t.currency, total_amount = t.total_amount,
        returned_amount = t.returned_amount, store_code = t.store_code, net_amount = t.net_amount,
        list_amount = t.list_amount, discount_amount = t.discount_amount, line_count = t.line_count,
        fingerprint = t.fingerprint, version = o.version + 1, updated_at = CAST(:now AS timestamptz)
    FROM {_ORDER_ROWS}
    WHERE o.source = :source AND o.external_id = t.external_id
""")

_DELETE_LINES = text("DELETE FROM order_lines WHERE order_id = ANY(CAST(:ids AS bigint[]))")

_INSERT_LINES = text(f"""
    INSERT INTO order_lines (order_id, line_no, sku, product_name, quantity, unit_price, discount_amount)
    SELECT o.id, l.line_no, l.sku, l.product_name, l.quantity, l.unit_price, l.discount_amount
    FROM {_LINE_ROWS} JOIN orders o ON o.source = :source AND o.external_id = l.external_id
""")


def _figures(row: Any) -> OrderFigures:
    return OrderFigures(row.customer_id, row.ordered_at, OrderKind(row.kind), OrderStatus(row.status),
                        row.net_amount, row.list_amount, row.discount_amount)


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _order_params(source: str, writes: list[OrderToWrite], now: datetime) -> dict[str, Any]:
    orders, lines = [], []
    for w in writes:
        o, fig = w.order, w.figures
        orders.append({
            "external_id": o.external_id, "customer_id": w.customer_id, "kind": o.kind.value,
            "original_order_id": w.original_order_id, "ordered_at": o.ordered_at, "status": o.status.value,
            "currency": o.currency.upper(), "total_amount": str(o.total_amount),
            "returned_amount": _money(o.returned_amount), "store_code": o.store_code,
            "net_amount": str(fig.net_amount), "list_amount": str(fig.list_amount),
            "discount_amount": str(fig.discount_amount), "line_count": len(o.lines), "fingerprint": w.fingerprint,
        })
        for line_no, ln in enumerate(o.lines, start=1):
            lines.append({"external_id": o.external_id, "line_no": line_no, "sku": ln.sku,
                          "product_name": ln.product_name, "quantity": str(ln.quantity),
                          "unit_price": str(ln.unit_price), "discount_amount": str(ln.discount_amount)})
    return {"source": source, "now": now, "orders": orjson.dumps(orders).decode(),
            "lines": orjson.dumps(lines).decode()}


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
        params = _order_params(source, [w for w, _ in changes], now)
        await self.session.execute(_KEEP_HISTORY, {"ids": changed_ids, "now": now})
        await self.session.execute(_UPDATE_ORDERS, {k: params[k] for k in ("source", "now", "orders")})
        await self.session.execute(_DELETE_LINES, {"ids": changed_ids})
        await self.session.execute(_INSERT_LINES, {"source": source, "lines": params["lines"]})
        for write, head in changes:
            done[write.order.external_id] = OrderWritten(write.order.external_id, head.id, ItemStatus.UPDATED,
                                                         previous=_figures(head))

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
            at, last_id = decode_cursor(page.cursor, key_time, key_id)
            stmt = stmt.where(tuple_(orders.c.ordered_at, orders.c.id) < tuple_(at, last_id))
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
    SELECT t.*, CAST(:now AS timestamptz) FROM json_to_recordset(CAST(:facts AS json)) AS t(
        customer_id bigint, orders_placed int, order_count int, cancelled_count int, returned_count int,
        net_revenue numeric, list_amount numeric, discount_amount numeric, first_order_at timestamptz,
        last_order_at timestamptz)
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
    SELECT * FROM json_to_recordset(CAST(:months AS json)) AS t(customer_id bigint, month date,
                                                                net_revenue numeric, order_count int)
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


# Quarterly facts for the loyalty recompute: each customer's purchases per calendar quarter, counted from the orders
# (domain/loyalty/model.py rules: one purchase per local day, returns credited to the day of the order they return).

# The chosen customers' quarters (`spans`: customer, quarter and its bounds in time), or every order.
_SPANS = """
    spans AS (
        SELECT customer_id, quarter, CAST(quarter AS timestamp) AT TIME ZONE :tz AS from_ts,
               CAST(quarter + interval '3 months' AS timestamp) AT TIME ZONE :tz AS to_ts
        FROM unnest(CAST(:customers AS bigint[]), CAST(:quarters AS date[])) AS p(customer_id, quarter)
    ),"""
_IN_SPANS = "JOIN spans s ON s.customer_id = o.customer_id AND o.ordered_at >= s.from_ts AND o.ordered_at < s.to_ts"

# Orders summed per local day, then per calendar quarter.
_RECOUNT = """
    WITH {spans} days AS (
        SELECT o.customer_id, (o.ordered_at AT TIME ZONE :tz)::date AS day,
               bool_or(o.status NOT IN ('cancelled', 'returned')) AS bought,
               sum(o.net_amount) AS bought_amount,  -- cancelled and fully returned orders are net 0
               sum(o.list_amount) AS list_amount, sum(o.discount_amount) AS discount_amount, count(*) AS placed,
               count(*) FILTER (WHERE o.status IN ('cancelled', 'returned', 'partially_returned')) AS issues
        FROM orders o {in_spans}
        WHERE o.kind = 'order'
        GROUP BY 1, 2
    ), returns AS (
        -- Return documents, credited to the day of the order they return.
        SELECT r.customer_id, (o.ordered_at AT TIME ZONE :tz)::date AS day, sum(r.net_amount) AS returned,
               count(*) FILTER (WHERE r.status <> 'cancelled') AS issues
        FROM orders o {in_spans} JOIN orders r ON r.original_order_id = o.id
        WHERE r.kind = 'return'
        GROUP BY 1, 2
    ), marked AS (
        SELECT d.customer_id, d.day, d.bought_amount + coalesce(x.returned, 0) AS spend, d.list_amount,
               d.discount_amount, d.placed, d.issues + coalesce(x.issues, 0) AS issues,
               d.bought AND (d.bought_amount + coalesce(x.returned, 0) > 0 OR d.bought_amount = 0) AS purchase
        FROM days d LEFT JOIN returns x ON x.customer_id = d.customer_id AND x.day = d.day
    )
    INSERT INTO customer_quarterly_facts (customer_id, quarter, purchase_days, first_day, last_day, first_day_spend,
                                          purchase_spend, revenue, list_amount, discount_amount, placed, issues)
    SELECT customer_id, CAST(date_trunc('quarter', day) AS date),
           count(*) FILTER (WHERE purchase), min(day) FILTER (WHERE purchase), max(day) FILTER (WHERE purchase),
           (min(ARRAY[CAST(day - DATE '2000-01-01' AS numeric), spend]) FILTER (WHERE purchase))[2],
           coalesce(sum(spend) FILTER (WHERE purchase), 0), sum(CAST(spend AS float8)),
           sum(CAST(list_amount AS float8)), sum(CAST(discount_amount AS float8)), sum(placed), sum(issues)
    FROM marked GROUP BY 1, 2
"""


# Which of a customer's quarters is their first with a purchase, after their quarters were counted (all customers'
# or those in :customers).
_MARK_FIRST_PURCHASE_QUARTERS = """
    UPDATE customer_quarterly_facts f SET first_purchase_quarter = coalesce(f.quarter = m.quarter, false)
    FROM (SELECT customer_id, min(quarter) FILTER (WHERE purchase_days > 0) AS quarter
          FROM customer_quarterly_facts {where} GROUP BY customer_id) m
    WHERE f.customer_id = m.customer_id AND f.first_purchase_quarter <> coalesce(f.quarter = m.quarter, false)
"""
_MARK_ALL = text(_MARK_FIRST_PURCHASE_QUARTERS.format(where=""))
_MARK_CHOSEN = text(_MARK_FIRST_PURCHASE_QUARTERS.format(where="WHERE customer_id = ANY(CAST(:customers AS bigint[]))"))
# The health as of a quarter end that the loyalty figures carry (repositories/loyalty/repository.py `recorded_health`)
# read the quarters up to it: once any of them is counted again, it no longer holds and the next run measures it afresh.
_FORGET_RECORDED_HEALTH = text("DELETE FROM loyalty_health_before WHERE quarter_end >= :since")


def _recount(chosen: bool) -> str:
    return _RECOUNT.format(spans=_SPANS if chosen else "", in_spans=_IN_SPANS if chosen else "")


# A return document changes the quarter of the order it returns, which may be earlier than its own.
_RETURNED_QUARTERS = f"""
    WITH {_SPANS.strip().rstrip(",")}
    SELECT DISTINCT r.customer_id, CAST(date_trunc('quarter', o.ordered_at AT TIME ZONE :tz) AS date) AS quarter
    FROM orders r JOIN spans s ON s.customer_id = r.customer_id AND r.ordered_at >= s.from_ts AND r.ordered_at < s.to_ts
    JOIN orders o ON o.id = r.original_order_id
    WHERE r.kind = 'return'
"""


class SqlFactsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def apply(self, deltas: dict[int, FactsDelta], months: dict[tuple[int, date], MonthDelta],
                    now: datetime, time_zone: str) -> None:
        ids = sorted(deltas)
        facts = [{"customer_id": i, "orders_placed": d.orders_placed, "order_count": d.order_count,
                  "cancelled_count": d.cancelled_count, "returned_count": d.returned_count,
                  "net_revenue": str(d.net_revenue), "list_amount": str(d.list_amount),
                  "discount_amount": str(d.discount_amount), "first_order_at": d.first_order_at,
                  "last_order_at": d.last_order_at} for i in ids for d in (deltas[i],)]
        await self.session.execute(_APPLY_FACTS, {"now": now, "facts": orjson.dumps(facts).decode()})
        month_rows = [{"customer_id": k[0], "month": k[1], "net_revenue": str(months[k].net_revenue),
                       "order_count": months[k].order_count} for k in sorted(months)]
        await self.session.execute(_APPLY_MONTHS, {"months": orjson.dumps(month_rows).decode()})
        # The quarters these orders fall in are counted again at the next loyalty recompute, from the orders.
        stale = sorted({(customer_id, quarter_start(month)) for customer_id, month in months})
        await self.session.execute(text("""
            INSERT INTO loyalty_stale_quarters (customer_id, quarter)
            SELECT * FROM unnest(CAST(:customers AS bigint[]), CAST(:quarters AS date[])) ON CONFLICT DO NOTHING
        """), {"customers": [c for c, _ in stale], "quarters": [q for _, q in stale]})
        recount = [i for i in ids if deltas[i].span_needs_recount]
        if recount:
            await self.session.execute(_RECOUNT_SPAN, {"ids": recount})
            await self.session.execute(_DROP_EMPTY_FACTS, {"ids": recount})
            await self.session.execute(_DROP_EMPTY_MONTHS, {"ids": recount, "tz": time_zone})

    async def rebuild(self, time_zone: str, now: datetime) -> int:
        # Ingestion waits while the rebuild runs (and the rebuild waits for batches in flight), so no
        # batch's deltas are lost or counted twice.
        await self.session.execute(text(
            "LOCK TABLE customer_facts, customer_monthly_revenue, loyalty_stale_quarters "
            "IN SHARE ROW EXCLUSIVE MODE"))
        await self.session.execute(customer_monthly_revenue.delete())
        await self.session.execute(customer_facts.delete())
        result = await self.session.execute(_REBUILD_FACTS, {"now": now})
        await self.session.execute(_REBUILD_MONTHS, {"tz": time_zone})
        await self.session.execute(loyalty_stale_quarters.delete())
        await self.session.execute(customer_quarterly_facts.delete())
        await self.session.execute(text(_recount(chosen=False)), {"tz": time_zone})
        await self.session.execute(_MARK_ALL)
        await self.session.execute(_FORGET_RECORDED_HEALTH, {"since": date.min})
        return int(getattr(result, "rowcount", 0) or 0)

    async def recount_stale_quarters(self, time_zone: str) -> int:
        """Recounts the quarters whose orders changed since they were last counted (and the quarters of the
        orders their return documents return). With no quarterly facts at all while orders exist (the first
        recompute after the upgrade that added them), every quarter is counted."""
        stale = {(r.customer_id, r.quarter) for r in await self.session.execute(
            text("DELETE FROM loyalty_stale_quarters RETURNING customer_id, quarter"))}
        if not stale:
            never_counted = (await self.session.execute(text(
                "SELECT NOT EXISTS (SELECT 1 FROM customer_quarterly_facts) AND EXISTS (SELECT 1 FROM orders)"
            ))).scalar_one()
            if never_counted:
                await self.session.execute(text(_recount(chosen=False)), {"tz": time_zone})
                await self.session.execute(_MARK_ALL)
                await self.session.execute(_FORGET_RECORDED_HEALTH, {"since": date.min})
            return 0
        params = {"tz": time_zone, "customers": [c for c, _ in stale], "quarters": [q for _, q in stale]}
        stale |= {(r.customer_id, r.quarter) for r in await self.session.execute(text(_RETURNED_QUARTERS), params)}
        chosen = sorted(stale)
        params |= {"customers": [c for c, _ in chosen], "quarters": [q for _, q in chosen]}
        await self.session.execute(text("""
            DELETE FROM customer_quarterly_facts f
            USING unnest(CAST(:customers AS bigint[]), CAST(:quarters AS date[])) AS p(customer_id, quarter)
            WHERE f.customer_id = p.customer_id AND f.quarter = p.quarter
        """), params)
        await self.session.execute(text(_recount(chosen=True)), params)
        await self.session.execute(_MARK_CHOSEN, params)
        await self.session.execute(_FORGET_RECORDED_HEALTH, {"since": min(q for _, q in chosen)})
        return len(chosen)

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

    async def net_revenue(self, customer_ids: Collection[int]) -> dict[int, Decimal]:
        if not customer_ids:
            return {}
        rows = await self.session.execute(
            select(customer_facts.c.customer_id, customer_facts.c.net_revenue)
            .where(customer_facts.c.customer_id.in_(list(customer_ids))))
        return {r.customer_id: r.net_revenue for r in rows}

