"""Loyalty figures in PostgreSQL: the per-customer purchase summary the lifetime-value models are fitted on.

One statement, whatever the number of customers (no per-customer loop). The rule is domain/clv.py
`summary_from_transactions` (the unit tests hold them equal on CDNOW), applied to the orders with the
net-revenue rules of domain/orders.py:

* a purchase is an order (`kind = 'order'`) that is neither cancelled nor fully returned (`status` returned);
  its spend is its net amount (a partially returned order counts its total less the return; a free order,
  net 0, is still a purchase: CDNOW has eight);
* a return document (`kind = 'return'`, its net amount negative) reduces the spend of the day of the order it
  returns (its own day when it names none); returns dated after the calibration period are not seen;
* a customer's purchases on one local day (the company's time zone) are one purchase with their net amounts
  and the returns of them summed; a day counts unless return documents took back all it cost (as a fully
  returned order would);
* frequency = purchase days - 1, recency = weeks from the first to the last purchase day, T = weeks from the
  first purchase day to the end of the calibration period (inclusive), both days / 7 rounded to 2 decimals;
  monetary = the mean spend of the repeat purchase days, rounded half-up to the cent (0 without repeats).
"""

from __future__ import annotations

from datetime import date

import numpy as np
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from domain.clv import CustomerSummary

_CLV_SUMMARY = text("""
    WITH movements AS (
        SELECT o.customer_id,
               (coalesce(original.ordered_at, o.ordered_at) AT TIME ZONE :tz)::date AS day,
               o.net_amount,
               o.kind = 'order' AS purchase
        FROM orders o
        LEFT JOIN orders original ON o.kind = 'return' AND original.id = o.original_order_id
        WHERE o.ordered_at < ((CAST(:calibration_end AS date) + 1)::timestamp AT TIME ZONE :tz)
          AND (o.kind = 'return' OR o.status NOT IN ('cancelled', 'returned'))
    ), days AS (
        SELECT customer_id, day, sum(net_amount) AS spend, min(day) OVER (PARTITION BY customer_id) AS first_day
        FROM movements GROUP BY customer_id, day
        HAVING bool_or(purchase)
           AND (sum(net_amount) > 0 OR coalesce(sum(net_amount) FILTER (WHERE purchase), 0) = 0)
    ), summary AS (
        SELECT customer_id, count(*) - 1 AS frequency,
               round((max(day) - min(day)) / 7.0, 2) AS recency,
               round((CAST(:calibration_end AS date) - min(day)) / 7.0, 2) AS age,
               coalesce(round(avg(spend) FILTER (WHERE day > first_day), 2), 0) AS monetary
        FROM days GROUP BY customer_id
    )
    SELECT coalesce(array_agg(customer_id ORDER BY customer_id), '{}') AS customer_ids,
           coalesce(array_agg(frequency ORDER BY customer_id), '{}') AS frequency,
           coalesce(array_agg(CAST(recency AS float8) ORDER BY customer_id), '{}') AS recency,
           coalesce(array_agg(CAST(age AS float8) ORDER BY customer_id), '{}') AS age,
           coalesce(array_agg(CAST(monetary AS float8) ORDER BY customer_id), '{}') AS monetary
    FROM summary
""")


class SqlLoyaltyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def clv_summary(self, calibration_end: date, time_zone: str) -> CustomerSummary:
        row = (await self.session.execute(_CLV_SUMMARY, {"calibration_end": calibration_end, "tz": time_zone})).one()
        return CustomerSummary.of(np.asarray(row.frequency, dtype=np.float64), row.recency, row.age, row.monetary,
                                  customer_ids=np.asarray(row.customer_ids, dtype=np.int64))
