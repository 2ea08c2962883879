"""Scoring's ports: score models and score sheets. repositories/ implements them."""

from __future__ import annotations

import builtins
from collections.abc import Collection
from datetime import datetime
from typing import Any, Protocol

from domain.customers.model import Partition
from domain.organisation.model import DataScope
from domain.paging import Page, PageRequest
from domain.scoring.model import (
    Dimension,
    Grade,
    NewScoreSheet,
    PeriodMeasures,
    Quarter,
    QuarterCounts,
    ScoreModel,
    ScoreSheet,
    SheetFilters,
    SheetReviewers,
)
from domain.tiering.model import (
    Movement,
    TierHistoryEntry,
)


class ScoreModelRepository(Protocol):
    async def get(self, model_id: int) -> ScoreModel | None: ...

    async def list(self) -> builtins.list[ScoreModel]: ...

    async def current(self) -> builtins.list[ScoreModel]:
        """The latest version of every model."""
        ...

    async def add_version(self, model: ScoreModel, created_by: int | None, *, at: datetime) -> ScoreModel:
        """Stores the model as the next version of its name."""
        ...


class ScoreSheetRepository(Protocol):
    async def get(self, sheet_id: int, scope: DataScope, *, for_update: bool = False) -> ScoreSheet | None:
        """A sheet of a customer within the scope."""
        ...

    async def exists(self, customer_id: int, period: Quarter) -> bool: ...

    async def add(self, sheets: builtins.list[NewScoreSheet], created_by: int | None, *,
                  at: datetime) -> builtins.list[int]:
        """New sheets created (and last updated) `at`; a sheet that exists for the customer and quarter stays."""
        ...

    async def update(self, sheet_id: int, changes: dict[str, Any], expected_version: int, *, at: datetime) -> bool:
        """Applies the changes, updated `at`, if the stored version is expected_version (and bumps it)."""
        ...

    async def list(self, scope: DataScope, filters: SheetFilters, page: PageRequest) -> Page[ScoreSheet]: ...

    async def measures(self, customer_ids: Collection[int], period: Quarter) -> dict[int, PeriodMeasures]:
        """Each customer's figures for the quarter, set-based."""
        ...

    async def customers_without_sheet(self, scope: DataScope, period: Quarter,
                                      partitions: Collection[Partition]) -> builtins.list[tuple[int, str]]:
        """(id, customer type) of the customers in scope and in these partitions with no sheet for the quarter."""
        ...

    async def quarter_counts(self, scope: DataScope, period: Quarter,
                             partitions: Collection[Partition]) -> QuarterCounts:
        """The customers in scope and in these partitions without a sheet for the quarter, counted by owner and
        type, and how many have one: set-based, nothing is written."""
        ...

    async def reviewers(self, customer_id: int) -> SheetReviewers:
        """The active store managers of the customer's unit and every unit above it, and the active HQ
        key-account users."""
        ...

    async def record_grades(self, sheet: ScoreSheet, at: datetime) -> None:
        """Makes an approved sheet's grades and category the customer's current ones (unless a later quarter
        is already approved) and appends them to the customer's tier history."""
        ...

    async def tier_history(self, customer_id: int) -> builtins.list[TierHistoryEntry]: ...

    async def category_matrix(self, scope: DataScope) -> builtins.list[tuple[dict[Dimension, Grade] | None, str | None,
                                                                             int]]:
        """(grades, category, customers) per grade combination of the customers in scope; None = not graded."""
        ...

    async def transitions(self, scope: DataScope, before: Quarter, after: Quarter) -> builtins.list[
            tuple[str | None, str | None, int]]:
        """(category in `before`, category in `after`, customers) from approved sheets; None = no approved sheet."""
        ...

    async def movements(self, scope: DataScope, before: Quarter, after: Quarter,
                        before_categories: Collection[str]) -> builtins.list[Movement]:
        """Customers with approved sheets in both quarters whose category in `before` is one of these, with both
        results."""
        ...
