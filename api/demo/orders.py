"""Two years of orders for the demo customers, as the demo ERP would send them.

Deterministic in the seed. Realistic where it matters to the analyses that read the facts: customer value
is heavily skewed (a lognormal draw scaled by the customer's size, so a fifth of the customers bring most of
the revenue), buying follows the season of the trade (hotels stock up before Spring Festival, building
materials slow down in the cold months), some customers grow and some fade, abandoned customers stopped
buying, and a few orders are cancelled, returned in part or in full, or followed by a return document.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from domain.orders.model import IncomingOrder, OrderKind, OrderLine, OrderStatus

DEMO_SOURCE = "erp-demo"
HISTORY_DAYS = 730
_CENT = Decimal("0.01")

_FROZEN_FOOD = (
    ("FZ-1001", "速冻虾仁 1kg", "98.00"), ("FZ-1002", "速冻水饺 2kg", "46.00"), ("FZ-1003", "澳洲牛排 10片", "268.00"),
    ("FZ-1004", "三文鱼柳 1kg", "158.00"), ("FZ-1005", "速冻薯条 2.5kg", "39.50"), ("FZ-1006", "鸡翅中 1kg", "52.00"),
    ("FZ-1007", "小笼包 40只", "36.00"), ("FZ-1008", "黑椒牛柳 1kg", "86.00"), ("FZ-1009", "扇贝肉 500g", "72.00"),
    ("FZ-1010", "汤圆 1kg", "28.00"),
)
_BUILDING = (
    ("BM-2001", "防水涂料 20kg", "420.00"), ("BM-2002", "瓷砖胶 25kg", "65.00"), ("BM-2003", "石膏板 9.5mm", "32.00"),
    ("BM-2004", "PPR 管 20mm×4m", "18.60"), ("BM-2005", "轻钢龙骨 3m", "12.80"), ("BM-2006", "乳胶漆 18L", "385.00"),
    ("BM-2007", "电线 BV2.5 100m", "229.00"), ("BM-2008", "美缝剂 套", "88.00"),
)
_LIGHTING = (
    ("LT-3001", "嵌入式筒灯 12W", "128.00"), ("LT-3002", "磁吸轨道灯 20W", "216.00"),
    ("LT-3003", "线性灯 1.2m", "345.00"), ("LT-3004", "水晶吊灯 8头", "2680.00"),
    ("LT-3005", "智能调光面板", "560.00"), ("LT-3006", "灯带 5m", "96.00"),
)
_CATALOGUE = {
    "hotel": _FROZEN_FOOD, "restaurant": _FROZEN_FOOD, "contractor": _BUILDING,
    "dealer": _BUILDING + _LIGHTING, "design_firm": _LIGHTING, "other": _FROZEN_FOOD,
}
# Orders per year for a typical customer of each type, and the yearly spend (CNY) of a mid-sized one.
_ORDERS_PER_YEAR = {"hotel": 14, "restaurant": 16, "contractor": 5, "dealer": 8, "design_firm": 3, "other": 6}
_YEARLY_SPEND = {"hotel": 160_000, "restaurant": 90_000, "contractor": 220_000, "dealer": 300_000,
                 "design_firm": 120_000, "other": 50_000}
_SCALE_FACTOR = {"大型": 3.5, "中型": 1.2, "小型": 0.45}
# Month-of-year buying (1 = average): food peaks before Spring Festival and in summer banquets;
# building materials stop for the festival and the cold, and rush in autumn.
_FOOD_SEASON = (1.5, 0.7, 0.9, 0.9, 1.0, 1.0, 1.1, 1.1, 1.0, 1.1, 0.9, 1.3)
_BUILD_SEASON = (0.6, 0.4, 1.0, 1.2, 1.2, 1.0, 0.9, 0.9, 1.2, 1.3, 1.2, 0.9)


@dataclass(frozen=True)
class DemoBuyer:
    """What the order generator needs to know about a demo customer."""

    external_id: str
    customer_type: str
    scale: str | None
    created_at: datetime
    abandoned: bool


def generate_demo_orders(buyers: list[DemoBuyer], *, now: datetime, time_zone: str,
                         seed: int = 20261123) -> list[IncomingOrder]:
    rng = random.Random(seed)
    tz = ZoneInfo(time_zone)
    orders: list[IncomingOrder] = []
    for buyer in buyers:
        if rng.random() < 0.12:
            continue  # a customer in the archive who has not bought yet
        orders.extend(_customer_orders(rng, buyer, now, tz, len(orders)))
    orders.sort(key=lambda o: o.ordered_at)
    return orders


def _customer_orders(rng: random.Random, buyer: DemoBuyer, now: datetime, tz: ZoneInfo,
                     numbering: int) -> list[IncomingOrder]:
    kind = buyer.customer_type if buyer.customer_type in _CATALOGUE else "other"
    # Skew: most customers are modest, a few are worth many times the rest.
    value = _YEARLY_SPEND[kind] * _SCALE_FACTOR.get(buyer.scale or "", 1.0) * rng.lognormvariate(0, 1.0)
    per_year = max(1.0, _ORDERS_PER_YEAR[kind] * (value / _YEARLY_SPEND[kind]) ** 0.25 * rng.uniform(0.6, 1.4))
    order_value = value / per_year
    start = max(buyer.created_at, now - timedelta(days=HISTORY_DAYS))
    end = now - timedelta(days=rng.randint(120, 400)) if buyer.abandoned else now
    trend = rng.choice((-0.6, -0.3, 0.0, 0.0, 0.0, 0.2, 0.5))  # fading ... growing, over the period
    season = _FOOD_SEASON if kind in ("hotel", "restaurant", "other") else _BUILD_SEASON
    catalogue = _CATALOGUE[kind]
    span = (end - start).total_seconds()
    out: list[IncomingOrder] = []
    if span <= 0:
        return out
    moment = start
    while True:
        progress = (moment - start).total_seconds() / span
        local = moment.astimezone(tz)
        rate = per_year * season[local.month - 1] * max(0.1, 1 + trend * (progress - 0.5) * 2)
        moment += timedelta(days=rng.expovariate(rate / 365.0))
        if moment >= end:
            break
        local = moment.astimezone(tz).replace(hour=rng.randint(8, 19), minute=rng.randint(0, 59), second=0,
                                              microsecond=0)
        at = local.astimezone(now.tzinfo)
        if at > now:
            break
        number = numbering + len(out) + 1
        order = _order(rng, f"SO{number:07d}", buyer.external_id, at, now, catalogue, order_value)
        out.append(order)
        if order.status is OrderStatus.DELIVERED and rng.random() < 0.015 and at + timedelta(days=10) < now:
            out.append(_return_document(rng, order, at + timedelta(days=rng.randint(2, 10))))
    return out


def _order(rng: random.Random, external_id: str, customer: str, at: datetime, now: datetime,
           catalogue: tuple[tuple[str, str, str], ...], target: float) -> IncomingOrder:
    count = rng.choice((1, 1, 2, 2, 3, 4))
    products = rng.sample(catalogue, min(count, len(catalogue)))
    share = target * rng.lognormvariate(0, 0.35) / len(products)
    lines = []
    for sku, name, price in products:
        unit_price = Decimal(price)
        quantity = Decimal(max(1, round(share / float(unit_price))))
        discount = Decimal(0)
        if rng.random() < 0.25:
            discount = (quantity * unit_price * Decimal(rng.choice(("0.03", "0.05", "0.08", "0.10")))).quantize(_CENT)
        lines.append(OrderLine(sku, name, quantity, unit_price, discount))
    total = sum((ln.amount for ln in lines), Decimal(0)).quantize(_CENT)
    age = now - at
    returned_amount = None
    roll = rng.random()
    if age < timedelta(days=2):
        status = OrderStatus.PLACED if roll < 0.5 else OrderStatus.CONFIRMED
    elif age < timedelta(days=7):
        status = OrderStatus.CONFIRMED if roll < 0.4 else OrderStatus.DELIVERED
    elif roll < 0.03:
        status = OrderStatus.CANCELLED
    elif roll < 0.045:
        status = OrderStatus.PARTIALLY_RETURNED
        returned_amount = (total * Decimal(rng.choice(("0.1", "0.2", "0.3")))).quantize(_CENT)
    elif roll < 0.05:
        status = OrderStatus.RETURNED
    else:
        status = OrderStatus.DELIVERED
    return IncomingOrder(external_id=external_id, customer_external_id=customer, ordered_at=at, status=status,
                         total_amount=total, lines=tuple(lines), returned_amount=returned_amount)


def _return_document(rng: random.Random, original: IncomingOrder, at: datetime) -> IncomingOrder:
    line = rng.choice(original.lines)
    quantity = Decimal(max(1, math.floor(float(line.quantity) * rng.uniform(0.1, 0.5))))
    returned = OrderLine(line.sku, line.product_name, quantity, line.unit_price)
    return IncomingOrder(external_id=f"RT{original.external_id[2:]}",
                         customer_external_id=original.customer_external_id, ordered_at=at,
                         status=OrderStatus.DELIVERED, total_amount=returned.amount.quantize(_CENT),
                         kind=OrderKind.RETURN, original_external_id=original.external_id, lines=(returned,))
