"""Visits: the plan by tier, a customer's own plan, outcomes, visits and the due list. Coordinates are decimal
degrees (WGS 84), distances metres."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, Field

from api.schemas.common import BusinessDate, Id, Key, NameTranslations, ShortText, StrictModel, Text, UserRef, user_ref
from api.schemas.customers import Latitude, Longitude
from domain.tiering.model import KeyAccountLevel
from domain.visits.model import (
    MAX_ANOMALY_DISTANCE_M,
    Anomaly,
    Cadence,
    CadenceUnit,
    CheckIn,
    Completion,
    DueVisit,
    KindOverride,
    NewVisit,
    Outcome,
    PlanFacts,
    PlanOverride,
    Position,
    Visit,
    VisitAction,
    VisitKind,
    VisitSettings,
    VisitStatus,
    available_actions,
    effective_cadence,
    is_overdue,
    next_due,
)

Every = Annotated[int, Field(ge=1, le=104, description="How many weeks (at most 104) or months (at most 24).")]


class CadenceIO(StrictModel):
    every: Every
    unit: CadenceUnit

    def to_domain(self) -> Cadence:
        return Cadence(self.every, self.unit)

    @classmethod
    def of(cls, c: Cadence) -> CadenceIO:
        return cls(every=c.every, unit=c.unit)


def _cadence(c: Cadence | None) -> CadenceIO | None:
    return CadenceIO.of(c) if c else None


class CategoryCadence(StrictModel):
    category: Key = Field(description="A category rule's key (stronghold, gold_mine, marginal, watch...).")
    cadence: CadenceIO


class LevelCadence(StrictModel):
    level: KeyAccountLevel
    cadence: CadenceIO


class VisitSettingsWrite(StrictModel):
    """The whole plan by tier (a replacement): a category or level not listed gets no visits of that kind."""

    routine: Annotated[list[CategoryCadence], Field(max_length=50, description="Routine visits per category.")]
    leader: Annotated[list[LevelCadence], Field(max_length=4, description="Leader visits (领导拜访) per key-account "
                                                                          "level.")]
    anomaly_distance_m: Annotated[int, Field(ge=10, le=MAX_ANOMALY_DISTANCE_M, description=(
        "A check-in farther than this from the customer's location is flagged."))]

    def to_domain(self) -> VisitSettings:
        return VisitSettings({r.category: r.cadence.to_domain() for r in self.routine},
                             {str(r.level): r.cadence.to_domain() for r in self.leader}, self.anomaly_distance_m, 0)


class VisitSettingsRead(BaseModel):
    routine: list[CategoryCadence]
    leader: list[LevelCadence]
    anomaly_distance_m: int
    version: int = Field(description="Send it as If-Match to change the plan.")

    @classmethod
    def of(cls, s: VisitSettings) -> VisitSettingsRead:
        return cls(routine=[CategoryCadence(category=k, cadence=CadenceIO.of(c)) for k, c in s.routine.items()],
                   leader=[LevelCadence(level=KeyAccountLevel(k), cadence=CadenceIO.of(c))
                           for k, c in s.leader.items()],
                   anomaly_distance_m=s.anomaly_distance_m, version=s.version)


class KindOverrideIO(StrictModel):
    cadence: CadenceIO | None = Field(description="The customer's own cadence; null: no visits of this kind.")


class CustomerVisitPlanWrite(StrictModel):
    """Per kind an override, or null (or absent) to follow the customer's tier."""

    routine: KindOverrideIO | None = None
    leader: KindOverrideIO | None = None

    def to_domain(self, customer_id: int) -> PlanOverride:
        def own(o: KindOverrideIO | None) -> KindOverride | None:
            return None if o is None else KindOverride(o.cadence.to_domain() if o.cadence else None)
        return PlanOverride(customer_id, own(self.routine), own(self.leader))


class KindPlanRead(BaseModel):
    kind: VisitKind
    tier_cadence: CadenceIO | None = Field(description="What the customer's tier gives (category or level).")
    override: KindOverrideIO | None = Field(description="The customer's own; null: follows the tier.")
    cadence: CadenceIO | None = Field(description="The one in force; null: no visits of this kind are planned.")
    last_visited_on: date | None
    due_on: date | None
    overdue: bool


class CustomerVisitPlanRead(BaseModel):
    customer_id: int
    uid: str | None
    category: str | None
    key_account_level: str | None
    kinds: list[KindPlanRead]
    version: int = Field(description="Send it as If-Match to change the plan (0 before the first change).")

    @classmethod
    def of(cls, settings: VisitSettings, o: PlanOverride, facts: PlanFacts, today: date) -> CustomerVisitPlanRead:
        kinds = []
        for kind in (VisitKind.ROUTINE, VisitKind.LEADER):
            own = o.for_kind(kind)
            cadence = effective_cadence(kind, settings, o, facts.category, facts.level)
            due = next_due(cadence, facts.last_visited.get(kind), today)
            kinds.append(KindPlanRead(
                kind=kind, tier_cadence=_cadence(settings.cadence_for(
                    kind, facts.category if kind is VisitKind.ROUTINE else facts.level)),
                override=KindOverrideIO(cadence=_cadence(own.cadence)) if own else None, cadence=_cadence(cadence),
                last_visited_on=facts.last_visited.get(kind), due_on=due,
                overdue=due is not None and is_overdue(due, today)))
        return cls(customer_id=o.customer_id, uid=o.uid, category=facts.category, key_account_level=facts.level,
                   kinds=kinds, version=o.version)


