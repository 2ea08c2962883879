"""Sign-in throttling rules: how long an attempt waits after failures, per account, per client address and per
both. Attempts are counted before the password is checked (a success gives the count back), so parallel guesses
cannot slip past the limit while earlier ones are still being checked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

# This account from this client address: the owner's typos and a single attacker's guesses.
FREE_FAILURES_PER_ACCOUNT_AND_CLIENT = 5
# This account from any address: holds back only addresses that have failed for the account themselves, so
# a guesser elsewhere never locks the owner out.
FREE_FAILURES_PER_ACCOUNT = 10
# Any account from this client address: password spraying. Higher, as an office may share one address.
FREE_FAILURES_PER_CLIENT = 50
MAX_BLOCK = timedelta(minutes=15)
# Failure counts (kept only under keyed hashes) are forgotten this long after their last failure.
FAILURE_RETENTION = timedelta(hours=24)
_MAX_DOUBLINGS = 10  # 2 ** 10 s is past MAX_BLOCK already


@dataclass(frozen=True)
class Failures:
    """Attempts counted against one throttle key and not given back by a success."""

    count: int
    last_at: datetime | None


NO_FAILURES = Failures(0, None)


@dataclass(frozen=True)
class SignInKeys:
    """The throttle keys of one attempt: keyed hashes of the typed username and the client address, so neither
    (nor a password typed into the username field) is ever stored."""

    account_and_client: str
    account: str
    client: str

    def all(self) -> tuple[str, str, str]:
        return (self.account_and_client, self.account, self.client)


def block_after(failures: int, free: int = FREE_FAILURES_PER_ACCOUNT_AND_CLIENT) -> timedelta | None:
    """No wait for the first `free` failures, then 2, 4, 8 ... seconds, capped at 15 minutes."""
    if failures < free:
        return None
    return min(timedelta(seconds=2 ** min(failures - free + 1, _MAX_DOUBLINGS)), MAX_BLOCK)


def _blocked_for(failures: Failures, free: int, now: datetime) -> timedelta | None:
    block = block_after(failures.count, free)
    if block is None or failures.last_at is None:
        return None
    left = failures.last_at + block - now
    return left if left > timedelta(0) else None


def wait_before_attempt(
    account_and_client: Failures, account: Failures, client: Failures, now: datetime
) -> timedelta | None:
    """How long this attempt must wait (None: it may go ahead). The account-wide count applies only to an
    address that has itself failed for the account: the right password from elsewhere still works."""
    waits = [_blocked_for(account_and_client, FREE_FAILURES_PER_ACCOUNT_AND_CLIENT, now),
             _blocked_for(client, FREE_FAILURES_PER_CLIENT, now)]
    if account_and_client.count > 0:
        waits.append(_blocked_for(account, FREE_FAILURES_PER_ACCOUNT, now))
    return max((w for w in waits if w is not None), default=None)
