"""Tier settings (level thresholds and ABC shares) name each broken rule by its field; the nightly schedule."""

from __future__ import annotations

from datetime import UTC, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from api.scheduler import next_nightly_run
from domain.tiering.model import AbcShares, LevelThresholds, TierSettings

D = Decimal


def _fields(special: str = "5000000", a: str = "1000000", b: str = "200000", abc_a: str = "80",
            abc_b: str = "15") -> list[str]:
    settings = TierSettings(LevelThresholds(D(special), D(a), D(b)), AbcShares(D(abc_a), D(abc_b)))
    return [e.field for e in settings.problems()]


def test_the_defaults_and_edges_are_valid() -> None:
    assert TierSettings().problems() == []
    assert _fields(special="0", a="0", b="0") == []  # everyone special: odd, but allowed
    assert _fields(abc_a="100", abc_b="0") == [] and _fields(abc_a="0.01", abc_b="99.99") == []
    assert _fields(special="9999999999999999.99") == []


def test_thresholds_must_be_ordered_and_not_negative() -> None:
    assert _fields(b="-0.01") == ["level_b"]
    assert _fields(a="100000") == ["level_a"]  # below level_b
    assert _fields(special="999999.99") == ["level_special"]  # below level_a
    assert _fields(special="1", a="2", b="3") == ["level_a", "level_special"]


def test_shares_leave_room_for_c() -> None:
    assert _fields(abc_a="0") == ["abc_a_percent"]
    assert _fields(abc_a="100.01", abc_b="0") == ["abc_a_percent"]
    assert _fields(abc_b="-1") == ["abc_b_percent"]
    assert _fields(abc_a="90", abc_b="10.01") == ["abc_b_percent"]


def test_amounts_fit_the_columns() -> None:
    assert _fields(a="1000000.001") == ["level_a"]
    assert _fields(special="10000000000000000") == ["level_special"]
    assert _fields(abc_b="NaN") == ["abc_b_percent"]
    assert _fields(abc_a="80.125") == ["abc_a_percent"]
    problems = TierSettings(LevelThresholds(D("Infinity"), D(1), D(0))).problems()
    assert [(e.field, e.message) for e in problems] == [("level_special", "must be a number")]


def test_the_nightly_run_is_the_next_time_of_day_in_the_company_time_zone() -> None:
    shanghai = ZoneInfo("Asia/Shanghai")
    at = time(2, 30)
    # 01:00 local -> 02:30 the same day; 02:30 exactly -> tomorrow; 23:00 local -> 02:30 the next day.
    assert next_nightly_run(datetime(2026, 11, 22, 17, 0, tzinfo=UTC), at, shanghai) == datetime(
        2026, 11, 22, 18, 30, tzinfo=UTC)
    assert next_nightly_run(datetime(2026, 11, 22, 18, 30, tzinfo=UTC), at, shanghai) == datetime(
        2026, 11, 23, 18, 30, tzinfo=UTC)
    assert next_nightly_run(datetime(2026, 11, 23, 15, 0, tzinfo=UTC), at, shanghai) == datetime(
        2026, 11, 23, 18, 30, tzinfo=UTC)
    # A day with a clock change keeps the local time (Europe/Berlin, 2026-03-29 02:30 does not exist: 03:30).
    berlin = ZoneInfo("Europe/Berlin")
    assert next_nightly_run(datetime(2026, 3, 28, 23, 0, tzinfo=UTC), time(4, 0), berlin) == datetime(
        2026, 3, 29, 2, 0, tzinfo=UTC)
