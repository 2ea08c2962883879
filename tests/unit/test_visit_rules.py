"""The visit rules of domain/visits/model.py (docs/domain.md section 8): cadences and due dates (month ends,
weeks, overrides, leader cadence by level), check-in anomalies by distance, and the visit's states."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.errors import Conflict
from domain.visits.model import (
    Anomaly,
    Cadence,
    CadenceUnit,
    KindOverride,
    Location,
    PlanOverride,
    Position,
    VisitAction,
    VisitKind,
    VisitSettings,
    VisitStatus,
    add_cadence,
    available_actions,
    distance_m,
    effective_cadence,
    is_overdue,
    next_due,
    review_check_in,
    transition,
)

MONTH, QUARTER, TWO_WEEKS = Cadence(1, CadenceUnit.MONTH), Cadence(3, CadenceUnit.MONTH), Cadence(2, CadenceUnit.WEEK)
TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(("day", "cadence", "expected"), [
    (date(2026, 1, 31), MONTH, date(2026, 2, 28)),  # clamped to the month's end
    (date(2028, 1, 31), MONTH, date(2028, 2, 29)),  # a leap year
    (date(2026, 3, 31), MONTH, date(2026, 4, 30)),
    (date(2026, 11, 30), QUARTER, date(2027, 2, 28)),  # across the year's end
    (date(2026, 12, 20), TWO_WEEKS, date(2027, 1, 3)),
    (date(2026, 2, 28), MONTH, date(2026, 3, 28)),  # from a month's end: the same day number, not the end
    (date(2026, 8, 31), Cadence(6, CadenceUnit.MONTH), date(2027, 2, 28)),
])
def test_a_cadence_adds_months_clamped_to_the_months_end_then_days(day: date, cadence: Cadence,
                                                                    expected: date) -> None:
    assert add_cadence(day, cadence) == expected


def test_the_next_visit_is_due_one_cadence_after_the_last_and_now_when_never_visited() -> None:
    assert next_due(MONTH, date(2026, 10, 20), TODAY) == date(2026, 11, 20)
    assert is_overdue(date(2026, 11, 20), TODAY)
    assert next_due(MONTH, None, TODAY) == TODAY and not is_overdue(TODAY, TODAY)  # never visited: due now
    assert next_due(TWO_WEEKS, date(2026, 11, 20), TODAY) == date(2026, 12, 4)
    assert next_due(None, date(2020, 1, 1), TODAY) is None  # no cadence: nothing is due


def test_the_cadence_follows_the_tier_unless_the_customer_has_its_own() -> None:
    settings = VisitSettings()
    assert effective_cadence(VisitKind.ROUTINE, settings, None, "stronghold", None) == MONTH
    assert effective_cadence(VisitKind.ROUTINE, settings, None, "gold_mine", None) == TWO_WEEKS
    assert effective_cadence(VisitKind.ROUTINE, settings, None, "marginal", None) == QUARTER
    assert effective_cadence(VisitKind.ROUTINE, settings, None, "watch", None) is None
    assert effective_cadence(VisitKind.ROUTINE, settings, None, None, "special") is None  # not graded yet
    # Leader visits by key-account level: special and A twice a year, B and C none.
    assert effective_cadence(VisitKind.LEADER, settings, None, "watch", "special") == Cadence(6, CadenceUnit.MONTH)
    assert effective_cadence(VisitKind.LEADER, settings, None, "watch", "A") == Cadence(6, CadenceUnit.MONTH)
    assert effective_cadence(VisitKind.LEADER, settings, None, "stronghold", "B") is None
    own = PlanOverride(1, routine=KindOverride(Cadence(1, CadenceUnit.WEEK)), leader=KindOverride(None))
    assert effective_cadence(VisitKind.ROUTINE, settings, own, "marginal", "A") == Cadence(1, CadenceUnit.WEEK)
    assert effective_cadence(VisitKind.LEADER, settings, own, "marginal", "A") is None  # overridden to none
    only_routine = PlanOverride(1, routine=KindOverride(None))
    assert effective_cadence(VisitKind.LEADER, settings, only_routine, "marginal", "A") == \
        Cadence(6, CadenceUnit.MONTH)  # the other kind still follows the tier
    assert effective_cadence(VisitKind.RETURN_VISIT, settings, None, "stronghold", "special") is None


def test_the_plan_names_unknown_tiers_and_bad_cadences() -> None:
    bad = VisitSettings(routine={"diamond": Cadence(0, CadenceUnit.WEEK), "stronghold": Cadence(25, CadenceUnit.MONTH)},
                        leader={"special": MONTH}, anomaly_distance_m=5)
    assert [e.field for e in bad.problems({"stronghold"}, {"special", "A", "B", "C"})] == [
        "routine.diamond", "routine.diamond.every", "routine.stronghold.every", "anomaly_distance_m"]
    assert VisitSettings().problems({"stronghold", "gold_mine", "marginal", "watch"}, {"special", "A"}) == []


SHANGHAI = Location(Decimal("31.240000"), Decimal("121.490000"))


def test_haversine_distances() -> None:
    assert distance_m(SHANGHAI, SHANGHAI) == 0
    # One thousandth of a degree of latitude is about 111 m anywhere.
    assert distance_m(SHANGHAI, Location(Decimal("31.241000"), Decimal("121.490000"))) == pytest.approx(111.2, 0.01)
    # Shanghai (People's Square) to Hangzhou (West Lake): about 165 km.
    hangzhou = Location(Decimal("30.250000"), Decimal("120.150000"))
    assert distance_m(Location(Decimal("31.230000"), Decimal("121.473000")), hangzhou) == pytest.approx(165_000,
                                                                                                          0.02)


@pytest.mark.parametrize(("position", "location", "anomalies", "distance"), [
    (Position(Decimal("31.240000"), Decimal("121.490000")), SHANGHAI, (), 0),
    (Position(Decimal("31.244000"), Decimal("121.490000")), SHANGHAI, (), 445),  # within 500 m
    (Position(Decimal("31.245000"), Decimal("121.490000")), SHANGHAI, (Anomaly.TOO_FAR,), 556),
    (None, SHANGHAI, (Anomaly.NO_POSITION,), None),
    (None, None, (Anomaly.NO_POSITION,), None),
    (Position(Decimal("0"), Decimal("0")), None, (), None),  # no customer location: nothing to compare
])
def test_a_check_in_is_flagged_without_a_position_or_too_far(position: Position | None,
                                                              location: Location | None,
                                                              anomalies: tuple[Anomaly, ...],
                                                              distance: int | None) -> None:
    review = review_check_in(position, location, 500)
    assert (review.anomalies, review.distance_m) == (anomalies, distance)


def test_the_visits_states() -> None:
    assert transition(VisitStatus.PLANNED, VisitAction.CHECK_IN) is VisitStatus.IN_PROGRESS
    assert transition(VisitStatus.IN_PROGRESS, VisitAction.COMPLETE) is VisitStatus.COMPLETED
    assert transition(VisitStatus.PLANNED, VisitAction.CANCEL) is VisitStatus.CANCELLED
    assert transition(VisitStatus.IN_PROGRESS, VisitAction.CANCEL) is VisitStatus.CANCELLED
    assert transition(VisitStatus.PLANNED, VisitAction.MARK_MISSED) is VisitStatus.MISSED
    assert available_actions(VisitStatus.PLANNED) == [VisitAction.CHECK_IN, VisitAction.CANCEL,
                                                      VisitAction.MARK_MISSED]
    assert available_actions(VisitStatus.IN_PROGRESS) == [VisitAction.COMPLETE, VisitAction.CANCEL]
    for final in (VisitStatus.COMPLETED, VisitStatus.CANCELLED, VisitStatus.MISSED):
        assert available_actions(final) == []
        for action in VisitAction:
            with pytest.raises(Conflict):
                transition(final, action)
    with pytest.raises(Conflict, match=r"A planned visit cannot complete\."):
        transition(VisitStatus.PLANNED, VisitAction.COMPLETE)
    with pytest.raises(Conflict):
        transition(VisitStatus.IN_PROGRESS, VisitAction.MARK_MISSED)
