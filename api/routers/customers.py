"""The customer archive: customers, contacts, ownership, audit trail."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Query, Response

from api.deps import AppSettings, CurrentClock, CurrentPrincipal, ExpectedVersion, Uow, set_etag
from api.errors import problem_responses
from api.schemas.common import BIGINT_MAX, CURSOR, LIMIT, Items, Page, PathId
from api.schemas.customers import (
    Abandonment,
    AuditRecordRead,
    BulkReassignment,
    BulkReassignResult,
    ContactCreate,
    ContactEnd,
    ContactRead,
    ContactUpdate,
    CustomerCountRead,
    CustomerCreate,
    CustomerRead,
    CustomerUpdate,
    OwnershipPeriodRead,
    Reassignment,
    Reinstatement,
)
from domain.customers import service as svc
from domain.customers.model import Customer, CustomerFilters, CustomerType, Partition
from domain.errors import FieldError, RuleViolation
from domain.loyalty.model import LifecycleStage, ValueClass
from domain.paging import PageRequest
from domain.ports import Clock
from domain.scoring.model import Grade
from domain.tiering.model import AbcClass, KeyAccountLevel
from repositories.settings import Settings

router = APIRouter(tags=["customers"])

NOT_FOUND = problem_responses(401, 403, 404, 422)
EDIT = problem_responses(401, 403, 404, 412, 422, 428)


def _today(settings: Settings, clock: Clock) -> date:
    """Today in the company's time zone (review dates and contact dates are calendar dates there)."""
    return clock.now().astimezone(ZoneInfo(settings.time_zone)).date()


def _with_etag(response: Response, customer: Customer) -> CustomerRead:
    set_etag(response, customer.version)
    return CustomerRead.of(customer)


def customer_filters(
    q: Annotated[str | None, Query(max_length=100, description=(
        "Words to find, separated by spaces (at most 6): a customer matches when every word appears in its "
        "name, code, phone, address, registration id or external id, or in a current contact's name or phone."))
    ] = None,
    external_id: Annotated[str | None, Query(max_length=100)] = None,
    owner_id: Annotated[int | None, Query(ge=1, le=BIGINT_MAX)] = None,
    org_unit_code: Annotated[str | None, Query(max_length=50)] = None,
    customer_type: CustomerType | None = None,
    partition: Annotated[Partition | None, Query(description="key, abandoned or regular; absent = all")] = None,
    category: Annotated[str | None, Query(max_length=50, description="A category rule's key.")] = None,
    key_account_level: KeyAccountLevel | None = None,
    abc_class: AbcClass | None = None,
    potential: Annotated[Grade | None, Query(description="Current potential grade.")] = None,
    possibility: Grade | None = None,
    basis: Grade | None = None,
    segment: Annotated[str | None, Query(max_length=40, description="An RFM segment's key.")] = None,
    stage: LifecycleStage | None = None,
    value_class: ValueClass | None = None,
    health_min: Annotated[Decimal | None, Query(ge=0, le=100, description="Health score at least this.")] = None,
    health_max: Annotated[Decimal | None, Query(ge=0, le=100, description="Health score at most this.")] = None,
    core: Annotated[bool | None, Query(description="Core customers (high value, high potential) or not.")] = None,
) -> CustomerFilters:
    """The customer list's filters, shared by the list and its count."""
    if health_min is not None and health_max is not None and health_min > health_max:
        raise RuleViolation([FieldError("health_min", "at most health_max")])
    grades = tuple((name, str(grade)) for name, grade in (("potential", potential), ("possibility", possibility),
                                                          ("basis", basis)) if grade is not None)
    return CustomerFilters(q=(q or "").strip() or None, external_id=external_id, owner_id=owner_id,
                           org_unit_code=org_unit_code, customer_type=customer_type, partition=partition,
                           category=category, level=str(key_account_level) if key_account_level else None,
                           abc_class=str(abc_class) if abc_class else None, grades=grades, segment=segment,
                           stage=stage.value if stage else None,
                           value_class=value_class.value if value_class else None, health_min=health_min,
                           health_max=health_max, core=core)


Filters = Annotated[CustomerFilters, Depends(customer_filters)]


@router.get("/customers", response_model=Page[CustomerRead], operation_id="customers-list",
            responses=problem_responses(401, 403, 422))
