"""Complaints with their timers and timeline, and the flow's actions."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, Field, StringConstraints

from api.schemas.common import BusinessMoment, Id, ShortText, StrictModel, UserRef
from domain.complaints.model import (
    Action,
    Channel,
    ClosureReason,
    ComplaintEvent,
    ComplaintStatus,
    ComplaintView,
    Department,
    EventKind,
    NewComplaint,
    RemedyKind,
    TimerReading,
)
from domain.complaints.model import Remedy as DomainRemedy
from domain.dates import RANGE_TEXT
from domain.organisation.model import UserRef as DomainUserRef
from domain.sla.model import (
    Severity,
    TimeBasis,
    TimerKind,
    TimerStatus,
)

LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]
Money = Annotated[Decimal, Field(ge=0, max_digits=18, decimal_places=2, examples=["1200.00"])]


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
                          "working time left, frozen while paused (negative: how late when the pause began after "
                          "due_at); met: absent.")
    paused_at: datetime | None = Field(
        None, description="Set while the timer is paused (waiting on the customer): since when. due_at then "
                          "moves on by the working time the pause lasts.")

    @classmethod
    def of(cls, t: TimerReading) -> TimerRead:
        return cls(kind=t.kind, basis=t.basis, started_at=t.started_at, warn_at=t.warn_at, due_at=t.due_at,
                   status=t.status, met_at=t.met_at, paused_at=t.paused_at,
                   remaining_seconds=t.remaining.total_seconds() if t.remaining is not None else None)


class Remedy(StrictModel):
    kind: RemedyKind
    amount: Money
    note: Note = ""

    def to_domain(self) -> DomainRemedy:
        return DomainRemedy(self.kind, self.amount, self.note)


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
    policy_name_translations: dict[str, str]
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
            policy_id=c.policy_id, policy_name=c.policy_name, policy_name_translations=c.policy_name_translations,
            responded_at=c.responded_at, paused_at=c.paused_at,
            pause_reason=c.pause_reason, verified=c.verified, closure_reason=c.closure_reason,
            resolved_at=c.resolved_at, closed_at=c.closed_at, satisfaction=c.satisfaction,
            return_visit_note=c.return_visit_note, feedback=c.feedback,
            remedies=[RemedyRead(kind=r.kind, amount=r.amount, note=r.note) for r in c.remedies],
            task_group=[TaskMemberRead(user=UserRef(id=m.user.id, username=m.user.username,
                                                    display_name=m.user.display_name), department=m.department)
                        for m in c.task_group],
            version=c.version, timers=[TimerRead.of(t) for t in view.timers], actions=view.actions,
            events=[EventRead.of(e) for e in view.events] if view.events is not None else None)


class ComplaintResponse(StrictModel):
    note: Note = ""


class ComplaintEscalation(StrictModel):
    reason: Note = ""


class ComplaintConfirmation(StrictModel):
    verified: bool
    note: Note = Field("", description="Required when not verified: the explanation the customer gets.")


class TaskMember(StrictModel):
    user_id: Id
    department: Department


class TaskGroup(StrictModel):
    members: Annotated[list[TaskMember], Field(min_length=1, max_length=30)]


class ComplaintResolution(StrictModel):
    remedies: Annotated[list[Remedy], Field(default_factory=list, max_length=20)]
    note: Note = ""


class ComplaintPause(StrictModel):
    reason: ShortText
    at: BusinessMoment | None = Field(None, description=f"Default now; {RANGE_TEXT}, not in the future, not before "
                                                         f"the last event.")


class ComplaintResumption(StrictModel):
    at: BusinessMoment | None = Field(None, description=f"Default now; {RANGE_TEXT}, not in the future, not before "
                                                         f"the pause.")


class ReturnVisit(StrictModel):
    satisfaction: Annotated[int, Field(ge=1, le=5)]
    note: Note = ""


class CustomerFeedback(StrictModel):
    note: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]










# --- the SLA report ----------------------------------------------------------------------------------------------











# --- calendars and policies --------------------------------------------------------------------------------------



















