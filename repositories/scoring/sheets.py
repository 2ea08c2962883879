"""Score sheets, customers' current grades and category, and their history."""

from __future__ import annotations

import builtins
from collections.abc import Collection
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import and_, func, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from domain.customers.model import Partition
from domain.orders.model import months_back
from domain.organisation.model import DataScope, Role, UserRef
from domain.paging import Page, PageRequest
from domain.scoring.model import (
    ComputedValue,
    CustomerRef,
    Dimension,
    Grade,
    MissingSheets,
    NewScoreSheet,
    PeriodMeasures,
    Quarter,
    QuarterCounts,
    ScoreSheet,
    SheetFilters,
    SheetReviewers,
    SheetStatus,
)
from domain.tiering.model import AbcClass, KeyAccountLevel, Movement, TierHistoryEntry, TierSource
from repositories.customers.repository import scoped
from repositories.customers.tables import customers
from repositories.orders.tables import customer_monthly_revenue
from repositories.organisation.tables import org_units, users
from repositories.pagination import decode_cursor, encode_cursor, key_id
from repositories.scoring.tables import score_sheets
from repositories.tiering.tables import customer_tier_history, customer_tiers

GRADE_COLUMNS = {Dimension.POTENTIAL: "potential_grade", Dimension.POSSIBILITY: "possibility_grade",
                 Dimension.BASIS: "basis_grade"}

_owner = aliased(users, name="sheet_owner")
_creator = aliased(users, name="sheet_creator")
_filler = aliased(users, name="sheet_filler")
_reviewer = aliased(users, name="sheet_reviewer")


def grades_of(m: Any, prefix: str = "") -> dict[Dimension, Grade] | None:
    if m[f"{prefix}potential_grade"] is None:
        return None
    return {d: Grade(m[f"{prefix}{column}"]) for d, column in GRADE_COLUMNS.items()}


def _ref(m: Any, alias: str, id_column: str) -> UserRef | None:
    user_id = m[id_column]
    return UserRef(user_id, m[f"{alias}_username"], m[f"{alias}_display_name"]) if user_id is not None else None


def _user_columns(alias: Any, name: str) -> list[Any]:
    return [alias.c.username.label(f"{name}_username"), alias.c.display_name.label(f"{name}_display_name")]


def _select() -> Any:
    return (
        select(score_sheets, customers.c.code.label("customer_code"), customers.c.name.label("customer_name"),
               customers.c.customer_type, customers.c.owner_id, *_user_columns(_owner, "owner"),
               *_user_columns(_creator, "creator"), *_user_columns(_filler, "filler"),
               *_user_columns(_reviewer, "reviewer"))
        .join(customers, customers.c.id == score_sheets.c.customer_id)
        .join(org_units, org_units.c.id == customers.c.org_unit_id)
        .outerjoin(_owner, _owner.c.id == customers.c.owner_id)
        .outerjoin(_creator, _creator.c.id == score_sheets.c.created_by)
        .outerjoin(_filler, _filler.c.id == score_sheets.c.filled_by)
        .outerjoin(_reviewer, _reviewer.c.id == score_sheets.c.reviewed_by)
    )


def _customer_ref(m: Any, id_column: str = "customer_id") -> CustomerRef:
    return CustomerRef(m[id_column], m["customer_code"], m["customer_name"], m["customer_type"],
                       _ref(m, "owner", "owner_id"))


def _sheet(row: Any) -> ScoreSheet:
    m = row._mapping
    period = Quarter.parse(m["period"])
    assert period is not None  # a check constraint
    return ScoreSheet(
        id=m["id"], customer=_customer_ref(m), period=period, model_id=m["model_id"],
        status=SheetStatus(m["status"]), values={k: Decimal(v) for k, v in m["values"].items()},
        computed={k: ComputedValue(Decimal(c["measured"]), Decimal(c["points"])) for k, c in m["computed"].items()},
        notes=dict(m["notes"]), created_by=_ref(m, "creator", "created_by"), created_at=m["created_at"],
        version=m["version"], updated_at=m["updated_at"], grades=grades_of(m), category=m["category"],
        filled_by=_ref(m, "filler", "filled_by"), submitted_at=m["submitted_at"],
        reviewed_by=_ref(m, "reviewer", "reviewed_by"), reviewed_at=m["reviewed_at"],
        review_comment=m["review_comment"],
    )


