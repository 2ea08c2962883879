"""Passwords (argon2), access tokens (signed JWT) and API keys (stored as SHA-256 hashes)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from domain.organisation import User

TOKEN_ALGORITHM = "HS256"  # noqa: S105 - an algorithm name
API_KEY_PREFIX = "kh"


class Argon2PasswordHasher:
    """argon2id with the library's defaults (RFC 9106 low-memory profile)."""

    def __init__(self) -> None:
        self._hasher = PasswordHasher()

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


def issue_access_token(user: User, *, secret: str, minutes: int, now: datetime) -> str:
    claims = {
        "sub": str(user.id),
        "ver": user.token_version,
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(minutes=minutes)).timestamp()),
    }
    return jwt.encode(claims, secret, algorithm=TOKEN_ALGORITHM)


def read_access_token(token: str, *, secret: str, now: datetime) -> tuple[int, int] | None:
    """(user id, token version) of a valid token unexpired at `now` (the app's clock); None otherwise."""
    try:
        claims: dict[str, Any] = jwt.decode(token, secret, algorithms=[TOKEN_ALGORITHM],
                                            options={"require": ["sub", "exp", "ver"], "verify_exp": False,
                                                     # the app's clock decides, not the machine's
                                                     "verify_iat": False})
        if int(claims["exp"]) <= now.timestamp():
            return None
        return int(claims["sub"]), int(claims["ver"])
    except (jwt.PyJWTError, ValueError, TypeError):
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