async def list_customers(
    principal: CurrentPrincipal, uow: Uow, filters: Filters,
    sort: Annotated[str, Query(pattern="^(-updated_at|name)$")] = "-updated_at",
    limit: LIMIT = 50,
    cursor: CURSOR = None,
) -> Page[CustomerRead]:
    """Customers in the caller's data scope (own, own stores, or all), keyset-paginated; filters on the current
    category, grades, key-account level and ABC class open the lists behind the tiering dashboards; filters on
    the loyalty figures (segment, stage, value class, health range, core) those behind the loyalty dashboard.
    Each customer carries its key-account level, category, trailing-12-month revenue and health score."""
    page = await svc.list_customers(uow, principal, replace(filters, sort=sort), PageRequest(limit, cursor))
    return Page(items=[CustomerRead.of(c) for c in page.items], next_cursor=page.next_cursor)


@router.get("/customers/count", response_model=CustomerCountRead, operation_id="customers-count",
            responses=problem_responses(401, 403, 422))
async def count_customers(principal: CurrentPrincipal, uow: Uow, filters: Filters) -> CustomerCountRead:
    """How many customers the list shows with the same filters, in the caller's scope: exact up to 10,000,
    beyond that `more` is true (shown as "10,000+")."""
    counted = await svc.count_customers(uow, principal, filters)
    return CustomerCountRead(count=counted.count, more=counted.more)


@router.post("/customers", response_model=CustomerRead, status_code=201, operation_id="customers-create",
             responses=problem_responses(401, 403, 422))
async def create_customer(body: CustomerCreate, response: Response, principal: CurrentPrincipal, uow: Uow,
                          clock: CurrentClock) -> CustomerRead:
    """A new customer, owned by the creator in the creator's unit unless `owner_id`/`org_unit_code` say otherwise."""
    values = body.model_dump(exclude={"owner_id", "org_unit_code"})
    values["characteristics"] = body.characteristics.model_dump(mode="json", exclude_none=True)
    customer = await svc.create_customer(uow, principal, values, owner_id=body.owner_id,
                                         org_unit_code=body.org_unit_code, clock=clock)
    response.headers["Location"] = f"/api/v1/customers/{customer.id}"
    return _with_etag(response, customer)


@router.post("/customers/reassign", response_model=BulkReassignResult, operation_id="customers-reassign-many",
             responses=problem_responses(401, 403, 404, 422))
async def reassign_many(body: BulkReassignment, principal: CurrentPrincipal, uow: Uow,
                        clock: CurrentClock) -> BulkReassignResult:
    """Moves many customers to one account manager at once (e.g. when one leaves): all or none; 404 when one of
    them is not found or outside your scope."""
    moved = await svc.reassign_customers(uow, principal, body.customer_ids, owner_id=body.owner_id,
                                         org_unit_code=body.org_unit_code, reason=body.reason, clock=clock)
    return BulkReassignResult(reassigned=len(moved), customer_ids=[c.id for c in moved])


@router.get("/customers/{customer_id}", response_model=CustomerRead, operation_id="customers-get",
            responses=NOT_FOUND)
async def get_customer(customer_id: PathId, response: Response, principal: CurrentPrincipal, uow: Uow) -> CustomerRead:
    """One customer (404 also when it lies outside the caller's scope). The ETag is its version."""
    return _with_etag(response, await svc.get_customer(uow, principal, customer_id))


@router.patch("/customers/{customer_id}", response_model=CustomerRead, operation_id="customers-update",
              responses=EDIT)
async def update_customer(customer_id: PathId, body: CustomerUpdate, response: Response, principal: CurrentPrincipal,
                          uow: Uow, clock: CurrentClock, expected_version: ExpectedVersion) -> CustomerRead:
    """Edits basic info and characteristics. `If-Match: <version>` is required: 412 when someone saved in
    between (nothing changes), 428 without it."""
    changes = body.model_dump(exclude_unset=True)
    if "characteristics" in changes:
        changes["characteristics"] = body.characteristics.model_dump(mode="json", exclude_unset=True)
    customer = await svc.update_customer(uow, principal, customer_id, changes, expected_version, clock=clock)
    return _with_etag(response, customer)


@router.post("/customers/{customer_id}/abandon", response_model=CustomerRead, operation_id="customers-abandon",
             responses=EDIT)
async def abandon(customer_id: PathId, body: Abandonment, response: Response, principal: CurrentPrincipal,
                  uow: Uow, clock: CurrentClock, settings: AppSettings,
                  expected_version: ExpectedVersion) -> CustomerRead:
    """Moves the customer to 'temporarily abandoned' with a reason and a review date."""
    customer = await svc.abandon_customer(uow, principal, customer_id, reason=body.reason, review_on=body.review_on,
                                          today=_today(settings, clock), expected_version=expected_version,
                                          clock=clock)
    return _with_etag(response, customer)


