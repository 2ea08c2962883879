"""Visits (拜访): the plan by tier and customers' own plans, outcomes, planning and logging visits (check-in,
complete, cancel, missed) and the due list. A visit is seen and written by whoever sees its customer."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from api.deps import AppSettings, CurrentClock, CurrentPrincipal, ExpectedVersion, Uow, set_etag
from api.errors import problem_responses
from api.schemas.common import BIGINT_MAX, CURSOR, LIMIT, BusinessDate, Items, Page, PathId
from api.schemas.visits import (
    CustomerVisitPlanRead,
    CustomerVisitPlanWrite,
    DueVisitRead,
    OutcomeRead,
    OutcomeWrite,
    VisitCheckIn,
    VisitClosing,
    VisitCompletion,
    VisitCreate,
    VisitRead,
    VisitSettingsRead,
    VisitSettingsWrite,
)
from domain.errors import FieldError, RuleViolation
from domain.paging import PageRequest
from domain.visits import service as svc
from domain.visits.model import (
    DueFilters,
    PlanFacts,
    PlanOverride,
    Visit,
    VisitAction,
    VisitFilters,
    VisitKind,
    VisitStatus,
    location_problems,
)
from domain.visits.model import VisitSettings as DomainVisitSettings

router = APIRouter(tags=["visits"])
ACTION_ERRORS = problem_responses(401, 403, 404, 409, 412, 422, 428)
OptionalId = Annotated[int | None, Query(ge=1, le=BIGINT_MAX)]
OutcomeCode = Annotated[str, Path(pattern=r"^[a-z][a-z0-9_]{0,49}$", description="The outcome's code.")]


def _read(visit: Visit, response: Response) -> VisitRead:
    set_etag(response, visit.version)
    return VisitRead.of(visit)


def _plan(response: Response, plan: tuple[DomainVisitSettings, PlanOverride, PlanFacts], clock: CurrentClock,
          time_zone: str) -> CustomerVisitPlanRead:
    settings, override, facts = plan
    set_etag(response, override.version)
    return CustomerVisitPlanRead.of(settings, override, facts, svc.local_today(clock, time_zone))


@router.get("/visit-settings", response_model=VisitSettingsRead, operation_id="visits-get-settings",
            responses=problem_responses(401, 403))
async def get_settings(response: Response, principal: CurrentPrincipal, uow: Uow) -> VisitSettingsRead:
    """The visit plan by tier: routine visits per category (default stronghold monthly, gold mine every two
    weeks, marginal quarterly, watch none), leader visits per key-account level (special and A twice a year),
    and the check-in distance beyond which a check-in is flagged (500 m). The ETag is its version."""
    saved = await svc.get_settings(uow, principal)
    set_etag(response, saved.version)
    return VisitSettingsRead.of(saved)


@router.put("/visit-settings", response_model=VisitSettingsRead, operation_id="visits-update-settings",
            responses=problem_responses(401, 403, 412, 422, 428))
async def update_settings(body: VisitSettingsWrite, response: Response, principal: CurrentPrincipal, uow: Uow,
                          clock: CurrentClock, expected_version: ExpectedVersion) -> VisitSettingsRead:
    """Replaces the plan by tier (visits:manage, administrators). `If-Match: <version>` is required (428
    without, 412 when stale). Categories must be the category rules' keys (422 naming the field)."""
    saved = await svc.update_settings(uow, principal, body.to_domain(), expected_version, clock=clock)
    set_etag(response, saved.version)
    return VisitSettingsRead.of(saved)


@router.get("/customers/{customer_id}/visit-plan", response_model=CustomerVisitPlanRead,
            operation_id="visits-get-customer-plan", responses=problem_responses(401, 403, 404))
async def get_customer_plan(customer_id: PathId, response: Response, principal: CurrentPrincipal, uow: Uow,
                            clock: CurrentClock, settings: AppSettings) -> CustomerVisitPlanRead:
    """The customer's plan per kind: the tier's cadence, its own override, the one in force, the last completed
    visit and the next due day."""
    return _plan(response, await svc.customer_plan(uow, principal, customer_id), clock, settings.time_zone)


@router.put("/customers/{customer_id}/visit-plan", response_model=CustomerVisitPlanRead,
            operation_id="visits-update-customer-plan", responses=problem_responses(401, 403, 404, 412, 422, 428))
