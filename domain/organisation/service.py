"""Org units and users: the company's structure and who works in it (docs/domain.md section 2)."""

from __future__ import annotations

import re

from domain.audit import AuditEntry
from domain.errors import Conflict, FieldError, FieldErrors, NotFound, RuleViolation
from domain.organisation.model import OrgUnit, OrgUnitKind, Permission, Principal, Role, ScopeKind, User
from domain.organisation.ports import PasswordHasher
from domain.paging import Page, PageRequest
from domain.ports import Clock, UnitOfWork

MIN_PASSWORD_LENGTH = 10
USERNAME_PATTERN = r"^[a-z0-9][a-z0-9._-]{1,63}$"
_USERNAME = re.compile(USERNAME_PATTERN)
ORG_UNIT_CODE_PATTERN = r"^[A-Z0-9][A-Z0-9_-]{0,31}$"
_CODE = re.compile(ORG_UNIT_CODE_PATTERN)


def password_problem(password: str) -> str | None:
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"at least {MIN_PASSWORD_LENGTH} characters"
    if password.isdigit() or password.isalpha():
        return "mix letters with digits or symbols"
    return None


def _require(principal: Principal | None, permission: Permission) -> None:
    # principal None = an operator at the command line, trusted like an admin.
    if principal is not None:
        principal.require(permission)


async def list_org_units(uow: UnitOfWork) -> list[OrgUnit]:
    """The whole tree, parents first. Every signed-in user may see the company's structure."""
    async with uow:
        return await uow.org_units.list()


async def create_org_unit(
    uow: UnitOfWork, principal: Principal | None, *, code: str, name: str, kind: OrgUnitKind,
    parent_code: str | None, clock: Clock,
) -> OrgUnit:
    """A unit of the tree (HQ, operations centre, department, regional centre store, store)."""
    _require(principal, Permission.ORG_UNITS_MANAGE)
    errors = FieldErrors()
    if not _CODE.match(code):
        errors.add("code", "1-32 capital letters, digits, '-' or '_'")
    if not name.strip():
        errors.add("name", "a unit needs a name")
    errors.raise_if_any()
    async with uow:
        if await uow.org_units.get_by_code(code):
            raise Conflict(f"An org unit with code {code} exists.")
        parent = None
        if parent_code is not None:
            parent = await uow.org_units.get_by_code(parent_code)
            if parent is None:
                raise RuleViolation([FieldError("parent_code", "no org unit with this code")])
        elif (await uow.org_units.list()) and kind is not OrgUnitKind.HEADQUARTERS:
            raise RuleViolation([FieldError("parent_code", "only the headquarters has no parent")])
        now = clock.now()
        unit = await uow.org_units.add(code=code, name=name.strip(), kind=kind, parent=parent, at=now)
        await uow.audit.record(
            AuditEntry("create", "org_unit", unit.id, None, principal.id if principal else None, None,
                       {"code": code, "name": unit.name, "kind": str(kind), "parent_code": parent_code}),
            now,
        )
        await uow.commit()
        return unit


async def list_users(
    uow: UnitOfWork, principal: Principal, *, role: Role | None, org_unit_code: str | None, q: str | None,
    is_active: bool | None, page: PageRequest,
) -> Page[User]:
    """Users the caller may see: all for admins and HQ, the own unit's subtree for store managers."""
    _require(principal, Permission.USERS_READ)
    scope = principal.scope
    unit_path = scope.unit_path if scope.kind is ScopeKind.UNIT else None
    async with uow:
        return await uow.users.list(unit_path=unit_path, role=role, org_unit_code=org_unit_code, q=q,
                                    is_active=is_active, page=page)


def _check_credentials(errors: FieldErrors, username: str, password: str) -> None:
    if not _USERNAME.match(username):
        errors.add("username", "2-64 lowercase letters, digits, '.', '_' or '-'")
    problem = password_problem(password)
    if problem:
        errors.add("password", problem)


