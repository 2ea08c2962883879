"""Machine clients: issuing and revoking API keys."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from domain.audit import AuditEntry
from domain.customers.model import Customer, diff, validate_customer_fields
from domain.errors import Conflict, FieldError, FieldErrors, Forbidden, NotFound, RuleViolation
from domain.idempotency import claim_or_replay
from domain.integrations.model import (
    MAX_BATCH_ITEMS,
    USAGE_WINDOW_HOURS,
    ApiKey,
    ApiKeyUsage,
    ApiScope,
    IdempotencyRequest,
    IncomingCustomer,
    ItemResult,
    ItemStatus,
    Rejected,
)
from domain.organisation.model import OWNER_ROLES, OrgUnit, Permission, Principal, User
from domain.ports import Clock, UnitOfWork


async def create_api_key(
    uow: UnitOfWork, principal: Principal | None, *, name: str, scopes: list[str],
    new_key: Callable[[], tuple[str, str]], hash_key: Callable[[str], str], clock: Clock,
) -> tuple[ApiKey, str]:
    """A key for an integration; the full key is returned once and only its hash is kept."""
    if principal is not None and not principal.can(Permission.USERS_MANAGE):
        raise Forbidden("Only administrators issue API keys.")
    known = {str(s) for s in ApiScope}
    errors = FieldErrors()
    if not name.strip():
        errors.add("name", "name the integration (it becomes the source of its data)")
    bad = sorted(set(scopes) - known)
    if bad or not scopes:
        errors.add("scopes", f"choose from {', '.join(sorted(known))}")
    errors.raise_if_any()
    prefix, key = new_key()
    async with uow:
        now = clock.now()
        api_key = await uow.api_keys.add(name=name.strip(), prefix=prefix, key_hash=hash_key(key),
                                         scopes=sorted(set(scopes)), created_by=principal.id if principal else None,
                                         at=now)
        await uow.audit.record(AuditEntry("create", "api_key", api_key.id, None,
                                          principal.id if principal else None, None,
                                          {"name": api_key.name, "scopes": sorted(api_key.scopes)}), now)
        await uow.commit()
    return api_key, key


def machine_source(principal: Principal, scope: ApiScope, *, items: int, what: str) -> str:
    """The integration sending a batch (its API key's name is the source of what it writes), once the key
    has the scope and the batch is not too big."""
    if principal.api_key_name is None:
        raise Forbidden("Only integrations (API keys) send batches.")
    if scope not in principal.api_scopes:
        raise Forbidden(f"This API key lacks the {scope} scope.")
    if items > MAX_BATCH_ITEMS:
        raise RuleViolation([FieldError(what, f"at most {MAX_BATCH_ITEMS} per request; split the batch")])
    return principal.api_key_name


async def finish_machine_batch(uow: UnitOfWork, principal: Principal, idempotency: IdempotencyRequest | None,
                               now: datetime, results: list[ItemResult]) -> None:
    """Counts the request for the key's usage, records the outcome for its Idempotency-Key, commits."""
    if principal.api_key_id is not None:
        await uow.api_keys.record_usage(principal.api_key_id, now, len(results))
    if idempotency is not None:
        await uow.idempotency.record(idempotency, [r.as_dict() for r in results])
    await uow.commit()


async def list_api_keys(uow: UnitOfWork, principal: Principal, *, clock: Clock,
                        ) -> list[tuple[ApiKey, ApiKeyUsage]]:
    """Every key (revoked ones too) with its requests and items in the last 24 hours."""
    if not principal.can(Permission.USERS_MANAGE):
        raise Forbidden("Only administrators manage API keys.")
    async with uow:
        keys = await uow.api_keys.list()
        usage = {u.api_key_id: u for u in await uow.api_keys.usage_since(
            clock.now() - timedelta(hours=USAGE_WINDOW_HOURS))}
    return [(k, usage.get(k.id, ApiKeyUsage(k.id, 0, 0))) for k in keys]


async def revoke_api_key(uow: UnitOfWork, principal: Principal, key_id: int, *, clock: Clock) -> None:
    """Stops a key at once; what it wrote stays."""
    if not principal.can(Permission.USERS_MANAGE):
        raise Forbidden("Only administrators manage API keys.")
    async with uow:
        if not await uow.api_keys.revoke(key_id, clock.now()):
            raise NotFound("No active API key with this id.")
        await uow.audit.record(AuditEntry("revoke", "api_key", key_id, None, principal.id, None, None), clock.now())
        await uow.commit()


async def upsert_customers(
    uow: UnitOfWork,
    principal: Principal,
    items: Sequence[IncomingCustomer | Rejected],
    *,
    clock: Clock,
    idempotency: IdempotencyRequest | None = None,
    idempotency_ttl: timedelta = timedelta(hours=24),
) -> list[ItemResult]:
    """Creates or updates customers by (source, external id) for an integration with `customers:write`.

    A new customer goes to `org_unit_code`, else to its owner's unit, else to headquarters for HQ to
    assign. On update only the fields sent change, and a changed owner or unit starts a new ownership
    period. Each item is reported on its own, in request order; every change is audited."""
    source = machine_source(principal, ApiScope.CUSTOMERS_WRITE, items=len(items), what="customers")
    now = clock.now()
    async with uow:
        if idempotency is not None:
            replay = await claim_or_replay(uow, idempotency, now, idempotency_ttl)
            if replay is not None:
                return replay
        # Batches from one source take turns, so two of them cannot both create the same customer.
        await uow.customers.lock_source(source)
        external_ids = [i.external_id for i in items if isinstance(i, IncomingCustomer)]
        existing = await uow.customers.by_external_ids(source, external_ids)
        units = {u.code: u for u in await uow.org_units.list()}
        headquarters = next((u for u in units.values() if u.parent_id is None), None)
        if headquarters is None:  # a fresh install before `keyhold init`: nowhere to put a customer
            raise Conflict("There is no headquarters org unit yet: run `keyhold init` first.")
        owners: dict[str, User | None] = {}
        results: list[ItemResult] = []
        seen: set[str] = set()
        for item in items:
            if isinstance(item, Rejected):
                results.append(ItemResult(item.external_id, ItemStatus.ERROR, errors=item.errors))
                continue
            errors = FieldErrors()
            if item.external_id in seen:
                errors.add("external_id", "appears more than once in this batch")
            seen.add(item.external_id)
            try:
                validate_customer_fields(item.values)
            except RuleViolation as exc:
                errors.extend(exc.errors)
            owner: User | None = None
            if item.owner_username is not None:
                if item.owner_username not in owners:
                    owners[item.owner_username] = await uow.users.get_by_username(item.owner_username)
                owner = owners[item.owner_username]
                if owner is None or not owner.is_active:
                    errors.add("owner_username", "no active user with this username")
                elif owner.role not in OWNER_ROLES:
                    errors.add("owner_username", f"a {owner.role} cannot own customers")
            unit = units.get(item.org_unit_code) if item.org_unit_code is not None else None
            if item.org_unit_code is not None and unit is None:
                errors.add("org_unit_code", "no org unit with this code")
            customer = existing.get(item.external_id)
            if customer is None:
                for required in ("name", "customer_type"):
                    if required not in item.values:
                        errors.add(required, "required for a new customer")
            if errors:
                results.append(ItemResult(item.external_id, ItemStatus.ERROR, errors=tuple(errors.errors)))
                continue
            if customer is None:
                results.append(await _create_from_source(uow, source, item, owner, unit or (
                    owner.org_unit if owner else headquarters), now))
            else:
                results.append(await _update_from_source(uow, source, customer, item, owner, unit, now))
        await finish_machine_batch(uow, principal, idempotency, now, results)
    return results


async def _create_from_source(uow: UnitOfWork, source: str, item: IncomingCustomer, owner: User | None,
                              unit: OrgUnit, now: datetime) -> ItemResult:
    values = {**item.values, "external_id": item.external_id, "source_system": source}
    customer = await uow.customers.add(values, owner_id=owner.id if owner else None, org_unit_id=unit.id,
                                       at=now)
    await uow.customers.start_ownership(customer.id, owner_id=owner.id if owner else None, org_unit_id=unit.id,
                                        at=now, reason=f"created by {source}", changed_by=None)
    await uow.audit.record(AuditEntry("create", "customer", customer.id, customer.id, None, None,
                                      {**customer.snapshot(), "source_system": source}), now)
    if item.contact is not None:
        contact = await uow.contacts.add(customer.id, {**item.contact, "is_primary": True,
                                                       "started_on": now.date()}, at=now)
        await uow.audit.record(AuditEntry("contact_create", "contact", contact.id, customer.id, None, None,
                                          contact.snapshot()), now)
    return ItemResult(item.external_id, ItemStatus.CREATED, customer.id)


async def _update_from_source(uow: UnitOfWork, source: str, customer: Customer, item: IncomingCustomer,
                              owner: User | None, unit: OrgUnit | None, now: datetime) -> ItemResult:
    before = customer.snapshot()
    changes = {k: v for k, v in item.values.items() if before.get(k) != (list(v) if k == "tags" else v)}
    new_owner_id = owner.id if owner else (customer.owner.id if customer.owner else None)
    new_unit = unit or (owner.org_unit if owner and item.org_unit_code is None else customer.org_unit)
    moved = new_owner_id != (customer.owner.id if customer.owner else None) or new_unit.id != customer.org_unit.id
    if moved:
        changes.update(owner_id=new_owner_id, org_unit_id=new_unit.id)
    contact_changed = await _sync_contact(uow, customer.id, item.contact, now)
    if not changes:
        return ItemResult(item.external_id, ItemStatus.UPDATED if contact_changed else ItemStatus.UNCHANGED,
                          customer.id)
    updated = await uow.customers.update(customer.id, changes, customer.version, at=now)
    if updated is None:
        return ItemResult(item.external_id, ItemStatus.ERROR, customer.id, (FieldError(
            "external_id", "someone edited this customer at the same moment; send it again"),))
    if moved:
        await uow.customers.start_ownership(customer.id, owner_id=new_owner_id, org_unit_id=new_unit.id, at=now,
                                            reason=f"changed by {source}", changed_by=None)
    old, new = diff(before, updated.snapshot())
    await uow.audit.record(AuditEntry("update", "customer", customer.id, customer.id, None, old,
                                      {**new, "source_system": source}), now)
    return ItemResult(item.external_id, ItemStatus.UPDATED, customer.id)


async def _sync_contact(uow: UnitOfWork, customer_id: int, sent: dict[str, Any] | None, now: datetime) -> bool:
    """The ERP's contact is matched by name among current contacts: added when new, updated when it differs."""
    if sent is None:
        return False
    current = [c for c in await uow.contacts.list_for_customer(customer_id) if c.ended_on is None]
    match = next((c for c in current if c.name == sent["name"]), None)
    if match is None:
        contact = await uow.contacts.add(customer_id, {**sent, "is_primary": not any(c.is_primary for c in current),
                                                       "started_on": now.date()}, at=now)
        await uow.audit.record(AuditEntry("contact_create", "contact", contact.id, customer_id, None, None,
                                          contact.snapshot()), now)
        return True
    before = match.snapshot()
    changes = {k: v for k, v in sent.items() if before.get(k) != v}
    if not changes:
        return False
    updated = await uow.contacts.update(match.id, changes, match.version, at=now)
    if updated is not None:
        old, new = diff(before, updated.snapshot())
        await uow.audit.record(AuditEntry("contact_update", "contact", match.id, customer_id, None, old, new), now)
    return updated is not None
