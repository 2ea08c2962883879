"""SLA timers on business calendars (domain/sla/model.py), without a database.

Properties over generated calendars (random windows with breaks, holidays and adjusted days) in three time
zones with and without daylight saving time, then worked cases computed by hand on China's 2026 calendar
and Berlin's DST weekends. Expected instants are written in UTC; Shanghai is UTC+8 all year.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.sla.model import (
    DEFAULT_WEEK,
    BusinessCalendar,
    CalendarDay,
    DayKind,
    TimeBasis,
    Timer,
    TimerKind,
    TimerStatus,
    WorkingWindow,
    add_time,
    elapsed,
    meet_timer,
    pause_timer,
    public_holidays,
    remaining,
    resume_timer,
    start_timer,
    timer_status,
)

ZONES = ("Asia/Shanghai", "Europe/Berlin", "America/New_York")
SHANGHAI, BERLIN = ZoneInfo("Asia/Shanghai"), ZoneInfo("Europe/Berlin")
H, MIN, US = timedelta(hours=1), timedelta(minutes=1), timedelta(microseconds=1)
W = WorkingWindow.parse
LUNCH = (W("09:00-12:00"), W("13:30-18:00"))
LUNCH_WEEK = (LUNCH,) * 5 + ((), ())
CN_2026 = BusinessCalendar("Asia/Shanghai", LUNCH_WEEK, tuple(public_holidays("CN", [2026])))
CN_2026_NINE_TO_SIX = BusinessCalendar("Asia/Shanghai", DEFAULT_WEEK, CN_2026.days)

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]  # (year, month, day, ...)


def cst(*args: int) -> datetime:
    """A wall-clock time in Shanghai (UTC+8)."""
    return datetime(*args, tzinfo=SHANGHAI)  # type: ignore[misc]


# --- generated calendars and instants ----------------------------------------------------------------------

TEMPLATES = (LUNCH, (W("09:00-18:00"),), (W("00:00-24:00"),), (W("01:00-04:00"),),  # across DST switches
             (W("02:30-03:30"), W("22:00-24:00")), (W("00:00-02:00"), W("02:00-09:00")))  # touching windows


@st.composite
def day_windows(draw: st.DrawFn) -> tuple[WorkingWindow, ...]:
    """Up to three windows in order with breaks between them, or a template."""
    if draw(st.booleans()):
        return draw(st.sampled_from(TEMPLATES))
    count = draw(st.integers(0, 3))
    bounds = sorted(draw(st.sets(st.integers(0, 1440), min_size=2 * count, max_size=2 * count)))
    return tuple(WorkingWindow(a, b) for a, b in zip(bounds[::2], bounds[1::2], strict=True))


@st.composite
def calendars(draw: st.DrawFn) -> BusinessCalendar:
    week = tuple(draw(day_windows()) for _ in range(7))
    if not any(week):
        week = (LUNCH, *week[1:])
    dates = draw(st.sets(st.dates(date(2025, 12, 20), date(2028, 3, 31)), max_size=40))
    days = []
    for day in sorted(dates):
        kind = draw(st.sampled_from(DayKind))
        windows = draw(day_windows()) if kind == DayKind.WORKING and draw(st.booleans()) else ()
        days.append(CalendarDay(day, kind, "generated", windows))
    calendar = BusinessCalendar(draw(st.sampled_from(ZONES)), week, tuple(days))
    assert calendar.problems() == []
    return calendar


DST_SWITCHES = (utc(2026, 3, 8, 7), utc(2026, 3, 29, 1), utc(2026, 10, 25, 1), utc(2026, 11, 1, 6),
                utc(2027, 3, 14, 7), utc(2027, 3, 28, 1), utc(2027, 10, 31, 1), utc(2027, 11, 7, 6))
anywhere = st.integers(0, 2 * 365 * 86_400 * 10**6).map(lambda us: utc(2026, 1, 1) + us * US)
near_dst = st.builds(lambda switch, us: switch + us * US, st.sampled_from(DST_SWITCHES),
                     st.integers(-3 * 86_400 * 10**6, 3 * 86_400 * 10**6))
instants = st.one_of(anywhere, near_dst)


def local_or_utc(draw: st.DrawFn, calendar: BusinessCalendar) -> datetime:
    """An aware instant, sometimes given in the calendar's own zone: the input's zone must not matter."""
    at = draw(instants)
    return at.astimezone(ZoneInfo(calendar.time_zone)) if draw(st.booleans()) else at


def weekly_working_us(calendar: BusinessCalendar) -> int:
    return sum((w.end - w.start) for windows in calendar.week for w in windows) * 60 * 10**6


@st.composite
def cases(draw: st.DrawFn) -> tuple[BusinessCalendar, datetime, timedelta]:
    """A calendar, a start and a duration of up to three weeks' working time (to the microsecond)."""
    calendar = draw(calendars())
    duration = draw(st.one_of(st.just(0), st.integers(0, 3 * weekly_working_us(calendar)))) * US
    return calendar, local_or_utc(draw, calendar), duration


