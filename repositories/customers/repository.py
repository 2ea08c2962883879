"""Customers, their contacts and ownership periods."""

from __future__ import annotations

import builtins
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnClause, and_, func, insert, literal_column, or_, select, text, tuple_, union, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from domain.customers.model import (
    Contact,
    CurrentTiers,
    Customer,
    CustomerFilters,
    CustomerType,
    DecisionRole,
    LeadSource,
    OwnershipPeriod,
    Partition,
    search_words,
)
from domain.organisation.model import DataScope, ScopeKind, UserRef
from domain.paging import Page, PageRequest
from repositories.customers.tables import contacts, customer_ownership, customers
from repositories.loyalty.tables import customer_loyalty
from repositories.organisation.repository import org_unit_columns, org_unit_from_row
from repositories.organisation.tables import org_units, users
from repositories.pagination import decode_cursor, encode_cursor, key_id, key_text, key_time
from repositories.tiering.tables import customer_tiers

_owner = aliased(users, name="owner")

# What the search box matches (domain/customers/model.py search_words), exactly as indexed by
# ix_customers_search_trgm and ix_contacts_search_trgm (migration 0014): the phone both as typed and without
# its separators. Written out as SQL text so that the planner sees the indexed expression itself.
_COMPACT_PHONE = "regexp_replace(coalesce({t}.phone, ''), '[\\s()-]', '', 'g')"


def _customer_text(t: str) -> ColumnClause[str]:
    return literal_column(
        f"({t}.name || ' ' || {t}.code || ' ' || coalesce({t}.phone, '') || ' ' || {_COMPACT_PHONE.format(t=t)}"
        f" || ' ' || coalesce({t}.address, '') || ' ' || coalesce({t}.registration_id, ''))")


CONTACT_SEARCH_TEXT: ColumnClause[str] = literal_column(
    f"(contacts.name || ' ' || coalesce(contacts.phone, '') || ' ' || {_COMPACT_PHONE.format(t='contacts')})")
_searched = customers.alias("searched")
_SEARCHED_TEXT = _customer_text("searched")


def jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=lambda v: str(v) if isinstance(v, Decimal) else v.isoformat()))


_TIER_COLUMNS = [customer_tiers.c[name].label(f"t_{name}") for name in (
    "potential_grade", "possibility_grade", "basis_grade", "category", "graded_period", "level", "abc_class",
    "revenue_12m")]


def _customer_select() -> Any:
    """A customer with its owner, unit, current tiers and health: one row each (every join is on a key)."""
    return (
        select(customers, _owner.c.username.label("owner_username"),
               _owner.c.display_name.label("owner_display_name"), *org_unit_columns("u_"), *_TIER_COLUMNS,
               customer_loyalty.c.health_score.label("l_health_score"))
        .join(org_units, org_units.c.id == customers.c.org_unit_id)
        .outerjoin(_owner, _owner.c.id == customers.c.owner_id)
        .outerjoin(customer_tiers, customer_tiers.c.customer_id == customers.c.id)
        .outerjoin(customer_loyalty, customer_loyalty.c.customer_id == customers.c.id)
    )


def _tiers(m: Any) -> CurrentTiers | None:
    if m["t_graded_period"] is None and m["t_level"] is None:
        return None
    return CurrentTiers(potential=m["t_potential_grade"], possibility=m["t_possibility_grade"],
                        basis=m["t_basis_grade"], category=m["t_category"], graded_period=m["t_graded_period"],
                        level=m["t_level"], abc_class=m["t_abc_class"], revenue_12m=m["t_revenue_12m"])


def scoped(stmt: Any, scope: DataScope) -> Any:
    """Rows of customers within the scope; the statement must join customers and org_units."""
    if scope.kind is ScopeKind.OWN:
        return stmt.where(customers.c.owner_id == scope.user_id)
    if scope.kind is ScopeKind.UNIT:
        assert scope.unit_path is not None
        return stmt.where(org_units.c.path.startswith(scope.unit_path))
    return stmt


