"""Orders from ERP systems: what a valid order is, and what it adds to a customer's net revenue.

Everything Keyhold computes about a customer's buying (transaction facts, scores, tiers, RFM, lifetime
value) reads net revenue as defined here, so the rules live in one place:

* a placed, confirmed or delivered order counts its total;
* a cancelled or fully returned order counts nothing;
* a partially returned order counts its total less `returned_amount`;
* a return sent as its own document (`kind = return`, naming the original order) counts minus its total.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from enum import StrEnum
from typing import Any

from domain.errors import FieldError
from domain.integrations.model import ItemStatus

# ERP clocks drift: an order stamped a little in the future is accepted, more is a bad date.
CLOCK_SKEW = timedelta(minutes=5)
# Totals are compared with the sum of their lines to the cent, allowing rounding in the ERP.
TOTAL_TOLERANCE = Decimal("0.01")
CENT = Decimal("0.01")


class OrderStatus(StrEnum):
    PLACED = "placed"
    CONFIRMED = "confirmed"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    RETURNED = "returned"
    PARTIALLY_RETURNED = "partially_returned"


class OrderKind(StrEnum):
    ORDER = "order"
    RETURN = "return"  # a return document referencing the original order


@dataclass(frozen=True)
class OrderLine:
    sku: str
    product_name: str
    quantity: Decimal
    unit_price: Decimal
    discount_amount: Decimal = Decimal(0)

    @property
    def amount(self) -> Decimal:
        return self.quantity * self.unit_price - self.discount_amount


@dataclass(frozen=True)
class IncomingOrder:
    """An order (or return document) as an ERP sends it, before it is stored."""

    external_id: str
    customer_external_id: str
    ordered_at: datetime
    status: OrderStatus
    total_amount: Decimal
    currency: str = "CNY"
    kind: OrderKind = OrderKind.ORDER
    store_code: str | None = None
    original_external_id: str | None = None
    returned_amount: Decimal | None = None
    lines: tuple[OrderLine, ...] = field(default_factory=tuple)

    @property
    def lines_total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))

    @property
    def discount_total(self) -> Decimal:
        return sum((line.discount_amount for line in self.lines), Decimal(0))

    def fingerprint(self) -> str:
        """Equal for equal content, whatever the JSON key order or decimal spelling ("10" vs "10.00"):
        a resent, unchanged order is recognised and not written again."""
        parts = [self.external_id, self.customer_external_id, repr(self.ordered_at.timestamp()), self.status.value,
                 self.kind.value, _money(self.total_amount), self.currency.upper(), _optional(self.store_code),
                 _optional(self.original_external_id),
                 _money(self.returned_amount) if self.returned_amount is not None else _ABSENT]
        for ln in self.lines:
            parts += (ln.sku, ln.product_name, str(ln.quantity.normalize()), _money(ln.unit_price),
                      _money(ln.discount_amount))
        # repr quotes and escapes each field, so no text inside a field can imitate a field boundary.
        return hashlib.blake2b(repr(parts).encode(), digest_size=20).hexdigest()


_ABSENT = "\x00"  # stands for None: input text never holds NUL (it is refused)


def _optional(value: str | None) -> str:
    return _ABSENT if value is None else value


def _money(value: Decimal) -> str:
    return str(value.quantize(CENT))


def order_problems(order: IncomingOrder, *, now: datetime) -> list[FieldError]:
    """Every rule the order breaks, each naming its field (`lines.2.quantity`); empty when it is valid."""
    errors: list[FieldError] = []
    if order.ordered_at.tzinfo is None:
        errors.append(FieldError("ordered_at", "needs a UTC offset, e.g. 2026-11-23T10:00:00+08:00"))
    elif order.ordered_at > now + CLOCK_SKEW:
        errors.append(FieldError("ordered_at", "lies in the future"))
    if order.total_amount < 0:
        errors.append(FieldError("total_amount", "must not be negative (send returns as returns)"))
    if len(order.currency) != 3 or not order.currency.isalpha():
        errors.append(FieldError("currency", "an ISO 4217 code such as CNY"))
    for index, line in enumerate(order.lines):
        if line.quantity <= 0:
            errors.append(FieldError(f"lines.{index}.quantity", "must be positive"))
        if line.unit_price < 0:
            errors.append(FieldError(f"lines.{index}.unit_price", "must not be negative"))
        if line.discount_amount < 0:
            errors.append(FieldError(f"lines.{index}.discount_amount", "must not be negative"))
        elif line.quantity > 0 and line.unit_price >= 0 and line.discount_amount > line.quantity * line.unit_price:
            errors.append(FieldError(f"lines.{index}.discount_amount", "exceeds the line's value"))
    lines_valid = order.lines and not any(e.field.startswith("lines.") for e in errors)
    if lines_valid and abs(order.lines_total - order.total_amount) > TOTAL_TOLERANCE:
        errors.append(FieldError("total_amount", f"differs from the sum of the lines ({_money(order.lines_total)})"))
    if order.kind is OrderKind.RETURN and not order.original_external_id:
        errors.append(FieldError("original_external_id", "a return names the order it returns"))
    if order.kind is OrderKind.ORDER and order.original_external_id:
        errors.append(FieldError("original_external_id", "only a return references another order"))
    if order.status is OrderStatus.PARTIALLY_RETURNED:
        if order.returned_amount is None:
            errors.append(FieldError("returned_amount", "a partially returned order says how much came back"))
        elif not Decimal(0) < order.returned_amount < order.total_amount:
            errors.append(FieldError("returned_amount", "must lie between 0 and the order's total"))
    elif order.returned_amount is not None:
        errors.append(FieldError("returned_amount", "only for partially returned orders"))
    return errors


def net_revenue(order: IncomingOrder) -> Decimal:
    """What the order adds to the customer's net revenue (negative for a return document). Ingestion applies it
    order by order; the facts rebuild runs the same rule in SQL (repositories/orders/repository.py), and
    tests/integration/test_erp_ingestion.py `test_facts_kept_incrementally_equal_a_rebuild` holds the two equal."""
    if order.kind is OrderKind.RETURN:
        return Decimal(0) if order.status is OrderStatus.CANCELLED else -order.total_amount
    if order.status in (OrderStatus.CANCELLED, OrderStatus.RETURNED):
        return Decimal(0)
    if order.status is OrderStatus.PARTIALLY_RETURNED:
        assert order.returned_amount is not None
        return order.total_amount - order.returned_amount
    return order.total_amount


# --- Transaction facts: what each order adds, kept per customer and per month ----------------------------------

@dataclass(frozen=True)
class OrderFigures:
    """What one stored order contributes to its customer's transaction facts."""

    customer_id: int
    ordered_at: datetime
    kind: OrderKind
    status: OrderStatus
    net_amount: Decimal
    # List value (quantity x unit price) and discounts of a purchase; zero for returns and cancellations.
    list_amount: Decimal
    discount_amount: Decimal

    @property
    def placed(self) -> bool:
        return self.kind is OrderKind.ORDER

    @property
    def purchase(self) -> bool:
        """An order that happened: placed and not cancelled (a returned order still happened)."""
        return self.kind is OrderKind.ORDER and self.status is not OrderStatus.CANCELLED

    @property
    def cancelled(self) -> bool:
        return self.kind is OrderKind.ORDER and self.status is OrderStatus.CANCELLED

    @property
    def returned(self) -> bool:
        """A return, whether the order's status says so or a return document came on its own."""
        if self.kind is OrderKind.RETURN:
            return self.status is not OrderStatus.CANCELLED
        return self.status in (OrderStatus.RETURNED, OrderStatus.PARTIALLY_RETURNED)


