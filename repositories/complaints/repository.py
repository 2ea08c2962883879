"""Complaints with their timers, timeline, remedies and task groups (the SLA sweep and report: repositories/sla/).

A complaint is visible to whoever sees its customer (repositories/tiering/repository.py `scope_condition` on customers
`c`), and a major one also to the HQ key-account department (`hq_sees_major`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, case, delete, insert, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from domain.complaints.model import (
    Channel,
    ClosureReason,
    Complaint,
    ComplaintEvent,
    ComplaintFilters,
    ComplaintStatus,
    Department,
    EventKind,
    NewComplaint,
    NewEvent,
    Remedy,
    RemedyKind,
    TaskMember,
)
from domain.organisation.model import DataScope, UserRef
from domain.paging import Page, PageRequest
from domain.sla.model import (
    Severity,
    TimeBasis,
    Timer,
    TimerKind,
)
from repositories.complaints.tables import (
    complaint_events,
    complaint_remedies,
    complaint_task_members,
    complaint_timers,
    complaints,
)
from repositories.pagination import INFINITY, decode_cursor, encode_cursor, key_due, key_id
from repositories.tiering.repository import scope_condition

_SELECT = """
    SELECT k.*, c.name AS customer_name, u.name AS org_unit_name, p.name AS policy_name,
           p.name_translations AS policy_name_translations,
           am.username AS am_username, am.display_name AS am_display_name,
           rb.username AS rb_username, rb.display_name AS rb_display_name
    FROM complaints k
    JOIN customers c ON c.id = k.customer_id
    JOIN org_units u ON u.id = k.org_unit_id
    JOIN sla_policies p ON p.id = k.policy_id
    LEFT JOIN users am ON am.id = k.account_manager_id
    LEFT JOIN users rb ON rb.id = k.received_by
