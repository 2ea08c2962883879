"""Order validation and net revenue (the ERP issue's rules), without a database."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from domain.orders.model import (
    IncomingOrder,
    MonthlyRevenue,
    OrderKind,
    OrderLine,
    OrderStatus,
    TransactionFacts,
    facts_deltas,
    figures,
    month_of,
    months_back,
    net_revenue,
    order_problems,
)

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
SHANGHAI = timezone(timedelta(hours=8))
TZ = ZoneInfo("Asia/Shanghai")


def _order(**changes: object) -> IncomingOrder:
    base = IncomingOrder(
        external_id="SO-1001", customer_external_id="K-77", ordered_at=datetime(2026, 11, 20, 9, 30, tzinfo=SHANGHAI),
        status=OrderStatus.DELIVERED, total_amount=Decimal("1160.00"),
        lines=(OrderLine("FZ-001", "速冻虾仁 1kg", Decimal(10), Decimal("98.00"), Decimal("20.00")),
               OrderLine("FZ-002", "速冻水饺 2kg", Decimal(4), Decimal("50.00"))),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def _fields(order: IncomingOrder) -> set[str]:
    return {e.field for e in order_problems(order, now=NOW)}


def test_a_consistent_order_is_valid() -> None:
    assert order_problems(_order(), now=NOW) == []
    assert _order().lines_total == Decimal("1160.00")  # 10 x 98 - 20 + 4 x 50
    assert _order().discount_total == Decimal("20.00")


def test_total_must_match_lines_within_a_cent() -> None:
    assert order_problems(_order(total_amount=Decimal("1160.01")), now=NOW) == []
    assert order_problems(_order(total_amount=Decimal("1159.99")), now=NOW) == []
    assert _fields(_order(total_amount=Decimal("1160.02"))) == {"total_amount"}


def test_negative_amounts_and_bad_lines_name_their_fields() -> None:
    lines = (OrderLine("A", "a", Decimal(0), Decimal("-1")), OrderLine("B", "b", Decimal(1), Decimal(5), Decimal(6)))
    assert _fields(_order(lines=lines, total_amount=Decimal(-3))) == {
        "total_amount", "lines.0.quantity", "lines.0.unit_price", "lines.1.discount_amount"}


def test_dates_need_an_offset_and_must_not_lie_ahead() -> None:
    assert _fields(_order(ordered_at=datetime(2026, 11, 20, 9, 30))) == {"ordered_at"}  # noqa: DTZ001
    assert _fields(_order(ordered_at=NOW + timedelta(minutes=4))) == set()  # within clock skew
    assert _fields(_order(ordered_at=NOW + timedelta(hours=1))) == {"ordered_at"}


def test_returns_and_partial_returns_carry_what_they_need() -> None:
    assert _fields(_order(kind=OrderKind.RETURN)) == {"original_external_id"}
    assert _fields(_order(original_external_id="SO-1")) == {"original_external_id"}
    assert _fields(_order(status=OrderStatus.PARTIALLY_RETURNED)) == {"returned_amount"}
    assert _fields(_order(status=OrderStatus.PARTIALLY_RETURNED, returned_amount=Decimal(2000))) == {"returned_amount"}
    assert _fields(_order(returned_amount=Decimal(10))) == {"returned_amount"}


@pytest.mark.parametrize(("changes", "expected"), [
    ({}, Decimal("1160.00")),
    ({"status": OrderStatus.PLACED}, Decimal("1160.00")),
    ({"status": OrderStatus.CANCELLED}, Decimal(0)),
    ({"status": OrderStatus.RETURNED}, Decimal(0)),
    ({"status": OrderStatus.PARTIALLY_RETURNED, "returned_amount": Decimal("196.00")}, Decimal("964.00")),
    ({"kind": OrderKind.RETURN, "original_external_id": "SO-1000"}, Decimal("-1160.00")),
    ({"kind": OrderKind.RETURN, "original_external_id": "SO-1000", "status": OrderStatus.CANCELLED}, Decimal(0)),
])
def test_net_revenue(changes: dict[str, object], expected: Decimal) -> None:
    assert net_revenue(_order(total_amount=Decimal("1160.00"), **changes)) == expected  # type: ignore[arg-type]


def test_fingerprint_ignores_spelling_but_not_content() -> None:
    same = _order(total_amount=Decimal("1160.0"), ordered_at=datetime(2026, 11, 20, 1, 30, tzinfo=UTC))
    assert _order().fingerprint() == same.fingerprint()
    assert _order().fingerprint() != _order(status=OrderStatus.CANCELLED).fingerprint()


# --- what orders add to the transaction facts ---------------------------------------------------------------


def test_figures_count_purchases_cancellations_and_returns() -> None:
    delivered = figures(_order(), 7)
    assert (delivered.placed, delivered.purchase, delivered.cancelled, delivered.returned) == (True, True, False, False)
    assert (delivered.net_amount, delivered.list_amount, delivered.discount_amount) == (
        Decimal("1160.00"), Decimal("1180.00"), Decimal("20.00"))
    cancelled = figures(_order(status=OrderStatus.CANCELLED), 7)
    assert (cancelled.purchase, cancelled.cancelled, cancelled.net_amount, cancelled.list_amount) == (
        False, True, Decimal(0), Decimal(0))
    partial = figures(_order(status=OrderStatus.PARTIALLY_RETURNED, returned_amount=Decimal("160")), 7)
    assert (partial.purchase, partial.returned, partial.net_amount) == (True, True, Decimal("1000.00"))
    document = figures(_order(kind=OrderKind.RETURN, original_external_id="SO-1000"), 7)
    assert (document.placed, document.purchase, document.returned, document.net_amount) == (
        False, False, True, Decimal("-1160.00"))


def test_months_are_local_to_the_company() -> None:
    # 07:00 on 1 April in Shanghai is still 31 March in UTC: the order belongs to April.
    assert month_of(datetime(2026, 3, 31, 23, 0, tzinfo=UTC), TZ) == date(2026, 4, 1)
    assert months_back(date(2026, 2, 1), 11) == date(2025, 3, 1)
    assert months_back(date(2026, 1, 1), 1) == date(2025, 12, 1)


def test_replacing_an_order_moves_the_facts_by_the_difference() -> None:
    before = figures(_order(), 7)
    after = figures(_order(status=OrderStatus.CANCELLED), 7)
    customers, months = facts_deltas([before], [after], TZ)
    delta = customers[7]
    assert (delta.orders_placed, delta.order_count, delta.cancelled_count) == (0, -1, 1)
    assert (delta.net_revenue, delta.list_amount, delta.discount_amount) == (
        Decimal("-1160.00"), Decimal("-1180.00"), Decimal("-20.00"))
    assert delta.span_needs_recount  # the withdrawn purchase may have been the first or last
    assert months[(7, date(2026, 11, 1))].order_count == -1
    # Moving an order to another customer takes it from one and gives it to the other.
    moved, _ = facts_deltas([before], [figures(_order(), 8)], TZ)
    assert (moved[7].order_count, moved[8].order_count) == (-1, 1)
    assert moved[8].first_order_at == moved[8].last_order_at == _order().ordered_at
    assert not moved[8].span_needs_recount


def test_derived_figures() -> None:
    facts = TransactionFacts(
        customer_id=7, orders_placed=4, order_count=3, cancelled_count=1, returned_count=1,
        net_revenue=Decimal("3000.00"), list_amount=Decimal("3200.00"), discount_amount=Decimal("80.00"),
        first_order_at=datetime(2026, 1, 1, tzinfo=UTC), last_order_at=datetime(2026, 3, 2, tzinfo=UTC),
        monthly=(MonthlyRevenue(date(2025, 11, 1), Decimal("500"), 1),
                 MonthlyRevenue(date(2025, 12, 1), Decimal("1000"), 1),
                 MonthlyRevenue(date(2026, 11, 1), Decimal("1500"), 1)))
    assert facts.average_order_value == Decimal("1000.00")
    assert facts.discount_share == Decimal("0.0250")
    assert facts.cancellation_rate == Decimal("0.2500")
    assert facts.return_rate == Decimal("0.3333")
    assert facts.typical_purchase_interval_days == Decimal("30.0")  # 60 days over two gaps
    # November 2026 and the eleven months before it: December 2025 .. November 2026.
    assert facts.net_revenue_trailing_12_months(date(2026, 11, 1)) == Decimal("2500")
    empty = TransactionFacts.none(7)
    assert (empty.average_order_value, empty.discount_share, empty.typical_purchase_interval_days) == (
        None, None, None)