def figures(order: IncomingOrder, customer_id: int) -> OrderFigures:
    list_amount = discount = Decimal(0)
    if order.kind is OrderKind.ORDER and order.status is not OrderStatus.CANCELLED:
        if order.lines:
            list_amount = sum((ln.quantity * ln.unit_price for ln in order.lines), Decimal(0)).quantize(CENT)
            discount = order.discount_total.quantize(CENT)
        else:
            list_amount = order.total_amount  # no lines: the total is all we know
    return OrderFigures(customer_id, order.ordered_at, order.kind, order.status, net_revenue(order).quantize(CENT),
                        list_amount, discount)


def month_of(moment: datetime, time_zone: tzinfo) -> date:
    """The first day of the moment's month in the company's time zone (months are local)."""
    return moment.astimezone(time_zone).date().replace(day=1)


@dataclass
class FactsDelta:
    """The change to one customer's stored facts from a batch of order writes."""

    orders_placed: int = 0
    order_count: int = 0
    cancelled_count: int = 0
    returned_count: int = 0
    net_revenue: Decimal = Decimal(0)
    list_amount: Decimal = Decimal(0)
    discount_amount: Decimal = Decimal(0)
    # Earliest and latest purchase among the orders added; the stored span widens to include them.
    first_order_at: datetime | None = None
    last_order_at: datetime | None = None
    # A purchase was changed or withdrawn: the span may shrink, so it is recomputed from the orders.
    span_needs_recount: bool = False


@dataclass
class MonthDelta:
    net_revenue: Decimal = Decimal(0)
    order_count: int = 0


