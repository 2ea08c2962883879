"""Visits in PostgreSQL: the plan by tier, customers' overrides, outcomes, visits and the set-based due list.

A visit is visible to whoever sees its customer (repositories/tiering/repository.py `scope_condition` on
customers `c`).
"""

from __future__ import annotations

import builtins
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from domain.organisation.model import DataScope, UserRef
from domain.paging import Page, PageRequest
from domain.visits.model import (
    Anomaly,
    Cadence,
    CheckInReview,
    Completion,
    DueFilters,
    DueVisit,
    KindOverride,
    NewVisit,
    Outcome,
    PlanFacts,
    PlanOverride,
    Position,
    Visit,
    VisitFilters,
    VisitKind,
    VisitSettings,
    VisitStatus,
)
from repositories.pagination import decode_cursor, encode_cursor, key_id, key_text
from repositories.tiering.repository import scope_condition
from repositories.visits.tables import visit_cadences, visit_outcomes, visit_plan_overrides, visit_settings, visits

_SELECT = """
    SELECT v.*, c.name AS customer_name, o.username AS o_username, o.display_name AS o_display_name
    FROM visits v
    JOIN customers c ON c.id = v.customer_id
    LEFT JOIN users o ON o.id = v.owner_id
"""

# The due list: domain/visits/model.py effective_cadence and next_due, set-based. Each customer in the scope (not
# abandoned) with each planned kind: the override's cadence when it has one, else its tier's (routine by category,
# leader by level); the last completed visit of the kind; due one cadence later (months then days, as
# add_cadence), today when never visited. tests/integration/test_visits.py holds it equal to the domain rule.
_DUE = """
    WITH due AS (
        SELECT c.id AS customer_id, c.name AS customer_name, c.owner_id, k.kind,
               CASE WHEN k.overridden THEN k.o_months ELSE vc.months END AS months,
               CASE WHEN k.overridden THEN k.o_days ELSE vc.days END AS days,
               last.visited_on AS last_visited_on
        FROM customers c
        LEFT JOIN customer_tiers t ON t.customer_id = c.id
        LEFT JOIN visit_plan_overrides po ON po.customer_id = c.id
        CROSS JOIN LATERAL (VALUES
            ('routine', coalesce(po.routine_override, false), po.routine_months, po.routine_days, t.category),
            ('leader', coalesce(po.leader_override, false), po.leader_months, po.leader_days, t.level)
        ) AS k(kind, overridden, o_months, o_days, tier_key)
        LEFT JOIN visit_cadences vc ON vc.kind = k.kind AND vc.tier_key = k.tier_key
        LEFT JOIN LATERAL (
            SELECT max(lv.visited_on) AS visited_on FROM visits lv
            WHERE lv.customer_id = c.id AND lv.kind = k.kind AND lv.status = 'completed'
        ) last ON true
        WHERE c.partition <> 'abandoned' AND {where}
    ), dated AS (
        SELECT due.*, CASE WHEN last_visited_on IS NULL THEN CAST(:today AS date)
                           ELSE CAST(last_visited_on + make_interval(months => months, days => days) AS date)
                      END AS due_on
        FROM due WHERE months IS NOT NULL
    )
    SELECT d.*, u.username AS o_username, u.display_name AS o_display_name,
           (SELECT min(p.planned_on) FROM visits p WHERE p.customer_id = d.customer_id AND p.kind = d.kind
                AND p.status = 'planned') AS planned_on
    FROM dated d LEFT JOIN users u ON u.id = d.owner_id
    WHERE {after}
    ORDER BY d.due_on, d.customer_id, d.kind
    LIMIT :limit
"""


_CHUNK = 2000


def _ref(m: Any) -> UserRef | None:
    return UserRef(m["owner_id"], m["o_username"], m["o_display_name"]) if m["owner_id"] else None