class OutcomeWrite(StrictModel):
    name: ShortText
    name_translations: NameTranslations = Field(default_factory=dict)
    active: bool = True
    position: Annotated[int, Field(ge=0, le=1000)] = 0

    def to_domain(self, code: str) -> Outcome:
        return Outcome(code, self.name, self.name_translations, self.active, self.position)


class OutcomeRead(BaseModel):
    code: str
    name: str
    name_translations: dict[str, str]
    active: bool
    position: int
    version: int

    @classmethod
    def of(cls, o: Outcome) -> OutcomeRead:
        return cls(code=o.code, name=o.name, name_translations=o.name_translations, active=o.active,
                   position=o.position, version=o.version)


class VisitCreate(StrictModel):
    customer_id: Id
    kind: VisitKind = VisitKind.ROUTINE
    planned_on: BusinessDate = Field(description="The day (company calendar), today or later.")
    notes: Text | None = None

    def to_domain(self) -> NewVisit:
        return NewVisit(self.customer_id, self.kind, self.planned_on, self.notes)


class VisitCheckIn(StrictModel):
    """The device's position; without one the check-in is flagged `no_position`."""

    latitude: Latitude | None = None
    longitude: Longitude | None = None
    accuracy_m: Annotated[Decimal, Field(ge=0, le=100000, max_digits=7, decimal_places=1)] | None = None

    def to_domain(self) -> CheckIn:
        if self.latitude is None or self.longitude is None:
            return CheckIn(None)
        return CheckIn(Position(self.latitude, self.longitude, self.accuracy_m))


class VisitCompletion(StrictModel):
    contact_ids: Annotated[list[Id], Field(max_length=50, description="The customer's contacts met.")] = Field(
        default_factory=list)
    notes: Annotated[str, Field(max_length=5000)] | None = None
    outcome: Key | None = Field(default=None, description="An active outcome's code.")
    next_step: Text | None = None
    next_step_on: BusinessDate | None = Field(default=None, description="After today: plans the next visit of "
                                                                        "the same kind on that day.")

    def to_domain(self) -> Completion:
        return Completion(tuple(dict.fromkeys(self.contact_ids)), self.notes, self.outcome, self.next_step,
                          self.next_step_on)


class VisitClosing(StrictModel):
    reason: ShortText | None = None


class PositionRead(BaseModel):
    latitude: Decimal
    longitude: Decimal
    accuracy_m: Decimal | None


class VisitRead(BaseModel):
    id: int
    uid: str
    customer_id: int
    customer_name: str
    kind: VisitKind
    status: VisitStatus
    planned_on: date
    owner: UserRef | None
    notes: str | None
    checked_in_at: datetime | None
    position: PositionRead | None = Field(description="Where the device checked in.")
    distance_m: int | None = Field(description="From the customer's location, when both are known.")
    anomalies: list[Anomaly] = Field(description="Why the check-in is flagged: no_position, too_far.")
    checked_out_at: datetime | None
    visited_on: date | None = Field(description="The local day of the check-in, once completed.")
    contact_ids: list[int]
    outcome: str | None
    next_step: str | None
    next_step_on: date | None
    next_visit_id: int | None
    cancel_reason: str | None
    actions: list[VisitAction] = Field(description="What the visit's status allows next.")
    version: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, v: Visit) -> VisitRead:
        p = v.position
        return cls(id=v.id, uid=v.uid, customer_id=v.customer_id, customer_name=v.customer_name, kind=v.kind,
                   status=v.status, planned_on=v.planned_on, owner=user_ref(v.owner), notes=v.notes,
                   checked_in_at=v.checked_in_at,
                   position=PositionRead(latitude=p.latitude, longitude=p.longitude, accuracy_m=p.accuracy_m)
                   if p else None, distance_m=v.distance_m, anomalies=list(v.anomalies),
                   checked_out_at=v.checked_out_at, visited_on=v.visited_on, contact_ids=list(v.contact_ids),
                   outcome=v.outcome, next_step=v.next_step, next_step_on=v.next_step_on,
                   next_visit_id=v.next_visit_id, cancel_reason=v.cancel_reason,
                   actions=available_actions(v.status), version=v.version, created_at=v.created_at,
                   updated_at=v.updated_at)


class DueVisitRead(BaseModel):
    customer_id: int
    customer_name: str
    owner: UserRef | None
    kind: VisitKind
    cadence: CadenceIO
    last_visited_on: date | None
    due_on: date
    overdue: bool = Field(description="Due before today (company time zone).")
    planned_on: date | None = Field(description="The earliest visit of this kind already planned.")

    @classmethod
    def of(cls, d: DueVisit) -> DueVisitRead:
        return cls(customer_id=d.customer_id, customer_name=d.customer_name, owner=user_ref(d.owner), kind=d.kind,
                   cadence=CadenceIO.of(d.cadence), last_visited_on=d.last_visited_on, due_on=d.due_on,
                   overdue=d.overdue, planned_on=d.planned_on)