def facts_deltas(
    removed: Iterable[OrderFigures], added: Iterable[OrderFigures], time_zone: tzinfo
) -> tuple[dict[int, FactsDelta], dict[tuple[int, date], MonthDelta]]:
    """Per-customer and per-customer-month changes when `removed` contributions (the previous state of
    updated orders) are replaced by `added` ones. Adding these to the stored facts keeps them equal to
    a rebuild from all orders."""
    customers: dict[int, FactsDelta] = {}
    months: dict[tuple[int, date], MonthDelta] = {}
    for sign, contributions in ((-1, removed), (1, added)):
        for fig in contributions:
            delta = customers.setdefault(fig.customer_id, FactsDelta())
            delta.orders_placed += sign * fig.placed
            delta.order_count += sign * fig.purchase
            delta.cancelled_count += sign * fig.cancelled
            delta.returned_count += sign * fig.returned
            delta.net_revenue += sign * fig.net_amount
            delta.list_amount += sign * fig.list_amount
            delta.discount_amount += sign * fig.discount_amount
            if fig.purchase:
                if sign < 0:
                    delta.span_needs_recount = True
                else:
                    if delta.first_order_at is None or fig.ordered_at < delta.first_order_at:
                        delta.first_order_at = fig.ordered_at
                    if delta.last_order_at is None or fig.ordered_at > delta.last_order_at:
                        delta.last_order_at = fig.ordered_at
            month = months.setdefault((fig.customer_id, month_of(fig.ordered_at, time_zone)), MonthDelta())
            month.net_revenue += sign * fig.net_amount
            month.order_count += sign * fig.purchase
    return customers, months


@dataclass(frozen=True)
class MonthlyRevenue:
    month: date
    net_revenue: Decimal
    order_count: int


def _ratio(part: Decimal | int, whole: Decimal | int, places: str = "0.0001") -> Decimal | None:
    return (Decimal(part) / Decimal(whole)).quantize(Decimal(places)) if whole else None


def months_back(month: date, count: int) -> date:
    """The first day of the month `count` months before `month`."""
    index = month.year * 12 + month.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class TransactionFacts:
    """A customer's buying, as every later analysis reads it (docs/domain.md sections 5 and 6)."""

    customer_id: int
    orders_placed: int
    order_count: int
    cancelled_count: int
    returned_count: int
    net_revenue: Decimal
    list_amount: Decimal
    discount_amount: Decimal
    first_order_at: datetime | None
    last_order_at: datetime | None
    monthly: tuple[MonthlyRevenue, ...] = ()

    @classmethod
    def none(cls, customer_id: int) -> TransactionFacts:
        """The facts of a customer who has not ordered yet."""
        zero = Decimal(0)
        return cls(customer_id, 0, 0, 0, 0, zero, zero, zero, None, None)

    def net_revenue_trailing_12_months(self, this_month: date) -> Decimal:
        """The current month and the eleven before it (calendar months in the company's time zone)."""
        since = months_back(this_month, 11)
        return sum((m.net_revenue for m in self.monthly if since <= m.month <= this_month), Decimal(0))

    @property
    def average_order_value(self) -> Decimal | None:
        return _ratio(self.net_revenue, self.order_count, "0.01")

    @property
    def discount_share(self) -> Decimal | None:
        """Discounts as a share of the list value of what was bought: a sign of price sensitivity."""
        return _ratio(self.discount_amount, self.list_amount)

    @property
    def cancellation_rate(self) -> Decimal | None:
        return _ratio(self.cancelled_count, self.orders_placed)

    @property
    def return_rate(self) -> Decimal | None:
        return _ratio(self.returned_count, self.order_count)

    @property
    def typical_purchase_interval_days(self) -> Decimal | None:
        """The mean gap between purchases: the span from first to last purchase over the gaps in it."""
        if self.order_count < 2 or self.first_order_at is None or self.last_order_at is None:
            return None
        span_days = Decimal((self.last_order_at - self.first_order_at).total_seconds()) / Decimal(86400)
        return (span_days / (self.order_count - 1)).quantize(Decimal("0.1"))


# --- Orders as people read them ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class OrderRevision:
    """A replaced state of an order: the ERP sent a changed version and this is what it was before."""

    version: int
    replaced_at: datetime
    state: dict[str, Any]


@dataclass(frozen=True)
class StoredOrder:
    id: int
    source: str
    external_id: str
    customer_id: int
    kind: OrderKind
    original_order_id: int | None
    ordered_at: datetime
    status: OrderStatus
    currency: str
    total_amount: Decimal
    returned_amount: Decimal | None
    store_code: str | None
    net_amount: Decimal
    discount_amount: Decimal
    version: int
    received_at: datetime
    updated_at: datetime
    lines: tuple[OrderLine, ...] = ()
    history: tuple[OrderRevision, ...] = ()


@dataclass(frozen=True)
class OrderToWrite:
    """A valid incoming order resolved to Keyhold's ids, ready to be stored."""

    order: IncomingOrder
    customer_id: int
    original_order_id: int | None
    figures: OrderFigures
    fingerprint: str


@dataclass(frozen=True)
class OrderWritten:
    """What storing one order did; `previous` is the replaced contribution when it was updated."""

    external_id: str
    id: int
    outcome: ItemStatus  # created, updated or unchanged
    previous: OrderFigures | None = None