@router.post("/customers/{customer_id}/reinstate", response_model=CustomerRead, operation_id="customers-reinstate",
             responses=EDIT)
async def reinstate(customer_id: PathId, body: Reinstatement, response: Response, principal: CurrentPrincipal,
                    uow: Uow, clock: CurrentClock, expected_version: ExpectedVersion) -> CustomerRead:
    """Brings an abandoned customer back to the regular partition."""
    customer = await svc.reinstate_customer(uow, principal, customer_id, expected_version=expected_version,
                                            clock=clock)
    return _with_etag(response, customer)


@router.post("/customers/{customer_id}/reassign", response_model=CustomerRead, operation_id="customers-reassign",
             responses=NOT_FOUND)
async def reassign(customer_id: PathId, body: Reassignment, response: Response, principal: CurrentPrincipal,
                   uow: Uow, clock: CurrentClock) -> CustomerRead:
    """Gives the customer a new account manager (and store); the ownership history keeps the old one."""
    (customer,) = await svc.reassign_customers(uow, principal, [customer_id], owner_id=body.owner_id,
                                               org_unit_code=body.org_unit_code, reason=body.reason, clock=clock)
    return _with_etag(response, customer)


@router.get("/customers/{customer_id}/ownership", response_model=Items[OwnershipPeriodRead],
            operation_id="customers-ownership", responses=NOT_FOUND)
async def ownership(customer_id: PathId, principal: CurrentPrincipal, uow: Uow) -> Items[OwnershipPeriodRead]:
    """Every owner the customer has had, newest first."""
    periods = await svc.ownership_history(uow, principal, customer_id)
    return Items(items=[OwnershipPeriodRead.of(p) for p in periods])


@router.get("/customers/{customer_id}/audit", response_model=Page[AuditRecordRead], operation_id="customers-audit",
            responses=NOT_FOUND)
async def audit(customer_id: PathId, principal: CurrentPrincipal, uow: Uow, limit: LIMIT = 50,
                cursor: CURSOR = None) -> Page[AuditRecordRead]:
    """The audit trail of the customer and its contacts (who, when, before/after), newest first."""
    page = await svc.audit_trail(uow, principal, customer_id, PageRequest(limit, cursor))
    return Page(items=[AuditRecordRead.of(r) for r in page.items], next_cursor=page.next_cursor)


@router.get("/customers/{customer_id}/contacts", response_model=Items[ContactRead],
            operation_id="customers-list-contacts", responses=NOT_FOUND)
async def list_contacts(customer_id: PathId, principal: CurrentPrincipal, uow: Uow) -> Items[ContactRead]:
    """Current contacts first, then former ones."""
    return Items(items=[ContactRead.of(c) for c in await svc.list_contacts(uow, principal, customer_id)])


@router.post("/customers/{customer_id}/contacts", response_model=ContactRead, status_code=201,
             operation_id="customers-add-contact", responses=NOT_FOUND)
async def add_contact(customer_id: PathId, body: ContactCreate, principal: CurrentPrincipal, uow: Uow,
                      clock: CurrentClock) -> ContactRead:
    """A contact with their role in the buying decision; a new primary contact replaces the old one."""
    return ContactRead.of(await svc.add_contact(uow, principal, customer_id, body.model_dump(), clock=clock))


@router.patch("/contacts/{contact_id}", response_model=ContactRead, operation_id="customers-update-contact",
              responses=EDIT)
async def update_contact(contact_id: PathId, body: ContactUpdate, principal: CurrentPrincipal, uow: Uow,
                         clock: CurrentClock, expected_version: ExpectedVersion) -> ContactRead:
    """Edits a contact (`If-Match: <version>` required)."""
    contact = await svc.update_contact(uow, principal, contact_id, body.model_dump(exclude_unset=True),
                                       expected_version, clock=clock)
    return ContactRead.of(contact)


@router.post("/contacts/{contact_id}/end", response_model=ContactRead, operation_id="customers-end-contact",
             responses=NOT_FOUND)
async def end_contact(contact_id: PathId, body: ContactEnd, principal: CurrentPrincipal, uow: Uow,
                      clock: CurrentClock, settings: AppSettings) -> ContactRead:
    """The contact left or changed jobs: kept as a former contact with the date and reason."""
    contact = await svc.end_contact(uow, principal, contact_id, ended_on=body.ended_on, reason=body.reason,
                                    today=_today(settings, clock), clock=clock)
    return ContactRead.of(contact)