def _values_data(values: dict[str, Decimal]) -> dict[str, str]:
    return {k: str(v) for k, v in values.items()}


def _computed_data(computed: dict[str, ComputedValue]) -> dict[str, dict[str, str]]:
    return {k: {"measured": str(c.measured), "points": str(c.points)} for k, c in computed.items()}


def _declared(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if value is not None else None
    except InvalidOperation:
        return None


class SqlScoreSheetRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, sheet_id: int, scope: DataScope, *, for_update: bool = False) -> ScoreSheet | None:
        stmt = scoped(_select().where(score_sheets.c.id == sheet_id), scope)
        if for_update:
            stmt = stmt.with_for_update(of=score_sheets)
        row = (await self.session.execute(stmt)).first()
        return _sheet(row) if row else None

    async def exists(self, customer_id: int, period: Quarter) -> bool:
        return (await self.session.execute(select(score_sheets.c.id).where(
            score_sheets.c.customer_id == customer_id, score_sheets.c.period == str(period)))).first() is not None

    async def add(self, sheets: list[NewScoreSheet], created_by: int | None, *, at: datetime) -> list[int]:
        if not sheets:
            return []
        rows = [{"customer_id": s.customer_id, "period": str(s.period), "model_id": s.model_id,
                 "values": _values_data(s.values), "computed": _computed_data(s.computed), "created_by": created_by,
                 "created_at": at, "updated_at": at}
                for s in sheets]
        # A sheet someone opened meanwhile stays as it is (one per customer and quarter).
        stmt = pg_insert(score_sheets).values(rows).on_conflict_do_nothing(
            index_elements=["customer_id", "period"]).returning(score_sheets.c.id)
        return list((await self.session.execute(stmt)).scalars())

    async def update(self, sheet_id: int, changes: dict[str, Any], expected_version: int, *, at: datetime) -> bool:
        values: dict[str, Any] = {}
        for key, value in changes.items():
            if key == "values":
                values["values"] = _values_data(value)
            elif key == "grades":
                for dimension, column in GRADE_COLUMNS.items():
                    values[column] = str(value[dimension]) if value else None
            elif key == "status":
                values["status"] = str(value)
            else:
                values[key] = value
        result = await self.session.execute(
            update(score_sheets)
            .where(score_sheets.c.id == sheet_id, score_sheets.c.version == expected_version)
            .values(**values, version=score_sheets.c.version + 1, updated_at=at)
            .returning(score_sheets.c.id))
        return result.first() is not None

    async def list(self, scope: DataScope, filters: SheetFilters, page: PageRequest) -> Page[ScoreSheet]:
        stmt = scoped(_select(), scope)
        if filters.status is not None:
            stmt = stmt.where(score_sheets.c.status == str(filters.status))
        if filters.period is not None:
            stmt = stmt.where(score_sheets.c.period == str(filters.period))
        if filters.customer_id is not None:
            stmt = stmt.where(score_sheets.c.customer_id == filters.customer_id)
        if filters.filled_by is not None:
            stmt = stmt.where(score_sheets.c.filled_by == filters.filled_by)
        if filters.not_filled_by is not None:
            filler = score_sheets.c.filled_by
            stmt = stmt.where(or_(filler.is_(None), filler != filters.not_filled_by))
        if page.cursor:
            [last_id] = decode_cursor(page.cursor, key_id)
            stmt = stmt.where(score_sheets.c.id < last_id)
        rows = (await self.session.execute(stmt.order_by(score_sheets.c.id.desc()).limit(page.limit + 1))).all()
        items = [_sheet(r) for r in rows[: page.limit]]
        return Page(items, encode_cursor([items[-1].id]) if len(rows) > page.limit else None)

    async def measures(self, customer_ids: Collection[int], period: Quarter) -> dict[int, PeriodMeasures]:
        first, last = period.first_month, period.last_month
        year_start = months_back(last, 11)
        m = customer_monthly_revenue
        revenue = m.c.net_revenue
        stmt = (
            select(customers.c.id,
                   func.coalesce(func.sum(revenue).filter(m.c.month >= first), 0).label("in_period"),
                   func.coalesce(func.sum(revenue), 0).label("in_year"),
                   customers.c.characteristics["annual_purchasing"].astext.label("declared"))
            .outerjoin(m, and_(m.c.customer_id == customers.c.id, m.c.month >= year_start, m.c.month <= last))
            .where(customers.c.id.in_(list(customer_ids)))
            .group_by(customers.c.id)
        )
        return {r.id: PeriodMeasures(Decimal(r.in_period), Decimal(r.in_year), _declared(r.declared))
                for r in await self.session.execute(stmt)}

    def _opening(self, columns: builtins.list[Any], scope: DataScope, period: Quarter,
                 partitions: Collection[Partition]) -> tuple[Any, Any]:
        """The customers in scope and partitions, and whether each has a sheet for the quarter."""
        has_sheet = select(score_sheets.c.id).where(score_sheets.c.customer_id == customers.c.id,
                                                    score_sheets.c.period == str(period)).exists()
        stmt = scoped(select(*columns).select_from(customers)
                      .join(org_units, org_units.c.id == customers.c.org_unit_id)
                      .where(customers.c.partition.in_(sorted(str(p) for p in partitions))), scope)
        return stmt, has_sheet

    async def customers_without_sheet(self, scope: DataScope, period: Quarter,
                                      partitions: Collection[Partition]) -> builtins.list[tuple[int, str]]:
        stmt, has_sheet = self._opening([customers.c.id, customers.c.customer_type], scope, period, partitions)
        return [(r.id, r.customer_type) for r in await self.session.execute(
            stmt.where(~has_sheet).order_by(customers.c.id))]

    async def quarter_counts(self, scope: DataScope, period: Quarter,
                             partitions: Collection[Partition]) -> QuarterCounts:
        missing_stmt, has_sheet = self._opening(
            [customers.c.owner_id, customers.c.customer_type, func.count().label("customers"),
             func.min(_owner.c.username).label("owner_username"),
             func.min(_owner.c.display_name).label("owner_display_name")], scope, period, partitions)
        missing_stmt = (missing_stmt.outerjoin(_owner, _owner.c.id == customers.c.owner_id).where(~has_sheet)
                        .group_by(customers.c.owner_id, customers.c.customer_type))
        missing = [MissingSheets(_ref(r._mapping, "owner", "owner_id"), r.customer_type, r.customers)
                   for r in await self.session.execute(missing_stmt)]
        existing_stmt, has_sheet = self._opening([func.count()], scope, period, partitions)
        existing = (await self.session.execute(existing_stmt.where(has_sheet))).scalar_one()
        return QuarterCounts(missing, int(existing))

    async def reviewers(self, customer_id: int) -> SheetReviewers:
        reviewer_unit, customer_unit = aliased(org_units, name="reviewer_unit"), aliased(org_units, name="cu")
        stmt = (select(users.c.id, users.c.role)
                .select_from(customers)
                .join(customer_unit, customer_unit.c.id == customers.c.org_unit_id)
                .join(users, users.c.is_active)
                .join(reviewer_unit, reviewer_unit.c.id == users.c.org_unit_id)
                .where(customers.c.id == customer_id, or_(
                    users.c.role == Role.HQ_KEY_ACCOUNT.value,
                    and_(users.c.role == Role.STORE_MANAGER.value,
                         customer_unit.c.path.startswith(reviewer_unit.c.path)))))
        rows = (await self.session.execute(stmt)).all()
        return SheetReviewers(frozenset(r.id for r in rows if r.role == Role.STORE_MANAGER.value),
                              frozenset(r.id for r in rows if r.role == Role.HQ_KEY_ACCOUNT.value))

    async def record_grades(self, sheet: ScoreSheet, at: datetime) -> None:
        assert sheet.grades is not None and sheet.category is not None
        grades = {column: str(sheet.grades[d]) for d, column in GRADE_COLUMNS.items()}
        current = {**grades, "category": sheet.category, "graded_period": str(sheet.period),
                   "score_sheet_id": sheet.id, "graded_at": at}
        stmt = pg_insert(customer_tiers).values(customer_id=sheet.customer.id, **current)
        # An older quarter approved late joins the history but does not replace a later quarter's result.
        await self.session.execute(stmt.on_conflict_do_update(
            index_elements=["customer_id"], set_={k: stmt.excluded[k] for k in current},
            where=or_(customer_tiers.c.graded_period.is_(None),
                      customer_tiers.c.graded_period <= stmt.excluded.graded_period)))
        await self.session.execute(insert(customer_tier_history).values(
            customer_id=sheet.customer.id, at=at, source=TierSource.SCORE_SHEET.value, period=str(sheet.period),
            score_sheet_id=sheet.id, category=sheet.category, **grades))

    async def tier_history(self, customer_id: int) -> builtins.list[TierHistoryEntry]:
        h = customer_tier_history
        rows = await self.session.execute(
            select(h).where(h.c.customer_id == customer_id).order_by(h.c.at.desc(), h.c.id.desc()))
        entries = []
        for row in rows:
            m = row._mapping
            entries.append(TierHistoryEntry(
                at=m["at"], source=TierSource(m["source"]), period=m["period"], grades=grades_of(m),
                category=m["category"], level=KeyAccountLevel(m["level"]) if m["level"] else None,
                abc_class=AbcClass(m["abc_class"]) if m["abc_class"] else None, revenue_12m=m["revenue_12m"],
                score_sheet_id=m["score_sheet_id"]))
        return entries

    async def category_matrix(
            self, scope: DataScope) -> builtins.list[tuple[dict[Dimension, Grade] | None, str | None, int]]:
        t = customer_tiers
        columns = [t.c.potential_grade, t.c.possibility_grade, t.c.basis_grade, t.c.category]
        stmt = scoped(select(*columns, func.count().label("customers"))
                      .select_from(customers)
                      .join(org_units, org_units.c.id == customers.c.org_unit_id)
                      .outerjoin(t, t.c.customer_id == customers.c.id), scope).group_by(*columns)
        return [(grades_of(r._mapping), r.category, r.customers) for r in await self.session.execute(stmt)]

    async def transitions(self, scope: DataScope, before: Quarter, after: Quarter) -> builtins.list[
            tuple[str | None, str | None, int]]:
        b, a = aliased(score_sheets, name="before_sheet"), aliased(score_sheets, name="after_sheet")
        stmt = scoped(
            select(b.c.category.label("before"), a.c.category.label("after"), func.count().label("customers"))
            .select_from(customers)
            .join(org_units, org_units.c.id == customers.c.org_unit_id)
            .outerjoin(b, and_(b.c.customer_id == customers.c.id, b.c.period == str(before),
                               b.c.status == SheetStatus.APPROVED.value))
            .outerjoin(a, and_(a.c.customer_id == customers.c.id, a.c.period == str(after),
                               a.c.status == SheetStatus.APPROVED.value))
            .where(or_(b.c.id.is_not(None), a.c.id.is_not(None))), scope).group_by(b.c.category, a.c.category)
        return [(r.before, r.after, r.customers) for r in await self.session.execute(stmt)]

    async def movements(self, scope: DataScope, before: Quarter, after: Quarter,
                        before_categories: Collection[str]) -> builtins.list[Movement]:
        b, a = aliased(score_sheets, name="before_sheet"), aliased(score_sheets, name="after_sheet")
        grade_columns = [sheet.c[column].label(f"{name}_{column}") for sheet, name in ((b, "before"), (a, "after"))
                         for column in GRADE_COLUMNS.values()]
        stmt = scoped(
            select(customers.c.id.label("customer_id"), customers.c.code.label("customer_code"),
                   customers.c.name.label("customer_name"), customers.c.customer_type, customers.c.owner_id,
                   *_user_columns(_owner, "owner"), b.c.category.label("before_category"),
                   a.c.category.label("after_category"), *grade_columns)
            .select_from(customers)
            .join(org_units, org_units.c.id == customers.c.org_unit_id)
            .outerjoin(_owner, _owner.c.id == customers.c.owner_id)
            .join(b, and_(b.c.customer_id == customers.c.id, b.c.period == str(before),
                          b.c.status == SheetStatus.APPROVED.value))
            .join(a, and_(a.c.customer_id == customers.c.id, a.c.period == str(after),
                          a.c.status == SheetStatus.APPROVED.value))
            .where(b.c.category.in_(list(before_categories))), scope).order_by(customers.c.name, customers.c.id)
        movements = []
        for row in await self.session.execute(stmt):
            m = row._mapping
            before_grades, after_grades = grades_of(m, "before_"), grades_of(m, "after_")
            assert before_grades is not None and after_grades is not None
            movements.append(Movement(_customer_ref(m), before_grades, m["before_category"], after_grades,
                                      m["after_category"]))
        return movements

