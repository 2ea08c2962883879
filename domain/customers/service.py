"""Customer archive use cases: read and change customers within the caller's data scope."""

from __future__ import annotations

from datetime import date
from typing import Any

from domain.audit import AuditEntry, AuditRecord
from domain.customers.model import (
    CONTACT_EDITABLE_FIELDS,
    COUNT_CAP,
    EDITABLE_FIELDS,
    Contact,
    Customer,
    CustomerCount,
    CustomerFilters,
    OwnershipPeriod,
    Partition,
    diff,
    merge_patch,
    search_words,
    validate_contact_fields,
    validate_customer_fields,
)
from domain.errors import FieldError, FieldErrors, NotFound, PreconditionFailed, RuleViolation, check_version
from domain.notifications.model import reassignment_notifications
from domain.organisation.model import OWNER_ROLES, OrgUnit, Permission, Principal, ScopeKind, User
from domain.paging import Page, PageRequest
from domain.ports import Clock, UnitOfWork

MAX_BULK_REASSIGN = 5000



async def _load(uow: UnitOfWork, principal: Principal, customer_id: int, *, for_update: bool = False) -> Customer:
    customer = await uow.customers.get(customer_id, principal.scope, for_update=for_update)
    if customer is None:
        raise NotFound(f"Customer {customer_id} not found.")
    return customer


async def list_customers(
    uow: UnitOfWork, principal: Principal, filters: CustomerFilters, page: PageRequest
) -> Page[Customer]:
    """Customers the caller may see, filtered and keyset-paginated. Out-of-scope customers never appear. The
    search matches every word anywhere (docs/domain.md section 3, "Finding customers")."""
    principal.require(Permission.CUSTOMERS_READ)
    if filters.q:
        search_words(filters.q)  # at most SEARCH_MAX_WORDS words
    async with uow:
        return await uow.customers.list(principal.scope, filters, page)


async def count_customers(uow: UnitOfWork, principal: Principal, filters: CustomerFilters) -> CustomerCount:
    """How many customers the list shows with these filters, in the caller's scope: exact up to COUNT_CAP, beyond
    that "at least COUNT_CAP" (the list says "10,000+")."""
    principal.require(Permission.CUSTOMERS_READ)
    if filters.q:
        search_words(filters.q)
    async with uow:
        counted = await uow.customers.count_matching(principal.scope, filters, up_to=COUNT_CAP + 1)
    return CustomerCount(count=min(counted, COUNT_CAP), more=counted > COUNT_CAP)


async def get_customer(uow: UnitOfWork, principal: Principal, customer_id: int) -> Customer:
    """One customer; a customer outside the caller's scope is 'not found' (existence is not leaked)."""
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        return await _load(uow, principal, customer_id)


async def _resolve_owner_and_unit(
    uow: UnitOfWork,
    principal: Principal,
    owner_id: int | None,
    org_unit_code: str | None,
    *,
    default_owner: User | None,
    default_unit: OrgUnit | None,
) -> tuple[User | None, OrgUnit]:
    """Owner and unit for a customer: the owner must be an active account-managing user, the unit
    defaults to the owner's, and both must lie within the caller's scope: a store manager places customers
    in their stores with an owner from there, an account manager in their own unit (or one below it) as
    the owner, so the customer stays in their store manager's view too."""
    errors = FieldErrors()
    owner = default_owner
    if owner_id is not None:
        owner = await uow.users.get(owner_id)
        if owner is None or not owner.is_active:
            errors.add("owner_id", "no active user with this id")
            owner = None
        elif owner.role not in OWNER_ROLES:
            errors.add("owner_id", f"a {owner.role} cannot own customers")
    unit = default_unit
    if org_unit_code is not None:
        unit = await uow.org_units.get_by_code(org_unit_code)
        if unit is None:
            errors.add("org_unit_code", "no org unit with this code")
    elif owner is not None and owner_id is not None:
        unit = owner.org_unit
    errors.raise_if_any()
    if unit is None:
        raise RuleViolation([FieldError("org_unit_code", "an org unit is required")])
    scope = principal.scope
    if scope.kind is not ScopeKind.ALL:
        # Writes reach as far as reads: the own scope is about owners, not units, so without the unit check an
        # account manager could file a customer under any store, out of sight of their own store manager.
        home = principal.person().org_unit
        if scope.kind is ScopeKind.OWN and (owner is None or owner.id != principal.id):
            errors.add("owner_id", "account managers keep the customers they create")
        elif scope.kind is ScopeKind.UNIT and owner is not None and not home.contains(owner.org_unit):
            errors.add("owner_id", "this user works outside your stores")
        # A unit taken from a refused owner is not the caller's mistake to name twice.
        if not home.contains(unit) and (org_unit_code is not None or not errors):
            errors.add("org_unit_code", "this org unit is outside your stores"
                       if scope.kind is ScopeKind.UNIT else "outside your own unit")
    errors.raise_if_any()
    return owner, unit


