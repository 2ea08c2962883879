"""The hot-path parser of ERP orders accepts only what the schema accepts, with the same values."""

from __future__ import annotations

import random
from typing import Any

from api.schemas.orders import _validated_order, parse_order, plain_order
from domain.integrations.model import Rejected
from domain.orders.model import IncomingOrder

BASE: dict[str, Any] = {
    "external_id": "SO-1", "customer_external_id": "K-1", "ordered_at": "2026-10-20T09:30:00+08:00",
    "status": "delivered", "total_amount": "1160.00",
    "lines": [{"sku": "FZ-001", "product_name": "速冻虾仁 1kg", "quantity": "10", "unit_price": "98.00",
               "discount_amount": "20.00"},
              {"sku": "FZ-002", "product_name": "速冻水饺 2kg", "quantity": "4", "unit_price": "50"}],
}

# Spellings a field may arrive in: plain ones, ones only the full schema accepts, and bad ones.
VARIANTS: dict[str, list[Any]] = {
    "external_id": ["SO-2", " SO-2", "SO-2 ", "", "x" * 100, "x" * 101, "a\x00b", 12, None],
    "ordered_at": ["2026-10-20T01:30:00Z", "2026-10-20T09:30:00.123456+08:00", "2026-10-20 09:30:00+08:00",
                   "2026-10-20T09:30:00", "2026-13-20T09:30:00+08:00", "2026-02-30T09:30:00+08:00",
                   "20261020T093000+0800", "2026-10-20T09:30:00+0800", 1760000000, "yesterday"],
    "status": ["placed", "cancelled", "partially_returned", "Delivered", "lost", None, [], {}],
    "total_amount": ["1160", "1160.5", "01160.00", "1160.001", "-5", "1e3", 1160, 1160.0, "12345678901234.99",
                     "123456789012345.99", " 1160.00", "NaN", "Infinity", ""],
    "currency": ["CNY", "cny", "EUR", "CN", "CNYY", 1, None],
    "store_code": ["SH-01", None, "", " SH", "x" * 51],
    "kind": ["order", "return", "refund", None, [], {}],
    "original_external_id": ["SO-0", None, "", 5],
    "returned_amount": ["10.00", "10", None, "-1", "10.005", 10],
    "lines": [[], None, "x", [{}], [{"sku": "A", "product_name": "a", "quantity": "1", "unit_price": "1"}]],
    "lines.0.quantity": ["1", "1.5", "1.234", "1.2345", "0", "-1", 1, "1e2", "1234567890123"],
    "lines.0.unit_price": ["98", "98.1234", "98.12345", "-1", 98.5, "12345678901.5"],
    "lines.0.discount_amount": ["0", "0.50", "0.505", None, "-1"],
    "lines.0.sku": ["A", "", " A", "x" * 101, None],
    "lines.0.product_name": ["名", "x" * 500, "x" * 501, "a\x00"],
}


def _with(item: dict[str, Any], field: str, value: Any) -> dict[str, Any]:
    lines = item.get("lines")
    if isinstance(lines, list):
        item = {**item, "lines": [dict(line) if isinstance(line, dict) else line for line in lines]}
    if field.startswith("lines.0."):
        if isinstance(lines, list) and lines and isinstance(item["lines"][0], dict):
            item["lines"][0][field.removeprefix("lines.0.")] = value
    else:
        item[field] = value
    return item


def _agrees(item: Any) -> None:
    plain, validated = plain_order(item), _validated_order(item)
    if plain is not None:
        assert isinstance(validated, IncomingOrder), (item, validated)
        assert plain == validated, item
        assert plain.fingerprint() == validated.fingerprint()
    assert parse_order(item) == validated  # the hot path never changes the outcome


def test_the_plain_form_takes_the_hot_path() -> None:
    assert plain_order(BASE) is not None


def test_every_variant_of_every_field_agrees() -> None:
    for field, values in VARIANTS.items():
        for value in values:
            _agrees(_with(BASE, field, value))


def test_random_combinations_agree() -> None:
    rng = random.Random(20261123)
    fields = list(VARIANTS)
    for _ in range(2000):
        item = BASE
        for field in rng.sample(fields, rng.randint(1, 4)):
            item = _with(item, field, rng.choice(VARIANTS[field]))
        _agrees(item)


def test_not_an_object_is_rejected() -> None:
    for raw in (None, "SO-1", [BASE], 5):
        assert plain_order(raw) is None
        assert isinstance(parse_order(raw), Rejected)
