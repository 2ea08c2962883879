"""The business dates (domain/dates.py) and the quarters built on them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from domain.dates import FIRST_DAY, LAST_DAY, day_problem, moment_problem
from domain.errors import RuleViolation
from domain.scoring.model import Quarter
from domain.scoring.sheets import parse_period

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def test_the_range_holds_its_ends_and_nothing_past_them() -> None:
    assert day_problem(FIRST_DAY) is None and day_problem(LAST_DAY) is None
    assert day_problem(date.min) and day_problem(date.max)
    assert day_problem(FIRST_DAY - timedelta(days=1)) and day_problem(LAST_DAY + timedelta(days=1))


def test_moments_are_compared_as_instants() -> None:
    east = timezone(timedelta(hours=8))
    assert moment_problem(datetime(1900, 1, 1, 8, 0, tzinfo=east)) is None  # 1900-01-01 00:00 UTC
    assert moment_problem(datetime(1900, 1, 1, 7, 59, tzinfo=east))
    assert moment_problem(datetime(2199, 12, 31, 23, 59, 59, tzinfo=UTC)) is None
    assert moment_problem(datetime(2200, 1, 1, tzinfo=UTC))
    assert moment_problem(datetime.min.replace(tzinfo=UTC)) and moment_problem(datetime.max.replace(tzinfo=UTC))


@pytest.mark.parametrize("text", ["0500Q1", "0000Q1", "1899Q4", "2200Q1"])
def test_a_period_outside_the_business_years_names_its_field(text: str) -> None:
    with pytest.raises(RuleViolation) as raised:
        parse_period(text, now=NOW, time_zone="Asia/Shanghai", field="from")
    assert [e.field for e in raised.value.errors] == ["from"]


def test_quarters_count_across_years() -> None:
    assert Quarter(2026, 4).quarters_after(Quarter(2025, 4)) == 4
    assert Quarter(2026, 4).quarters_after(Quarter(1999, 4)) == 108
    assert Quarter(2026, 1).quarters_after(Quarter(2026, 2)) == -1
    assert parse_period("1900Q1", now=NOW, time_zone="Asia/Shanghai") == Quarter(1900, 1)