async def create_customer(
    uow: UnitOfWork,
    principal: Principal,
    values: dict[str, Any],
    *,
    owner_id: int | None,
    org_unit_code: str | None,
    clock: Clock,
) -> Customer:
    """A new customer; owner and org unit default to the creator and the creator's unit."""
    principal.require(Permission.CUSTOMERS_WRITE)
    validate_customer_fields(values)
    async with uow:
        if values.get("external_id") and await uow.customers.external_id_taken(None, values["external_id"], None):
            raise RuleViolation([FieldError("external_id", "another customer has this external id")])
        creator = principal.person()
        default_owner = creator if creator.role in OWNER_ROLES else None
        owner, unit = await _resolve_owner_and_unit(
            uow, principal, owner_id, org_unit_code, default_owner=default_owner, default_unit=creator.org_unit
        )
        now = clock.now()
        customer = await uow.customers.add(values, owner_id=owner.id if owner else None, org_unit_id=unit.id,
                                           at=now)
        await uow.customers.start_ownership(
            customer.id, owner_id=customer.owner.id if customer.owner else None, org_unit_id=unit.id, at=now,
            reason="created", changed_by=principal.id,
        )
        await uow.audit.record(
            AuditEntry("create", "customer", customer.id, customer.id, principal.id, None, customer.snapshot()), now
        )
        await uow.commit()
        return customer


async def update_customer(
    uow: UnitOfWork,
    principal: Principal,
    customer_id: int,
    changes: dict[str, Any],
    expected_version: int | None,
    *,
    clock: Clock,
) -> Customer:
    """Edits basic info and characteristics. The caller names the version it edited; a stale version
    changes nothing (optimistic concurrency)."""
    async with uow:
        updated = await update_customer_in(uow, principal, customer_id, changes, expected_version, clock=clock)
        await uow.commit()
        return updated


async def update_customer_in(
    uow: UnitOfWork,
    principal: Principal,
    customer_id: int,
    changes: dict[str, Any],
    expected_version: int | None,
    *,
    clock: Clock,
) -> Customer:
    """The edit inside the caller's transaction (which commits): the partition check's fix moves several
    customers' partitions this way, all or none (domain/tiering/service.py `fix_partitions`)."""
    principal.require(Permission.CUSTOMERS_WRITE)
    unknown = sorted(set(changes) - set(EDITABLE_FIELDS))
    if unknown:
        raise RuleViolation([FieldError(k, "this field cannot be edited here") for k in unknown])
    validate_customer_fields(changes)
    async with uow:
        customer = await _load(uow, principal, customer_id, for_update=True)
        check_version("customer", customer.version, expected_version)
        taken_back = changes.get("partition", customer.partition) != customer.partition
        if customer.partition is Partition.ABANDONED and taken_back:
            # Taking a customer back clears the abandon reason and review date: reinstate does it, not an edit.
            raise RuleViolation([FieldError("partition", "reinstate the customer to take them back")])
        external_id = changes.get("external_id")
        if external_id and await uow.customers.external_id_taken(customer.source_system, external_id, customer.id):
            raise RuleViolation([FieldError("external_id", "another customer has this external id")])
        if "characteristics" in changes:
            changes = {**changes, "characteristics": merge_patch(customer.characteristics,
                                                                          changes["characteristics"] or {})}
        before, now = customer.snapshot(), clock.now()
        updated = await uow.customers.update(customer.id, changes, customer.version, at=now)
        if updated is None:
            raise PreconditionFailed("The customer changed while you saved; reload and retry.")
        old, new = diff(before, updated.snapshot())
        if new:
            await uow.audit.record(AuditEntry("update", "customer", customer.id, customer.id, principal.id, old, new),
                                   now)
        return updated


