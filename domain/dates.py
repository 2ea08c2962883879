"""The dates the business deals in: from 1900 to the end of 2199.

A date or moment outside that range is a typing slip or a probe, never a customer's history or plan; and
the extremes Python can hold (year 1, year 9999) reach PostgreSQL as -infinity and infinity, where a weekly
series never ends and a deadline is never due. Every date and moment that enters Keyhold (query parameters,
request bodies, ERP batch items, page cursors) is held to this range; the API declares it on each field.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2199, 12, 31)
# Moments as UTC instants: the first day's midnight, up to (not including) the midnight after the last day.
FIRST_MOMENT = datetime(FIRST_DAY.year, 1, 1, tzinfo=UTC)
END_MOMENT = datetime(LAST_DAY.year + 1, 1, 1, tzinfo=UTC)

RANGE_TEXT = f"from {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}"


def day_problem(day: date) -> str | None:
    """Why the day is outside the business range, or None."""
    return None if FIRST_DAY <= day <= LAST_DAY else f"a date {RANGE_TEXT}"


def moment_problem(at: datetime) -> str | None:
    """Why the (aware) moment is outside the business range, or None."""
    return None if FIRST_MOMENT <= at < END_MOMENT else f"a time {RANGE_TEXT} (UTC)"
