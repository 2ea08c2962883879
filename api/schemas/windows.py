"""The window of a revenue figure (domain/orders/windows.py), returned with each figure so the SPA labels it from
data: "近12个月 2025-12-01 – 2026-12-08", "近4个完整季度 2025Q4–2026Q3"."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from domain.orders.windows import RevenueWindow, WindowKind


class RevenueWindowRead(BaseModel):
    kind: WindowKind = Field(description="`trailing_12_months`: the month of `end` and the eleven before, up to "
                                         "`end`; `complete_quarters`: whole calendar quarters that have ended; "
                                         "`next_12_months`: a forecast of the twelve months after the as-of day.")
    start: date = Field(description="The first day counted (company time zone).")
    end: date = Field(description="The last day counted, inclusive.")
    first_quarter: str | None = Field(description="For whole quarters: the first, e.g. 2025Q4; else null.")
    last_quarter: str | None = Field(description="For whole quarters: the last, e.g. 2026Q3; else null.")

    @classmethod
    def of(cls, w: RevenueWindow) -> RevenueWindowRead:
        return cls(kind=w.kind, start=w.start, end=w.end, first_quarter=w.first_quarter, last_quarter=w.last_quarter)

    @classmethod
    def optional(cls, w: RevenueWindow | None) -> RevenueWindowRead | None:
        return cls.of(w) if w is not None else None
