"""Visits (拜访): plans by tier, due visits, the visit's states, check-in anomalies (docs/domain.md section 8).

The rules here are the readable definitions. The due list runs as SQL for speed
(repositories/visits/repository.py `_DUE`, from the same cadences and the same month arithmetic);
tests/integration/test_visits.py `test_the_due_list_in_sql_equals_the_domain_rule` holds the two equal.
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from domain.errors import Conflict, FieldError
from domain.organisation.model import UserRef


class VisitKind(StrEnum):
    ROUTINE = "routine"  # 例行拜访, planned by the customer's category
    LEADER = "leader"  # 领导拜访, planned by the key-account level
    RETURN_VISIT = "return_visit"  # 回访
    COMPLAINT_FOLLOW_UP = "complaint_follow_up"


# The kinds a plan (a cadence) schedules; return visits and complaint follow-ups are planned one by one.
PLANNED_KINDS = (VisitKind.ROUTINE, VisitKind.LEADER)


class VisitStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"  # checked in
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    MISSED = "missed"


class VisitAction(StrEnum):
    CHECK_IN = "check in"
    COMPLETE = "complete"
    CANCEL = "cancel"
    MARK_MISSED = "be marked missed"


# planned -> in_progress (checked in) -> completed; planned or in progress -> cancelled; planned -> missed.
TRANSITIONS: dict[VisitAction, tuple[frozenset[VisitStatus], VisitStatus]] = {
    VisitAction.CHECK_IN: (frozenset({VisitStatus.PLANNED}), VisitStatus.IN_PROGRESS),
    VisitAction.COMPLETE: (frozenset({VisitStatus.IN_PROGRESS}), VisitStatus.COMPLETED),
    VisitAction.CANCEL: (frozenset({VisitStatus.PLANNED, VisitStatus.IN_PROGRESS}), VisitStatus.CANCELLED),
    VisitAction.MARK_MISSED: (frozenset({VisitStatus.PLANNED}), VisitStatus.MISSED),
}


def transition(status: VisitStatus, action: VisitAction) -> VisitStatus:
    """The status after the action; Conflict (409) when the visit's status does not allow it."""
    allowed, after = TRANSITIONS[action]
    if status not in allowed:
        raise Conflict(f"A {status} visit cannot {action}.")
    return after


def available_actions(status: VisitStatus) -> list[VisitAction]:
    return [action for action, (allowed, _) in TRANSITIONS.items() if status in allowed]


class CadenceUnit(StrEnum):
    WEEK = "week"
    MONTH = "month"


MAX_EVERY = {CadenceUnit.WEEK: 104, CadenceUnit.MONTH: 24}


