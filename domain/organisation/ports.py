"""The organisation's ports: org units, users, password hashing, sign-in throttle and sessions.
repositories/ implements them."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Protocol

from domain.organisation.model import OrgUnit, OrgUnitKind, Role, User
from domain.organisation.signin import Failures
from domain.paging import Page, PageRequest


class PasswordHasher(Protocol):
    """Slow on purpose (argon2): implementations keep the work off the event loop and refuse with
    TooManyAttempts when too many checks wait already."""

    async def hash(self, password: str) -> str: ...

    async def verify(self, password_hash: str | None, password: str) -> bool:
        """Whether the password matches the hash. With no hash (no such user) it spends the same work on a
        stand-in hash and answers False, so the time taken reveals nothing."""
        ...


class OrgUnitRepository(Protocol):
    async def get(self, unit_id: int) -> OrgUnit | None: ...

    async def get_by_code(self, code: str) -> OrgUnit | None: ...

    async def list(self) -> list[OrgUnit]: ...

    async def add(self, *, code: str, name: str, kind: OrgUnitKind, parent: OrgUnit | None,
                  at: datetime) -> OrgUnit: ...


class UserRepository(Protocol):
    async def get(self, user_id: int) -> User | None: ...

    async def get_by_username(self, username: str) -> User | None: ...

    async def list(
        self,
        *,
        unit_path: str | None,
        role: Role | None,
        org_unit_code: str | None,
        q: str | None,
        is_active: bool | None,
        page: PageRequest,
    ) -> Page[User]: ...

    async def add(
        self, *, username: str, display_name: str, role: Role, org_unit: OrgUnit, password_hash: str, at: datetime
    ) -> User: ...

    async def set_active(self, user_id: int, active: bool, *, at: datetime) -> None: ...

    async def set_password(self, user_id: int, password_hash: str, *, at: datetime) -> None: ...


class LoginThrottle(Protocol):
    """Failed sign-ins counted per keyed-hash key (domain/organisation/signin.py)."""

    async def lock(self, keys: Collection[str], *, forget_before: datetime) -> dict[str, Failures]:
        """The keys' counts, locked until the transaction ends (parallel attempts on a key queue here). A count
        whose last failure is before `forget_before` reads as none."""
        ...

    async def count_attempt(self, keys: Collection[str], at: datetime) -> None:
        """One more attempt on each (locked) key, counted before the password is checked."""
        ...

    async def give_back(self, keys: Collection[str], *, clear: str | None = None) -> None:
        """Takes back one counted attempt from each key (the password was right, or never checked); `clear`
        forgets its key's count altogether."""
        ...

    async def purge(self, before: datetime) -> int:
        """Forgets the counts whose last failure is before `before`; how many."""
        ...


class SessionRegistry(Protocol):
    """Sessions ended before their token expires (sign-out): a deny list of session ids."""

    async def user_of_session(self, user_id: int, session_id: str) -> User | None:
        """The user, unless the session was ended (one round trip for both)."""
        ...

    async def end(self, session_id: str, expires_at: datetime) -> None:
        """Denies the session until its token would have expired anyway."""
        ...

    async def purge(self, now: datetime) -> int:
        """Forgets ended sessions whose tokens have expired; how many."""
        ...
