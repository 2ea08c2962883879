"""Signing in: password check with slow-down after repeated failures."""

from __future__ import annotations

from datetime import timedelta

from domain.errors import TooManyAttempts, Unauthenticated
from domain.organisation import User
from domain.ports import Clock, PasswordHasher, UnitOfWork

FREE_ATTEMPTS = 5
MAX_BLOCK = timedelta(minutes=15)


def block_after(failures: int) -> timedelta | None:
    """No wait for the first few failures, then 2, 4, 8 ... seconds, capped at 15 minutes."""
    if failures < FREE_ATTEMPTS:
        return None
    return min(timedelta(seconds=2 ** (failures - FREE_ATTEMPTS + 1)), MAX_BLOCK)


async def authenticate(
    uow: UnitOfWork, hasher: PasswordHasher, username: str, password: str, *, clock: Clock
) -> User:
    """The user, when the password matches an active account. Consecutive failures per username
    block further attempts for a growing time; unknown usernames are throttled the same way."""
    key = username.strip().lower()
    now = clock.now()
    async with uow:
        _failures, blocked_until = await uow.login_throttle.failures(key)
        if blocked_until is not None and blocked_until > now:
            wait = int((blocked_until - now).total_seconds()) + 1
            raise TooManyAttempts(f"Too many failed sign-ins; try again in {wait} s.", wait)
        user = await uow.users.get_by_username(key)
        ok = user is not None and user.is_active and hasher.verify(user.password_hash, password)
        if user is None:
            # Spend the same time as a real check so response times do not reveal usernames.
            hasher.verify(hasher.hash("timing-equaliser"), password)
        if not ok:
            failures = _failures + 1
            block = block_after(failures)
            await uow.login_throttle.record_failure(key, now, now + block if block else None)
            await uow.commit()
            raise Unauthenticated("Wrong username or password.")
        await uow.login_throttle.reset(key)
        await uow.commit()
        assert user is not None
        return user
