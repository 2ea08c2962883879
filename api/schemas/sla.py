"""Business calendars, SLA policies, the sweep's outcome and the SLA report."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from api.schemas.common import BusinessDate, Id, NameTranslations, OptionalText, ShortText, StrictModel
from domain.complaints.model import RemedyKind
from domain.errors import FieldError, RuleViolation
from domain.sla.model import (
    BreachCount,
    BusinessCalendar,
    DayKind,
    NamedCalendar,
    Severity,
    SlaPolicy,
    SlaReport,
    SlaTarget,
    TargetUnit,
    TimerKind,
    WorkingWindow,
)
from domain.sla.model import CalendarDay as DomainCalendarDay

Window = Annotated[str, StringConstraints(pattern=r"^\d{2}:\d{2}-\d{2}:\d{2}$"), Field(examples=["09:00-12:00"])]


class SweepRead(BaseModel):
    warned: int
    breached: int
    escalated_to_hq: int


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


class CalendarDay(StrictModel):
    day: BusinessDate
    kind: DayKind
    name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] = ""
    windows: Annotated[list[Window], Field(default_factory=list, max_length=6,
                                           description="Adjusted working days only; empty: the calendar's standard "
                                                       "working day")]


class CalendarWrite(StrictModel):
    name: ShortText
    name_translations: NameTranslations = Field(default_factory=dict)
    time_zone: ShortText = Field(examples=["Asia/Shanghai"])
    week: Annotated[list[Annotated[list[Window], Field(max_length=6)]], Field(
        min_length=7, max_length=7, description="Working windows per weekday, Monday first (local wall-clock time)")]
    days: Annotated[list[CalendarDay], Field(default_factory=list, max_length=2000)]

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
        days = tuple(DomainCalendarDay(d.day, d.kind, d.name, windows(d.windows, f"days.{i}.windows"))
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
    name_translations: dict[str, str]
    time_zone: str
    week: list[list[str]]
    working_day_hours: float = Field(description="One working day: what \"N working days\" multiplies.")
    days: list[CalendarDayRead]
    version: int

    @classmethod
    def of(cls, named: NamedCalendar) -> CalendarRead:
        cal = named.calendar
        return cls(id=named.id, name=named.name, name_translations=named.name_translations, time_zone=cal.time_zone,
                   week=[[str(w) for w in day] for day in cal.week],
                   working_day_hours=cal.working_day.total_seconds() / 3600,
                   days=[CalendarDayRead(day=d.day, kind=d.kind, name=d.name, windows=[str(w) for w in d.windows],
                                         imported=d.day in named.imported_days) for d in cal.days],
                   version=named.version)


class HolidayImport(StrictModel):
    country: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=3)] = Field(
        examples=["CN"])
    years: Annotated[list[Annotated[int, Field(ge=1990, le=2100)]], Field(min_length=1, max_length=5)]


class HolidayImportRead(BaseModel):
    days: int = Field(description="Holidays and adjusted working days written.")


class TargetWrite(StrictModel):
    amount: Annotated[Decimal, Field(gt=0, max_digits=6, decimal_places=2)]
    unit: TargetUnit


class PolicyWrite(StrictModel):
    name: ShortText
    name_translations: NameTranslations = Field(default_factory=dict)
    severity: Severity
    key_account_level: OptionalText = None
    category: OptionalText = None
    calendar_id: Id
    targets: dict[TimerKind, TargetWrite]
    warn_percent: Annotated[int, Field(ge=1, le=99)] = 75
    hq_escalation_hours: Annotated[Decimal, Field(ge=0, max_digits=6, decimal_places=2)] = Decimal(24)
    active: bool = True

    def to_domain(self, policy_id: int = 0) -> SlaPolicy:
        return SlaPolicy(id=policy_id, name=self.name, name_translations=dict(self.name_translations),
                         severity=self.severity,
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
    name_translations: dict[str, str]
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
        return cls(id=p.id, name=p.name, name_translations=p.name_translations, severity=p.severity,
                   key_account_level=p.key_account_level,
                   category=p.category, calendar_id=p.calendar_id,
                   targets={k: TargetRead(amount=t.amount, unit=t.unit) for k, t in p.targets.items()},
                   warn_percent=p.warn_percent, hq_escalation_hours=p.hq_escalation_hours, active=p.active,
                   version=p.version)
