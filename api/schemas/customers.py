"""Customer archive requests and responses."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, Field, StringConstraints

from api.schemas.common import (
    BusinessDate,
    Grades,
    Id,
    OptionalShortText,
    OptionalText,
    OrgUnitRef,
    Phone,
    ShortText,
    StrictModel,
    UnitCode,
    UserRef,
)
from domain.audit import AuditRecord
from domain.customers.model import (
    Contact,
    CurrentTiers,
    Customer,
    CustomerType,
    DecisionRole,
    GrowthPotential,
    LeadSource,
    OwnershipPeriod,
    Partition,
    registration_id_problem,
)
from domain.dates import RANGE_TEXT
from domain.scoring.model import Grade
from domain.tiering.model import AbcClass, KeyAccountLevel

Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=30)]
def _check_registration_id(value: str) -> str:
    problem = registration_id_problem(value)
    if problem:
        raise ValueError(problem)
    return value


# The domain's rule and message (not a raw pattern) so people read why.
RegistrationId = Annotated[str, StringConstraints(strip_whitespace=True, max_length=64),
                           AfterValidator(_check_registration_id)]
Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=254,
                                         pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
ExternalId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class Characteristics(StrictModel):
    """客户特质: what the customer is like (all optional)."""

    qualification: OptionalText = None
    registered_capital: Annotated[Decimal, Field(ge=0, max_digits=18, decimal_places=2)] | None = Field(
        default=None, description="CNY")
    business_performance: OptionalText = None
    designer_count: Annotated[int, Field(ge=0, le=100000)] | None = None
    project_manager_count: Annotated[int, Field(ge=0, le=100000)] | None = None
    outlet_count: Annotated[int, Field(ge=0, le=100000)] | None = None
    market_share_pct: Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2)] | None = None
    annual_purchasing: Annotated[Decimal, Field(ge=0, max_digits=18, decimal_places=2)] | None = Field(
        default=None, description="The customer's declared total purchasing per year (CNY), across all "
                                  "suppliers: the base of the order-share indicator.")
    growth_potential: GrowthPotential | None = None
    business_philosophy: OptionalText = None
    ownership: OptionalText = None
    scale: OptionalText = None
    financial_status: OptionalText = None
    credit_rating: OptionalShortText = None
    corporate_image: OptionalText = None
    staff_quality: OptionalText = None
    competitor_relations: OptionalText = None
    known_problems: OptionalText = None


Latitude = Annotated[Decimal, Field(ge=-90, le=90, max_digits=9, decimal_places=6, examples=["31.230416"])]
Longitude = Annotated[Decimal, Field(ge=-180, le=180, max_digits=9, decimal_places=6, examples=["121.473701"])]


class CustomerCreate(StrictModel):
    name: ShortText
    customer_type: CustomerType
    external_id: ExternalId | None = None
    registration_id: RegistrationId | None = None
    address: OptionalText = None
    region: OptionalShortText = None
    phone: Phone = None
    tags: Annotated[list[Tag], Field(max_length=20, default_factory=list)]
    lead_source: LeadSource | None = None
    referrer: OptionalShortText = None
    partition: Partition = Partition.REGULAR
    characteristics: Characteristics = Characteristics()
    owner_id: Id | None = Field(default=None, description="Account manager; defaults to the creator.")
    org_unit_code: UnitCode | None = Field(default=None, description="Owning store; defaults to the owner's unit.")


class CustomerUpdate(StrictModel):
    """Any subset of the editable fields; `characteristics` is merged key by key (null removes a key)."""

    name: ShortText = None  # type: ignore[assignment]  # omitted = unchanged; null is rejected
    customer_type: CustomerType = None  # type: ignore[assignment]
    external_id: ExternalId | None = None
    registration_id: RegistrationId | None = None
    address: OptionalText = None
    region: OptionalShortText = None
    phone: Phone = None
    tags: Annotated[list[Tag], Field(max_length=20)] = None  # type: ignore[assignment]
    lead_source: LeadSource | None = None
    referrer: OptionalShortText = None
    partition: Partition = None  # type: ignore[assignment]
    characteristics: Characteristics = None  # type: ignore[assignment]
    latitude: Latitude | None = Field(default=None, description="Where the customer is (WGS 84); set and "
                                                                "cleared together with `longitude`.")
    longitude: Longitude | None = None


class CustomerRead(BaseModel):
    id: int
    code: str
    version: int
    external_id: str | None
    source_system: str | None
    name: str
    customer_type: CustomerType
    registration_id: str | None
    address: str | None
    region: str | None
    phone: str | None
    tags: list[str]
    lead_source: LeadSource | None
    referrer: str | None
    partition: Partition
    abandon_reason: str | None
    abandon_review_on: date | None
    owner: UserRef | None
    org_unit: OrgUnitRef
    characteristics: Characteristics
    grades: Grades | None = Field(description="Current grades, from the last approved score sheet.")
    category: str | None = Field(description="Current category (a category rule's key), from the grades.")
    graded_period: str | None = Field(description="The quarter of the sheet the grades come from.")
    key_account_level: KeyAccountLevel | None = Field(description="From trailing-12-month net revenue, as of the "
                                                                  "last tier recompute.")
    abc_class: AbcClass | None
    revenue_12m: Decimal | None = Field(description="Trailing-12-month net revenue (this month and the 11 before, "
                                                    "as of the last tier recompute): the tiers page's figure.")
    health_score: Decimal | None = Field(description="Health score 0-100 of the latest loyalty recompute.")
    latitude: Decimal | None = Field(description="Where the customer is (WGS 84 degrees): visits' check-ins are "
                                                 "checked against it.")
    longitude: Decimal | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, c: Customer) -> CustomerRead:
        t = c.tiers or CurrentTiers()
        return cls(
            id=c.id, code=c.code, version=c.version, external_id=c.external_id, source_system=c.source_system,
            name=c.name, customer_type=c.customer_type, registration_id=c.registration_id, address=c.address,
            region=c.region, phone=c.phone, tags=list(c.tags), lead_source=c.lead_source, referrer=c.referrer,
            partition=c.partition, abandon_reason=c.abandon_reason, abandon_review_on=c.abandon_review_on,
            owner=UserRef(id=c.owner.id, username=c.owner.username, display_name=c.owner.display_name)
            if c.owner else None,
            org_unit=OrgUnitRef(id=c.org_unit.id, code=c.org_unit.code, name=c.org_unit.name),
            characteristics=Characteristics.model_validate(
                {k: v for k, v in c.characteristics.items() if k in Characteristics.model_fields}),
            grades=Grades(potential=Grade(t.potential), possibility=Grade(t.possibility), basis=Grade(t.basis))
            if t.potential and t.possibility and t.basis else None,
            category=t.category, graded_period=t.graded_period,
            key_account_level=KeyAccountLevel(t.level) if t.level else None,
            abc_class=AbcClass(t.abc_class) if t.abc_class else None, revenue_12m=t.revenue_12m,
            health_score=c.health_score, latitude=c.latitude, longitude=c.longitude, created_at=c.created_at,
            updated_at=c.updated_at,
        )


class CustomerCountRead(BaseModel):
    count: int = Field(description="Customers matching, counted up to 10,000.")
    more: bool = Field(description="True when more than `count` match (the list says \"10,000+\").")


class Abandonment(StrictModel):
    reason: ShortText
    review_on: BusinessDate = Field(description=f"When to look at the customer again (company calendar date), "
                                                f"{RANGE_TEXT}.")


class Reinstatement(StrictModel):
    pass


class Reassignment(StrictModel):
    owner_id: Id
    org_unit_code: UnitCode | None = Field(default=None, description="Defaults to the new owner's unit.")
    reason: ShortText


class BulkReassignment(Reassignment):
    customer_ids: Annotated[list[Id], Field(min_length=1, max_length=5000)]


class BulkReassignResult(BaseModel):
    reassigned: int
    customer_ids: list[int]


class OwnershipPeriodRead(BaseModel):
    owner: UserRef | None
    org_unit: OrgUnitRef
    started_at: datetime
    ended_at: datetime | None
    reason: str | None
    changed_by: UserRef | None

    @classmethod
    def of(cls, p: OwnershipPeriod) -> OwnershipPeriodRead:
        def ref(u: Any) -> UserRef | None:
            return UserRef(id=u.id, username=u.username, display_name=u.display_name) if u else None

        return cls(owner=ref(p.owner), org_unit=OrgUnitRef(id=p.org_unit.id, code=p.org_unit.code,
                                                            name=p.org_unit.name),
                   started_at=p.started_at, ended_at=p.ended_at, reason=p.reason, changed_by=ref(p.changed_by))


class AuditRecordRead(BaseModel):
    id: int
    at: datetime
    actor: UserRef | None
    action: str
    entity_type: str
    entity_id: int
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @classmethod
    def of(cls, r: AuditRecord) -> AuditRecordRead:
        actor = UserRef(id=r.actor.id, username=r.actor.username, display_name=r.actor.display_name) \
            if r.actor else None
        return cls(id=r.id, at=r.at, actor=actor, action=r.action, entity_type=r.entity_type,
                   entity_id=r.entity_id, before=r.before, after=r.after)


class ContactCreate(StrictModel):
    name: ShortText
    decision_role: DecisionRole
    title: OptionalShortText = None
    phone: Phone = None
    email: Email | None = None
    wechat: OptionalShortText = None
    notes: OptionalText = None
    is_primary: bool = False
    started_on: BusinessDate | None = None


class ContactUpdate(StrictModel):
    name: ShortText = None  # type: ignore[assignment]
    decision_role: DecisionRole = None  # type: ignore[assignment]
    title: OptionalShortText = None
    phone: Phone = None
    email: Email | None = None
    wechat: OptionalShortText = None
    notes: OptionalText = None
    is_primary: bool = None  # type: ignore[assignment]
    started_on: BusinessDate | None = None


class ContactEnd(StrictModel):
    ended_on: BusinessDate
    reason: OptionalShortText = None


class ContactRead(BaseModel):
    id: int
    customer_id: int
    version: int
    name: str
    title: str | None
    decision_role: DecisionRole
    phone: str | None
    email: str | None
    wechat: str | None
    notes: str | None
    is_primary: bool
    started_on: date | None
    ended_on: date | None
    ended_reason: str | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, c: Contact) -> ContactRead:
        return cls(
            id=c.id, customer_id=c.customer_id, version=c.version, name=c.name, title=c.title,
            decision_role=c.decision_role, phone=c.phone, email=c.email, wechat=c.wechat, notes=c.notes,
            is_primary=c.is_primary, started_on=c.started_on, ended_on=c.ended_on, ended_reason=c.ended_reason,
            created_at=c.created_at, updated_at=c.updated_at,
        )
