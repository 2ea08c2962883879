"""Loyalty: settings, the recompute (RFM, health, stages, value classes, lifetime value), runs and fits, the
portfolio summary, the churn-risk list, segment sizes over time, and a customer's figures."""

from __future__ import annotations

from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query, Response

from api.deps import AppSettings, CurrentClock, CurrentPrincipal, ExpectedVersion, Uow, set_etag
from api.errors import problem_responses
from api.schemas.common import CURSOR, LIMIT, Items, Page, PathId
from api.schemas.loyalty import (
    ChurnRiskRead,
    CustomerLoyaltyRead,
    LoyaltyRecompute,
    LoyaltyRunRead,
    LoyaltySettingsRead,
    LoyaltySettingsUpdate,
    LoyaltySummaryRead,
    SegmentSizeRead,
)
from domain.loyalty import service as svc
from domain.loyalty.model import LoyaltyRunTrigger, LoyaltySettings
from domain.paging import PageRequest

router = APIRouter(tags=["loyalty"])


def _with_etag(response: Response, settings: LoyaltySettings) -> LoyaltySettingsRead:
    set_etag(response, settings.version)
    return LoyaltySettingsRead.of(settings)


@router.get("/loyalty/settings", response_model=LoyaltySettingsRead, operation_id="loyalty-get-settings",
            responses=problem_responses(401, 403))
async def get_settings(response: Response, principal: CurrentPrincipal, uow: Uow) -> LoyaltySettingsRead:
    """Margin, discount rate and horizon of the lifetime value, health weights, stage and class thresholds,
    segment rules. The ETag is their version."""
    return _with_etag(response, await svc.get_settings(uow, principal))


@router.put("/loyalty/settings", response_model=LoyaltySettingsRead, operation_id="loyalty-update-settings",
            responses=problem_responses(401, 403, 412, 422, 428))
async def update_settings(body: LoyaltySettingsUpdate, response: Response, principal: CurrentPrincipal, uow: Uow,
                          clock: CurrentClock, expected_version: ExpectedVersion) -> LoyaltySettingsRead:
    """Replaces the settings (administrators); they apply from the next recompute. `If-Match: <version>` is
    required (428 without, 412 when someone saved in between); 422 names each bad field."""
    return _with_etag(response, await svc.update_settings(uow, principal, body.to_domain(), expected_version,
                                                          clock=clock))


@router.post("/loyalty/recompute", response_model=LoyaltyRunRead, operation_id="loyalty-recompute",
             responses=problem_responses(401, 403, 422))
async def recompute(principal: CurrentPrincipal, uow: Uow, clock: CurrentClock, settings: AppSettings,
                    body: LoyaltyRecompute | None = None) -> LoyaltyRunRead:
    """Recomputes every customer's RFM scores and segment, health score with its signals, lifecycle stage, value
    class, and fits the lifetime-value models and predicts every customer (administrators; the nightly jobs do
    it every night). Returns the run with its fit."""
    run = await svc.recompute(uow, principal, trigger=LoyaltyRunTrigger.MANUAL, clock=clock,
                              time_zone=settings.time_zone, as_of=body.as_of if body else None)
    return LoyaltyRunRead.of(run)


@router.get("/loyalty/runs", response_model=Items[LoyaltyRunRead], operation_id="loyalty-list-runs",
            responses=problem_responses(401, 403, 422))
async def list_runs(principal: CurrentPrincipal, uow: Uow,
                    limit: Annotated[int, Query(ge=1, le=200, description="How many runs.")] = 20,
                    ) -> Items[LoyaltyRunRead]:
    """The latest recomputes first, each with its lifetime-value fit: BG/NBD and Gamma-Gamma parameters, the
    data range, how many customers, how long (or why there is no fit)."""
    return Items(items=[LoyaltyRunRead.of(r) for r in await svc.list_runs(uow, principal, limit)])


@router.get("/loyalty/summary", response_model=LoyaltySummaryRead, operation_id="loyalty-summary",
            responses=problem_responses(401, 403))
async def summary(principal: CurrentPrincipal, uow: Uow, settings: AppSettings) -> LoyaltySummaryRead:
    """The customers in your scope as of the latest recompute: RFM segments, lifecycle stages, value classes and
    core customers (customers and 12-month revenue each), the health distribution, and the recency x frequency
    grid. The revenue is the tiers page's trailing-12-month figure, with its window."""
    result = await svc.summary(uow, principal)
    rules = (await svc.get_settings(uow, principal)).segment_rules
    return LoyaltySummaryRead.of(result, rules, ZoneInfo(settings.time_zone))


@router.get("/loyalty/churn-risk", response_model=Page[ChurnRiskRead], operation_id="loyalty-churn-risk",
            responses=problem_responses(401, 403, 422))
async def churn_risk(principal: CurrentPrincipal, uow: Uow, limit: LIMIT = 20,
                     cursor: CURSOR = None) -> Page[ChurnRiskRead]:
    """The customers in your scope whose health score fell over the last quarter, the largest falls first, each
    with the signals pulling it down."""
    page = await svc.churn_risk(uow, principal, PageRequest(limit, cursor))
    return Page(items=[ChurnRiskRead.of(r) for r in page.items], next_cursor=page.next_cursor)


@router.get("/loyalty/segments/history", response_model=Items[SegmentSizeRead],
            operation_id="loyalty-segment-history", responses=problem_responses(401, 403, 422))
async def segment_history(principal: CurrentPrincipal, uow: Uow, clock: CurrentClock, settings: AppSettings,
                          months: Annotated[int, Query(ge=1, le=120)] = 24) -> Items[SegmentSizeRead]:
    """Company-wide customers and 12-month revenue per segment on each recompute's day, oldest first; empty for
    callers who do not see every customer."""
    sizes = await svc.segment_history(uow, principal, clock=clock, time_zone=settings.time_zone, months=months)
    return Items(items=[SegmentSizeRead.of(s) for s in sizes])


@router.get("/customers/{customer_id}/loyalty", response_model=CustomerLoyaltyRead | None,
            operation_id="loyalty-customer", responses=problem_responses(401, 403, 404))
async def customer_loyalty(customer_id: PathId, principal: CurrentPrincipal, uow: Uow, clock: CurrentClock,
                           settings: AppSettings) -> CustomerLoyaltyRead | None:
    """The customer's RFM, health score with the signals behind it, lifecycle stage, value class, core flag and
    lifetime value as of the latest recompute, and its complaints this quarter and last counted now; null before
    the first recompute or for a customer created since."""
    found = await svc.customer_loyalty(uow, principal, customer_id, clock=clock, time_zone=settings.time_zone)
    return CustomerLoyaltyRead.of(found) if found else None
