"""The partition checked against the key-account level (docs/domain.md section 5, "Partition and level"), and the
windows revenue figures carry (section 5, "Revenue windows"): the domain's rules without a database."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from domain.customers.model import Partition
from domain.loyalty.model import HealthWindows
from domain.orders.windows import WindowKind, next_12_months, trailing_12_months
from domain.tiering.model import (
    KeyAccountLevel,
    PartitionRule,
    TierRun,
    TierRunTrigger,
    TierSettings,
    partition_mismatches,
    partition_needed,
)

KEY, REGULAR, ABANDONED = Partition.KEY, Partition.REGULAR, Partition.ABANDONED
SPECIAL, A, B, C = KeyAccountLevel.SPECIAL, KeyAccountLevel.A, KeyAccountLevel.B, KeyAccountLevel.C


@pytest.mark.parametrize(("level", "partition", "needed"), [
    (SPECIAL, REGULAR, KEY), (SPECIAL, KEY, None), (A, REGULAR, KEY), (A, KEY, None),
    # B and C may be in either partition by default.
    (B, REGULAR, None), (B, KEY, None), (C, KEY, None), (C, REGULAR, None),
    # Abandoning is a decision about one customer, with a review date: never flagged.
    (SPECIAL, ABANDONED, None), (C, ABANDONED, None),
    # Not tiered yet: no level to check against.
    (None, REGULAR, None),
])
def test_the_default_rule_puts_special_and_a_in_the_key_partition(
        level: KeyAccountLevel | None, partition: Partition, needed: Partition | None) -> None:
    assert partition_needed(PartitionRule(), level, partition) == needed


def test_c_level_may_be_required_in_the_regular_partition() -> None:
    rule = PartitionRule(c=REGULAR)
    assert partition_needed(rule, C, KEY) is REGULAR
    assert partition_needed(rule, C, REGULAR) is None
    assert partition_needed(rule, C, ABANDONED) is None
    nothing = PartitionRule(special=None, a=None)
    assert all(partition_needed(nothing, level, p) is None for level in KeyAccountLevel for p in Partition)


def test_the_list_orders_special_first_then_revenue_then_key() -> None:
    customers = [
        (1, C, Decimal(10), KEY), (2, A, Decimal(1_500_000), REGULAR), (3, SPECIAL, Decimal(6_000_000), REGULAR),
        (4, A, Decimal(2_000_000), REGULAR), (5, SPECIAL, Decimal(9_000_000), KEY), (6, A, Decimal(1_500_000), REGULAR),
        (7, SPECIAL, Decimal(7_000_000), ABANDONED), (8, None, Decimal(0), REGULAR), (9, B, Decimal(300_000), KEY),
    ]
    assert partition_mismatches(PartitionRule(), customers) == [(3, KEY), (4, KEY), (2, KEY), (6, KEY)]
    assert partition_mismatches(PartitionRule(c=REGULAR), customers) == [
        (3, KEY), (4, KEY), (2, KEY), (6, KEY), (1, REGULAR)]


def test_a_rule_names_key_regular_or_either() -> None:
    assert PartitionRule().problems() == []
    assert PartitionRule(b=REGULAR, c=None).problems() == []
    problems = PartitionRule(c=ABANDONED).problems()
    assert [p.field for p in problems] == ["level_c"]
    assert PartitionRule().values() == {"level_special": KEY, "level_a": KEY, "level_b": None, "level_c": None}


def test_revenue_windows() -> None:
    assert trailing_12_months(date(2026, 12, 8)) == trailing_12_months(date(2026, 12, 8))
    window = trailing_12_months(date(2026, 12, 8))
    # The month of the day to date and the eleven before it (customer_monthly_revenue keeps months).
    assert (window.kind, window.start, window.end) == (WindowKind.TRAILING_12_MONTHS, date(2026, 1, 1),
                                                       date(2026, 12, 8))
    assert trailing_12_months(date(2026, 11, 23)).start == date(2025, 12, 1)
    assert window.first_quarter is None
    quarters = HealthWindows(date(2026, 12, 8)).revenue_window()
    assert (quarters.start, quarters.end) == (date(2025, 10, 1), date(2026, 9, 30))
    assert (quarters.first_quarter, quarters.last_quarter) == ("2025Q4", "2026Q3")
    # The last day of a quarter completes it.
    ended = HealthWindows(date(2026, 9, 30)).revenue_window()
    assert (ended.first_quarter, ended.last_quarter) == ("2025Q4", "2026Q3")
    assert next_12_months(date(2028, 2, 29)).end == date(2029, 2, 28)
    # A tier run's window ends on the day it ran in the company's time zone (01:30 in Shanghai is still the 8th).
    run = TierRun(1, TierRunTrigger.NIGHTLY, None, datetime(2026, 12, 7, 17, 30, tzinfo=UTC), None,
                  date(2026, 12, 1), 0, 0, TierSettings())
    assert run.revenue_window(ZoneInfo("Asia/Shanghai")) == window
