"""Domain errors. api/errors.py maps each to one HTTP status."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


class DomainError(Exception):
    """Base of every error a use case raises on purpose."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NotFound(DomainError):
    """The thing does not exist, or lies outside the caller's data scope (never leak which)."""


class Forbidden(DomainError):
    """The caller's role may not do this at all."""


class Unauthenticated(DomainError):
    """No valid credentials."""


class Conflict(DomainError):
    """A unique business key is taken, or the state does not allow the action."""


class PreconditionFailed(DomainError):
    """The caller edited a stale version."""


class PreconditionRequired(DomainError):
    """An edit came without the version it was based on."""


class TooManyAttempts(DomainError):
    def __init__(self, detail: str, retry_after_seconds: int) -> None:
        super().__init__(detail)
        self.retry_after_seconds = retry_after_seconds


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


class RuleViolation(DomainError):
    """Input that is well-formed but breaks a business rule; names each bad field."""

    def __init__(self, errors: list[FieldError], detail: str = "The request breaks a business rule.") -> None:
        super().__init__(detail)
        self.errors = errors


@dataclass
class FieldErrors:
    """Collects field errors so a use case reports all of them at once: the one way to gather them (rule
    functions that only inspect a value return `list[FieldError]`; a use case collects those here with its own
    checks). True once it holds an error."""

    errors: list[FieldError] = field(default_factory=list)

    def add(self, field_name: str, message: str) -> None:
        self.errors.append(FieldError(field_name, message))

    def extend(self, errors: Iterable[FieldError]) -> None:
        self.errors.extend(errors)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise RuleViolation(list(self.errors))


def check_version(what: str, current: int, expected: int | None, *, required: bool = True) -> None:
    """Optimistic concurrency: an edit names the version of the `what` it was based on (If-Match). Without one,
    428 when the edit requires it; a stale one, 412."""
    if expected is None:
        if required:
            raise PreconditionRequired(f"Send If-Match with the version of the {what} you edited.")
        return
    if expected != current:
        raise PreconditionFailed(f"The {what} changed since you loaded it (now version {current}); reload and retry.")
