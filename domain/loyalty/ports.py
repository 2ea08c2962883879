"""Loyalty's port: the recompute's measures, figures and runs. repositories/ implements them."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from domain.loyalty.clv import CustomerSummary
from domain.loyalty.model import (
    ChurnRisk,
    ClvFit,
    CustomerLoyalty,
    LoyaltyRun,
    LoyaltyRunTrigger,
    LoyaltySettings,
    PortfolioMeasures,
    PortfolioResults,
    PortfolioSummary,
    RecordedHealth,
    SegmentSize,
)
from domain.organisation.model import DataScope
from domain.paging import Page, PageRequest
from domain.tiering.model import (
    Progress,
)


class LoyaltyRepository(Protocol):
    """Loyalty figures computed set-based from the orders, stored in bulk, and read per customer or per scope."""

    async def settings(self, *, for_update: bool = False) -> LoyaltySettings: ...

    async def save_settings(self, settings: LoyaltySettings, *, updated_by: int | None,
                            at: datetime) -> LoyaltySettings: ...

    async def lock_recompute(self) -> None:
        """Waits until no other loyalty recompute runs (held until the transaction ends)."""
        ...

    async def start_run(self, *, trigger: LoyaltyRunTrigger, triggered_by: int | None, as_of: date,
                        started_at: datetime, settings_version: int) -> int: ...

    async def finish_run(self, run_id: int, *, customers: int, fit: ClvFit | None, fit_error: str | None,
                         finished_at: datetime) -> LoyaltyRun: ...

    async def runs(self, limit: int, *, run_id: int | None = None,
                   trigger: LoyaltyRunTrigger | None = None) -> builtins.list[LoyaltyRun]: ...

    async def measures(self, as_of: date, time_zone: str, *, quarter_before: bool = True) -> PortfolioMeasures:
        """Every customer's measures as of the end of `as_of` (a local date), in customer id order; the health
        measures as of the day `HealthWindows(as_of).before` too when `quarter_before`."""
        ...

    async def recorded_health(self, quarter_end: date, settings_version: int) -> RecordedHealth | None:
        """The health scores as of `quarter_end` under that settings version that the current figures carry,
        unless orders of the quarters up to it were recounted since (FactsRepository drops the record)."""
        ...

    async def record_health(self, quarter_end: date, settings_version: int, at: datetime) -> None:
        """Notes that the figures the run writes carry the health as of `quarter_end` under that settings version
        (their health a quarter before), for `recorded_health` to read back."""
        ...

    async def clv_summary(self, calibration_end: date, time_zone: str) -> CustomerSummary:
        """Every customer with a purchase up to `calibration_end` (inclusive, a local date): repeat purchase days,
        recency and T in weeks, mean spend of the repeat purchase days, in customer id order (the rule of
        domain/loyalty/clv.py `summary_from_transactions`)."""
        ...

    async def write(self, run_id: int, as_of: date, m: PortfolioMeasures, results: PortfolioResults,
                    progress: Progress | None = None, step: tuple[int, int] = (1, 1)) -> int:
        """Replaces every customer's figures with the run's; records the segment sizes of `as_of`."""
        ...

    async def customer(self, customer_id: int) -> CustomerLoyalty | None: ...

    async def complaints_per_quarter(self, customer_id: int, quarters: Sequence[date],
                                     time_zone: str) -> dict[date, int]:
        """The customer's complaints received in each of these calendar quarters (given by their first days) in the
        time zone; quarters without any are left out."""
        ...

    async def summary(self, scope: DataScope) -> PortfolioSummary: ...

    async def churn_risk(self, scope: DataScope, page: PageRequest) -> Page[ChurnRisk]: ...

    async def segment_history(self, since: date) -> builtins.list[SegmentSize]: ...