def _customer_from_row(row: Any) -> Customer:
    m = row._mapping
    owner = (UserRef(m["owner_id"], m["owner_username"], m["owner_display_name"])
             if m["owner_id"] is not None else None)
    return Customer(
        id=m["id"], code=m["code"], version=m["version"], name=m["name"],
        customer_type=CustomerType(m["customer_type"]), org_unit=org_unit_from_row(row, "u_"), owner=owner,
        partition=Partition(m["partition"]), external_id=m["external_id"], source_system=m["source_system"],
        registration_id=m["registration_id"], address=m["address"], region=m["region"], phone=m["phone"],
        tags=tuple(m["tags"] or ()), lead_source=LeadSource(m["lead_source"]) if m["lead_source"] else None,
        referrer=m["referrer"], abandon_reason=m["abandon_reason"], abandon_review_on=m["abandon_review_on"],
        characteristics=dict(m["characteristics"] or {}), created_at=m["created_at"], updated_at=m["updated_at"],
        tiers=_tiers(m), health_score=m["l_health_score"], latitude=m["latitude"], longitude=m["longitude"],
    )


def column_values(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key == "characteristics":
            out[key] = jsonable({k: v for k, v in (value or {}).items() if v is not None})
        elif key == "tags":
            out[key] = list(value or [])
        elif hasattr(value, "value") and not isinstance(value, (date, datetime)):
            out[key] = str(value.value)  # enums
        else:
            out[key] = value
    return out


def _loyalty_matches(filters: CustomerFilters) -> Any:
    """The customers whose latest loyalty figures match the filters."""
    loyalty = customer_loyalty.c
    conditions = []
    if filters.segment is not None:
        conditions.append(loyalty.segment == filters.segment)
    if filters.stage is not None:
        conditions.append(loyalty.stage == filters.stage)
    if filters.value_class is not None:
        conditions.append(loyalty.value_class == filters.value_class)
    if filters.health_min is not None:
        conditions.append(loyalty.health_score >= filters.health_min)
    if filters.health_max is not None:
        conditions.append(loyalty.health_score <= filters.health_max)
    if filters.core is not None:
        conditions.append(loyalty.core.is_(filters.core))
    return select(loyalty.customer_id).where(*conditions)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _matching_word(spellings: tuple[str, ...]) -> Any:
    """The ids of customers with one search word (in any of its spellings) in their own fields or in a current
    contact's name or phone. A union of index scans: an OR across the two tables would read every customer."""
    patterns = [f"%{_escape_like(s)}%" for s in spellings]
    own = select(_searched.c.id).where(or_(*(_SEARCHED_TEXT.ilike(p) for p in patterns),
                                           _searched.c.external_id == spellings[0]))
    by_contact = select(contacts.c.customer_id).where(contacts.c.ended_on.is_(None),
                                                      or_(*(CONTACT_SEARCH_TEXT.ilike(p) for p in patterns)))
    return union(own, by_contact)


class SqlCustomerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, customer_id: int, scope: DataScope, *, for_update: bool = False) -> Customer | None:
        stmt = scoped(_customer_select().where(customers.c.id == customer_id), scope)
        if for_update:
            stmt = stmt.with_for_update(of=customers)
        row = (await self.session.execute(stmt)).first()
        return _customer_from_row(row) if row else None

    async def _filtered(self, stmt: Any, scope: DataScope, filters: CustomerFilters) -> Any:
        """The statement (which joins customers, org_units and customer_tiers) narrowed to the scope and filters."""
        stmt = scoped(stmt, scope)
        if filters.q:
            # asyncpg prepares statements, and after five runs PostgreSQL switches to a generic plan, which
            # cannot use the trigram indexes for `ILIKE $1` (the pattern is unknown). Only for this query:
            # set for the whole connection it would also re-plan every foreign-key check of every insert.
            await self.session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
            for spellings in search_words(filters.q):
                stmt = stmt.where(customers.c.id.in_(_matching_word(spellings)))
        if filters.external_id:
            stmt = stmt.where(customers.c.external_id == filters.external_id)
        if filters.owner_id is not None:
            stmt = stmt.where(customers.c.owner_id == filters.owner_id)
        if filters.org_unit_code:
            stmt = stmt.where(org_units.c.code == filters.org_unit_code)
        if filters.customer_type:
            stmt = stmt.where(customers.c.customer_type == str(filters.customer_type))
        if filters.partition:
            stmt = stmt.where(customers.c.partition == str(filters.partition))
        if filters.category:
            stmt = stmt.where(customer_tiers.c.category == filters.category)
        if filters.level:
            stmt = stmt.where(customer_tiers.c.level == filters.level)
        if filters.abc_class:
            stmt = stmt.where(customer_tiers.c.abc_class == filters.abc_class)
        if filters.loyalty:
            stmt = stmt.where(customers.c.id.in_(_loyalty_matches(filters)))
        for dimension, grade in filters.grades:
            stmt = stmt.where(customer_tiers.c[f"{dimension}_grade"] == grade)
        return stmt

    async def count_matching(self, scope: DataScope, filters: CustomerFilters, *, up_to: int) -> int:
        # A LIMIT inside the count: past `up_to` rows PostgreSQL stops reading.
        base = (select(customers.c.id).join(org_units, org_units.c.id == customers.c.org_unit_id)
                .outerjoin(customer_tiers, customer_tiers.c.customer_id == customers.c.id))
        matching = (await self._filtered(base, scope, filters)).limit(up_to).subquery()
        return int((await self.session.execute(select(func.count()).select_from(matching))).scalar_one())

    async def list(self, scope: DataScope, filters: CustomerFilters, page: PageRequest) -> Page[Customer]:
        stmt = await self._filtered(_customer_select(), scope, filters)
        if filters.sort == "name":
            order = [customers.c.name.asc(), customers.c.id.asc()]
            if page.cursor:
                name, last_id = decode_cursor(page.cursor, key_text, key_id)
                stmt = stmt.where(tuple_(customers.c.name, customers.c.id) > tuple_(name, last_id))
        else:
            order = [customers.c.updated_at.desc(), customers.c.id.desc()]
            if page.cursor:
                at, last_id = decode_cursor(page.cursor, key_time, key_id)
                stmt = stmt.where(tuple_(customers.c.updated_at, customers.c.id) < tuple_(at, last_id))
        rows = (await self.session.execute(stmt.order_by(*order).limit(page.limit + 1))).all()
        items = [_customer_from_row(r) for r in rows[: page.limit]]
        next_cursor = None
        if len(rows) > page.limit:
            last = items[-1]
            assert last.updated_at is not None
            key = [last.name, last.id] if filters.sort == "name" else [last.updated_at.isoformat(), last.id]
            next_cursor = encode_cursor(key)
        return Page(items, next_cursor)

    async def add(self, values: dict[str, Any], *, owner_id: int | None, org_unit_id: int,
                  at: datetime) -> Customer:
        customer_id = (await self.session.execute(
            insert(customers).values(**column_values(values), owner_id=owner_id, org_unit_id=org_unit_id,
                                     created_at=at, updated_at=at)
            .returning(customers.c.id)
        )).scalar_one()
        customer = await self.get(customer_id, DataScope(ScopeKind.ALL))
        assert customer is not None
        return customer

    async def update(self, customer_id: int, values: dict[str, Any], expected_version: int, *,
                     at: datetime) -> Customer | None:
        result = await self.session.execute(
            update(customers)
            .where(and_(customers.c.id == customer_id, customers.c.version == expected_version))
            .values(**column_values(values), version=customers.c.version + 1, updated_at=at)
            .returning(customers.c.id)
        )
        if result.first() is None:
            return None
        return await self.get(customer_id, DataScope(ScopeKind.ALL))

    async def ids_in_scope(self, ids: builtins.list[int], scope: DataScope) -> builtins.list[int]:
        stmt = scoped(
            select(customers.c.id).join(org_units, org_units.c.id == customers.c.org_unit_id)
            .where(customers.c.id.in_(ids)), scope
        )
        return list((await self.session.execute(stmt)).scalars())

    async def external_id_taken(self, source_system: str | None, external_id: str, exclude_id: int | None) -> bool:
        stmt = select(customers.c.id).where(
            func.coalesce(customers.c.source_system, "") == (source_system or ""),
            customers.c.external_id == external_id,
        )
        if exclude_id is not None:
            stmt = stmt.where(customers.c.id != exclude_id)
        return (await self.session.execute(stmt.limit(1))).first() is not None

    async def start_ownership(
        self, customer_id: int, *, owner_id: int | None, org_unit_id: int, at: datetime, reason: str | None,
        changed_by: int | None,
    ) -> None:
        await self.session.execute(
            update(customer_ownership)
            .where(customer_ownership.c.customer_id == customer_id, customer_ownership.c.ended_at.is_(None))
            .values(ended_at=at)
        )
        await self.session.execute(insert(customer_ownership).values(
            customer_id=customer_id, owner_id=owner_id, org_unit_id=org_unit_id, started_at=at, reason=reason,
            changed_by=changed_by,
        ))

    async def ownership_history(self, customer_id: int) -> builtins.list[OwnershipPeriod]:
        changer = aliased(users, name="changer")
        stmt = (
            select(customer_ownership, _owner.c.username.label("owner_username"),
                   _owner.c.display_name.label("owner_display_name"),
                   changer.c.username.label("changer_username"),
                   changer.c.display_name.label("changer_display_name"), *org_unit_columns("u_"))
            .join(org_units, org_units.c.id == customer_ownership.c.org_unit_id)
            .outerjoin(_owner, _owner.c.id == customer_ownership.c.owner_id)
            .outerjoin(changer, changer.c.id == customer_ownership.c.changed_by)
            .where(customer_ownership.c.customer_id == customer_id)
            .order_by(customer_ownership.c.started_at.desc(), customer_ownership.c.id.desc())
        )
        periods = []
        for row in await self.session.execute(stmt):
            m = row._mapping
            periods.append(OwnershipPeriod(
                owner=UserRef(m["owner_id"], m["owner_username"], m["owner_display_name"]) if m["owner_id"] else None,
                org_unit=org_unit_from_row(row, "u_"), started_at=m["started_at"], ended_at=m["ended_at"],
                reason=m["reason"],
                changed_by=(UserRef(m["changed_by"], m["changer_username"], m["changer_display_name"])
                            if m["changed_by"] else None),
            ))
        return periods

    async def lock_source(self, source: str) -> None:
        await self.session.execute(select(func.pg_advisory_xact_lock(func.hashtext("customers:" + source))))

    async def by_external_ids(self, source: str, external_ids: builtins.list[str]) -> dict[str, Customer]:
        if not external_ids:
            return {}
        rows = await self.session.execute(_customer_select().where(
            customers.c.source_system == source, customers.c.external_id.in_(external_ids)))
        found = [_customer_from_row(r) for r in rows]
        return {c.external_id: c for c in found if c.external_id is not None}

    async def count(self) -> int:
        return int((await self.session.execute(select(func.count()).select_from(customers))).scalar_one())

    async def bulk_import(self, records: builtins.list[dict[str, Any]], *, actor_id: int | None) -> builtins.list[int]:
        # Imported here: bulk_import.py builds its rows with this module's column_values.
        from repositories.customers.bulk_import import import_customers

        return await import_customers(self.session, records, actor_id=actor_id)