@dataclass(frozen=True)
class Cadence:
    """Every `every` weeks or months."""

    every: int
    unit: CadenceUnit

    @property
    def months(self) -> int:
        return self.every if self.unit is CadenceUnit.MONTH else 0

    @property
    def days(self) -> int:
        return self.every * 7 if self.unit is CadenceUnit.WEEK else 0

    @classmethod
    def of(cls, months: int, days: int) -> Cadence:
        """From the stored parts (the repository keeps months and days, as SQL's make_interval takes them)."""
        return cls(months, CadenceUnit.MONTH) if months else cls(days // 7, CadenceUnit.WEEK)

    def problem(self) -> str | None:
        limit = MAX_EVERY[self.unit]
        return None if 1 <= self.every <= limit else f"every 1 to {limit} {self.unit}s"


def add_cadence(day: date, cadence: Cadence) -> date:
    """The day one cadence after `day`: months first, a day past the month's end clamped to its last day
    (31 January + 1 month = 28 or 29 February), then days; PostgreSQL's `date + make_interval(months, days)`."""
    month_index = day.year * 12 + day.month - 1 + cadence.months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    moved = date(year, month + 1, min(day.day, last))
    return date.fromordinal(moved.toordinal() + cadence.days)


# Defaults (domain-spec section 8): stronghold monthly, gold mine every two weeks, marginal quarterly, watch none;
# leader visits twice a year for special and A key accounts.
DEFAULT_ROUTINE: dict[str, Cadence] = {
    "stronghold": Cadence(1, CadenceUnit.MONTH),
    "gold_mine": Cadence(2, CadenceUnit.WEEK),
    "marginal": Cadence(3, CadenceUnit.MONTH),
}
DEFAULT_LEADER: dict[str, Cadence] = {
    "special": Cadence(6, CadenceUnit.MONTH),
    "A": Cadence(6, CadenceUnit.MONTH),
}
DEFAULT_ANOMALY_DISTANCE_M = 500
MAX_ANOMALY_DISTANCE_M = 100_000


@dataclass(frozen=True)
class VisitSettings:
    """The visit plan by tier, edited by administrators: a routine cadence per category (a category without one
    gets no routine visits), a leader-visit cadence per key-account level, and how far from the customer a
    check-in may be before it is flagged."""

    routine: dict[str, Cadence] = field(default_factory=lambda: dict(DEFAULT_ROUTINE))
    leader: dict[str, Cadence] = field(default_factory=lambda: dict(DEFAULT_LEADER))
    anomaly_distance_m: int = DEFAULT_ANOMALY_DISTANCE_M
    version: int = 1

    def cadence_for(self, kind: VisitKind, tier_key: str | None) -> Cadence | None:
        table = self.routine if kind is VisitKind.ROUTINE else self.leader if kind is VisitKind.LEADER else {}
        return table.get(tier_key) if tier_key is not None else None

    def problems(self, categories: set[str], levels: set[str]) -> list[FieldError]:
        out: list[FieldError] = []
        for name, table, known in (("routine", self.routine, categories), ("leader", self.leader, levels)):
            for key, cadence in table.items():
                if key not in known:
                    out.append(FieldError(f"{name}.{key}", "not a category or level the company has"))
                problem = cadence.problem()
                if problem:
                    out.append(FieldError(f"{name}.{key}.every", problem))
        if not 10 <= self.anomaly_distance_m <= MAX_ANOMALY_DISTANCE_M:
            out.append(FieldError("anomaly_distance_m", f"10 to {MAX_ANOMALY_DISTANCE_M} m"))
        return out


@dataclass(frozen=True)
class KindOverride:
    """A customer's own cadence for one kind; `cadence` None means no visits of that kind."""

    cadence: Cadence | None


@dataclass(frozen=True)
class PlanOverride:
    """A customer's own visit plan: per kind an override, or None to follow the tier's cadence."""

    customer_id: int
    routine: KindOverride | None = None
    leader: KindOverride | None = None
    version: int = 0  # 0: the customer has never had an override
    uid: str | None = None

    def for_kind(self, kind: VisitKind) -> KindOverride | None:
        return self.routine if kind is VisitKind.ROUTINE else self.leader if kind is VisitKind.LEADER else None


def effective_cadence(kind: VisitKind, settings: VisitSettings, override: PlanOverride | None,
                      category: str | None, level: str | None) -> Cadence | None:
    """The customer's cadence for the kind: its override when it has one, else its tier's (routine visits by
    category, leader visits by key-account level); None: no visits of that kind are planned."""
    own = override.for_kind(kind) if override else None
    if own is not None:
        return own.cadence
    return settings.cadence_for(kind, category if kind is VisitKind.ROUTINE else level)


def next_due(cadence: Cadence | None, last_visited_on: date | None, today: date) -> date | None:
    """When the next visit of a kind is due: one cadence after the last completed visit of that kind (its local
    day); a customer never visited is due today; None without a cadence."""
    if cadence is None:
        return None
    return today if last_visited_on is None else add_cadence(last_visited_on, cadence)


def is_overdue(due_on: date, today: date) -> bool:
    """Overdue (red) once the due day has passed, in the company's time zone."""
    return due_on < today


# --- check-in positions and anomalies -------------------------------------------------------------------------

EARTH_RADIUS_M = 6_371_008.8  # the mean radius (IUGG)


@dataclass(frozen=True)
class Location:
    latitude: Decimal
    longitude: Decimal


@dataclass(frozen=True)
class Position:
    """Where a device says it is, with its accuracy radius in metres (if it gave one)."""

    latitude: Decimal
    longitude: Decimal
    accuracy_m: Decimal | None = None


def distance_m(a: Location | Position, b: Location | Position) -> float:
    """Great-circle distance in metres (haversine)."""
    lat1, lat2 = math.radians(float(a.latitude)), math.radians(float(b.latitude))
    dlat = lat2 - lat1
    dlon = math.radians(float(b.longitude) - float(a.longitude))
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


class Anomaly(StrEnum):
    NO_POSITION = "no_position"  # checked in without a position
    TOO_FAR = "too_far"  # farther from the customer's location than the settings allow


@dataclass(frozen=True)
class CheckInReview:
    anomalies: tuple[Anomaly, ...]
    distance_m: int | None  # from the customer's location, when both are known


def review_check_in(position: Position | None, customer_location: Location | None,
                    max_distance_m: int) -> CheckInReview:
    """Flags a check-in without a position, or farther than `max_distance_m` from the customer's location
    (haversine). A customer without a location cannot be checked for distance."""
    if position is None:
        return CheckInReview((Anomaly.NO_POSITION,), None)
    if customer_location is None:
        return CheckInReview((), None)
    distance = distance_m(position, customer_location)
    return CheckInReview((Anomaly.TOO_FAR,) if distance > max_distance_m else (), round(distance))


def location_problems(latitude: Decimal | None, longitude: Decimal | None, *, prefix: str = "") -> list[FieldError]:
    """A position needs both coordinates (or neither)."""
    if (latitude is None) == (longitude is None):
        return []
    missing = "latitude" if latitude is None else "longitude"
    return [FieldError(f"{prefix}{missing}", "give both latitude and longitude, or neither")]


# --- visits -----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Outcome:
    """What a visit achieved, from a list administrators edit (seeded: order taken, follow-up needed...)."""

    code: str
    name: str
    name_translations: dict[str, str]
    active: bool = True
    position: int = 0
    version: int = 0  # 0 until saved: a new outcome is written with If-Match "0"


DEFAULT_OUTCOMES: tuple[Outcome, ...] = (
    Outcome("order_taken", "拿到订单", {"en": "Order taken"}, True, 1),
    Outcome("follow_up_needed", "需要跟进", {"en": "Follow-up needed"}, True, 2),
    Outcome("relationship_only", "维护关系", {"en": "Relationship only"}, True, 3),
    Outcome("issue_raised", "客户提出问题", {"en": "Issue raised"}, True, 4),
)


@dataclass(frozen=True)
class NewVisit:
    customer_id: int
    kind: VisitKind
    planned_on: date
    notes: str | None = None


@dataclass(frozen=True)
class CheckIn:
    position: Position | None


@dataclass(frozen=True)
class Completion:
    contact_ids: tuple[int, ...] = ()
    notes: str | None = None
    outcome: str | None = None
    next_step: str | None = None
    next_step_on: date | None = None


@dataclass(frozen=True)
class Visit:
    id: int
    uid: str
    customer_id: int
    customer_name: str
    kind: VisitKind
    status: VisitStatus
    planned_on: date
    owner: UserRef | None
    version: int
    created_at: datetime
    updated_at: datetime
    notes: str | None = None
    checked_in_at: datetime | None = None
    position: Position | None = None
    distance_m: int | None = None
    anomalies: tuple[Anomaly, ...] = ()
    checked_out_at: datetime | None = None
    visited_on: date | None = None  # the local day of the check-in, once completed: what cadences count from
    contact_ids: tuple[int, ...] = ()
    outcome: str | None = None
    next_step: str | None = None
    next_step_on: date | None = None
    next_visit_id: int | None = None
    cancel_reason: str | None = None

    def snapshot(self) -> dict[str, object]:
        """The audited state."""
        return {"status": str(self.status), "kind": str(self.kind), "planned_on": self.planned_on.isoformat(),
                "owner_id": self.owner.id if self.owner else None, "outcome": self.outcome,
                "anomalies": [str(a) for a in self.anomalies], "next_step_on":
                    self.next_step_on.isoformat() if self.next_step_on else None}

    def with_status(self, status: VisitStatus) -> Visit:
        return replace(self, status=status)


@dataclass(frozen=True)
class VisitFilters:
    owner_id: int | None = None
    org_unit_id: int | None = None
    customer_id: int | None = None
    kind: VisitKind | None = None
    status: VisitStatus | None = None
    anomalies_only: bool = False
    planned_from: date | None = None
    planned_to: date | None = None


@dataclass(frozen=True)
class DueFilters:
    owner_id: int | None = None
    org_unit_id: int | None = None
    kind: VisitKind | None = None
    overdue_only: bool = False


@dataclass(frozen=True)
class DueVisit:
    """A visit a customer's plan calls for: the kind, the cadence, the last completed visit and the due day."""

    customer_id: int
    customer_name: str
    owner: UserRef | None
    kind: VisitKind
    cadence: Cadence
    last_visited_on: date | None
    due_on: date
    overdue: bool
    planned_on: date | None  # the earliest visit of the kind already planned, if any


@dataclass(frozen=True)
class PlanFacts:
    """What a customer's plan is computed from."""

    category: str | None
    level: str | None
    last_visited: dict[VisitKind, date]