# --- properties ----------------------------------------------------------------------------------------------

@PROPERTY
@given(cases())
def test_a_working_deadline_always_falls_in_working_time(case: tuple[BusinessCalendar, datetime, timedelta]) -> None:
    calendar, start, duration = case
    deadline = calendar.add_working_time(start, duration)
    assert deadline.tzinfo is UTC
    assert deadline >= start
    assert calendar.is_working_time(deadline)
    if duration == timedelta(0):
        assert deadline == calendar.next_working_instant(start)
    # (In UTC: an aware time in a repeated hour never equals one in another zone, by PEP 495.)
    assert (calendar.next_working_instant(start) == start.astimezone(UTC)) == calendar.is_working_time(start)


@PROPERTY
@given(cases())
def test_the_deadline_is_the_earliest_instant_with_that_much_working_time(
        case: tuple[BusinessCalendar, datetime, timedelta]) -> None:
    calendar, start, duration = case
    deadline = calendar.add_working_time(start, duration)
    assert calendar.working_time_between(start, deadline) == duration
    if duration > timedelta(0):
        assert calendar.working_time_between(start, deadline - US) < duration


@PROPERTY
@given(cases(), st.data())
def test_adding_working_time_is_associative(case: tuple[BusinessCalendar, datetime, timedelta],
                                            data: st.DataObject) -> None:
    calendar, start, total = case
    first = data.draw(st.integers(0, total // US)) * US
    middle = calendar.add_working_time(start, first)
    assert calendar.add_working_time(middle, total - first) == calendar.add_working_time(start, total)


@PROPERTY
@given(calendars(), st.lists(instants, min_size=3, max_size=3))
def test_working_time_between_is_additive(calendar: BusinessCalendar, points: list[datetime]) -> None:
    a, b, c = sorted(points)
    c = min(c, a + timedelta(days=60))  # keep the walk short
    b = min(b, c)
    assert calendar.working_time_between(a, b) + calendar.working_time_between(b, c) == \
        calendar.working_time_between(a, c)
    assert calendar.working_time_between(c, a) == timedelta(0)


@PROPERTY
@given(cases(), st.sampled_from(TimeBasis), st.integers(0, 10 * 86_400), st.integers(0, 10 * 86_400))
def test_pausing_never_makes_a_deadline_earlier(case: tuple[BusinessCalendar, datetime, timedelta],
                                                basis: TimeBasis, pause_after: int, pause_for: int) -> None:
    calendar, start, duration = case
    timer = start_timer(TimerKind.RESOLUTION, calendar, basis, duration + MIN, 0.75, start)
    paused = pause_timer(timer, timer.started_at + timedelta(seconds=pause_after))
    assert paused.paused_at is not None
    resume_at = paused.paused_at + timedelta(seconds=pause_for)
    resumed = resume_timer(paused, calendar, resume_at)
    assert resumed.due_at >= timer.due_at and resumed.warn_at >= timer.warn_at
    assert resumed.paused_for >= timer.paused_for
    if paused.paused_at > timer.due_at:  # a breach stays a breach
        assert resumed.due_at == timer.due_at <= resume_at
        assert timer_status(resumed, resume_at) == TimerStatus.BREACHED


@contextmanager
def server_time_zone(name: str) -> Iterator[None]:
    saved = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if saved is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = saved
        time.tzset()


@settings(max_examples=50, deadline=None)
@given(cases(), instants)
def test_results_do_not_depend_on_the_servers_time_zone(case: tuple[BusinessCalendar, datetime, timedelta],
                                                        other: datetime) -> None:
    calendar, start, duration = case

    def compute() -> tuple[object, ...]:
        timer = start_timer(TimerKind.FIRST_RESPONSE, calendar, TimeBasis.WORKING, duration + H, 0.5, start)
        return (calendar.add_working_time(start, duration), calendar.working_time_between(start, other),
                calendar.next_working_instant(other), calendar.is_working_time(other),
                calendar.working_intervals(start.date()), timer, timer_status(timer, other))

    results = []
    for name in ("UTC", "Asia/Shanghai", "America/Los_Angeles"):
        with server_time_zone(name):
            results.append(compute())
    assert results[0] == results[1] == results[2]


# --- worked cases: China 2026, lunch break 09:00-12:00 + 13:30-18:00 (7.5 h a day) --------------------------

def test_four_and_six_working_hours_from_friday_afternoon_cross_the_weekend_and_lunch() -> None:
    friday = cst(2026, 11, 20, 16)
    # Fri 16:00-18:00 is 2 h; Sat and Sun are off; Mon 09:00-11:00 is the other 2 h.
    assert CN_2026.add_working_time(friday, 4 * H) == utc(2026, 11, 23, 3)  # Mon 11:00 CST
    # ...then Mon 11:00-12:00 (5 h), lunch until 13:30, 13:30-14:30 (6 h).
    assert CN_2026.add_working_time(friday, 6 * H) == utc(2026, 11, 23, 6, 30)  # Mon 14:30 CST
    # Reaching exactly the end of the morning stops at 12:00, not at 13:30.
    assert CN_2026.add_working_time(friday, 5 * H) == utc(2026, 11, 23, 4)  # Mon 12:00 CST
    assert CN_2026.working_time_between(friday, cst(2026, 11, 23, 14, 30)) == 6 * H


def test_a_complaint_received_at_night_starts_the_next_working_morning() -> None:
    tuesday_night = cst(2026, 11, 17, 22)
    assert not CN_2026.is_working_time(tuesday_night)
    # Nothing is worked after 18:00: the clock starts Wed 09:00.
    assert CN_2026.next_working_instant(tuesday_night) == utc(2026, 11, 18, 1)  # Wed 09:00 CST
    assert CN_2026.add_working_time(tuesday_night, timedelta(0)) == utc(2026, 11, 18, 1)
    assert CN_2026.add_working_time(tuesday_night, H) == utc(2026, 11, 18, 2)  # Wed 10:00 CST
    # During lunch the next instant is 13:30; the window ends count as working time (closed).
    assert CN_2026.next_working_instant(cst(2026, 11, 18, 12, 1)) == utc(2026, 11, 18, 5, 30)
    assert CN_2026.is_working_time(cst(2026, 11, 18, 18)) and CN_2026.is_working_time(cst(2026, 11, 18, 12))
    assert CN_2026.next_working_instant(cst(2026, 11, 18, 18)) == utc(2026, 11, 18, 10)


def test_national_day_holiday_and_the_adjusted_working_saturday() -> None:
    assert CN_2026.windows_on(date(2026, 10, 5)) == ()  # a Monday off (National Day, observed)
    assert CN_2026.windows_on(date(2026, 10, 10)) == LUNCH  # a Saturday worked (调休)
    assert CN_2026.windows_on(date(2026, 10, 11)) == ()  # the Sunday after stays off
    # Wed 09-30 17:00-18:00 is 1 h; Oct 1-7 are off; Thu Oct 8 09:00-12:00 the other 3 h: ends at 12:00.
    assert CN_2026.add_working_time(cst(2026, 9, 30, 17), 4 * H) == utc(2026, 10, 8, 4)  # Thu 10-08 12:00 CST
    # Sep 30 and Oct 8 are the only working days from Sep 30 09:00 to Oct 9 09:00.
    assert CN_2026.working_time_between(cst(2026, 9, 30, 9), cst(2026, 10, 9, 9)) == 15 * H
    # Fri Oct 9 17:00-18:00 is 1 h; Saturday Oct 10 is worked: 09:00-10:00.
    assert CN_2026.add_working_time(cst(2026, 10, 9, 17), 2 * H) == utc(2026, 10, 10, 2)  # Sat 10:00 CST
    # A full Saturday (7.5 h) plus 30 min runs into Monday Oct 12, skipping Sunday.
    assert CN_2026.add_working_time(cst(2026, 10, 10, 9), 8 * H) == utc(2026, 10, 12, 1, 30)  # Mon 09:30 CST


def test_three_working_days_from_a_wednesday() -> None:
    assert CN_2026.working_day == 7.5 * H and CN_2026_NINE_TO_SIX.working_day == 9 * H
    # 3 x 7.5 h from Wed 09:00: Wed, Thu, Fri in full, ending at Fri 18:00 (not Mon 09:00).
    assert CN_2026.add_working_time(cst(2026, 11, 18, 9), 3 * CN_2026.working_day) == utc(2026, 11, 20, 10)
    # From Wed 14:00: Wed 4 h, Thu 7.5, Fri 7.5 (19 h), Mon 09:00-12:00 (22 h), 13:30-14:00: Mon 14:00.
    assert CN_2026.add_working_time(cst(2026, 11, 18, 14), 3 * CN_2026.working_day) == utc(2026, 11, 23, 6)
    # 3 x 9 h = 27 h on 09:00-18:00 from Wed 09:00: Fri 18:00.
    assert CN_2026_NINE_TO_SIX.add_working_time(cst(2026, 11, 18, 9), 27 * H) == utc(2026, 11, 20, 10)


# --- worked cases: daylight saving time ---------------------------------------------------------------------

def test_berlin_default_calendar_across_both_dst_weekends() -> None:
    berlin = BusinessCalendar("Europe/Berlin")
    spring = datetime(2026, 3, 27, 17, tzinfo=BERLIN)  # Fri 17:00 CET = 16:00 UTC
    # Fri 17:00-18:00 is 1 h; Mon 09:00-10:00 CEST (UTC+2) the other: 08:00 UTC, 64 h later, not 65.
    assert berlin.add_working_time(spring, 2 * H) == utc(2026, 3, 30, 8)
    assert elapsed(berlin, TimeBasis.CLOCK, spring, utc(2026, 3, 30, 8)) == 64 * H
    autumn = datetime(2026, 10, 23, 17, tzinfo=BERLIN)  # Fri 17:00 CEST = 15:00 UTC
    # Mon 10:00 CET (UTC+1) is 09:00 UTC: 66 h later.
    assert berlin.add_working_time(autumn, 2 * H) == utc(2026, 10, 26, 9)
    assert elapsed(berlin, TimeBasis.CLOCK, autumn, utc(2026, 10, 26, 9)) == 66 * H
    # Both ends in Berlin time: still real time (wall clocks would say 65 h).
    assert elapsed(berlin, TimeBasis.CLOCK, spring, datetime(2026, 3, 30, 10, tzinfo=BERLIN)) == 64 * H
    # Clock time is real time: 24 h after Sat 12:00 CET is Sun 13:00 CEST.
    assert add_time(berlin, TimeBasis.CLOCK, datetime(2026, 3, 28, 12, tzinfo=BERLIN), 24 * H) == \
        utc(2026, 3, 29, 11)


@pytest.mark.parametrize(("zone", "day", "opens", "closes"), [
    # Berlin falls back 03:00 CEST -> 02:00 CET: 01:00 CEST is 23:00 UTC, 04:00 CET is 03:00 UTC: 4 h.
    ("Europe/Berlin", date(2026, 10, 25), utc(2026, 10, 24, 23), utc(2026, 10, 25, 3)),
    # Berlin springs forward 02:00 CET -> 03:00 CEST: 01:00 CET is 00:00 UTC, 04:00 CEST is 02:00 UTC: 2 h.
    ("Europe/Berlin", date(2026, 3, 29), utc(2026, 3, 29, 0), utc(2026, 3, 29, 2)),
    # New York: 01:00 EDT is 05:00 UTC, 04:00 EST is 09:00 UTC; in spring 01:00 EST 06:00, 04:00 EDT 08:00.
    ("America/New_York", date(2026, 11, 1), utc(2026, 11, 1, 5), utc(2026, 11, 1, 9)),
    ("America/New_York", date(2026, 3, 8), utc(2026, 3, 8, 6), utc(2026, 3, 8, 8)),
])
def test_a_night_window_on_a_dst_sunday_is_longer_or_shorter(zone: str, day: date, opens: datetime,
                                                              closes: datetime) -> None:
    calendar = BusinessCalendar(zone, (*DEFAULT_WEEK[:6], (W("01:00-04:00"),)))
    assert calendar.working_intervals(day) == [(opens, closes)]
    # Saturday noon to Monday 00:00 UTC holds no other working time (Monday starts 09:00 local).
    saturday_noon = datetime.combine(day, datetime.min.time(), UTC) - 12 * H
    assert calendar.working_time_between(saturday_noon, saturday_noon + 36 * H) == closes - opens


def test_windows_that_begin_in_the_gap_or_in_the_repeated_hour() -> None:
    calendar = BusinessCalendar("Europe/Berlin", ((W("02:30-05:00"),),) * 7)
    # 02:30 does not exist on 03-29: the window opens at the jump, 01:00 UTC; 05:00 CEST is 03:00 UTC.
    assert calendar.working_intervals(date(2026, 3, 29)) == [(utc(2026, 3, 29, 1), utc(2026, 3, 29, 3))]
    # 02:30 happens twice on 10-25: the window opens at the first, 02:30 CEST = 00:30 UTC; 05:00 CET = 04:00 UTC.
    assert calendar.working_intervals(date(2026, 10, 25)) == [(utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 4))]
    # A window entirely inside the gap does not exist that day.
    assert BusinessCalendar("Europe/Berlin", ((W("02:10-02:50"),),) * 7).working_intervals(date(2026, 3, 29)) == []
    # Both 02:30s (00:30 and 01:30 UTC) are working time.
    assert calendar.is_working_time(utc(2026, 10, 25, 0, 30)) and calendar.is_working_time(utc(2026, 10, 25, 1, 30))
    # A window ending at a repeated time closes at its last occurrence: 00:00 CEST (22:00 UTC) to 02:30 CET
    # (01:30 UTC); the next window, opening at the first 02:30, starts where the first ends instead of overlapping.
    split = BusinessCalendar("Europe/Berlin", ((W("00:00-02:30"), W("02:30-05:00")),) * 7)
    assert split.working_intervals(date(2026, 10, 25)) == [(utc(2026, 10, 24, 22), utc(2026, 10, 25, 1, 30)),
                                                          (utc(2026, 10, 25, 1, 30), utc(2026, 10, 25, 4))]
    assert split.working_time_between(utc(2026, 10, 24, 12), utc(2026, 10, 25, 12)) == 6 * H


def test_a_window_ending_at_midnight_ends_at_the_next_local_midnight() -> None:
    calendar = BusinessCalendar("Asia/Shanghai", ((W("22:00-24:00"),),) * 7)
    assert calendar.working_intervals(date(2026, 5, 6)) == [(utc(2026, 5, 6, 14), utc(2026, 5, 6, 16))]
    # 2 h from 22:00 ends at midnight (16:00 UTC), and midnight is still working time.
    assert calendar.add_working_time(cst(2026, 5, 6, 22), 2 * H) == utc(2026, 5, 6, 16)
    assert calendar.is_working_time(cst(2026, 5, 7, 0))
    assert calendar.next_working_instant(cst(2026, 5, 7, 0)) == utc(2026, 5, 6, 16)  # the previous day's window
    assert calendar.add_working_time(cst(2026, 5, 7, 0), H) == utc(2026, 5, 7, 15)  # then 23:00 the next night


# --- timers ----------------------------------------------------------------------------------------------------

def _monday_timer(basis: TimeBasis = TimeBasis.WORKING, at: datetime | None = None, budget: timedelta = 4 * H) -> Timer:
    return start_timer(TimerKind.RESOLUTION, CN_2026, basis, budget, 0.75, at or cst(2026, 11, 16, 9))


def test_a_timer_runs_warns_at_75_percent_and_breaches_after_its_deadline() -> None:
    timer = _monday_timer()
    assert timer.started_at == utc(2026, 11, 16, 1)
    # 4 h from Mon 09:00: 09:00-12:00 (3 h), 13:30-14:30 (1 h); the warning after 3 h, at 12:00.
    assert timer.due_at == utc(2026, 11, 16, 6, 30) and timer.warn_at == utc(2026, 11, 16, 4)
    assert timer_status(timer, cst(2026, 11, 16, 11, 59)) == TimerStatus.RUNNING
    assert timer_status(timer, cst(2026, 11, 16, 12)) == TimerStatus.WARNING
    assert timer_status(timer, cst(2026, 11, 16, 14, 30)) == TimerStatus.WARNING  # due is on time
    assert timer_status(timer, cst(2026, 11, 16, 14, 30) + US) == TimerStatus.BREACHED
    assert remaining(timer, CN_2026, cst(2026, 11, 16, 11)) == 3.5 * H  # clock time to the deadline
    assert remaining(timer, CN_2026, cst(2026, 11, 16, 15)) == -30 * MIN  # how late


def test_met_before_the_deadline_is_met_and_after_it_is_breached() -> None:
    timer = _monday_timer()
    on_time = meet_timer(timer, CN_2026, cst(2026, 11, 16, 14))
    assert timer_status(on_time, cst(2026, 11, 30)) == TimerStatus.MET
    assert remaining(on_time, CN_2026, utc(2027, 1, 1)) is None
    late = meet_timer(timer, CN_2026, cst(2026, 11, 16, 15))
    assert timer_status(late, cst(2026, 11, 16, 15)) == TimerStatus.BREACHED
    with pytest.raises(ValueError, match="already met"):
        meet_timer(on_time, CN_2026, cst(2026, 11, 16, 15))
    with pytest.raises(ValueError):
        pause_timer(on_time, cst(2026, 11, 16, 15))


def test_a_paused_timer_is_frozen_and_resuming_moves_the_deadline_by_the_paused_working_time() -> None:
    paused = pause_timer(_monday_timer(), cst(2026, 11, 16, 10))
    assert timer_status(paused, cst(2026, 11, 20)) == TimerStatus.PAUSED
    # Left at 10:00: 10:00-12:00 and 13:30-14:30, 3 h, however long the pause lasts.
    assert remaining(paused, CN_2026, cst(2026, 11, 16, 10)) == 3 * H
    assert remaining(paused, CN_2026, cst(2026, 11, 19, 10)) == 3 * H
    resumed = resume_timer(paused, CN_2026, cst(2026, 11, 16, 11))
    # 1 h paused: due 14:30 -> 15:30; the warning 12:00 (end of the morning) -> 14:30.
    assert resumed.due_at == utc(2026, 11, 16, 7, 30) and resumed.warn_at == utc(2026, 11, 16, 6, 30)
    assert resumed.paused_for == H and resumed.paused_at is None
    assert timer_status(resumed, cst(2026, 11, 16, 15)) == TimerStatus.WARNING
    with pytest.raises(ValueError, match="paused"):
        pause_timer(paused, cst(2026, 11, 16, 11))
    with pytest.raises(ValueError, match="before it was paused"):
        resume_timer(paused, CN_2026, cst(2026, 11, 16, 9, 59))
    with pytest.raises(ValueError, match="only a paused"):
        resume_timer(resumed, CN_2026, cst(2026, 11, 16, 12))


def test_a_pause_over_night_adds_only_its_working_time() -> None:
    # 4 working hours from Mon 16:00: Mon 16:00-18:00, Tue 09:00-11:00.
    timer = _monday_timer(at=cst(2026, 11, 16, 16))
    assert timer.due_at == utc(2026, 11, 17, 3)  # Tue 11:00 CST
    # Paused Mon 17:00 to Tue 10:00: 17:00-18:00 and 09:00-10:00 are 2 working hours, not 17.
    resumed = resume_timer(pause_timer(timer, cst(2026, 11, 16, 17)), CN_2026, cst(2026, 11, 17, 10))
    assert resumed.paused_for == 2 * H
    assert resumed.due_at == utc(2026, 11, 17, 6, 30)  # Tue 11:00 + 2 h across lunch: 14:30 CST
    # Around the clock the same pause is 17 h: Mon 20:00 + 17 h is Tue 13:00 CST.
    clock = _monday_timer(TimeBasis.CLOCK, cst(2026, 11, 16, 16))
    assert clock.due_at == utc(2026, 11, 16, 12)
    resumed = resume_timer(pause_timer(clock, cst(2026, 11, 16, 17)), CN_2026, cst(2026, 11, 17, 10))
    assert resumed.paused_for == 17 * H and resumed.due_at == utc(2026, 11, 17, 5)


def test_a_pause_that_begins_after_the_deadline_cannot_unbreach_it() -> None:
    # 2 h from Mon 16:00 is due at 18:00 sharp; paused at 20:00, it is already breached.
    timer = _monday_timer(at=cst(2026, 11, 16, 16), budget=2 * H)
    assert timer.due_at == utc(2026, 11, 16, 10)
    paused = pause_timer(timer, cst(2026, 11, 16, 20))
    assert timer_status(paused, cst(2026, 11, 16, 21)) == TimerStatus.BREACHED
    # It stays overdue by the 2 h it was late when paused (not "0 left"), frozen while paused.
    assert remaining(paused, CN_2026, cst(2026, 11, 16, 21)) == -2 * H
    assert remaining(paused, CN_2026, cst(2026, 11, 17, 9)) == -2 * H
    # Moving 18:00 by the pause's 1 working hour (Tue 09:00-10:00) would land on Tue 10:00, the resume
    # instant itself, and a reply then would count as met: the deadline stays.
    resume_at = cst(2026, 11, 17, 10)
    resumed = resume_timer(paused, CN_2026, resume_at)
    assert resumed.due_at == timer.due_at <= resume_at
    assert timer_status(resumed, resume_at) == TimerStatus.BREACHED
    assert timer_status(meet_timer(resumed, CN_2026, resume_at), resume_at) == TimerStatus.BREACHED
    assert timer_status(meet_timer(paused, CN_2026, resume_at), resume_at) == TimerStatus.BREACHED
    # A pause at the deadline itself is not late: it is paused, and resuming moves the deadline.
    on_the_dot = pause_timer(timer, cst(2026, 11, 16, 18))
    assert timer_status(on_the_dot, cst(2026, 11, 16, 21)) == TimerStatus.PAUSED
    assert resume_timer(on_the_dot, CN_2026, cst(2026, 11, 17, 10)).due_at == utc(2026, 11, 17, 2)


def test_met_while_paused_counts_the_pause() -> None:
    paused = pause_timer(_monday_timer(), cst(2026, 11, 16, 10))  # 3 h left, due 14:30
    met = meet_timer(paused, CN_2026, cst(2026, 11, 16, 16))
    # Resumed at 16:00 first: 4.5 working hours paused move 14:30 to Tue 10:00, so 16:00 is on time.
    assert met.paused_at is None and met.met_at == utc(2026, 11, 16, 8)
    assert met.due_at == utc(2026, 11, 17, 2) and met.paused_for == 4.5 * H
    assert timer_status(met, cst(2026, 11, 18)) == TimerStatus.MET


def test_timer_arguments_are_checked() -> None:
    at = cst(2026, 11, 16, 9)
    for budget, fraction in ((timedelta(0), 0.5), (-H, 0.5), (H, 0.0), (H, 1.0), (H, 1.5)):
        with pytest.raises(ValueError):
            start_timer(TimerKind.CONFIRMATION, CN_2026, TimeBasis.WORKING, budget, fraction, at)
    with pytest.raises(ValueError, match="time zone"):
        start_timer(TimerKind.CONFIRMATION, CN_2026, TimeBasis.CLOCK, H, 0.5, at.replace(tzinfo=None))
    with pytest.raises(ValueError, match="before it started"):
        pause_timer(_monday_timer(), cst(2026, 11, 16, 8))


# --- calendar rules ----------------------------------------------------------------------------------------------

def test_working_windows_parse_and_print() -> None:
    assert W("09:00-12:00") == WorkingWindow(540, 720) and str(W("09:00-12:00")) == "09:00-12:00"
    assert W("13:30-24:00") == WorkingWindow(810, 1440) and str(W(" 9:05 - 24:00 ")) == "09:05-24:00"
    for bad in ("", "9-12", "09:00", "12:00-09:00", "09:00-09:00", "24:00-24:00", "09:60-10:00", "25:00-26:00",
                "09:00-24:01", "ab:cd-ef:gh"):
        with pytest.raises(ValueError):
            W(bad)


def test_problems_name_each_bad_field() -> None:
    assert BusinessCalendar().problems() == [] and CN_2026.problems() == []
    week = (
        (W("09:00-12:00"), W("11:00-18:00")),  # overlap
        (W("13:00-18:00"), W("09:00-12:00")),  # out of order
        (WorkingWindow(1000, 1500),),  # past midnight
        (WorkingWindow(600, 600),),  # empty
        (WorkingWindow(-5, 60),),  # before midnight
        (), ())
    days = (CalendarDay(date(2026, 5, 1), DayKind.HOLIDAY),
            CalendarDay(date(2026, 5, 1), DayKind.WORKING),  # the same date again
            CalendarDay(date(2026, 5, 2), DayKind.HOLIDAY, windows=LUNCH),  # a holiday with windows
            CalendarDay(date(2026, 5, 9), DayKind.WORKING, windows=(WorkingWindow(720, 540),)))
    fields = [e.field for e in BusinessCalendar("Mars/Olympus_Mons", week, days).problems()]
    assert fields == ["time_zone", "week.0", "week.1", "week.2", "week.3", "week.4", "days.1", "days.2", "days.3"]
    assert [e.field for e in BusinessCalendar(week=DEFAULT_WEEK[:6]).problems()] == ["week"]
    assert [e.field for e in BusinessCalendar(week=((),) * 7).problems()] == ["week"]
    for zone in ("", "Europe", "Asia/Shanghai ", "localtime", "/etc/localtime"):
        assert [e.field for e in BusinessCalendar(time_zone=zone).problems()] == ["time_zone"]


def test_a_calendar_without_working_time_never_ends_a_timer() -> None:
    idle = BusinessCalendar(week=((),) * 7)
    with pytest.raises(ValueError, match="no working time"):
        idle.add_working_time(utc(2026, 1, 1), H)
    # Measuring between two instants always ends, even over more than the search horizon.
    assert idle.working_time_between(utc(2026, 1, 1), utc(2037, 1, 1)) == timedelta(0)
    # An adjusted working day alone still gives working time (the standard day is empty, so it needs windows).
    one_day = BusinessCalendar(week=((),) * 7, days=(CalendarDay(date(2026, 2, 14), DayKind.WORKING,
                                                                 windows=(W("10:00-11:00"),)),))
    assert one_day.next_working_instant(utc(2026, 1, 1)) == utc(2026, 2, 14, 2)


def test_naive_datetimes_and_negative_durations_are_refused() -> None:
    naive = utc(2026, 1, 1).replace(tzinfo=None)
    calls: list[Callable[[], object]] = [
        lambda: CN_2026.is_working_time(naive), lambda: CN_2026.next_working_instant(naive),
        lambda: CN_2026.working_time_between(naive, utc(2026, 2, 1)), lambda: CN_2026.add_working_time(naive, H),
        lambda: elapsed(CN_2026, TimeBasis.CLOCK, naive, utc(2026, 2, 1)),
        lambda: add_time(CN_2026, TimeBasis.CLOCK, naive, H), lambda: CN_2026.add_working_time(utc(2026, 1, 1), -US)]
    for call in calls:
        with pytest.raises(ValueError):
            call()
    assert elapsed(CN_2026, TimeBasis.CLOCK, utc(2026, 2, 1), utc(2026, 1, 1)) == timedelta(0)


def test_public_holidays_of_china_2026() -> None:
    days = public_holidays("CN", [2026])
    assert [d.day for d in days] == sorted({d.day for d in days})  # sorted, one entry per date
    assert {d.day.year for d in days} == {2026}
    adjusted = [d for d in days if d.kind == DayKind.WORKING]
    assert [d.day for d in adjusted] == [date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28), date(2026, 5, 9),
                                        date(2026, 9, 20), date(2026, 10, 10)]
    assert {d.name for d in adjusted} == {"Adjusted working day"}
    by_day = {d.day: d for d in days}
    assert by_day[date(2026, 10, 1)] == CalendarDay(date(2026, 10, 1), DayKind.HOLIDAY, "National Day")
    assert all(by_day[date(2026, 10, n)].kind == DayKind.HOLIDAY for n in (1, 2, 3, 5, 6, 7))
    chinese = {d.day: d.name for d in public_holidays("CN", [2026], language="zh_CN")}
    assert chinese[date(2026, 10, 1)] == "国庆节" and chinese[date(2026, 10, 10)] == "调休上班"
    with pytest.raises(ValueError, match="XX"):
        public_holidays("XX", [2026])