"""


def visible(scope: DataScope, hq_sees_major: bool) -> tuple[str, dict[str, Any]]:
    where, params = scope_condition(scope)
    if hq_sees_major:
        where = f"(({where}) OR k.severity = 'major')"
    return where, params


def _ref(m: Any, prefix: str, id_column: str) -> UserRef | None:
    return UserRef(m[id_column], m[f"{prefix}_username"], m[f"{prefix}_display_name"]) if m[id_column] else None


def _timer(m: Any) -> Timer:
    return Timer(kind=TimerKind(m["kind"]), basis=TimeBasis(m["basis"]), budget=m["budget"],
                 started_at=m["started_at"], warn_at=m["warn_at"], due_at=m["due_at"], paused_at=m["paused_at"],
                 paused_for=m["paused_for"], met_at=m["met_at"])


_TIMER_ORDER = {kind: i for i, kind in enumerate(TimerKind)}


def _complaint(m: Any, timers: list[Timer], remedies: tuple[Remedy, ...] = (),
               task_group: tuple[TaskMember, ...] = ()) -> Complaint:
    return Complaint(
        id=m["id"], customer_id=m["customer_id"], customer_name=m["customer_name"], org_unit_id=m["org_unit_id"],
        org_unit_name=m["org_unit_name"], account_manager=_ref(m, "am", "account_manager_id"),
        received_by=_ref(m, "rb", "received_by"), severity=Severity(m["severity"]),
        status=ComplaintStatus(m["status"]), channel=Channel(m["channel"]), summary=m["summary"],
        details=m["details"], products=tuple(m["products"]), order_refs=tuple(m["order_refs"]),
        received_at=m["received_at"], policy_id=m["policy_id"], policy_name=m["policy_name"],
        policy_name_translations=dict(m["policy_name_translations"]),
        calendar_id=m["calendar_id"], timers=tuple(sorted(timers, key=lambda t: _TIMER_ORDER[t.kind])),
        responded_at=m["responded_at"], paused_at=m["paused_at"], pause_reason=m["pause_reason"],
        verified=m["verified"],
        closure_reason=ClosureReason(m["closure_reason"]) if m["closure_reason"] else None,
        resolved_at=m["resolved_at"], closed_at=m["closed_at"], satisfaction=m["satisfaction"],
        return_visit_note=m["return_visit_note"], feedback=m["feedback"], remedies=remedies, task_group=task_group,
        last_event_at=m["last_event_at"], version=m["version"])


def _timer_row(complaint_id: int, t: Timer) -> dict[str, Any]:
    return {"complaint_id": complaint_id, "kind": str(t.kind), "basis": str(t.basis), "budget": t.budget,
            "started_at": t.started_at, "warn_at": t.warn_at, "due_at": t.due_at, "paused_at": t.paused_at,
            "paused_for": t.paused_for, "met_at": t.met_at}


def _next_due(timers: tuple[Timer, ...] | list[Timer]) -> Any:
    open_dues = [t.due_at for t in timers if t.met_at is None]
    return min(open_dues) if open_dues else text("'infinity'::timestamptz")


def _event_rows(complaint_id: int, events: list[NewEvent], actor_id: int | None) -> list[dict[str, Any]]:
    return [{"complaint_id": complaint_id, "kind": str(e.kind), "at": e.at, "actor_id": actor_id,
             "timer_kind": str(e.timer_kind) if e.timer_kind else None, "data": e.data} for e in events]


def _last_action_at(events: list[NewEvent]) -> datetime:
    return max(e.at for e in events)


class SqlComplaintRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, new: NewComplaint, *, org_unit_id: int, account_manager_id: int | None,
                  received_by: int | None, policy_id: int, calendar_id: int, timers: list[Timer],
                  events: list[NewEvent], at: datetime) -> int:
        complaint_id = int((await self.session.execute(insert(complaints).values(
            customer_id=new.customer_id, org_unit_id=org_unit_id, account_manager_id=account_manager_id,
            received_by=received_by, severity=str(new.severity), status=str(ComplaintStatus.RECEIVED),
            channel=str(new.channel), summary=new.summary, details=new.details, products=list(new.products),
            order_refs=list(new.order_refs), received_at=new.received_at, policy_id=policy_id,
            calendar_id=calendar_id, next_due_at=_next_due(timers), last_event_at=_last_action_at(events),
            created_at=at, updated_at=at,
        ).returning(complaints.c.id))).scalar_one())
        await self.session.execute(insert(complaint_timers), [_timer_row(complaint_id, t) for t in timers])
        await self.session.execute(insert(complaint_events), _event_rows(complaint_id, events, received_by))
        return complaint_id

    async def get(self, complaint_id: int, scope: DataScope, *, hq_sees_major: bool,
                  for_update: bool = False) -> Complaint | None:
        where, params = visible(scope, hq_sees_major)
        lock = " FOR UPDATE OF k" if for_update else ""
        row = (await self.session.execute(text(f"{_SELECT} WHERE k.id = :id AND {where}{lock}"),
                                          {**params, "id": complaint_id})).first()
        if row is None:
            return None
        timer_rows = await self.session.execute(text(
            "SELECT * FROM complaint_timers WHERE complaint_id = :id" + (" FOR UPDATE" if for_update else "")),
            {"id": complaint_id})
        remedies = await self.session.execute(
            complaint_remedies.select().where(complaint_remedies.c.complaint_id == complaint_id)
            .order_by(complaint_remedies.c.id))
        members = await self.session.execute(text("""
            SELECT m.department, u.id, u.username, u.display_name FROM complaint_task_members m
            JOIN users u ON u.id = m.user_id WHERE m.complaint_id = :id ORDER BY m.department, u.display_name
        """), {"id": complaint_id})
        return _complaint(
            row._mapping, [_timer(r._mapping) for r in timer_rows],
            tuple(Remedy(RemedyKind(r.kind), r.amount, r.note) for r in remedies),
            tuple(TaskMember(UserRef(r.id, r.username, r.display_name), Department(r.department)) for r in members))

    async def save(self, before: Complaint, after: Complaint, events: list[NewEvent], *, actor_id: int | None,
                   at: datetime) -> None:
        """Writes the complaint as an action left it, its timers, remedies and task group, and the action's
        events. A timer met after its deadline that no sweep has recorded as breached gets its breach event now."""
        await self.session.execute(update(complaints).where(complaints.c.id == after.id).values(
            severity=str(after.severity), status=str(after.status), policy_id=after.policy_id,
            calendar_id=after.calendar_id, responded_at=after.responded_at, paused_at=after.paused_at,
            pause_reason=after.pause_reason, verified=after.verified,
            closure_reason=str(after.closure_reason) if after.closure_reason else None,
            resolved_at=after.resolved_at, closed_at=after.closed_at, satisfaction=after.satisfaction,
            return_visit_note=after.return_visit_note, feedback=after.feedback, next_due_at=_next_due(after.timers),
            last_event_at=max(_last_action_at(events), before.last_event_at or _last_action_at(events)),
            version=complaints.c.version + 1, updated_at=at))
        if after.timers != before.timers:
            stmt = pg_insert(complaint_timers).values([_timer_row(after.id, t) for t in after.timers])
            # A replaced timer (escalation) starts over: what the sweep recorded belonged to the old one.
            same = and_(complaint_timers.c.started_at == stmt.excluded.started_at,
                        complaint_timers.c.budget == stmt.excluded.budget)
            kept = {name: case((same, complaint_timers.c[name]), else_=None)
                    for name in ("warned_recorded_at", "breach_recorded_at", "hq_escalation_at")}
            await self.session.execute(stmt.on_conflict_do_update(
                index_elements=[complaint_timers.c.complaint_id, complaint_timers.c.kind],
                set_={**{name: stmt.excluded[name] for name in ("basis", "budget", "started_at", "warn_at", "due_at",
                                                                "paused_at", "paused_for", "met_at")},
                      **kept, "escalation_level": case((same, complaint_timers.c.escalation_level), else_=0)}))
            await self.session.execute(text("""
                WITH late AS (
                    UPDATE complaint_timers SET breach_recorded_at = met_at
                    WHERE complaint_id = :id AND met_at > due_at AND breach_recorded_at IS NULL
                    RETURNING kind, due_at
                )
                INSERT INTO complaint_events (complaint_id, kind, at, timer_kind, data)
                SELECT :id, 'timer_breached', due_at, kind, '{"recorded": "when met"}'::jsonb FROM late
            """), {"id": after.id})
        if after.remedies != before.remedies:
            await self.session.execute(delete(complaint_remedies).where(complaint_remedies.c.complaint_id == after.id))
            if after.remedies:
                await self.session.execute(insert(complaint_remedies), [
                    {"complaint_id": after.id, "kind": str(r.kind), "amount": r.amount, "note": r.note}
                    for r in after.remedies])
        if after.task_group != before.task_group:
            await self.session.execute(
                delete(complaint_task_members).where(complaint_task_members.c.complaint_id == after.id))
            if after.task_group:
                await self.session.execute(insert(complaint_task_members), [
                    {"complaint_id": after.id, "user_id": m.user.id, "department": str(m.department)}
                    for m in after.task_group])
        await self.session.execute(insert(complaint_events), _event_rows(after.id, events, actor_id))

    async def events(self, complaint_id: int) -> list[ComplaintEvent]:
        rows = await self.session.execute(text("""
            SELECT e.id, e.kind, e.at, e.actor_id, e.timer_kind, e.data, u.username, u.display_name
            FROM complaint_events e LEFT JOIN users u ON u.id = e.actor_id
            WHERE e.complaint_id = :id ORDER BY e.at, e.id
        """), {"id": complaint_id})
        return [ComplaintEvent(r.id, EventKind(r.kind), r.at,
                               UserRef(r.actor_id, r.username, r.display_name) if r.actor_id else None,
                               TimerKind(r.timer_kind) if r.timer_kind else None, r.data) for r in rows]

    async def list(self, scope: DataScope, filters: ComplaintFilters, page: PageRequest, *, hq_sees_major: bool,
                   now: datetime) -> Page[Complaint]:
        """The queue: the nearest deadline first (complaints with none, closed ones, newest first after them)."""
        where, params = visible(scope, hq_sees_major)
        conditions = [where]
        params |= {"now": now, "limit": page.limit + 1}
        f = filters
        if f.status is not None:
            conditions.append("k.status = :status")
            params["status"] = str(f.status)
        if f.open is not None:
            conditions.append(("" if f.open else "NOT ") + "(k.status IN ('received', 'responded', 'in_resolution'))")
        if f.severity is not None:
            conditions.append("k.severity = :severity")
            params["severity"] = str(f.severity)
        if f.breached is not None:
            conditions.append(("" if f.breached else "NOT ") + """EXISTS (SELECT 1 FROM complaint_timers t
                WHERE t.complaint_id = k.id AND coalesce(t.met_at, t.paused_at, :now) > t.due_at)""")
        if f.customer_id is not None:
            conditions.append("k.customer_id = :customer_id")
            params["customer_id"] = f.customer_id
        if f.org_unit_id is not None:
            conditions.append("""k.org_unit_id IN (SELECT s.id FROM org_units s, org_units r
                                 WHERE r.id = :org_unit_id AND starts_with(s.path, r.path))""")
            params["org_unit_id"] = f.org_unit_id
        if f.involving_user_id is not None:
            conditions.append("""(k.account_manager_id = :involving OR k.received_by = :involving OR EXISTS (
                SELECT 1 FROM complaint_task_members m WHERE m.complaint_id = k.id AND m.user_id = :involving))""")
            params["involving"] = f.involving_user_id
        if f.q:
            conditions.append("(c.name ILIKE :q OR k.summary ILIKE :q)")
            params["q"] = "%" + f.q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        if page.cursor:
            due, last_id = decode_cursor(page.cursor, key_due, key_id)
            conditions.append("(k.next_due_at > CAST(:due AS timestamptz) OR "
                              "(k.next_due_at = CAST(:due AS timestamptz) AND k.id < :last_id))")
            params |= {"due": due, "last_id": last_id}
        rows = (await self.session.execute(text(
            f"{_SELECT} WHERE {' AND '.join(conditions)} ORDER BY k.next_due_at, k.id DESC LIMIT :limit"),
            params)).all()
        more = len(rows) > page.limit
        rows = rows[:page.limit]
        timers: dict[int, list[Timer]] = {r.id: [] for r in rows}
        if rows:
            for t in await self.session.execute(text("SELECT * FROM complaint_timers WHERE complaint_id = ANY(:ids)"),
                                                {"ids": list(timers)}):
                timers[t.complaint_id].append(_timer(t._mapping))
        items = [_complaint(r._mapping, timers[r.id]) for r in rows]
        cursor = None
        if more:
            last = rows[-1]
            due_text = INFINITY if last.next_due_at == datetime.max.replace(tzinfo=UTC) or \
                last.next_due_at.year >= 9999 else last.next_due_at.isoformat()
            cursor = encode_cursor([due_text, last.id])
        return Page(items, cursor)
