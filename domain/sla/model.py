"""SLA timers for complaints (docs/domain.md section 7: complaint flow), measured on business calendars; the
SLA policies that choose them; the escalation rules of the sweep; the SLA report.

A business calendar says when the company works: a standard week of working windows in its own time zone,
and exceptions (public holidays, and China's adjusted working days, 调休, when a weekend day is worked).
An SLA's time is either working time on that calendar or clock time around the clock. Deadlines are stored
when a complaint changes state; the status (running, warning, breached...) is derived from them and now.

Everything is computed by walking whole intervals (windows, days), never minute by minute, and all instants
in and out are aware datetimes; results are in UTC and never depend on the server's own time zone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from enum import IntEnum, StrEnum
from functools import cached_property
from itertools import pairwise
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

from domain.errors import FieldError
from domain.notifications.model import NotificationKind
from domain.organisation.model import Role

if TYPE_CHECKING:
    # Only an annotation of the report: the complaint flow (domain/complaints/model.py) builds on the timers here.
    from domain.complaints.model import RemedyKind
MINUTES_PER_DAY = 1440
# A calendar with no working window for this many days in a row would never end a working-time timer.
MAX_DAYS_WITHOUT_WORK = 3700
_ZERO = timedelta(0)
_WINDOW = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")
_ADJUSTED_DAY_NAMES = {"zh_CN": "调休上班"}


class TimeBasis(StrEnum):
    WORKING = "working"  # counts only the calendar's working time
    CLOCK = "clock"  # around the clock


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True, order=True)
class WorkingWindow:
    """Working time within a local day, in minutes after local midnight; 1440 is the next midnight."""

    start: int
    end: int

    @classmethod
    def parse(cls, text: str) -> WorkingWindow:
        """"09:00-12:00"; "24:00" only as an end."""
        match = _WINDOW.match(text)
        if match is None:
            raise ValueError(f"not a working window (HH:MM-HH:MM): {text!r}")
        sh, sm, eh, em = (int(part) for part in match.groups())
        if sm > 59 or em > 59 or sh > 23 or eh > 24 or (eh == 24 and em > 0):
            raise ValueError(f"not a time of day in {text!r}")
        window = cls(sh * 60 + sm, eh * 60 + em)
        if window.start >= window.end:
            raise ValueError(f"a working window must end after it starts: {text!r}")
        return window

    def __str__(self) -> str:
        return f"{_clock(self.start)}-{_clock(self.end)}"

    @property
    def length(self) -> timedelta:
        return timedelta(minutes=self.end - self.start)


class DayKind(StrEnum):
    HOLIDAY = "holiday"  # no working time that day even if it is a weekday
    WORKING = "working"  # an adjusted working day: worked even if it is a weekend day (调休)


@dataclass(frozen=True)
class CalendarDay:
    """An exception to the standard week; a working day without windows works the standard working day."""

    day: date
    kind: DayKind
    name: str = ""
    windows: tuple[WorkingWindow, ...] = ()


_NINE_TO_SIX = (WorkingWindow(9 * 60, 18 * 60),)
DEFAULT_WEEK: tuple[tuple[WorkingWindow, ...], ...] = (_NINE_TO_SIX,) * 5 + ((), ())


def _window_problem(windows: tuple[WorkingWindow, ...]) -> str | None:
    for window in windows:
        if not 0 <= window.start < window.end <= MINUTES_PER_DAY:
            return f"window {window.start}-{window.end}: need 0 <= start < end <= 1440 minutes"
    for before, after in pairwise(windows):
        if after.start < before.end:
            return f"windows {before} and {after} overlap or are not in order"
    return None


@dataclass(frozen=True)
class BusinessCalendar:
    """The company's working time: a standard week (index 0 = Monday) in its time zone, plus exceptions."""

    time_zone: str = "Asia/Shanghai"
    week: tuple[tuple[WorkingWindow, ...], ...] = DEFAULT_WEEK
    days: tuple[CalendarDay, ...] = ()

    # --- validation -----------------------------------------------------------------------------------------

    def problems(self) -> list[FieldError]:
        """What the admin editor must fix, by field; an empty list means the calendar can run timers."""
        errors = []
        try:
            ZoneInfo(self.time_zone)
            # Some systems link "localtime" to the server's own zone, which must never decide a deadline.
            known = self.time_zone not in {"localtime", "posixrules"}
        except (ZoneInfoNotFoundError, ValueError):
            known = False
        if not known:
            errors.append(FieldError("time_zone", f"unknown time zone {self.time_zone!r}: name an IANA zone"))
        if len(self.week) != 7:
            errors.append(FieldError("week", "the week needs 7 entries, Monday to Sunday"))
        for index, windows in enumerate(self.week):
            if (problem := _window_problem(windows)) is not None:
                errors.append(FieldError(f"week.{index}", problem))
        if len(self.week) == 7 and not any(windows for windows in self.week):
            errors.append(FieldError("week", "the week has no working time, so working-time timers never end"))
        seen: set[date] = set()
        for index, day in enumerate(self.days):
            field = f"days.{index}"
            if day.day in seen:
                errors.append(FieldError(field, f"{day.day} is listed more than once"))
            seen.add(day.day)
            if day.kind == DayKind.HOLIDAY and day.windows:
                errors.append(FieldError(field, "a holiday has no working windows"))
            elif (problem := _window_problem(day.windows)) is not None:
                errors.append(FieldError(field, problem))
        return errors

    # --- which local times are worked ---------------------------------------------------------------------

    @cached_property
    def _zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @cached_property
    def _exceptions(self) -> dict[date, CalendarDay]:
        # Built once per calendar (cached_property writes the instance dict, which a frozen dataclass allows).
        return {day.day: day for day in self.days}

    @property
    def standard_windows(self) -> tuple[WorkingWindow, ...]:
        """The first weekday's windows that has any: what an adjusted working day without windows works."""
        return next((windows for windows in self.week if windows), ())

    @property
    def working_day(self) -> timedelta:
        """The length of a standard working day: "N working days" is N times this."""
        return sum((window.length for window in self.standard_windows), _ZERO)

    def windows_on(self, day: date) -> tuple[WorkingWindow, ...]:
        exception = self._exceptions.get(day)
        if exception is None:
            return self.week[day.weekday()]
        if exception.kind == DayKind.HOLIDAY:
            return ()
        return exception.windows or self.standard_windows

    def _to_utc(self, day: date, minute: int, *, closing: bool) -> datetime:
        """A local wall-clock time as an instant, so that a window covers every instant its clock shows.

        An ambiguous time (clocks go back) opens at its first occurrence and closes at its last; a time
        that does not exist (clocks go forward) is the instant of the jump, when the clock passes it.
        """
        day, minute = day + timedelta(days=minute // MINUTES_PER_DAY), minute % MINUTES_PER_DAY
        local = datetime.combine(day, time(minute // 60, minute % 60), tzinfo=self._zone)
        first = local.replace(fold=0).astimezone(UTC)
        second = local.replace(fold=1).astimezone(UTC)
        if first <= second:  # unambiguous (equal) or repeated: fold 0 is the earlier instant
            return second if closing else first
        # A gap: fold 0 applies the offset from before the jump and lands after it, fold 1 the reverse. The
        # jump lies between the two; offsets change on whole seconds, so bisect on seconds (a dozen steps).
        low, high, one = second, first, timedelta(seconds=1)
        after = first.astimezone(self._zone).utcoffset()
        while high - low > one:
            middle = low + (high - low) // one // 2 * one
            if middle.astimezone(self._zone).utcoffset() == after:
                high = middle
            else:
                low = middle
        return high

    def working_intervals(self, day: date) -> list[tuple[datetime, datetime]]:
        """The local day's windows as UTC instants, in order, without overlaps or empty intervals."""
        intervals: list[tuple[datetime, datetime]] = []
        for window in self.windows_on(day):
            start = self._to_utc(day, window.start, closing=False)
            end = self._to_utc(day, window.end, closing=True)
            if intervals:  # windows touching at a repeated time would overlap by the repeat
                start = max(start, intervals[-1][1])
            if start < end:
                intervals.append((start, end))
        return intervals

    def _local_day(self, at: datetime) -> date:
        return at.astimezone(self._zone).date()

    def _intervals_from(self, at: datetime, until: datetime | None = None) -> Iterator[tuple[datetime, datetime]]:
        """Disjoint working intervals in order, from the one containing `at` (or the next) on.

        Starts a day early: a window ending at local midnight (or a repeated hour) reaches into the next day.
        """
        day = self._local_day(at) - timedelta(days=1)
        last_day = None if until is None else self._local_day(until) + timedelta(days=1)
        previous_end = at
        days_without_work = 0
        while last_day is None or day <= last_day:
            worked = False
            for start, end in self.working_intervals(day):
                start = max(start, previous_end)
                if start < end:
                    worked = True
                    previous_end = end
                    yield start, end
                elif end == at:  # a closed window that ends exactly at `at`
                    worked = True
                    yield at, at
            days_without_work = 0 if worked else days_without_work + 1
            if last_day is None and days_without_work > MAX_DAYS_WITHOUT_WORK:
                raise ValueError(f"the calendar has no working time for {MAX_DAYS_WITHOUT_WORK} days")
            day += timedelta(days=1)

    def is_working_time(self, at: datetime) -> bool:
        """Inside a working window; both ends count (18:00 is still working time on a 09:00-18:00 day)."""
        at = _utc(at)
        day = self._local_day(at)
        return any(start <= at <= end
                   for offset in (-1, 0, 1)
                   for start, end in self.working_intervals(day + timedelta(days=offset)))

    def next_working_instant(self, at: datetime) -> datetime:
        """`at` itself in working time, else the start of the next window."""
        return self.add_working_time(at, _ZERO)

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """The working time in [start, end]; nothing when end is not after start."""
        start, end = _utc(start), _utc(end)
        total = _ZERO
        if end <= start:
            return total
        for low, high in self._intervals_from(start, end):
            if low >= end:
                break
            total += min(high, end) - low
        return total

    def add_working_time(self, start: datetime, duration: timedelta) -> datetime:
        """The deadline: the earliest instant t >= start with `duration` of working time in [start, t].

        Working time that runs out exactly at a window's end gives that end (18:00, not the next morning),
        so adding in steps gives the same deadline as adding at once.
        """
        start = _utc(start)
        if duration < _ZERO:
            raise ValueError("a duration of working time cannot be negative")
        for low, high in self._intervals_from(start):
            if duration <= high - low:
                return low + duration
            duration -= high - low
        raise AssertionError("unreachable: the walk ends by raising")  # pragma: no cover


def _utc(at: datetime) -> datetime:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"a time zone is required: {at.isoformat()}")
    return at.astimezone(UTC)


def elapsed(calendar: BusinessCalendar, basis: TimeBasis, start: datetime, end: datetime) -> timedelta:
    """The time from start to end in the basis, never negative."""
    if basis == TimeBasis.WORKING:
        return calendar.working_time_between(start, end)
    # In UTC: aware datetimes sharing a tzinfo subtract as wall-clock times, wrong across DST.
    return max(_utc(end) - _utc(start), _ZERO)


def add_time(calendar: BusinessCalendar, basis: TimeBasis, start: datetime, duration: timedelta) -> datetime:
    """The instant `duration` of the basis's time after start."""
    if basis == TimeBasis.WORKING:
        return calendar.add_working_time(start, duration)
    return _utc(start) + duration


def public_holidays(country: str, years: Iterable[int], language: str | None = None) -> list[CalendarDay]:
    """The public holidays and adjusted working days (调休) of a country's years, as calendar exceptions."""
    wanted = sorted(set(years))
    try:
        calendar = holidays.country_holidays(country, years=wanted, language=language)
    except NotImplementedError as error:
        raise ValueError(f"no holiday calendar for country {country!r}") from error
    days = {day: CalendarDay(day, DayKind.HOLIDAY, name) for day, name in calendar.items() if day.year in wanted}
    adjusted_name = _ADJUSTED_DAY_NAMES.get(language or "", "Adjusted working day")
    for day in calendar.weekend_workdays:  # the package also keeps some from other years
        if day.year in wanted and day not in days:
            days[day] = CalendarDay(day, DayKind.WORKING, adjusted_name)
    return [days[day] for day in sorted(days)]


class TimerKind(StrEnum):
    FIRST_RESPONSE = "first_response"
    CONFIRMATION = "confirmation"
    RESOLUTION = "resolution"


class TimerStatus(StrEnum):
    RUNNING = "running"
    WARNING = "warning"
    PAUSED = "paused"
    MET = "met"
    BREACHED = "breached"


@dataclass(frozen=True)
class Timer:
    """One SLA timer of a complaint; paused time is already added to warn_at and due_at."""

    kind: TimerKind
    basis: TimeBasis
    budget: timedelta
    started_at: datetime
    warn_at: datetime
    due_at: datetime
    paused_at: datetime | None = None
    paused_for: timedelta = _ZERO
    met_at: datetime | None = None


def start_timer(kind: TimerKind, calendar: BusinessCalendar, basis: TimeBasis, budget: timedelta,
                warn_fraction: float, at: datetime) -> Timer:
    """Due `budget` after `at` in the basis; the warning begins when `warn_fraction` of it is used."""
    if budget <= _ZERO:
        raise ValueError("an SLA's time must be positive")
    if not 0 < warn_fraction < 1:
        raise ValueError("the warning fraction lies strictly between 0 and 1")
    return Timer(kind, basis, budget, started_at=_utc(at),
                 warn_at=add_time(calendar, basis, at, budget * warn_fraction),
                 due_at=add_time(calendar, basis, at, budget))


def pause_timer(timer: Timer, at: datetime) -> Timer:
    """Stop the clock (e.g. waiting for the customer)."""
    at = _utc(at)
    if timer.met_at is not None or timer.paused_at is not None:
        raise ValueError("only a running timer can be paused")
    if at < timer.started_at:
        raise ValueError("a timer cannot be paused before it started")
    return replace(timer, paused_at=at)


def resume_timer(timer: Timer, calendar: BusinessCalendar, at: datetime) -> Timer:
    """Restart the clock; the deadlines move by the paused time in the timer's basis.

    A pause that began after the deadline moves nothing: the timer was breached, and moving the deadline
    could land it on `at` itself and turn the breach into a success.
    """
    at = _utc(at)
    if timer.paused_at is None or timer.met_at is not None:
        raise ValueError("only a paused timer can be resumed")
    if at < timer.paused_at:
        raise ValueError("a timer cannot be resumed before it was paused")
    if timer.paused_at > timer.due_at:
        return replace(timer, paused_at=None)
    paused = elapsed(calendar, timer.basis, timer.paused_at, at)
    return replace(timer, paused_at=None, paused_for=timer.paused_for + paused,
                   warn_at=add_time(calendar, timer.basis, timer.warn_at, paused),
                   due_at=add_time(calendar, timer.basis, timer.due_at, paused))


def meet_timer(timer: Timer, calendar: BusinessCalendar, at: datetime) -> Timer:
    """Met as of `at`; a paused timer is resumed at `at` first, so its stopped clock cannot make it late."""
    at = _utc(at)
    if timer.met_at is not None:
        raise ValueError("the timer is already met")
    if at < timer.started_at:
        raise ValueError("a timer cannot be met before it started")
    if timer.paused_at is not None:
        timer = resume_timer(timer, calendar, at)
    return replace(timer, met_at=at)


def timer_status(timer: Timer, now: datetime) -> TimerStatus:
    """Met or breached for good once met; while paused, breached only if the pause began after the deadline."""
    now = _utc(now)
    if timer.met_at is not None:
        return TimerStatus.MET if timer.met_at <= timer.due_at else TimerStatus.BREACHED
    if timer.paused_at is not None:
        return TimerStatus.BREACHED if timer.paused_at > timer.due_at else TimerStatus.PAUSED
    if now > timer.due_at:
        return TimerStatus.BREACHED
    return TimerStatus.WARNING if now >= timer.warn_at else TimerStatus.RUNNING


def remaining(timer: Timer, calendar: BusinessCalendar, now: datetime) -> timedelta | None:
    """Time to the deadline (negative: how late); while paused, the budget left, frozen (negative when the pause
    began after the deadline: how late it was then, so a breached timer always says how late); None once met."""
    now = _utc(now)
    if timer.met_at is not None:
        return None
    if timer.paused_at is not None:
        if timer.paused_at > timer.due_at:
            return timer.due_at - timer.paused_at
        return elapsed(calendar, timer.basis, timer.paused_at, timer.due_at)
    return timer.due_at - now


# --- SLA policies ----------------------------------------------------------------------------------------------

# A complaint's severity chooses its policy and its timers, so it lives with them; the complaint flow
# (domain/complaints/model.py) builds on it.
class Severity(StrEnum):
    GENERAL = "general"  # 一般投诉: handled by the store
    MAJOR = "major"  # 重大投诉: confirmed by the operations centre, resolved by a task group


class TargetUnit(StrEnum):
    CLOCK_HOURS = "clock_hours"  # around the clock
    WORKING_HOURS = "working_hours"
    WORKING_DAYS = "working_days"  # N x the calendar's working hours of one day


@dataclass(frozen=True)
class SlaTarget:
    amount: Decimal
    unit: TargetUnit

    @property
    def basis(self) -> TimeBasis:
        return TimeBasis.CLOCK if self.unit is TargetUnit.CLOCK_HOURS else TimeBasis.WORKING

    def budget(self, calendar: BusinessCalendar) -> timedelta:
        if self.unit is TargetUnit.WORKING_DAYS:
            return calendar.working_day * float(self.amount)
        return timedelta(hours=float(self.amount))


DEFAULT_FIRST_RESPONSE = SlaTarget(Decimal(24), TargetUnit.CLOCK_HOURS)  # section 1: within 24 hours keeps 96 %


DEFAULT_WARN_PERCENT = 75


DEFAULT_HQ_ESCALATION_HOURS = Decimal(24)


@dataclass(frozen=True)
class SlaPolicy:
    """The timers a complaint gets, chosen by severity and the customer's tier. A policy without a key-account
    level or category applies to every customer; the most specific active policy wins."""

    id: int
    name: str
    severity: Severity
    key_account_level: str | None
    category: str | None
    calendar_id: int
    targets: dict[TimerKind, SlaTarget]
    warn_percent: int = DEFAULT_WARN_PERCENT
    # A breach is escalated to the store manager at once and to the HQ key-account department this many clock
    # hours later if the timer is still not met.
    hq_escalation_hours: Decimal = DEFAULT_HQ_ESCALATION_HOURS
    active: bool = True
    version: int = 1
    # The name in the UI's other languages, by locale ({"en": "General complaints"}; docs/domain.md section 2,
    # "Names in two languages").
    name_translations: dict[str, str] = field(default_factory=dict)

    @property
    def specificity(self) -> int:
        return (self.key_account_level is not None) + (self.category is not None)

    def applies_to(self, severity: Severity, level: str | None, category: str | None) -> bool:
        return (self.active and self.severity is severity
                and self.key_account_level in (None, level) and self.category in (None, category))

    def problems(self) -> list[FieldError]:
        errors: list[FieldError] = []
        if not self.name.strip():
            errors.append(FieldError("name", "must not be empty"))
        if not 1 <= self.warn_percent <= 99:
            errors.append(FieldError("warn_percent", "between 1 and 99"))
        if self.hq_escalation_hours < 0:
            errors.append(FieldError("hq_escalation_hours", "must not be negative"))
        required = {TimerKind.FIRST_RESPONSE, TimerKind.RESOLUTION}
        if self.severity is Severity.MAJOR:
            required.add(TimerKind.CONFIRMATION)
        for kind in sorted(required - set(self.targets)):
            errors.append(FieldError(f"targets.{kind}", f"a {self.severity} complaint needs this timer"))
        if self.severity is Severity.GENERAL and TimerKind.CONFIRMATION in self.targets:
            errors.append(FieldError(f"targets.{TimerKind.CONFIRMATION}", "only major complaints are confirmed"))
        for kind, target in self.targets.items():
            if target.amount <= 0:
                errors.append(FieldError(f"targets.{kind}.amount", "must be positive"))
        return errors


def choose_policy(policies: Sequence[SlaPolicy], severity: Severity, level: str | None,
                  category: str | None) -> SlaPolicy | None:
    """The most specific active policy for the severity and the customer's key-account level and category
    (ties: the lowest id)."""
    matching = [p for p in policies if p.applies_to(severity, level, category)]
    return min(matching, key=lambda p: (-p.specificity, p.id), default=None)


@dataclass(frozen=True)
class NamedCalendar:
    id: int
    name: str
    calendar: BusinessCalendar
    version: int
    imported_days: frozenset[date] = frozenset()  # days that came from the holidays package, not an admin
    name_translations: dict[str, str] = field(default_factory=dict)  # the name by locale, as on SlaPolicy


# --- the sweep: warnings, breaches and escalations ---------------------------------------------------------------
#
# The rules below decide what the sweep records for a timer and who is told. The sweep runs them set-based in SQL
# (repositories/sla/repository.py builds its statements from these steps, levels, audiences and roles);
# tests/integration/test_sla_sweep_rules.py runs the SQL sweep and these functions on the same timers and people and
# holds them equal, and tests/unit/test_sla_rules.py tests the rules themselves.


class SweepStep(StrEnum):
    WARN = "warn"  # warn_percent of the timer's time is used
    BREACH = "breach"  # the deadline passed without the timer being met: escalated to the store at once
    ESCALATE_TO_HQ = "escalate_to_hq"  # still not met hq_escalation_hours after the breach


class EscalationLevel(IntEnum):
    NONE = 0
    STORE = 1  # breached: the store managers know
    HQ = 2  # escalated to the HQ key-account department


class Audience(StrEnum):
    """Who hears of a step, by their part in the complaint. Only active users are told."""

    ACCOUNT_MANAGER = "account_manager"  # the customer's account manager when the complaint was received
    RECEIVER = "receiver"  # whoever received the complaint
    STORE_MANAGERS = "store_managers"  # of the receiving store and of every unit above it
    HQ_KEY_ACCOUNT = "hq_key_account"  # every HQ key-account user


# The role each audience of the chain of escalation is made of.
AUDIENCE_ROLES = {Audience.STORE_MANAGERS: Role.STORE_MANAGER, Audience.HQ_KEY_ACCOUNT: Role.HQ_KEY_ACCOUNT}


@dataclass(frozen=True)
class Escalation:
    """What a step records and whom it tells: the people handling the complaint are warned; a breach goes to the
    store managers up the tree (and the account manager); a breach still open later goes to HQ."""

    notification: NotificationKind
    audience: frozenset[Audience]
    level: EscalationLevel | None = None  # the timer's escalation level after the step; None: a warning
    escalated_to: Audience | None = None  # recorded on the timer_escalated event

    def event_data(self) -> dict[str, object]:
        """The timer_escalated event's data: the level and the role the complaint went to."""
        assert self.level is not None and self.escalated_to is not None
        return {"level": int(self.level), "to": str(AUDIENCE_ROLES[self.escalated_to])}


ESCALATIONS: dict[SweepStep, Escalation] = {
    SweepStep.WARN: Escalation(NotificationKind.TIMER_WARNED,
                               frozenset({Audience.ACCOUNT_MANAGER, Audience.RECEIVER})),
    SweepStep.BREACH: Escalation(NotificationKind.TIMER_BREACHED,
                                 frozenset({Audience.STORE_MANAGERS, Audience.ACCOUNT_MANAGER}),
                                 EscalationLevel.STORE, Audience.STORE_MANAGERS),
    SweepStep.ESCALATE_TO_HQ: Escalation(NotificationKind.ESCALATED_TO_HQ, frozenset({Audience.HQ_KEY_ACCOUNT}),
                                         EscalationLevel.HQ, Audience.HQ_KEY_ACCOUNT),
}


@dataclass(frozen=True)
class SweptTimer:
    """A timer as the sweep sees it: its deadlines and what earlier sweeps recorded."""

    timer: Timer
    warned: bool = False
    breach_recorded: bool = False
    escalation_level: EscalationLevel = EscalationLevel.NONE
    hq_escalation_at: datetime | None = None


def next_step(t: SweptTimer, now: datetime) -> SweepStep | None:
    """What the sweep records for the timer now, if anything. A met timer is done. A paused timer is not warned,
    and is breached only if its deadline passed before the pause (a pause does not undo a breach). A timer past
    its deadline is breached, not warned. Runs in SQL as the sweep's `due` selections (see the section's note)."""
    timer = t.timer
    if timer.met_at is not None:
        return None
    if (t.escalation_level is EscalationLevel.STORE and t.hq_escalation_at is not None
            and t.hq_escalation_at <= now):
        return SweepStep.ESCALATE_TO_HQ
    if not t.breach_recorded and timer.due_at < now and (timer.paused_at is None or timer.due_at < timer.paused_at):
        return SweepStep.BREACH
    if (not t.warned and not t.breach_recorded and timer.paused_at is None
            and timer.warn_at <= now <= timer.due_at):
        return SweepStep.WARN
    return None


def hq_escalation_at(breach_recorded_at: datetime, hq_escalation_hours: Decimal) -> datetime:
    """When a recorded breach goes on to HQ if the timer is still not met: the policy's hours after the breach
    was recorded (clock hours). Runs in SQL as the breach statement's `hq_escalation_at` (see the section's
    note)."""
    return breach_recorded_at + timedelta(hours=float(hq_escalation_hours))


def after_step(t: SweptTimer, step: SweepStep, now: datetime, hq_escalation_hours: Decimal) -> SweptTimer:
    """The timer as the sweep leaves it after recording `step` now."""
    if step is SweepStep.WARN:
        return replace(t, warned=True)
    if step is SweepStep.BREACH:
        return replace(t, breach_recorded=True, escalation_level=EscalationLevel.STORE,
                       hq_escalation_at=hq_escalation_at(now, hq_escalation_hours))
    return replace(t, escalation_level=EscalationLevel.HQ)


def sweep_steps(t: SweptTimer, now: datetime, hq_escalation_hours: Decimal) -> list[SweepStep]:
    """Every step one sweep at `now` records for the timer, in order (a policy escalating to HQ after 0 hours
    sends a breach on to HQ in the same sweep)."""
    steps: list[SweepStep] = []
    while (step := next_step(t, now)) is not None:
        steps.append(step)
        t = after_step(t, step, now, hq_escalation_hours)
    return steps


@dataclass(frozen=True)
class ComplaintPeople:
    """The active users each audience names for one complaint (None: no such user, or not active)."""

    account_manager: int | None = None
    receiver: int | None = None
    store_managers: frozenset[int] = frozenset()  # of the receiving store and every unit above it
    hq_key_account: frozenset[int] = frozenset()


def recipients(step: SweepStep, people: ComplaintPeople) -> frozenset[int]:
    """Who is told of the step, each once. Runs in SQL as the sweep's `sent` insertions (see the section's note)."""
    audience = ESCALATIONS[step].audience
    told: set[int] = set()
    if Audience.ACCOUNT_MANAGER in audience and people.account_manager is not None:
        told.add(people.account_manager)
    if Audience.RECEIVER in audience and people.receiver is not None:
        told.add(people.receiver)
    if Audience.STORE_MANAGERS in audience:
        told |= people.store_managers
    if Audience.HQ_KEY_ACCOUNT in audience:
        told |= people.hq_key_account
    return frozenset(told)


@dataclass(frozen=True)
class SweepOutcome:
    warned: int = 0
    breached: int = 0
    escalated_to_hq: int = 0

    def __add__(self, other: SweepOutcome) -> SweepOutcome:
        return SweepOutcome(self.warned + other.warned, self.breached + other.breached,
                            self.escalated_to_hq + other.escalated_to_hq)


# --- the SLA report ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimerReport:
    kind: TimerKind
    timers: int
    met_on_time: int
    met_late: int
    breached_open: int  # breached and still not met
    running: int
    median_hours: float | None  # from when the customer complained to when the timer was met (clock hours)
    p90_hours: float | None

    @property
    def on_time_rate(self) -> float | None:
        decided = self.met_on_time + self.met_late + self.breached_open
        return self.met_on_time / decided if decided else None


@dataclass(frozen=True)
class BreachCount:
    id: int | None
    name: str
    complaints: int
    breaches: int


@dataclass(frozen=True)
class WeekTrend:
    week_start: date
    received: int
    breaches: int
    first_response_on_time: int
    first_response_decided: int


@dataclass(frozen=True)
class RemedyTotal:
    kind: RemedyKind
    complaints: int
    amount: Decimal


# The SLA report covers at most two years (731 days, a leap day included): its weekly trend has a row for every
# week of the period, so the period bounds the work of one report.
LONGEST_REPORT_DAYS = 731


@dataclass(frozen=True)
class SlaReport:
    since: date
    until: date  # inclusive
    received: int
    major: int
    open: int
    timers: list[TimerReport]
    by_store: list[BreachCount]
    by_account_manager: list[BreachCount]
    weeks: list[WeekTrend]
    remedies: list[RemedyTotal]
    average_satisfaction: float | None