def _visit(m: Any) -> Visit:
    position = Position(m["check_in_latitude"], m["check_in_longitude"], m["check_in_accuracy_m"]) \
        if m["check_in_latitude"] is not None else None
    return Visit(
        id=m["id"], uid=str(m["uid"]), customer_id=m["customer_id"], customer_name=m["customer_name"],
        kind=VisitKind(m["kind"]), status=VisitStatus(m["status"]), planned_on=m["planned_on"], owner=_ref(m),
        version=m["version"], created_at=m["created_at"], updated_at=m["updated_at"], notes=m["notes"],
        checked_in_at=m["checked_in_at"], position=position, distance_m=m["check_in_distance_m"],
        anomalies=tuple(Anomaly(a) for a in m["anomalies"]), checked_out_at=m["checked_out_at"],
        visited_on=m["visited_on"], contact_ids=tuple(m["contact_ids"]), outcome=m["outcome"],
        next_step=m["next_step"], next_step_on=m["next_step_on"], next_visit_id=m["next_visit_id"],
        cancel_reason=m["cancel_reason"])


def _kind_override(overridden: bool, months: int | None, days: int | None) -> KindOverride | None:
    if not overridden:
        return None
    return KindOverride(Cadence.of(months, days or 0) if months is not None else None)


def _override_columns(kind: str, own: KindOverride | None) -> dict[str, Any]:
    cadence = own.cadence if own else None
    return {f"{kind}_override": own is not None, f"{kind}_months": cadence.months if cadence else None,
            f"{kind}_days": cadence.days if cadence else None}


def _day(value: Any) -> date:
    return date.fromisoformat(key_text(value))


class SqlVisitRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def settings(self, *, for_update: bool = False) -> VisitSettings:
        stmt = select(visit_settings.c.anomaly_distance_m, visit_settings.c.version).where(visit_settings.c.id == 1)
        row = (await self.session.execute(stmt.with_for_update() if for_update else stmt)).one()
        routine: dict[str, Cadence] = {}
        leader: dict[str, Cadence] = {}
        for r in await self.session.execute(visit_cadences.select().order_by(visit_cadences.c.tier_key)):
            (routine if r.kind == VisitKind.ROUTINE else leader)[r.tier_key] = Cadence.of(r.months, r.days)
        return VisitSettings(routine, leader, row.anomaly_distance_m, row.version)

    async def save_settings(self, settings: VisitSettings, *, updated_by: int | None, at: datetime) -> VisitSettings:
        await self.session.execute(delete(visit_cadences))
        rows = [{"kind": str(kind), "tier_key": key, "months": c.months, "days": c.days}
                for kind, table in ((VisitKind.ROUTINE, settings.routine), (VisitKind.LEADER, settings.leader))
                for key, c in table.items()]
        if rows:
            await self.session.execute(insert(visit_cadences), rows)
        await self.session.execute(update(visit_settings).where(visit_settings.c.id == 1).values(
            anomaly_distance_m=settings.anomaly_distance_m, version=visit_settings.c.version + 1,
            updated_by=updated_by, updated_at=at))
        return await self.settings()

    async def override(self, customer_id: int, *, for_update: bool = False) -> PlanOverride | None:
        stmt = visit_plan_overrides.select().where(visit_plan_overrides.c.customer_id == customer_id)
        row = (await self.session.execute(stmt.with_for_update() if for_update else stmt)).first()
        if row is None:
            return None
        return PlanOverride(customer_id, _kind_override(row.routine_override, row.routine_months, row.routine_days),
                            _kind_override(row.leader_override, row.leader_months, row.leader_days),
                            row.version, str(row.uid))

    async def save_override(self, override: PlanOverride, *, updated_by: int | None, at: datetime) -> PlanOverride:
        values = {**_override_columns("routine", override.routine), **_override_columns("leader", override.leader),
                  "updated_by": updated_by, "updated_at": at}
        stmt = pg_insert(visit_plan_overrides).values(customer_id=override.customer_id, **values)
        await self.session.execute(stmt.on_conflict_do_update(
            index_elements=[visit_plan_overrides.c.customer_id],
            set_={**values, "version": visit_plan_overrides.c.version + 1}))
        saved = await self.override(override.customer_id)
        assert saved is not None
        return saved

    async def plan_facts(self, customer_id: int) -> PlanFacts:
        tiers = (await self.session.execute(text(
            "SELECT category, level FROM customer_tiers WHERE customer_id = :id"), {"id": customer_id})).first()
        last = await self.session.execute(text("""
            SELECT kind, max(visited_on) AS visited_on FROM visits
            WHERE customer_id = :id AND status = 'completed' GROUP BY kind
        """), {"id": customer_id})
        return PlanFacts(tiers.category if tiers else None, tiers.level if tiers else None,
                         {VisitKind(r.kind): r.visited_on for r in last})

    async def outcomes(self) -> builtins.list[Outcome]:
        rows = await self.session.execute(visit_outcomes.select().order_by(visit_outcomes.c.position,
                                                                           visit_outcomes.c.code))
        return [Outcome(r.code, r.name, dict(r.name_translations), r.active, r.position, r.version) for r in rows]

    async def save_outcome(self, outcome: Outcome, *, at: datetime) -> Outcome:
        values = {"name": outcome.name, "name_translations": outcome.name_translations, "active": outcome.active,
                  "position": outcome.position, "updated_at": at}
        stmt = pg_insert(visit_outcomes).values(code=outcome.code, **values)
        stmt = stmt.on_conflict_do_update(index_elements=[visit_outcomes.c.code],
                                          set_={**values, "version": visit_outcomes.c.version + 1})
        version = (await self.session.execute(stmt.returning(visit_outcomes.c.version))).scalar_one()
        return replace(outcome, version=int(version))

    async def add(self, new: NewVisit, *, owner_id: int | None, created_by: int | None, at: datetime,
                  uid: str | None = None) -> int:
        values: dict[str, Any] = {"customer_id": new.customer_id, "kind": str(new.kind),
                                  "status": str(VisitStatus.PLANNED), "planned_on": new.planned_on,
                                  "owner_id": owner_id, "notes": new.notes, "created_by": created_by,
                                  "created_at": at, "updated_at": at}
        if uid is not None:
            values["uid"] = uid
        return int((await self.session.execute(insert(visits).values(**values).returning(visits.c.id))).scalar_one())

    async def get(self, visit_id: int, scope: DataScope, *, for_update: bool = False) -> Visit | None:
        where, params = scope_condition(scope)
        lock = " FOR UPDATE OF v" if for_update else ""
        row = (await self.session.execute(text(f"{_SELECT} WHERE v.id = :id AND {where}{lock}"),
                                          {**params, "id": visit_id})).first()
        return _visit(row._mapping) if row else None

    async def check_in(self, visit_id: int, *, position: Position | None, review: CheckInReview,
                       at: datetime) -> None:
        await self.session.execute(update(visits).where(visits.c.id == visit_id).values(
            status=str(VisitStatus.IN_PROGRESS), checked_in_at=at,
            check_in_latitude=position.latitude if position else None,
            check_in_longitude=position.longitude if position else None,
            check_in_accuracy_m=position.accuracy_m if position else None,
            check_in_distance_m=review.distance_m, anomalies=[str(a) for a in review.anomalies],
            version=visits.c.version + 1, updated_at=at))

    async def complete(self, visit_id: int, completion: Completion, *, visited_on: date, next_visit_id: int | None,
                       at: datetime) -> None:
        await self.session.execute(update(visits).where(visits.c.id == visit_id).values(
            status=str(VisitStatus.COMPLETED), checked_out_at=at, visited_on=visited_on,
            contact_ids=list(completion.contact_ids), notes=completion.notes, outcome=completion.outcome,
            next_step=completion.next_step, next_step_on=completion.next_step_on, next_visit_id=next_visit_id,
            version=visits.c.version + 1, updated_at=at))

    async def close(self, visit_id: int, status: VisitStatus, *, reason: str | None, at: datetime) -> None:
        await self.session.execute(update(visits).where(visits.c.id == visit_id).values(
            status=str(status), cancel_reason=reason, version=visits.c.version + 1, updated_at=at))

    async def list(self, scope: DataScope, filters: VisitFilters, page: PageRequest) -> Page[Visit]:
        where, params = scope_condition(scope)
        conditions = [where]
        params["limit"] = page.limit + 1
        f = filters
        for name in ("owner_id", "customer_id", "kind", "status"):
            value = getattr(f, name)
            if value is not None:
                conditions.append(f"v.{name} = :{name}")
                params[name] = str(value) if name in ("kind", "status") else value
        if f.org_unit_id is not None:
            conditions.append("""c.org_unit_id IN (SELECT s.id FROM org_units s, org_units r
                                 WHERE r.id = :org_unit_id AND starts_with(s.path, r.path))""")
            params["org_unit_id"] = f.org_unit_id
        if f.anomalies_only:
            conditions.append("v.anomalies <> '{}'")
        if f.planned_from is not None:
            conditions.append("v.planned_on >= :planned_from")
            params["planned_from"] = f.planned_from
        if f.planned_to is not None:
            conditions.append("v.planned_on <= :planned_to")
            params["planned_to"] = f.planned_to
        if page.cursor:
            day, last_id = decode_cursor(page.cursor, _day, key_id)
            conditions.append("(v.planned_on, v.id) < (:c_day, :c_id)")
            params |= {"c_day": day, "c_id": last_id}
        rows = (await self.session.execute(text(
            f"{_SELECT} WHERE {' AND '.join(conditions)} ORDER BY v.planned_on DESC, v.id DESC LIMIT :limit"),
            params)).all()
        more = len(rows) > page.limit
        rows = rows[:page.limit]
        cursor = encode_cursor([rows[-1].planned_on.isoformat(), rows[-1].id]) if more else None
        return Page([_visit(r._mapping) for r in rows], cursor)

    async def due(self, scope: DataScope, filters: DueFilters, page: PageRequest, *,
                  today: date) -> Page[DueVisit]:
        where, params = scope_condition(scope)
        conditions = [where]
        params |= {"today": today, "limit": page.limit + 1}
        if filters.owner_id is not None:
            conditions.append("c.owner_id = :owner_id")
            params["owner_id"] = filters.owner_id
        if filters.org_unit_id is not None:
            conditions.append("""c.org_unit_id IN (SELECT s.id FROM org_units s, org_units r
                                 WHERE r.id = :org_unit_id AND starts_with(s.path, r.path))""")
            params["org_unit_id"] = filters.org_unit_id
        if filters.kind is not None:
            conditions.append("k.kind = :kind")
            params["kind"] = str(filters.kind)
        after = ["true"]
        if filters.overdue_only:
            after.append("d.due_on < CAST(:today AS date)")
        if page.cursor:
            day, customer_id, kind = decode_cursor(page.cursor, _day, key_id, key_text)
            after.append("(d.due_on, d.customer_id, d.kind) > (:c_day, :c_id, :c_kind)")
            params |= {"c_day": day, "c_id": customer_id, "c_kind": kind}
        rows = (await self.session.execute(text(_DUE.format(where=" AND ".join(conditions),
                                                             after=" AND ".join(after))), params)).all()
        more = len(rows) > page.limit
        rows = rows[:page.limit]
        items = [DueVisit(r.customer_id, r.customer_name, _ref(r._mapping), VisitKind(r.kind),
                          Cadence.of(r.months, r.days), r.last_visited_on, r.due_on, r.due_on < today, r.planned_on)
                 for r in rows]
        cursor = encode_cursor([rows[-1].due_on.isoformat(), rows[-1].customer_id, rows[-1].kind]) if more else None
        return Page(items, cursor)

    async def bulk_import(self, records: builtins.list[Visit]) -> int:
        rows = [{
            "customer_id": v.customer_id, "kind": str(v.kind), "status": str(v.status), "planned_on": v.planned_on,
            "owner_id": v.owner.id if v.owner else None, "notes": v.notes, "checked_in_at": v.checked_in_at,
            "check_in_latitude": v.position.latitude if v.position else None,
            "check_in_longitude": v.position.longitude if v.position else None,
            "check_in_accuracy_m": v.position.accuracy_m if v.position else None,
            "check_in_distance_m": v.distance_m, "anomalies": [str(a) for a in v.anomalies],
            "checked_out_at": v.checked_out_at, "visited_on": v.visited_on, "contact_ids": list(v.contact_ids),
            "outcome": v.outcome, "next_step": v.next_step, "next_step_on": v.next_step_on,
            "cancel_reason": v.cancel_reason, "created_by": v.owner.id if v.owner else None,
            "created_at": v.created_at, "updated_at": v.updated_at} for v in records]
        for start in range(0, len(rows), _CHUNK):
            await self.session.execute(insert(visits), rows[start:start + _CHUNK])
        return len(rows)

    async def move_planned(self, customer_id: int, owner_id: int, *, at: datetime) -> int:
        result = await self.session.execute(
            update(visits).where(visits.c.customer_id == customer_id, visits.c.status == str(VisitStatus.PLANNED),
                                 visits.c.owner_id.is_distinct_from(owner_id))
            .values(owner_id=owner_id, version=visits.c.version + 1, updated_at=at).returning(visits.c.id))
        return len(result.all())
