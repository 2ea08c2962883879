"""Org units and users."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.organisation.model import OrgUnit, OrgUnitKind, Role, User
from domain.paging import Page, PageRequest
from repositories.organisation.tables import org_units, users
from repositories.pagination import decode_cursor, encode_cursor, key_text


def org_unit_from_row(row: Any, prefix: str = "") -> OrgUnit:
    m = row._mapping
    return OrgUnit(
        id=m[f"{prefix}id"], code=m[f"{prefix}code"], name=m[f"{prefix}name"], kind=OrgUnitKind(m[f"{prefix}kind"]),
        parent_id=m[f"{prefix}parent_id"], path=m[f"{prefix}path"],
    )


def org_unit_columns(prefix: str) -> list[Any]:
    return [c.label(f"{prefix}{c.name}") for c in (org_units.c.id, org_units.c.code, org_units.c.name,
                                                    org_units.c.kind, org_units.c.parent_id, org_units.c.path)]


class SqlOrgUnitRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, unit_id: int) -> OrgUnit | None:
        row = (await self.session.execute(select(org_units).where(org_units.c.id == unit_id))).first()
        return org_unit_from_row(row) if row else None

    async def get_by_code(self, code: str) -> OrgUnit | None:
        row = (await self.session.execute(select(org_units).where(org_units.c.code == code))).first()
        return org_unit_from_row(row) if row else None

    async def list(self) -> list[OrgUnit]:
        rows = await self.session.execute(select(org_units).order_by(org_units.c.path))
        return [org_unit_from_row(r) for r in rows]

    async def add(self, *, code: str, name: str, kind: OrgUnitKind, parent: OrgUnit | None,
                  at: datetime) -> OrgUnit:
        unit_id = (await self.session.execute(
            insert(org_units).values(code=code, name=name, kind=str(kind),
                                     parent_id=parent.id if parent else None, path="", created_at=at)
            .returning(org_units.c.id)
        )).scalar_one()
        path = f"{parent.path if parent else ''}{unit_id}/"
        await self.session.execute(update(org_units).where(org_units.c.id == unit_id).values(path=path))
        return OrgUnit(unit_id, code, name, kind, parent.id if parent else None, path)


_U = org_unit_columns("u_")


def _user_from_row(row: Any) -> User:
    m = row._mapping
    return User(
        id=m["id"], username=m["username"], display_name=m["display_name"], role=Role(m["role"]),
        org_unit=org_unit_from_row(row, "u_"), is_active=m["is_active"], password_hash=m["password_hash"],
        token_version=m["token_version"], created_at=m["created_at"],
    )


def _user_select() -> Any:
    return select(users, *_U).join(org_units, org_units.c.id == users.c.org_unit_id)


class SqlUserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, user_id: int) -> User | None:
        row = (await self.session.execute(_user_select().where(users.c.id == user_id))).first()
        return _user_from_row(row) if row else None

    async def get_by_username(self, username: str) -> User | None:
        row = (await self.session.execute(_user_select().where(users.c.username == username))).first()
        return _user_from_row(row) if row else None

    async def list(
        self, *, unit_path: str | None, role: Role | None, org_unit_code: str | None, q: str | None,
        is_active: bool | None, page: PageRequest,
    ) -> Page[User]:
        stmt = _user_select()
        if unit_path is not None:
            stmt = stmt.where(org_units.c.path.startswith(unit_path))
        if role is not None:
            stmt = stmt.where(users.c.role == str(role))
        if org_unit_code is not None:
            stmt = stmt.where(org_units.c.code == org_unit_code)
        if is_active is not None:
            stmt = stmt.where(users.c.is_active == is_active)
        if q:
            pattern = f"%{q}%"
            stmt = stmt.where(or_(users.c.username.ilike(pattern), users.c.display_name.ilike(pattern)))
        if page.cursor:
            (last_username,) = decode_cursor(page.cursor, key_text)
            stmt = stmt.where(users.c.username > last_username)
        rows = (await self.session.execute(stmt.order_by(users.c.username).limit(page.limit + 1))).all()
        items = [_user_from_row(r) for r in rows[: page.limit]]
        next_cursor = encode_cursor([items[-1].username]) if len(rows) > page.limit else None
        return Page(items, next_cursor)

    async def add(
        self, *, username: str, display_name: str, role: Role, org_unit: OrgUnit, password_hash: str, at: datetime
    ) -> User:
        user_id = (await self.session.execute(
            insert(users).values(username=username, display_name=display_name, role=str(role),
                                 org_unit_id=org_unit.id, password_hash=password_hash, created_at=at,
                                 updated_at=at).returning(users.c.id)
        )).scalar_one()
        user = await self.get(user_id)
        assert user is not None
        return user

    async def set_active(self, user_id: int, active: bool, *, at: datetime) -> None:
        await self.session.execute(
            update(users).where(users.c.id == user_id)
            .values(is_active=active, updated_at=at,
                    token_version=users.c.token_version + (0 if active else 1))
        )

    async def set_password(self, user_id: int, password_hash: str, *, at: datetime) -> None:
        await self.session.execute(
            update(users).where(and_(users.c.id == user_id))
            .values(password_hash=password_hash, token_version=users.c.token_version + 1, updated_at=at)
        )
