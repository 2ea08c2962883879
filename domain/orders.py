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
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from domain.errors import FieldError

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
        canonical = {
            "external_id": self.external_id, "customer_external_id": self.customer_external_id,
            "ordered_at": self.ordered_at.timestamp(), "status": str(self.status), "kind": str(self.kind),
            "total_amount": _money(self.total_amount), "currency": self.currency.upper(),
            "store_code": self.store_code, "original_external_id": self.original_external_id,
            "returned_amount": _money(self.returned_amount) if self.returned_amount is not None else None,
            "lines": [[ln.sku, ln.product_name, str(ln.quantity.normalize()), _money(ln.unit_price),
                       _money(ln.discount_amount)] for ln in self.lines],
        }
        return hashlib.sha256(json.dumps(canonical, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


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
    """What the order adds to the customer's net revenue (negative for a return document)."""
    if order.kind is OrderKind.RETURN:
        return Decimal(0) if order.status is OrderStatus.CANCELLED else -order.total_amount
    if order.status in (OrderStatus.CANCELLED, OrderStatus.RETURNED):
        return Decimal(0)
    if order.status is OrderStatus.PARTIALLY_RETURNED:
        assert order.returned_amount is not None
        return order.total_amount - order.returned_amount
    return order.total_amount