async def update_customer_plan(customer_id: PathId, body: CustomerVisitPlanWrite, response: Response,
                               principal: CurrentPrincipal, uow: Uow, clock: CurrentClock, settings: AppSettings,
                               expected_version: ExpectedVersion) -> CustomerVisitPlanRead:
    """Sets the customer's own cadences (a replacement: a kind left out follows the tier). `If-Match:
    <version>` is required (0 before the first change)."""
    plan = await svc.update_customer_plan(uow, principal, body.to_domain(customer_id), expected_version,
                                          clock=clock)
    return _plan(response, plan, clock, settings.time_zone)


@router.get("/visit-outcomes", response_model=Items[OutcomeRead], operation_id="visits-list-outcomes",
            responses=problem_responses(401, 403))
async def list_outcomes(principal: CurrentPrincipal, uow: Uow) -> Items[OutcomeRead]:
    """Every visit outcome in order, inactive ones too (old visits name them)."""
    return Items(items=[OutcomeRead.of(o) for o in await svc.list_outcomes(uow, principal)])


@router.put("/visit-outcomes/{code}", response_model=OutcomeRead, operation_id="visits-save-outcome",
            responses=problem_responses(401, 403, 412, 422, 428))
async def save_outcome(code: OutcomeCode, body: OutcomeWrite, response: Response, principal: CurrentPrincipal,
                       uow: Uow, clock: CurrentClock, expected_version: ExpectedVersion) -> OutcomeRead:
    """Adds or changes an outcome (visits:manage). `If-Match: <version>` is required (`"0"` for a new code): 412
    when someone saved in between, 428 without it. Outcomes are deactivated, never deleted."""
    saved = await svc.save_outcome(uow, principal, body.to_domain(code), expected_version, clock=clock)
    set_etag(response, saved.version)
    return OutcomeRead.of(saved)


def _range(planned_from: date | None, planned_to: date | None) -> None:
    if planned_from is not None and planned_to is not None and planned_from > planned_to:
        raise RuleViolation([FieldError("planned_from", "must not be after `planned_to`")])


@router.get("/visits", response_model=Page[VisitRead], operation_id="visits-list",
            responses=problem_responses(401, 403, 404, 422))
async def list_visits(
    principal: CurrentPrincipal, uow: Uow, limit: LIMIT = 50, cursor: CURSOR = None,
    owner_id: OptionalId = None,
    org_unit_id: Annotated[int | None, Query(ge=1, le=BIGINT_MAX, description="Customers of this unit or one "
                                                                              "under it")] = None,
    customer_id: OptionalId = None, kind: VisitKind | None = None, status: VisitStatus | None = None,
    anomalies: Annotated[bool, Query(description="Only flagged check-ins")] = False,
    planned_from: Annotated[BusinessDate | None, Query()] = None,
    planned_to: Annotated[BusinessDate | None, Query()] = None,
) -> Page[VisitRead]:
    """Visits of the customers in your scope, the latest planned day first (keyset)."""
    _range(planned_from, planned_to)
    page = await svc.list_visits(uow, principal, VisitFilters(owner_id, org_unit_id, customer_id, kind, status,
                                                              anomalies, planned_from, planned_to),
                                 PageRequest(limit, cursor))
    return Page(items=[VisitRead.of(v) for v in page.items], next_cursor=page.next_cursor)


@router.get("/visits/due", response_model=Page[DueVisitRead], operation_id="visits-due",
            responses=problem_responses(401, 403, 422))
async def due_visits(
    principal: CurrentPrincipal, uow: Uow, clock: CurrentClock, settings: AppSettings,
    limit: LIMIT = 50, cursor: CURSOR = None, owner_id: OptionalId = None,
    org_unit_id: OptionalId = None, kind: Annotated[VisitKind | None, Query(
        description="routine or leader (the kinds a plan schedules)")] = None,
    overdue: Annotated[bool, Query(description="Only the overdue")] = False,
) -> Page[DueVisitRead]:
    """For each customer in your scope (not abandoned) and each kind its plan schedules: the next due day, one
    cadence after the last completed visit of the kind (today when never visited). The earliest due first, so
    the overdue (due before today, company time zone) come first."""
    page = await svc.due_visits(uow, principal, DueFilters(owner_id, org_unit_id, kind, overdue),
                                PageRequest(limit, cursor), clock=clock, time_zone=settings.time_zone)
    return Page(items=[DueVisitRead.of(d) for d in page.items], next_cursor=page.next_cursor)


