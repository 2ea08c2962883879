"""Passwords (argon2), access tokens (signed JWT) and API keys (stored as SHA-256 hashes)."""

from __future__ import annotations

import asyncio
import functools
import hashlib
import hmac
import re
import secrets
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from domain.errors import TooManyAttempts
from domain.organisation.model import User

TOKEN_ALGORITHM = "HS256"  # noqa: S105 - an algorithm name
API_KEY_PREFIX = "kh"
# Password checks run at once (each argon2 check already uses several threads) ...
HASH_WORKERS = 2
# ... and may wait for a worker: past both, a sign-in is refused at once (429) instead of queueing.
HASH_WAITING = 8
BUSY_RETRY_SECONDS = 1
_MAX_USER_ID = 2**63 - 1  # BIGINT
_SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class Argon2PasswordHasher:
    """argon2id with the library's defaults (RFC 9106 low-memory profile), on a small thread pool of its own:
    argon2-cffi releases the GIL, so the event loop goes on serving while passwords are checked. Checks beyond
    `workers` running and `waiting` queued are refused at once with TooManyAttempts (429 with Retry-After).
    Hashing (admins setting passwords, a person changing theirs) waits for a worker instead."""

    def __init__(self, *, workers: int = HASH_WORKERS, waiting: int = HASH_WAITING) -> None:
        self._hasher = PasswordHasher()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="argon2")
        self._slots = threading.BoundedSemaphore(workers + waiting)

    async def hash(self, password: str) -> str:
        return await asyncio.wrap_future(self._pool.submit(self._hash_now, password))

    async def verify(self, password_hash: str | None, password: str) -> bool:
        if not self._slots.acquire(blocking=False):
            raise TooManyAttempts(f"Too many sign-ins at once; try again in {BUSY_RETRY_SECONDS} s.",
                                  BUSY_RETRY_SECONDS)
        try:
            check = self._pool.submit(self._verify_now, password_hash, password)
        except BaseException:
            self._slots.release()
            raise
        # The slot frees when the check ends, also when the request stopped waiting for it.
        check.add_done_callback(lambda _: self._slots.release())
        return await asyncio.wrap_future(check)

    def _hash_now(self, password: str) -> str:
        return self._hasher.hash(password)

    def _verify_now(self, password_hash: str | None, password: str) -> bool:
        """The argon2 check itself, on a worker thread. No hash: the same work on a stand-in, then False."""
        try:
            return self._hasher.verify(password_hash or _stand_in_hash(), password) and password_hash is not None
        except (VerificationError, InvalidHashError):
            return False


@functools.cache
def _stand_in_hash() -> str:
    # Made once per process with the same parameters as real hashes, of a password nobody knows.
    return PasswordHasher().hash(secrets.token_urlsafe(32))


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


def pseudonym(secret: str) -> Callable[[str], str]:
    """A keyed hash (HMAC-SHA256 with the server's secret): what the sign-in throttle stores instead of typed
    usernames and client addresses."""
    key = hashlib.sha256(b"keyhold sign-in throttle\0" + secret.encode()).digest()
    return lambda value: hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Session:
    """What a valid access token says: whose session, at which token version, its id (for sign-out)."""

    user_id: int
    token_version: int
    session_id: str
    expires_at: datetime


def issue_access_token(user: User, *, secret: str, minutes: int, now: datetime) -> str:
    claims = {
        "sub": str(user.id),
        "ver": user.token_version,
        "jti": secrets.token_urlsafe(16),
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(minutes=minutes)).timestamp()),
    }
    return jwt.encode(claims, secret, algorithm=TOKEN_ALGORITHM)


def read_access_token(token: str, *, secret: str, now: datetime) -> Session | None:
    """The session of a valid token unexpired at `now` (the app's clock); None otherwise, also for a token
    whose claims are not what this server issues (a subject that is no user id, no session id)."""
    try:
        claims: dict[str, Any] = jwt.decode(token, secret, algorithms=[TOKEN_ALGORITHM],
                                            options={"require": ["sub", "exp", "ver", "jti"], "verify_exp": False,
                                                     # the app's clock decides, not the machine's
                                                     "verify_iat": False})
        subject, version, session_id, expires = claims["sub"], claims["ver"], claims["jti"], claims["exp"]
        if not (isinstance(subject, str) and subject.isascii() and subject.isdigit()
                and 0 < int(subject) <= _MAX_USER_ID):
            return None
        if not (isinstance(version, int) and isinstance(session_id, str) and _SESSION_ID.match(session_id)
                and isinstance(expires, int)):
            return None
        if expires <= now.timestamp():
            return None
        return Session(int(subject), version, session_id, datetime.fromtimestamp(expires, UTC))
    except (jwt.PyJWTError, ValueError, TypeError, OverflowError, OSError):
        return None


def new_api_key() -> tuple[str, str]:
    """(prefix, full key). The prefix finds the row; only a hash of the full key is stored."""
    prefix = secrets.token_hex(4)
    return prefix, f"{API_KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"


def hash_api_key(key: str) -> str:
    # API keys are 256-bit random: a plain SHA-256 is enough (no dictionary to attack).
    return hashlib.sha256(key.encode()).hexdigest()


def api_key_prefix(key: str) -> str | None:
    parts = key.split("_", 2)
    if len(parts) != 3 or parts[0] != API_KEY_PREFIX or len(parts[1]) != 8:
        return None
    return parts[1]


def api_key_matches(key: str, stored_hash: str) -> bool:
    return hmac.compare_digest(hash_api_key(key), stored_hash)