async def create_user(
    uow: UnitOfWork, principal: Principal | None, hasher: PasswordHasher, *, username: str, password: str,
    role: Role, org_unit_code: str, display_name: str | None, clock: Clock,
) -> User:
    """A person who signs in; the password is kept only as an argon2 hash."""
    _require(principal, Permission.USERS_MANAGE)
    errors = FieldErrors()
    _check_credentials(errors, username, password)
    errors.raise_if_any()
    password_hash = await hasher.hash(password)  # slow: before the transaction, not inside it
    async with uow:
        unit = await uow.org_units.get_by_code(org_unit_code)
        if unit is None:
            raise RuleViolation([FieldError("org_unit_code", "no org unit with this code")])
        if await uow.users.get_by_username(username):
            raise Conflict(f"The username {username} is taken.")
        now = clock.now()
        user = await uow.users.add(
            username=username, display_name=(display_name or username).strip(), role=role, org_unit=unit,
            password_hash=password_hash, at=now,
        )
        await uow.audit.record(
            AuditEntry("create", "user", user.id, None, principal.id if principal else None, None,
                       {"username": username, "role": str(role), "org_unit_code": org_unit_code}),
            now,
        )
        await uow.commit()
        return user


async def set_user_active(
    uow: UnitOfWork, principal: Principal, user_id: int, active: bool, *, clock: Clock
) -> User:
    """Disabling a user ends their sessions at once; their customers stay until reassigned."""
    _require(principal, Permission.USERS_MANAGE)
    if user_id == principal.id and not active:
        raise RuleViolation([FieldError("user_id", "you cannot disable yourself")])
    async with uow:
        user = await uow.users.get(user_id)
        if user is None:
            raise NotFound(f"User {user_id} not found.")
        now = clock.now()
        await uow.users.set_active(user_id, active, at=now)
        await uow.audit.record(
            AuditEntry("enable" if active else "disable", "user", user_id, None, principal.id,
                       {"is_active": user.is_active}, {"is_active": active}), now
        )
        await uow.commit()
        refreshed = await uow.users.get(user_id)
        assert refreshed is not None
        return refreshed


async def reset_password(
    uow: UnitOfWork, principal: Principal | None, hasher: PasswordHasher, user_id: int, password: str,
    *, clock: Clock,
) -> None:
    """A new password; sessions signed with the old one stop working."""
    _require(principal, Permission.USERS_MANAGE)
    problem = password_problem(password)
    if problem:
        raise RuleViolation([FieldError("password", problem)])
    password_hash = await hasher.hash(password)  # slow: before the transaction, not inside it
    async with uow:
        if await uow.users.get(user_id) is None:
            raise NotFound(f"User {user_id} not found.")
        now = clock.now()
        await uow.users.set_password(user_id, password_hash, at=now)
        await uow.audit.record(
            AuditEntry("reset_password", "user", user_id, None, principal.id if principal else None, None, None),
            now,
        )
        await uow.commit()


async def set_up_company(
    uow: UnitOfWork, hasher: PasswordHasher, *, unit_code: str, unit_name: str, username: str, password: str,
    display_name: str | None, clock: Clock,
) -> tuple[OrgUnit, User]:
    """The first start of a real install (`keyhold init`): the headquarters, root of the org-unit tree, and the
    first administrator in it, in one transaction. Only while nobody can sign in yet: once there are users,
    administrators add the others. Org units created before it (and no users) are kept: the administrator
    joins their headquarters."""
    errors = FieldErrors()
    if not _CODE.match(unit_code):
        errors.add("code", "1-32 capital letters, digits, '-' or '_'")
    if not unit_name.strip():
        errors.add("name", "a unit needs a name")
    _check_credentials(errors, username, password)
    errors.raise_if_any()
    password_hash = await hasher.hash(password)  # slow: before the transaction, not inside it
    async with uow:
        now = clock.now()
        existing = await uow.users.list(unit_path=None, role=None, org_unit_code=None, q=None, is_active=None,
                                        page=PageRequest(limit=1))
        if existing.items:
            raise Conflict("Keyhold is set up already (it has users): administrators add users and org units.")
        units = await uow.org_units.list()
        headquarters = next((unit for unit in units if unit.parent_id is None), None)
        if headquarters is None:
            headquarters = await uow.org_units.add(code=unit_code, name=unit_name.strip(),
                                                   kind=OrgUnitKind.HEADQUARTERS, parent=None, at=now)
            await uow.audit.record(
                AuditEntry("create", "org_unit", headquarters.id, None, None, None,
                           {"code": unit_code, "name": headquarters.name, "kind": str(OrgUnitKind.HEADQUARTERS),
                            "parent_code": None}),
                now,
            )
        user = await uow.users.add(username=username, display_name=(display_name or username).strip(),
                                   role=Role.ADMIN, org_unit=headquarters, password_hash=password_hash, at=now)
        await uow.audit.record(
            AuditEntry("create", "user", user.id, None, None, None,
                       {"username": username, "role": str(Role.ADMIN), "org_unit_code": headquarters.code}),
            now,
        )
        await uow.commit()
        return headquarters, user