@router.post("/visits", response_model=VisitRead, status_code=201, operation_id="visits-create",
             responses=problem_responses(401, 403, 422))
async def plan_visit(body: VisitCreate, response: Response, principal: CurrentPrincipal, uow: Uow,
                     clock: CurrentClock, settings: AppSettings) -> VisitRead:
    """Plans a visit of a customer in your scope for today or later; its owner is the customer's account
    manager. 422 names the field (an unknown, out-of-scope or abandoned customer; a past day)."""
    visit = await svc.plan_visit(uow, principal, body.to_domain(), clock=clock, time_zone=settings.time_zone)
    response.headers["Location"] = f"/api/v1/visits/{visit.id}"
    return _read(visit, response)


@router.get("/visits/{visit_id}", response_model=VisitRead, operation_id="visits-get",
            responses=problem_responses(401, 403, 404))
async def get_visit(visit_id: PathId, response: Response, principal: CurrentPrincipal, uow: Uow) -> VisitRead:
    """One visit; 404 outside your scope."""
    return _read(await svc.get_visit(uow, principal, visit_id), response)


@router.post("/visits/{visit_id}/check-in", response_model=VisitRead, operation_id="visits-check-in",
             responses=ACTION_ERRORS)
async def check_in(visit_id: PathId, body: VisitCheckIn, response: Response, principal: CurrentPrincipal,
                   uow: Uow, clock: CurrentClock, expected_version: ExpectedVersion) -> VisitRead:
    """Checks in to a planned visit now, with the device's position. Flagged (`anomalies`) without a position or
    farther than the plan's distance from the customer's location. `If-Match` required; 409 unless planned."""
    problems = location_problems(body.latitude, body.longitude)
    if problems:
        raise RuleViolation(problems)
    return _read(await svc.check_in(uow, principal, visit_id, body.to_domain(), expected_version, clock=clock),
                 response)


@router.post("/visits/{visit_id}/complete", response_model=VisitRead, operation_id="visits-complete",
             responses=ACTION_ERRORS)
async def complete(visit_id: PathId, body: VisitCompletion, response: Response, principal: CurrentPrincipal,
                   uow: Uow, clock: CurrentClock, settings: AppSettings,
                   expected_version: ExpectedVersion) -> VisitRead:
    """Finishes a visit in progress (check-out now): contacts met, notes, outcome, next step; a next step with a
    date plans the next visit. `If-Match` required; 409 unless checked in."""
    return _read(await svc.complete(uow, principal, visit_id, body.to_domain(), expected_version, clock=clock,
                                    time_zone=settings.time_zone), response)


@router.post("/visits/{visit_id}/cancel", response_model=VisitRead, operation_id="visits-cancel",
             responses=ACTION_ERRORS)
async def cancel(visit_id: PathId, body: VisitClosing, response: Response, principal: CurrentPrincipal, uow: Uow,
                 clock: CurrentClock, expected_version: ExpectedVersion) -> VisitRead:
    """Cancels a planned or checked-in visit. `If-Match` required; 409 otherwise."""
    return _read(await svc.close(uow, principal, visit_id, VisitAction.CANCEL, body.reason, expected_version,
                                 clock=clock), response)


@router.post("/visits/{visit_id}/missed", response_model=VisitRead, operation_id="visits-mark-missed",
             responses=ACTION_ERRORS)
async def mark_missed(visit_id: PathId, body: VisitClosing, response: Response, principal: CurrentPrincipal,
                      uow: Uow, clock: CurrentClock, expected_version: ExpectedVersion) -> VisitRead:
    """Marks a planned visit missed. `If-Match` required; 409 otherwise."""
    return _read(await svc.close(uow, principal, visit_id, VisitAction.MARK_MISSED, body.reason, expected_version,
                                 clock=clock), response)


@router.get("/customers/{customer_id}/visits", response_model=Page[VisitRead], operation_id="visits-list-customer",
            responses=problem_responses(401, 403, 404, 422))
async def customer_visits(customer_id: PathId, principal: CurrentPrincipal, uow: Uow, limit: LIMIT = 50,
                          cursor: CURSOR = None) -> Page[VisitRead]:
    """The customer's visits, the latest planned day first; 404 outside your scope."""
    page = await svc.list_visits(uow, principal, VisitFilters(customer_id=customer_id), PageRequest(limit, cursor))
    return Page(items=[VisitRead.of(v) for v in page.items], next_cursor=page.next_cursor)
