"""Tiering's ports: category rules and the tiers (levels, ABC, deciles, movement). repositories/ implements them."""

from __future__ import annotations

import builtins
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

from domain.organisation.model import DataScope
from domain.paging import Page, PageRequest
from domain.scoring.model import (
    Dimension,
    Grade,
)
from domain.tiering.model import (
    AbcClass,
    AbcCount,
    CategoryRule,
    DecileBasis,
    KeyAccountLevel,
    LevelCount,
    PartitionMismatch,
    PartitionRule,
    Progress,
    RankedGroup,
    TierRun,
    TierRunTrigger,
    TierSettings,
)


class CategoryRuleRepository(Protocol):
    async def list(self) -> builtins.list[CategoryRule]: ...

    async def replace(self, rules: builtins.list[CategoryRule], *, at: datetime) -> None:
        """Stores the rules in this order (first match wins), updated `at`."""
        ...

    async def grade_combinations(self) -> builtins.list[tuple[dict[Dimension, Grade], str | None, int]]:
        """(grades, current category, customers) for every grade combination customers have now."""
        ...

    async def recategorise(self, categories: builtins.list[tuple[dict[Dimension, Grade], str]], at: datetime) -> int:
        """Sets each grade combination's category on customers' current tiers, with a history row for every
        customer whose category changes; returns how many changed."""
        ...


class TierRepository(Protocol):
    """Key-account levels and ABC classes: the settings, set-based recomputes and their runs, summaries."""

    async def settings(self, *, for_update: bool = False) -> TierSettings: ...

    async def save_settings(self, settings: TierSettings, *, updated_by: int | None, at: datetime) -> TierSettings:
        """Stores the values as the next version; returns them with it."""
        ...

    async def lock_recompute(self) -> None:
        """Until the transaction ends, other recomputes wait (they then see this one's results)."""
        ...

    async def try_lock_nightly(self) -> bool:
        """Claims the nightly jobs until the transaction ends; False when another process holds them."""
        ...

    async def start_run(self, *, trigger: TierRunTrigger, triggered_by: int | None, started_at: datetime,
                        as_of_month: date, settings: TierSettings) -> int: ...

    async def recompute(self, run_id: int, *, since: date, until: date, settings: TierSettings, at: datetime,
                        progress: Progress | None = None) -> tuple[int, int]:
        """Every customer's net revenue of the months since..until (0 without any), level and ABC class, set-based;
        writes only the customers whose figures changed, with a history row (of the run) for each whose level or
        ABC class changed. Returns (customers, customers whose level or ABC class changed)."""
        ...

    async def finish_run(self, run_id: int, *, customers: int, changed: int, finished_at: datetime) -> TierRun: ...

    async def runs(self, limit: int, trigger: TierRunTrigger | None = None) -> builtins.list[TierRun]:
        """The latest runs first."""
        ...

    async def level_counts(self, scope: DataScope) -> tuple[builtins.list[LevelCount], int]:
        """Customers and revenue per level of the customers in scope, and how many of them are not tiered yet."""
        ...

    async def abc_counts(self, scope: DataScope) -> tuple[builtins.list[AbcCount], int]: ...

    async def ranked_groups(self, scope: DataScope, by: DecileBasis, groups: int) -> builtins.list[RankedGroup]:
        """The tiered customers in scope ranked by the figure (largest first, ties by id) and cut into `groups`
        groups of equal size, the first groups taking one more (ntile), with running sums."""
        ...

    async def partition_rule(self, *, for_update: bool = False) -> PartitionRule:
        """Which partition each level belongs in (docs/domain.md section 5, "Partition and level")."""
        ...

    async def save_partition_rule(self, rule: PartitionRule, *, updated_by: int | None,
                                  at: datetime) -> PartitionRule:
        """Stores the rule as the next version; returns it with it."""
        ...

    async def partition_mismatches(self, scope: DataScope, rule: PartitionRule,
                                   page: PageRequest) -> Page[PartitionMismatch]:
        """The tiered customers in scope whose partition the rule disagrees with (abandoned ones never), in the
        order of domain/tiering/model.py `partition_mismatches`, keyset-paginated."""
        ...

    async def partition_mismatch_counts(self, scope: DataScope,
                                        rule: PartitionRule) -> builtins.list[tuple[KeyAccountLevel, int]]:
        """How many of them there are per level (levels without any left out)."""
        ...

    async def customer_tiers(self, customer_id: int) -> tuple[KeyAccountLevel | None, AbcClass | None,
                                                              Decimal | None]:
        """The customer's level, ABC class and trailing-12-month revenue as of the latest recompute (None each
        before its first)."""
        ...
