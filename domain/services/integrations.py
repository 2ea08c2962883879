"""Machine clients: issuing and revoking API keys."""

from __future__ import annotations

from collections.abc import Callable

from domain.audit import AuditEntry
from domain.errors import FieldError, Forbidden, RuleViolation
from domain.integrations import ApiKey, ApiScope
from domain.organisation import Permission, Principal
from domain.ports import Clock, UnitOfWork


async def create_api_key(
    uow: UnitOfWork, principal: Principal | None, *, name: str, scopes: list[str],
    new_key: Callable[[], tuple[str, str]], hash_key: Callable[[str], str], clock: Clock,
) -> tuple[ApiKey, str]:
    """A key for an integration; the full key is returned once and only its hash is kept."""
    if principal is not None and not principal.can(Permission.USERS_MANAGE):
        raise Forbidden("Only administrators issue API keys.")
    known = {str(s) for s in ApiScope}
    errors = []
    if not name.strip():
        errors.append(FieldError("name", "name the integration (it becomes the source of its data)"))
    bad = sorted(set(scopes) - known)
    if bad or not scopes:
        errors.append(FieldError("scopes", f"choose from {', '.join(sorted(known))}"))
    if errors:
        raise RuleViolation(errors)
    prefix, key = new_key()
    async with uow:
        api_key = await uow.api_keys.add(name=name.strip(), prefix=prefix, key_hash=hash_key(key),
                                         scopes=sorted(set(scopes)), created_by=principal.id if principal else None)
        await uow.audit.record(AuditEntry("create", "api_key", api_key.id, None,
                                          principal.id if principal else None, None,
                                          {"name": api_key.name, "scopes": sorted(api_key.scopes)}), clock.now())
        await uow.commit()
    return api_key, key
