"""Sign-in throttling rules (domain/organisation/signin.py) without a database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from domain.organisation.signin import (
    FREE_FAILURES_PER_ACCOUNT,
    FREE_FAILURES_PER_ACCOUNT_AND_CLIENT,
    FREE_FAILURES_PER_CLIENT,
    MAX_BLOCK,
    NO_FAILURES,
    Failures,
    block_after,
    wait_before_attempt,
)

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def _failed(count: int, seconds_ago: float = 0) -> Failures:
    return Failures(count, NOW - timedelta(seconds=seconds_ago))


def test_free_failures_then_a_wait_from_the_last_failure() -> None:
    free = FREE_FAILURES_PER_ACCOUNT_AND_CLIENT
    assert wait_before_attempt(_failed(free - 1), NO_FAILURES, NO_FAILURES, NOW) is None
    assert wait_before_attempt(_failed(free), NO_FAILURES, NO_FAILURES, NOW) == timedelta(seconds=2)
    assert wait_before_attempt(_failed(free, seconds_ago=1.5), NO_FAILURES, NO_FAILURES, NOW) == timedelta(
        seconds=0.5)
    assert wait_before_attempt(_failed(free, seconds_ago=2), NO_FAILURES, NO_FAILURES, NOW) is None


def test_the_account_wide_count_holds_back_only_addresses_that_failed_for_the_account() -> None:
    exhausted = _failed(FREE_FAILURES_PER_ACCOUNT + 3)
    assert wait_before_attempt(NO_FAILURES, exhausted, NO_FAILURES, NOW) is None  # the owner, elsewhere
    assert wait_before_attempt(_failed(1), exhausted, NO_FAILURES, NOW) == timedelta(seconds=16)


def test_the_address_wide_count_holds_back_every_account() -> None:
    spraying = _failed(FREE_FAILURES_PER_CLIENT)
    assert wait_before_attempt(NO_FAILURES, NO_FAILURES, spraying, NOW) == timedelta(seconds=2)
    assert wait_before_attempt(NO_FAILURES, NO_FAILURES, _failed(FREE_FAILURES_PER_CLIENT - 1), NOW) is None


def test_the_longest_wait_wins_and_none_exceeds_the_cap() -> None:
    wait = wait_before_attempt(_failed(FREE_FAILURES_PER_ACCOUNT_AND_CLIENT + 1), NO_FAILURES,
                               _failed(10_000), NOW)
    assert wait == MAX_BLOCK
    assert block_after(10**9) == MAX_BLOCK  # no overflow however many failures
