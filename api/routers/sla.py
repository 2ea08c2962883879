"""The SLA report; business calendars and SLA policies (administrators edit; everyone signed in reads); the SLA
sweep."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import AppSettings, CurrentClock, CurrentPrincipal, ExpectedVersion, Uow, set_etag
from api.errors import problem_responses
from api.schemas.common import BIGINT_MAX, Items, PathId
from api.schemas.sla import (
    CalendarRead,
    CalendarWrite,
    HolidayImport,
    HolidayImportRead,
    PolicyRead,
    PolicyWrite,
    SlaReportRead,
    SweepRead,
)
from domain.dates import FIRST_DAY, LAST_DAY, RANGE_TEXT
from domain.organisation.model import Permission
from domain.sla import service as svc
from domain.sla.model import LONGEST_REPORT_DAYS, NamedCalendar, SlaPolicy

router = APIRouter(tags=["sla"])


@router.get("/reports/sla", response_model=SlaReportRead, operation_id="sla-report",
            responses=problem_responses(401, 403, 422))
async def sla_report(
    principal: CurrentPrincipal, uow: Uow, clock: CurrentClock, settings: AppSettings,
    from_: Annotated[date | None, Query(
        alias="from", ge=FIRST_DAY, le=LAST_DAY,
        description=f"First day (company time zone), {RANGE_TEXT}; default 12 weeks before `to`. The "
                    f"period is at most {LONGEST_REPORT_DAYS} days (two years) long")] = None,
    to: Annotated[date | None, Query(ge=FIRST_DAY, le=LAST_DAY,
                                     description=f"Last day, inclusive, {RANGE_TEXT}; default today")] = None,
    org_unit: Annotated[int | None, Query(ge=1, le=BIGINT_MAX, description="Only complaints received by this "
                                                                            "unit or one under it")] = None,
) -> SlaReportRead:
    """SLA report over the complaints received in the period within your scope: on-time rates of first
    response, confirmation and resolution, median and 90th-percentile times (clock hours from the complaint),
    breaches by store and by account manager, the weekly trend, remedy amounts and the average satisfaction.
    The period is at most two years; 422 names `from` or `to` when it is longer, reversed or out of range."""
    report = await svc.report(uow, principal, since=from_, until=to, org_unit_id=org_unit, clock=clock,
                              time_zone=settings.time_zone)
    return SlaReportRead.of(report)


def _calendar(response: Response, named: NamedCalendar) -> CalendarRead:
    set_etag(response, named.version)
    return CalendarRead.of(named)


def _policy(response: Response, policy: SlaPolicy) -> PolicyRead:
    set_etag(response, policy.version)
    return PolicyRead.of(policy)


@router.get("/sla/calendars", response_model=Items[CalendarRead], operation_id="sla-list-calendars",
            responses=problem_responses(401, 403))
async def list_calendars(principal: CurrentPrincipal, uow: Uow) -> Items[CalendarRead]:
    """Business calendars: working windows per weekday, time zone, holidays and adjusted working days."""
    return Items(items=[CalendarRead.of(c) for c in await svc.list_calendars(uow, principal)])


@router.post("/sla/calendars", response_model=CalendarRead, status_code=201, operation_id="sla-create-calendar",
             responses=problem_responses(401, 403, 409, 422))
async def create_calendar(body: CalendarWrite, response: Response, principal: CurrentPrincipal, uow: Uow,
                          clock: CurrentClock) -> CalendarRead:
    """A new business calendar (administrators); 422 names each bad window, day or time zone."""
    return _calendar(response, await svc.create_calendar(uow, principal, body.name, body.to_domain(), clock=clock,
                                                         name_translations=body.name_translations))


@router.get("/sla/calendars/{calendar_id}", response_model=CalendarRead, operation_id="sla-get-calendar",
            responses=problem_responses(401, 403, 404))
async def get_calendar(calendar_id: PathId, response: Response, principal: CurrentPrincipal,
                       uow: Uow) -> CalendarRead:
    return _calendar(response, await svc.get_calendar(uow, principal, calendar_id))


@router.put("/sla/calendars/{calendar_id}", response_model=CalendarRead, operation_id="sla-update-calendar",
            responses=problem_responses(401, 403, 404, 409, 412, 422, 428))
async def update_calendar(calendar_id: PathId, body: CalendarWrite, response: Response, principal: CurrentPrincipal,
                          uow: Uow, clock: CurrentClock, expected_version: ExpectedVersion) -> CalendarRead:
    """Replaces the calendar with its days (administrators; If-Match). Running timers keep their deadlines;
    complaints received afterwards use the new calendar."""
    return _calendar(response, await svc.update_calendar(uow, principal, calendar_id, body.name, body.to_domain(),
                                                         expected_version, clock=clock,
                                                         name_translations=body.name_translations))


@router.post("/sla/calendars/{calendar_id}/holidays", response_model=HolidayImportRead,
             operation_id="sla-import-holidays", responses=problem_responses(401, 403, 404, 412, 422))
async def import_holidays(calendar_id: PathId, body: HolidayImport, principal: CurrentPrincipal, uow: Uow,
                          clock: CurrentClock, expected_version: ExpectedVersion) -> HolidayImportRead:
    """Imports a country's public holidays and adjusted working days (China's 调休 weekend working days) for the
    years from the maintained `holidays` package (administrators). Days entered by hand are kept. The import only
    adds days, so If-Match is optional; with it, a calendar changed since it was read is a 412."""
    return HolidayImportRead(days=await svc.import_holidays(uow, principal, calendar_id, body.country.upper(),
                                                            body.years, clock=clock,
                                                            expected_version=expected_version))


@router.get("/sla/policies", response_model=Items[PolicyRead], operation_id="sla-list-policies",
            responses=problem_responses(401, 403))
async def list_policies(principal: CurrentPrincipal, uow: Uow) -> Items[PolicyRead]:
    """SLA policies by severity and customer tier: the most specific active one applies to a complaint."""
    return Items(items=[PolicyRead.of(p) for p in await svc.list_policies(uow, principal)])


@router.post("/sla/policies", response_model=PolicyRead, status_code=201, operation_id="sla-create-policy",
             responses=problem_responses(401, 403, 422))
async def create_policy(body: PolicyWrite, response: Response, principal: CurrentPrincipal, uow: Uow,
                        clock: CurrentClock) -> PolicyRead:
    """A policy for a severity, optionally only for a key-account level and/or category (administrators)."""
    return _policy(response, await svc.create_policy(uow, principal, body.to_domain(), clock=clock))


@router.put("/sla/policies/{policy_id}", response_model=PolicyRead, operation_id="sla-update-policy",
            responses=problem_responses(401, 403, 404, 409, 412, 422, 428))
async def update_policy(policy_id: PathId, body: PolicyWrite, response: Response, principal: CurrentPrincipal,
                        uow: Uow, clock: CurrentClock, expected_version: ExpectedVersion) -> PolicyRead:
    """Replaces a policy (administrators; If-Match). New complaints use it; running timers keep their
    deadlines."""
    return _policy(response, await svc.update_policy(uow, principal, body.to_domain(policy_id), expected_version,
                                                     clock=clock))


@router.post("/sla/sweep", response_model=SweepRead, operation_id="sla-sweep", responses=problem_responses(401, 403))
async def sweep(principal: CurrentPrincipal, uow: Uow, clock: CurrentClock) -> SweepRead:
    """Runs the SLA sweep now (administrators; every server runs it every minute): records warnings, breaches
    and escalations, each exactly once, and notifies."""
    principal.require(Permission.SLA_MANAGE)
    outcome = await svc.sweep(uow, clock=clock)
    return SweepRead(warned=outcome.warned, breached=outcome.breached, escalated_to_hq=outcome.escalated_to_hq)