async def abandon_customer(
    uow: UnitOfWork,
    principal: Principal,
    customer_id: int,
    *,
    reason: str,
    review_on: date,
    today: date,
    expected_version: int | None,
    clock: Clock,
) -> Customer:
    """Moves a customer to 'temporarily abandoned' by decision: a reason and a review date, never deletion."""
    principal.require(Permission.CUSTOMERS_WRITE)
    errors = FieldErrors()
    if not reason.strip():
        errors.add("reason", "say why the customer is set aside")
    if review_on <= today:
        errors.add("review_on", "the review date must be in the future")
    errors.raise_if_any()
    return await _change_partition(
        uow, principal, customer_id, expected_version, clock, "abandon",
        {"partition": Partition.ABANDONED, "abandon_reason": reason.strip(), "abandon_review_on": review_on},
    )


async def reinstate_customer(
    uow: UnitOfWork, principal: Principal, customer_id: int, *, expected_version: int | None, clock: Clock
) -> Customer:
    """Brings an abandoned customer back to the regular partition."""
    principal.require(Permission.CUSTOMERS_WRITE)
    return await _change_partition(
        uow, principal, customer_id, expected_version, clock, "reinstate",
        {"partition": Partition.REGULAR, "abandon_reason": None, "abandon_review_on": None},
    )


async def _change_partition(
    uow: UnitOfWork, principal: Principal, customer_id: int, expected_version: int | None, clock: Clock,
    action: str, values: dict[str, Any],
) -> Customer:
    async with uow:
        customer = await _load(uow, principal, customer_id, for_update=True)
        # Like any edit: the caller names the version it saw (428 without, 412 when stale).
        check_version("customer", customer.version, expected_version)
        if action == "reinstate" and customer.partition is not Partition.ABANDONED:
            raise RuleViolation([FieldError("partition", "only an abandoned customer can be reinstated")])
        before, now = customer.snapshot(), clock.now()
        updated = await uow.customers.update(customer.id, values, customer.version, at=now)
        assert updated is not None  # the row is locked FOR UPDATE
        old, new = diff(before, updated.snapshot())
        await uow.audit.record(AuditEntry(action, "customer", customer.id, customer.id, principal.id, old, new), now)
        await uow.commit()
        return updated


async def reassign_customers(
    uow: UnitOfWork,
    principal: Principal,
    customer_ids: list[int],
    *,
    owner_id: int,
    org_unit_code: str | None,
    reason: str,
    clock: Clock,
) -> list[Customer]:
    """Gives customers a new account manager (and unit), e.g. when one leaves. The whole set moves or
    nothing does; every move closes the old ownership period and is audited; the new and the previous owners
    are told (one notification each)."""
    principal.require(Permission.CUSTOMERS_REASSIGN)
    if not reason.strip():
        raise RuleViolation([FieldError("reason", "say why the customers change hands")])
    ids = list(dict.fromkeys(customer_ids))
    if not ids:
        raise RuleViolation([FieldError("customer_ids", "name at least one customer")])
    if len(ids) > MAX_BULK_REASSIGN:
        raise RuleViolation([FieldError("customer_ids", f"at most {MAX_BULK_REASSIGN} customers at once")])
    async with uow:
        visible: set[int] = set(await uow.customers.ids_in_scope(ids, principal.scope))
        missing = [i for i in ids if i not in visible]
        if missing:
            if len(ids) == 1:
                raise NotFound(f"Customer {ids[0]} not found.")
            raise RuleViolation([FieldError("customer_ids", f"not found: {', '.join(map(str, missing[:20]))}")])
        owner, unit = await _resolve_owner_and_unit(
            uow, principal, owner_id, org_unit_code, default_owner=None, default_unit=None
        )
        assert owner is not None
        now = clock.now()
        moved: list[Customer] = []
        changed_hands: list[tuple[int, int | None]] = []
        for customer_id in ids:
            customer = await _load(uow, principal, customer_id, for_update=True)
            if customer.owner and customer.owner.id == owner.id and customer.org_unit.id == unit.id:
                moved.append(customer)
                continue
            changed_hands.append((customer.id, customer.owner.id if customer.owner else None))
            before = customer.snapshot()
            updated = await uow.customers.update(customer.id, {"owner_id": owner.id, "org_unit_id": unit.id},
                                                 customer.version, at=now)
            assert updated is not None
            await uow.customers.start_ownership(customer.id, owner_id=owner.id, org_unit_id=unit.id, at=now,
                                                reason=reason.strip(), changed_by=principal.id)
            # Its visits still planned go with it (docs/domain.md section 8).
            await uow.visits.move_planned(customer.id, owner.id, at=now)
            old, new = diff(before, updated.snapshot())
            await uow.audit.record(
                AuditEntry("reassign", "customer", customer.id, customer.id, principal.id, old,
                           {**new, "reason": reason.strip()}), now
            )
            moved.append(updated)
        # One notification per person, however many customers moved (docs/domain.md section 7).
        await uow.notifications.send(reassignment_notifications(changed_hands, owner.id, principal.id), now)
        await uow.commit()
        return moved


