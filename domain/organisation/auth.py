"""Signing in, signing out and changing one's own password; throttled as domain/organisation/signin.py says."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import datetime

from domain.audit import AuditEntry
from domain.errors import FieldError, RuleViolation, TooManyAttempts, Unauthenticated
from domain.organisation.model import Principal, User
from domain.organisation.ports import PasswordHasher
from domain.organisation.service import USERNAME_PATTERN, password_problem
from domain.organisation.signin import FAILURE_RETENTION, NO_FAILURES, SignInKeys, wait_before_attempt
from domain.ports import Clock, UnitOfWork

_USERNAME = re.compile(USERNAME_PATTERN)
# A keyed hash (HMAC with the server's secret): throttle keys are stored only as such.
Pseudonym = Callable[[str], str]


def sign_in_keys(username: str, client: str, pseudonym: Pseudonym) -> SignInKeys:
    account = username.strip().lower()
    return SignInKeys(account_and_client=pseudonym(f"account+client\0{account}\0{client}"),
                      account=pseudonym(f"account\0{account}"), client=pseudonym(f"client\0{client}"))


async def authenticate(
    uow: UnitOfWork, hasher: PasswordHasher, username: str, password: str, *, client: str, pseudonym: Pseudonym,
    clock: Clock,
) -> User:
    """The user, when the password matches an active account. Failures slow down further attempts for the
    account from the same client address, for any account from that address (spraying), and, for addresses
    that have failed for the account, for the account from anywhere; the right password from an address that
    has not failed still works. Unknown, wrong and disabled cost the same one password check."""
    user = await _check_password(uow, hasher, username.strip().lower(), password,
                                 sign_in_keys(username, client, pseudonym), clock=clock)
    if user is None:
        raise Unauthenticated("Wrong username or password.")
    return user


async def end_session(uow: UnitOfWork, session_id: str, expires_at: datetime, *, clock: Clock) -> None:
    """Signing out: the session's token stops working at once, not when it expires."""
    async with uow:
        await uow.sessions.end(session_id, expires_at)
        await uow.sessions.purge(clock.now())
        await uow.commit()


async def change_password(
    uow: UnitOfWork, principal: Principal, hasher: PasswordHasher, *, current_password: str, new_password: str,
    client: str, pseudonym: Pseudonym, clock: Clock,
) -> User:
    """The signed-in person's new password, after the current one (throttled like signing in). Every other
    session ends (the token version moves on); the caller gets a fresh session from the returned user."""
    person = principal.person()
    problem = password_problem(new_password)
    if problem is None and new_password == current_password:
        problem = "must differ from the current password"
    if problem:
        raise RuleViolation([FieldError("new_password", problem)])
    user = await _check_password(uow, hasher, person.username, current_password,
                                 sign_in_keys(person.username, client, pseudonym), clock=clock)
    if user is None or user.id != person.id:
        raise RuleViolation([FieldError("current_password", "this is not your current password")])
    password_hash = await hasher.hash(new_password)
    async with uow:
        now = clock.now()
        await uow.users.set_password(user.id, password_hash, at=now)
        await uow.audit.record(AuditEntry("change_password", "user", user.id, None, user.id, None, None), now)
        await uow.commit()
        changed = await uow.users.get(user.id)
    assert changed is not None
    return changed


async def _check_password(
    uow: UnitOfWork, hasher: PasswordHasher, username: str, password: str, keys: SignInKeys, *, clock: Clock,
) -> User | None:
    """The active user whose password this is, or None. The attempt is counted (under row locks) before the
    slow check, which runs outside any transaction; a success or a check never made gives the count back."""
    now = clock.now()
    async with uow:
        counts = await uow.login_throttle.lock(keys.all(), forget_before=now - FAILURE_RETENTION)
        wait = wait_before_attempt(counts.get(keys.account_and_client, NO_FAILURES),
                                   counts.get(keys.account, NO_FAILURES), counts.get(keys.client, NO_FAILURES), now)
        if wait is not None:
            seconds = math.ceil(wait.total_seconds())
            raise TooManyAttempts(f"Too many failed sign-ins; try again in {seconds} s.", seconds)
        await uow.login_throttle.count_attempt(keys.all(), now)
        # A name no account can have is not looked up (a NUL character, say, is no error: just no such user).
        user = await uow.users.get_by_username(username) if _USERNAME.match(username) else None
        await uow.commit()
    try:
        # One check whatever the case (unknown, disabled, wrong): the time taken reveals nothing.
        matches = await hasher.verify(user.password_hash if user else None, password)
    except TooManyAttempts:
        await _give_back(uow, keys, clear=None)
        raise
    if not matches or user is None or not user.is_active:
        return None
    await _give_back(uow, keys, clear=keys.account_and_client)
    return user


async def _give_back(uow: UnitOfWork, keys: SignInKeys, *, clear: str | None) -> None:
    async with uow:
        await uow.login_throttle.give_back(keys.all(), clear=clear)
        await uow.commit()
