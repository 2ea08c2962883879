"""Revenue windows (docs/domain.md section 5, "Revenue windows"): the days a revenue figure adds up. Every revenue
figure a person sees carries its window, so the screens can say it next to the number, and one window with one
definition of net revenue gives the same number on every page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from domain.orders.model import months_back


class WindowKind(StrEnum):
    # 近12个月: net revenue of the month of the as-of day and the eleven months before, up to that day, in the
    # company's time zone, returns in the month of the return document (customer_monthly_revenue). Levels, ABC
    # classes, deciles, the loyalty dashboard and a customer's transaction facts use it.
    TRAILING_12_MONTHS = "trailing_12_months"
    # 近4个完整季度: the last four calendar quarters that have ended, returns credited to the day of the order they
    # return (customer_quarterly_facts): the basis of RFM's monetary score, which compares whole quarters only.
    COMPLETE_QUARTERS = "complete_quarters"
    # 未来12个月: a forecast of the twelve months after the as-of day (the lifetime-value model).
    NEXT_12_MONTHS = "next_12_months"


@dataclass(frozen=True)
class RevenueWindow:
    kind: WindowKind
    start: date  # the first day counted
    end: date  # the last day counted (inclusive)

    @property
    def first_quarter(self) -> str | None:
        """'2025Q4' for a window of whole quarters, else None."""
        return _quarter(self.start) if self.kind is WindowKind.COMPLETE_QUARTERS else None

    @property
    def last_quarter(self) -> str | None:
        return _quarter(self.end) if self.kind is WindowKind.COMPLETE_QUARTERS else None


def _quarter(day: date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def trailing_12_months(day: date) -> RevenueWindow:
    """The window of a trailing-12-month figure as of `day` (a local date): from the first day of the month eleven
    months before `day`'s month, to `day`."""
    return RevenueWindow(WindowKind.TRAILING_12_MONTHS, months_back(day.replace(day=1), 11), day)


def next_12_months(day: date) -> RevenueWindow:
    """The twelve months after `day`: the day after it to the same day a year later."""
    following = date.fromordinal(day.toordinal() + 1)
    try:
        end = day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        end = day.replace(year=day.year + 1, day=28)
    return RevenueWindow(WindowKind.NEXT_12_MONTHS, following, end)