async def ownership_history(uow: UnitOfWork, principal: Principal, customer_id: int) -> list[OwnershipPeriod]:
    """Every owner the customer has had, newest first."""
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        await _load(uow, principal, customer_id)
        return await uow.customers.ownership_history(customer_id)


async def audit_trail(
    uow: UnitOfWork, principal: Principal, customer_id: int, page: PageRequest
) -> Page[AuditRecord]:
    """Every change to the customer and its contacts, newest first."""
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        await _load(uow, principal, customer_id)
        return await uow.audit.list_for_customer(customer_id, page)


# --- contacts ---------------------------------------------------------------------------------


async def list_contacts(uow: UnitOfWork, principal: Principal, customer_id: int) -> list[Contact]:
    """Current and former contacts (a contact who left keeps their history)."""
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        await _load(uow, principal, customer_id)
        return await uow.contacts.list_for_customer(customer_id)


async def add_contact(
    uow: UnitOfWork, principal: Principal, customer_id: int, values: dict[str, Any], *, clock: Clock
) -> Contact:
    principal.require(Permission.CUSTOMERS_WRITE)
    validate_contact_fields(values)
    async with uow:
        await _load(uow, principal, customer_id, for_update=True)
        now = clock.now()
        contact = await uow.contacts.add(customer_id, values, at=now)
        if contact.is_primary:
            await uow.contacts.clear_primary(customer_id, except_id=contact.id, at=now)
        await uow.audit.record(
            AuditEntry("contact_create", "contact", contact.id, customer_id, principal.id, None, contact.snapshot()),
            now,
        )
        await uow.commit()
        return contact


async def _load_contact(uow: UnitOfWork, principal: Principal, contact_id: int) -> Contact:
    contact = await uow.contacts.get(contact_id)
    if contact is None or await uow.customers.get(contact.customer_id, principal.scope, for_update=True) is None:
        raise NotFound(f"Contact {contact_id} not found.")
    return contact


async def update_contact(
    uow: UnitOfWork, principal: Principal, contact_id: int, changes: dict[str, Any], expected_version: int | None,
    *, clock: Clock,
) -> Contact:
    principal.require(Permission.CUSTOMERS_WRITE)
    unknown = sorted(set(changes) - set(CONTACT_EDITABLE_FIELDS))
    if unknown:
        raise RuleViolation([FieldError(k, "this field cannot be edited here") for k in unknown])
    validate_contact_fields(changes)
    async with uow:
        contact = await _load_contact(uow, principal, contact_id)
        check_version("contact", contact.version, expected_version)
        before, now = contact.snapshot(), clock.now()
        updated = await uow.contacts.update(contact.id, changes, contact.version, at=now)
        if updated is None:
            raise PreconditionFailed("The contact changed while you saved; reload and retry.")
        if updated.is_primary:
            await uow.contacts.clear_primary(updated.customer_id, except_id=updated.id, at=now)
        old, new = diff(before, updated.snapshot())
        if new:
            await uow.audit.record(
                AuditEntry("contact_update", "contact", contact.id, contact.customer_id, principal.id, old, new),
                now,
            )
        await uow.commit()
        return updated


async def end_contact(
    uow: UnitOfWork, principal: Principal, contact_id: int, *, ended_on: date, reason: str | None, today: date,
    clock: Clock,
) -> Contact:
    """A contact left the customer or changed jobs: they stay on the card as a former contact."""
    principal.require(Permission.CUSTOMERS_WRITE)
    async with uow:
        contact = await _load_contact(uow, principal, contact_id)
        errors = FieldErrors()
        if contact.ended_on is not None:
            errors.add("ended_on", "this contact has already left")
        if ended_on > today:
            errors.add("ended_on", "cannot be in the future")
        if contact.started_on and ended_on < contact.started_on:
            errors.add("ended_on", "before the contact started")
        errors.raise_if_any()
        before, now = contact.snapshot(), clock.now()
        updated = await uow.contacts.update(
            contact.id, {"ended_on": ended_on, "ended_reason": reason, "is_primary": False}, contact.version, at=now
        )
        assert updated is not None
        old, new = diff(before, updated.snapshot())
        await uow.audit.record(
            AuditEntry("contact_end", "contact", contact.id, contact.customer_id, principal.id, old, new), now
        )
        await uow.commit()
        return updated

