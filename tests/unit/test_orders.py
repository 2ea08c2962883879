"""Order validation and net revenue (the ERP issue's rules), without a database."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from domain.orders import IncomingOrder, OrderKind, OrderLine, OrderStatus, net_revenue, order_problems

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
SHANGHAI = timezone(timedelta(hours=8))


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
