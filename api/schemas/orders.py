"""Orders: the ERP batch shape (validated item by item), and orders and facts as people read them."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, NotRequired, TypeGuard

from pydantic import (
    AfterValidator,
    BaseModel,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
)
from typing_extensions import TypedDict

from api.schemas.common import BusinessMoment, rejected_item
from api.schemas.windows import RevenueWindowRead
from domain.dates import moment_problem
from domain.integrations.model import MAX_BATCH_ITEMS, ItemStatus, Rejected
from domain.orders.model import (
    IncomingOrder,
    OrderKind,
    OrderLine,
    OrderRevision,
    OrderStatus,
    StoredOrder,
    TransactionFacts,
)
from domain.orders.windows import trailing_12_months


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def _text(max_length: int, min_length: int = 1) -> Any:
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length),
                     AfterValidator(_no_nul)]


if TYPE_CHECKING:  # _text builds the pydantic constraints at run time; mypy sees the str they validate
    ExternalId = str
else:
    ExternalId = _text(100)
# Amounts are decimal strings ("1160.00"); numbers are accepted too.
Money = Annotated[Decimal, Field(max_digits=16, decimal_places=2, examples=["1160.00"])]


class OrderLineIn(TypedDict):
    sku: ExternalId
    product_name: _text(500)  # type: ignore[valid-type]
    quantity: Annotated[Decimal, Field(max_digits=15, decimal_places=3)]
    unit_price: Annotated[Decimal, Field(max_digits=14, decimal_places=4)]
    discount_amount: NotRequired[Money]


class OrderIn(TypedDict):
    """An order (or a return document) as the ERP has it. Upserted by (source, external_id)."""

    external_id: ExternalId
    customer_external_id: ExternalId
    ordered_at: BusinessMoment
    status: OrderStatus
    total_amount: Money
    currency: NotRequired[Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{3}$")]]
    store_code: NotRequired[_text(50) | None]  # type: ignore[valid-type]
    kind: NotRequired[Annotated[OrderKind, Field(description="`return` for a return document naming its original "
                                                             "order in `original_external_id`")]]
    original_external_id: NotRequired[ExternalId | None]
    returned_amount: NotRequired[Annotated[Money | None, Field(description="Required when partially_returned")]]
    lines: NotRequired[Annotated[list[OrderLineIn], Field(max_length=500)]]


class OrderBatch(TypedDict):
    orders: Annotated[list[OrderIn], Field(max_length=MAX_BATCH_ITEMS)]


_ORDER = TypeAdapter(OrderIn)
ORDER_BATCH_SCHEMA = TypeAdapter(OrderBatch)


def parse_order(raw: Any) -> IncomingOrder | Rejected:
    """One batch item: the order, or what is wrong with its shape (fields named within the item,
    `lines.0.quantity`)."""
    return plain_order(raw) or _validated_order(raw)


def _validated_order(raw: Any) -> IncomingOrder | Rejected:
    try:
        item = _ORDER.validate_python(raw)
    except ValidationError as exc:
        return rejected_item(raw, exc)
    lines = tuple(OrderLine(ln["sku"], ln["product_name"], ln["quantity"], ln["unit_price"],
                            ln.get("discount_amount", Decimal(0))) for ln in item.get("lines", ()))
    return IncomingOrder(
        external_id=item["external_id"], customer_external_id=item["customer_external_id"],
        ordered_at=item["ordered_at"], status=item["status"], total_amount=item["total_amount"],
        currency=item.get("currency", "CNY").upper(), kind=item.get("kind", OrderKind.ORDER),
        store_code=item.get("store_code"), original_external_id=item.get("original_external_id"),
        returned_amount=item.get("returned_amount"), lines=lines,
    )


# --- The hot path -------------------------------------------------------------------------------------------------
# ERPs send the plain, canonical form almost always: ISO timestamps with an offset, decimal strings, trimmed
# text. `plain_order` recognises exactly that subset, which OrderIn accepts with the same values, for a
# third of the cost; anything else (numbers instead of strings, odd spellings, any error) goes through
# OrderIn's validation. tests/unit/test_order_parsing.py checks the two agree.

_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})")
_MONEY = re.compile(r"\d{1,14}(\.\d{1,2})?")
_QUANTITY = re.compile(r"\d{1,12}(\.\d{1,3})?")
_UNIT_PRICE = re.compile(r"\d{1,10}(\.\d{1,4})?")
_CURRENCY = re.compile(r"[A-Za-z]{3}")
_STATUSES = {s.value: s for s in OrderStatus}
_KINDS = {k.value: k for k in OrderKind}


def _plain_text(value: Any, max_length: int) -> TypeGuard[str]:
    return (type(value) is str and 0 < len(value) <= max_length and not value[0].isspace()
            and not value[-1].isspace() and "\x00" not in value)


def _plain_decimal(value: Any, pattern: re.Pattern[str]) -> Decimal | None:
    return Decimal(value) if type(value) is str and pattern.fullmatch(value) else None


def plain_order(raw: Any) -> IncomingOrder | None:
    """The order when `raw` is in the plain form, else None (then OrderIn decides)."""
    if type(raw) is not dict:
        return None
    external_id, customer, ordered_at = raw.get("external_id"), raw.get("customer_external_id"), raw.get("ordered_at")
    if not (_plain_text(external_id, 100) and _plain_text(customer, 100) and type(ordered_at) is str
            and _TIMESTAMP.fullmatch(ordered_at)):
        return None
    status_raw = raw.get("status")
    status = _STATUSES.get(status_raw) if type(status_raw) is str else None
    total = _plain_decimal(raw.get("total_amount"), _MONEY)
    if status is None or total is None:
        return None
    try:
        at = datetime.fromisoformat(ordered_at)
    except ValueError:
        return None
    if moment_problem(at):  # outside the business dates: OrderIn names the field
        return None
    currency, kind, store_code = raw.get("currency", "CNY"), raw.get("kind", "order"), raw.get("store_code")
    original, returned_raw = raw.get("original_external_id"), raw.get("returned_amount")
    if (type(currency) is not str or not _CURRENCY.fullmatch(currency) or type(kind) is not str
            or kind not in _KINDS
            or (store_code is not None and not _plain_text(store_code, 50))
            or (original is not None and not _plain_text(original, 100))):
        return None
    returned = None
    if returned_raw is not None:
        returned = _plain_decimal(returned_raw, _MONEY)
        if returned is None:
            return None
    raw_lines = raw.get("lines", [])
    if type(raw_lines) is not list or len(raw_lines) > 500:
        return None
    lines = []
    for line in raw_lines:
        if type(line) is not dict:
            return None
        quantity = _plain_decimal(line.get("quantity"), _QUANTITY)
        unit_price = _plain_decimal(line.get("unit_price"), _UNIT_PRICE)
        discount = _plain_decimal(line.get("discount_amount", "0"), _MONEY)
        sku, name = line.get("sku"), line.get("product_name")
        if quantity is None or unit_price is None or discount is None or not (
                _plain_text(sku, 100) and _plain_text(name, 500)):
            return None
        lines.append(OrderLine(sku, name, quantity, unit_price, discount))
    return IncomingOrder(external_id=external_id, customer_external_id=customer, ordered_at=at, status=status,
                         total_amount=total, currency=currency.upper(), kind=_KINDS[kind], store_code=store_code,
                         original_external_id=original, returned_amount=returned, lines=tuple(lines))


class ItemErrorRead(BaseModel):
    field: str
    message: str


class ItemResultRead(BaseModel):
    external_id: str | None
    status: ItemStatus
    id: int | None = None
    errors: list[ItemErrorRead] | None = None


class BatchSummary(BaseModel):
    created: int
    updated: int
    unchanged: int
    error: int


class BatchResults(BaseModel):
    results: list[ItemResultRead] = Field(description="One per item, in request order.")
    summary: BatchSummary


class OrderLineRead(BaseModel):
    line_no: int
    sku: str
    product_name: str
    quantity: Decimal
    unit_price: Decimal
    discount_amount: Decimal
    amount: Decimal


class OrderRevisionRead(BaseModel):
    version: int
    replaced_at: datetime
    state: dict[str, Any] = Field(description="The order as it was before this version was replaced.")

    @classmethod
    def of(cls, r: OrderRevision) -> OrderRevisionRead:
        return cls(version=r.version, replaced_at=r.replaced_at, state=r.state)


class OrderRead(BaseModel):
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
    net_amount: Decimal = Field(description="What the order adds to the customer's net revenue.")
    discount_amount: Decimal
    store_code: str | None
    version: int
    received_at: datetime
    updated_at: datetime
    lines: list[OrderLineRead]

    @classmethod
    def of(cls, o: StoredOrder) -> OrderRead:
        return cls(
            id=o.id, source=o.source, external_id=o.external_id, customer_id=o.customer_id, kind=o.kind,
            original_order_id=o.original_order_id, ordered_at=o.ordered_at, status=o.status, currency=o.currency,
            total_amount=o.total_amount, returned_amount=o.returned_amount, net_amount=o.net_amount,
            discount_amount=o.discount_amount, store_code=o.store_code, version=o.version,
            received_at=o.received_at, updated_at=o.updated_at,
            lines=[OrderLineRead(line_no=i, sku=ln.sku, product_name=ln.product_name, quantity=ln.quantity,
                                 unit_price=ln.unit_price, discount_amount=ln.discount_amount,
                                 amount=ln.amount.quantize(Decimal("0.01")))
                   for i, ln in enumerate(o.lines, start=1)],
        )


class OrderDetail(OrderRead):
    history: list[OrderRevisionRead] = Field(description="Replaced versions, newest first.")

    @classmethod
    def of(cls, o: StoredOrder) -> OrderDetail:
        return cls(**OrderRead.of(o).model_dump(), history=[OrderRevisionRead.of(r) for r in o.history])


class MonthlyRevenueRead(BaseModel):
    month: date = Field(description="First day of the month (company time zone).")
    net_revenue: Decimal
    order_count: int


class FactsRead(BaseModel):
    customer_id: int
    order_count: int = Field(description="Orders that happened (placed, not cancelled).")
    orders_placed: int = Field(description="All orders, cancelled ones included.")
    net_revenue: Decimal = Field(description="Lifetime: totals less cancellations and returns.")
    net_revenue_12m: Decimal = Field(description="This month and the 11 before it.")
    net_revenue_12m_window: RevenueWindowRead = Field(description="The days `net_revenue_12m` adds up (to today).")
    first_order_at: datetime | None
    last_order_at: datetime | None
    average_order_value: Decimal | None
    discount_share: Decimal | None = Field(description="Discounts / list value of purchases (0..1).")
    cancelled_count: int
    cancellation_rate: Decimal | None
    returned_count: int
    return_rate: Decimal | None
    typical_purchase_interval_days: Decimal | None = Field(description="Mean days between purchases.")
    monthly: list[MonthlyRevenueRead] = Field(description="Months with orders, oldest first; a month that is absent "
                                                          "had none (zero).")
    currency: str

    @classmethod
    def of(cls, f: TransactionFacts, today: date, currency: str) -> FactsRead:
        window = trailing_12_months(today)
        return cls(
            customer_id=f.customer_id, order_count=f.order_count, orders_placed=f.orders_placed,
            net_revenue=f.net_revenue, net_revenue_12m=f.net_revenue_trailing_12_months(today.replace(day=1)),
            net_revenue_12m_window=RevenueWindowRead.of(window),
            first_order_at=f.first_order_at, last_order_at=f.last_order_at,
            average_order_value=f.average_order_value, discount_share=f.discount_share,
            cancelled_count=f.cancelled_count, cancellation_rate=f.cancellation_rate,
            returned_count=f.returned_count, return_rate=f.return_rate,
            typical_purchase_interval_days=f.typical_purchase_interval_days,
            monthly=[MonthlyRevenueRead(month=m.month, net_revenue=m.net_revenue, order_count=m.order_count)
                     for m in f.monthly],
            currency=currency,
        )
