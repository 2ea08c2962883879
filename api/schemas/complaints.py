"""Complaints with their timers and timeline, notifications, the SLA report, business calendars and SLA policies."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, Field, StringConstraints

from api.schemas.common import BusinessDate, BusinessMoment, Id, OptionalText, ShortText, StrictModel, UserRef
from domain.complaints.model import (
    Action,
    BreachCount,
    Channel,
    ClosureReason,
    ComplaintEvent,
    ComplaintStatus,
    ComplaintView,
    Department,
    EventKind,
    NamedCalendar,
    NewComplaint,
    Notification,
    NotificationKind,
    Remedy,
    RemedyKind,
    Severity,
    SlaPolicy,
    SlaReport,
    SlaTarget,
    TargetUnit,
    TimerReading,
)
from domain.dates import RANGE_TEXT
from domain.errors import FieldError, RuleViolation
from domain.organisation.model import UserRef as DomainUserRef
from domain.sla.model import BusinessCalendar, CalendarDay, DayKind, TimeBasis, TimerKind, TimerStatus, WorkingWindow

LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]
Money = Annotated[Decimal, Field(ge=0, max_digits=18, decimal_places=2, examples=["1200.00"])]
Window = Annotated[str, StringConstraints(pattern=r"^\d{2}:\d{2}-\d{2}:\d{2}$"), Field(examples=["09:00-12:00"])]


def _user(user: DomainUserRef | None) -> UserRef | None:
    return UserRef(id=user.id, username=user.username, display_name=user.display_name) if user else None


class ComplaintCreate(StrictModel):
    customer_id: Id
    severity: Severity
    received_at: Annotated[BusinessMoment, Field(description=f"When the customer complained: ISO 8601 with a UTC "
                                                             f"offset, {RANGE_TEXT}, not in the future. The timers "
                                                             f"run from it.")]
    channel: Channel
    summary: ShortText
    details: LongText = ""
    products: Annotated[list[ShortText], Field(default_factory=list, max_length=50)]
    order_refs: Annotated[list[ShortText], Field(default_factory=list, max_length=50,
                                                 description="Order numbers the complaint is about")]

    def to_domain(self) -> NewComplaint:
        return NewComplaint(self.customer_id, self.severity, self.received_at, self.channel, self.summary,
                            self.details, tuple(self.products), tuple(self.order_refs))


class TimerRead(BaseModel):
    kind: TimerKind
    basis: TimeBasis = Field(description="working: counts the calendar's working time; clock: around the clock")
    started_at: datetime
    warn_at: datetime
    due_at: datetime
    status: TimerStatus = Field(description="Derived from the deadlines and the time of the request.")
    met_at: datetime | None = None
    remaining_seconds: float | None = Field(
        None, description="Running or warning: seconds until due_at; breached: negative (how late); paused: the "
                          "working time left, frozen while paused; met: absent.")
    paused_at: datetime | None = Field(
        None, description="Set while the timer is paused (waiting on the customer): since when. due_at then "
                          "moves on by the working time the pause lasts.")

    @classmethod
    def of(cls, t: TimerReading) -> TimerRead:
        return cls(kind=t.kind, basis=t.basis, started_at=t.started_at, warn_at=t.warn_at, due_at=t.due_at,
                   status=t.status, met_at=t.met_at, paused_at=t.paused_at,
                   remaining_seconds=t.remaining.total_seconds() if t.remaining is not None else None)


class RemedyBody(StrictModel):
    kind: RemedyKind
    amount: Money
    note: Note = ""

    def to_domain(self) -> Remedy:
        return Remedy(self.kind, self.amount, self.note)


class RemedyRead(BaseModel):
    kind: RemedyKind
    amount: Decimal
    note: str


class TaskMemberRead(BaseModel):
    user: UserRef
    department: Department


class EventRead(BaseModel):
    id: int
    kind: EventKind
    at: datetime
    actor: UserRef | None = Field(description="Null: the system (the SLA sweep).")
    timer_kind: TimerKind | None
    data: dict[str, Any]

    @classmethod
    def of(cls, e: ComplaintEvent) -> EventRead:
        return cls(id=e.id, kind=e.kind, at=e.at, actor=_user(e.actor), timer_kind=e.timer_kind, data=e.data)


class ComplaintRead(BaseModel):
    id: int
    customer_id: int
    customer_name: str
    org_unit_id: int = Field(description="The store that received it.")
    org_unit_name: str
    account_manager: UserRef | None
    received_by: UserRef | None
    severity: Severity
    status: ComplaintStatus
    channel: Channel
    summary: str
    details: str
    products: list[str]
    order_refs: list[str]
    received_at: datetime
    policy_id: int
    policy_name: str
    responded_at: datetime | None
    paused_at: datetime | None
    pause_reason: str | None
    verified: bool | None
    closure_reason: ClosureReason | None
    resolved_at: datetime | None
    closed_at: datetime | None
    satisfaction: int | None
    return_visit_note: str | None
    feedback: str | None
    remedies: list[RemedyRead]
    task_group: list[TaskMemberRead]
    version: int
    timers: list[TimerRead]
    actions: list[Action] = Field(description="What the caller may do now.")
    events: list[EventRead] | None = Field(None, description="The timeline (on a single complaint, not in lists).")

    @classmethod
    def of(cls, view: ComplaintView) -> ComplaintRead:
        c = view.complaint
        return cls(
            id=c.id, customer_id=c.customer_id, customer_name=c.customer_name, org_unit_id=c.org_unit_id,
            org_unit_name=c.org_unit_name, account_manager=_user(c.account_manager), received_by=_user(c.received_by),
            severity=c.severity, status=c.status, channel=c.channel, summary=c.summary, details=c.details,
            products=list(c.products), order_refs=list(c.order_refs), received_at=c.received_at,
            policy_id=c.policy_id, policy_name=c.policy_name, responded_at=c.responded_at, paused_at=c.paused_at,
            pause_reason=c.pause_reason, verified=c.verified, closure_reason=c.closure_reason,
            resolved_at=c.resolved_at, closed_at=c.closed_at, satisfaction=c.satisfaction,
            return_visit_note=c.return_visit_note, feedback=c.feedback,
            remedies=[RemedyRead(kind=r.kind, amount=r.amount, note=r.note) for r in c.remedies],
            task_group=[TaskMemberRead(user=UserRef(id=m.user.id, username=m.user.username,
                                                    display_name=m.user.display_name), department=m.department)
                        for m in c.task_group],
            version=c.version, timers=[TimerRead.of(t) for t in view.timers], actions=view.actions,
            events=[EventRead.of(e) for e in view.events] if view.events is not None else None)


class RespondBody(StrictModel):
    note: Note = ""


class EscalateBody(StrictModel):
    reason: Note = ""


class ConfirmBody(StrictModel):
    verified: bool
    note: Note = Field("", description="Required when not verified: the explanation the customer gets.")


class TaskMemberBody(StrictModel):
    user_id: Id
    department: Department


class TaskGroupBody(StrictModel):
    members: Annotated[list[TaskMemberBody], Field(min_length=1, max_length=30)]


class ResolveBody(StrictModel):
    remedies: Annotated[list[RemedyBody], Field(default_factory=list, max_length=20)]
    note: Note = ""


class PauseBody(StrictModel):
    reason: ShortText
    at: BusinessMoment | None = Field(None, description=f"Default now; {RANGE_TEXT}, not in the future, not before "
                                                         f"the last event.")


class ResumeBody(StrictModel):
    at: BusinessMoment | None = Field(None, description=f"Default now; {RANGE_TEXT}, not in the future, not before "
                                                         f"the pause.")


class ReturnVisitBody(StrictModel):
    satisfaction: Annotated[int, Field(ge=1, le=5)]
    note: Note = ""


class FeedbackBody(StrictModel):
    note: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]


class NotificationRead(BaseModel):
    id: int
    kind: NotificationKind
    complaint_id: int | None
    customer_name: str | None
    timer_kind: TimerKind | None
    created_at: datetime
    read_at: datetime | None

    @classmethod
    def of(cls, n: Notification) -> NotificationRead:
        return cls(id=n.id, kind=n.kind, complaint_id=n.complaint_id, customer_name=n.customer_name,
                   timer_kind=n.timer_kind, created_at=n.created_at, read_at=n.read_at)


class NotificationPage(BaseModel):
    items: list[NotificationRead]
    next_cursor: str | None
    unread: int = Field(description="How many of your notifications are unread.")


class MarkedRead(BaseModel):
    marked: int


class SweepRead(BaseModel):
    warned: int
    breached: int
    escalated_to_hq: int


# --- the SLA report ----------------------------------------------------------------------------------------------

class TimerReportRead(BaseModel):
    kind: TimerKind
    timers: int
    met_on_time: int
    met_late: int
    breached_open: int
    running: int
    on_time_rate: float | None = Field(description="Met on time / (met + breached); null when none decided.")
    median_hours: float | None = Field(description="From the complaint to the timer met, clock hours.")
    p90_hours: float | None


class BreachCountRead(BaseModel):
    id: int | None
    name: str
    complaints: int
    breaches: int


class WeekTrendRead(BaseModel):
    week_start: date
    received: int
    breaches: int
    first_response_on_time_rate: float | None


class RemedyTotalRead(BaseModel):
    kind: RemedyKind
    complaints: int
    amount: Decimal


class SlaReportRead(BaseModel):
    since: date
    until: date
    received: int
    major: int
    open: int
    average_satisfaction: float | None
    timers: list[TimerReportRead]
    by_store: list[BreachCountRead]
    by_account_manager: list[BreachCountRead]
    weeks: list[WeekTrendRead]
    remedies: list[RemedyTotalRead]

    @classmethod
    def of(cls, r: SlaReport) -> SlaReportRead:
        def counts(rows: list[BreachCount]) -> list[BreachCountRead]:
            return [BreachCountRead(id=b.id, name=b.name, complaints=b.complaints, breaches=b.breaches) for b in rows]

        return cls(
            since=r.since, until=r.until, received=r.received, major=r.major, open=r.open,
            average_satisfaction=r.average_satisfaction,
            timers=[TimerReportRead(kind=t.kind, timers=t.timers, met_on_time=t.met_on_time, met_late=t.met_late,
                                    breached_open=t.breached_open, running=t.running, on_time_rate=t.on_time_rate,
                                    median_hours=t.median_hours, p90_hours=t.p90_hours) for t in r.timers],
            by_store=counts(r.by_store), by_account_manager=counts(r.by_account_manager),
            weeks=[WeekTrendRead(week_start=w.week_start, received=w.received, breaches=w.breaches,
                                 first_response_on_time_rate=(w.first_response_on_time / w.first_response_decided
                                                              if w.first_response_decided else None))
                   for w in r.weeks],
            remedies=[RemedyTotalRead(kind=m.kind, complaints=m.complaints, amount=m.amount) for m in r.remedies])


# --- calendars and policies --------------------------------------------------------------------------------------

class CalendarDayBody(StrictModel):
    day: BusinessDate
    kind: DayKind
    name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] = ""
    windows: Annotated[list[Window], Field(default_factory=list, max_length=6,
                                           description="Adjusted working days only; empty: the calendar's standard "
                                                       "working day")]


class CalendarBody(StrictModel):
    name: ShortText
    time_zone: ShortText = Field(examples=["Asia/Shanghai"])
    week: Annotated[list[Annotated[list[Window], Field(max_length=6)]], Field(
        min_length=7, max_length=7, description="Working windows per weekday, Monday first (local wall-clock time)")]
    days: Annotated[list[CalendarDayBody], Field(default_factory=list, max_length=2000)]

    def to_domain(self) -> BusinessCalendar:
        errors: list[FieldError] = []

        def windows(values: list[str], where: str) -> tuple[WorkingWindow, ...]:
            parsed = []
            for i, v in enumerate(values):
                try:
                    parsed.append(WorkingWindow.parse(v))
                except ValueError as exc:
                    errors.append(FieldError(f"{where}.{i}", str(exc)))
            return tuple(parsed)

        week = tuple(windows(w, f"week.{i}") for i, w in enumerate(self.week))
        days = tuple(CalendarDay(d.day, d.kind, d.name, windows(d.windows, f"days.{i}.windows"))
                     for i, d in enumerate(self.days))
        if errors:
            raise RuleViolation(errors)
        return BusinessCalendar(time_zone=self.time_zone, week=week, days=days)


class CalendarDayRead(BaseModel):
    day: date
    kind: DayKind
    name: str
    windows: list[str]
    imported: bool = Field(description="From the holidays package (a later import refreshes it).")


class CalendarRead(BaseModel):
    id: int
    name: str
    time_zone: str
    week: list[list[str]]
    working_day_hours: float = Field(description="One working day: what \"N working days\" multiplies.")
    days: list[CalendarDayRead]
    version: int

    @classmethod
    def of(cls, named: NamedCalendar) -> CalendarRead:
        cal = named.calendar
        return cls(id=named.id, name=named.name, time_zone=cal.time_zone,
                   week=[[str(w) for w in day] for day in cal.week],
                   working_day_hours=cal.working_day.total_seconds() / 3600,
                   days=[CalendarDayRead(day=d.day, kind=d.kind, name=d.name, windows=[str(w) for w in d.windows],
                                         imported=d.day in named.imported_days) for d in cal.days],
                   version=named.version)


class HolidayImportBody(StrictModel):
    country: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=3)] = Field(
        examples=["CN"])
    years: Annotated[list[Annotated[int, Field(ge=1990, le=2100)]], Field(min_length=1, max_length=5)]


class HolidayImportRead(BaseModel):
    days: int = Field(description="Holidays and adjusted working days written.")


class TargetBody(StrictModel):
    amount: Annotated[Decimal, Field(gt=0, max_digits=6, decimal_places=2)]
    unit: TargetUnit


class PolicyBody(StrictModel):
    name: ShortText
    severity: Severity
    key_account_level: OptionalText = None
    category: OptionalText = None
    calendar_id: Id
    targets: dict[TimerKind, TargetBody]
    warn_percent: Annotated[int, Field(ge=1, le=99)] = 75
    hq_escalation_hours: Annotated[Decimal, Field(ge=0, max_digits=6, decimal_places=2)] = Decimal(24)
    active: bool = True

    def to_domain(self, policy_id: int = 0) -> SlaPolicy:
        return SlaPolicy(id=policy_id, name=self.name, severity=self.severity,
                         key_account_level=self.key_account_level, category=self.category,
                         calendar_id=self.calendar_id,
                         targets={k: SlaTarget(t.amount, t.unit) for k, t in self.targets.items()},
                         warn_percent=self.warn_percent, hq_escalation_hours=self.hq_escalation_hours,
                         active=self.active)


class TargetRead(BaseModel):
    amount: Decimal
    unit: TargetUnit


class PolicyRead(BaseModel):
    id: int
    name: str
    severity: Severity
    key_account_level: str | None
    category: str | None
    calendar_id: int
    targets: dict[TimerKind, TargetRead]
    warn_percent: int
    hq_escalation_hours: Decimal
    active: bool
    version: int

    @classmethod
    def of(cls, p: SlaPolicy) -> PolicyRead:
        return cls(id=p.id, name=p.name, severity=p.severity, key_account_level=p.key_account_level,
                   category=p.category, calendar_id=p.calendar_id,
                   targets={k: TargetRead(amount=t.amount, unit=t.unit) for k, t in p.targets.items()},
                   warn_percent=p.warn_percent, hq_escalation_hours=p.hq_escalation_hours, active=p.active,
                   version=p.version)