def _contact_from_row(row: Any) -> Contact:
    m = row._mapping
    return Contact(
        id=m["id"], customer_id=m["customer_id"], version=m["version"], name=m["name"],
        decision_role=DecisionRole(m["decision_role"]), title=m["title"], phone=m["phone"], email=m["email"],
        wechat=m["wechat"], notes=m["notes"], is_primary=m["is_primary"], started_on=m["started_on"],
        ended_on=m["ended_on"], ended_reason=m["ended_reason"], created_at=m["created_at"],
        updated_at=m["updated_at"],
    )


class SqlContactRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, contact_id: int) -> Contact | None:
        row = (await self.session.execute(select(contacts).where(contacts.c.id == contact_id))).first()
        return _contact_from_row(row) if row else None

    async def list_for_customer(self, customer_id: int) -> list[Contact]:
        rows = await self.session.execute(
            select(contacts).where(contacts.c.customer_id == customer_id)
            .order_by(contacts.c.ended_on.is_not(None), contacts.c.is_primary.desc(), contacts.c.id)
        )
        return [_contact_from_row(r) for r in rows]

    async def add(self, customer_id: int, values: dict[str, Any], *, at: datetime) -> Contact:
        row = (await self.session.execute(
            insert(contacts).values(customer_id=customer_id, **column_values(values), created_at=at, updated_at=at)
            .returning(*contacts.c)
        )).first()
        return _contact_from_row(row)

    async def update(self, contact_id: int, values: dict[str, Any], expected_version: int, *,
                     at: datetime) -> Contact | None:
        row = (await self.session.execute(
            update(contacts).where(contacts.c.id == contact_id, contacts.c.version == expected_version)
            .values(**column_values(values), version=contacts.c.version + 1, updated_at=at)
            .returning(*contacts.c)
        )).first()
        return _contact_from_row(row) if row else None

    async def clear_primary(self, customer_id: int, except_id: int | None, *, at: datetime) -> None:
        stmt = update(contacts).where(contacts.c.customer_id == customer_id, contacts.c.is_primary.is_(True))
        if except_id is not None:
            stmt = stmt.where(contacts.c.id != except_id)
        await self.session.execute(stmt.values(is_primary=False, version=contacts.c.version + 1,
                                               updated_at=at))
