"""Loyalty: the recompute over all customers (RFM, health, stages, value classes, lifetime value), its settings,
and what account managers and analysts read.

Loyalty figures are facts about a customer computed company-wide (an RFM quintile ranks the whole portfolio);
every read is limited to the customers in the caller's data scope.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from domain.audit import AuditEntry
from domain.dates import day_problem
from domain.errors import FieldError, NotFound, RuleViolation, check_version
from domain.loyalty.model import (
    ChurnRisk,
    CustomerLoyalty,
    HealthWindows,
    LoyaltyRun,
    LoyaltyRunTrigger,
    LoyaltySettings,
    PortfolioSummary,
    QuarterComplaints,
    RecordedHealth,
    SegmentSize,
    add_quarters,
    clv_predictions,
    evaluate_portfolio,
    quarter_start,
)
from domain.organisation.model import DataScope, Permission, Principal, ScopeKind
from domain.paging import Page, PageRequest
from domain.ports import Clock, UnitOfWork
from domain.tiering.model import Progress, RecomputeStep

STEPS = 5
FIT_STEP = 3  # the lifetime-value fit and predictions (benchmarks report it apart)


async def get_settings(uow: UnitOfWork, principal: Principal) -> LoyaltySettings:
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        return await uow.loyalty.settings()


async def update_settings(uow: UnitOfWork, principal: Principal, settings: LoyaltySettings,
                          expected_version: int | None, *, clock: Clock) -> LoyaltySettings:
    """Replaces the margin, discount rate, horizon, health weights, stage and class thresholds and segment rules
    (administrators), naming the version edited; they apply from the next recompute."""
    principal.require(Permission.SCORING_MANAGE)
    problems = settings.problems()
    if problems:
        raise RuleViolation(problems)
    async with uow:
        current = await uow.loyalty.settings(for_update=True)
        check_version("loyalty settings", current.version, expected_version)
        now = clock.now()
        saved = await uow.loyalty.save_settings(settings, updated_by=principal.id, at=now)
        await uow.audit.record(AuditEntry("update", "loyalty_settings", 1, None, principal.id,
                                          {"version": current.version}, {"version": saved.version}), now)
        await uow.commit()
    return saved


async def recompute(uow: UnitOfWork, principal: Principal | None, *, trigger: LoyaltyRunTrigger, clock: Clock,
                    time_zone: str, as_of: date | None = None, progress: Progress | None = None) -> LoyaltyRun:
    """Every customer's loyalty figures as of the end of `as_of` (default: today in the company's time zone):
    measures from the orders in one statement, the lifetime-value models fitted and every customer predicted,
    the rules of domain/loyalty/model.py applied to all at once, the results written in bulk. Concurrent recomputes
    run one after the other. `principal` None is the system (CLI, nightly jobs, demo data)."""
    if principal is not None:
        principal.require(Permission.SCORING_MANAGE)
    async with uow:
        run = await recompute_in(uow, principal.id if principal else None, trigger=trigger, clock=clock,
                                 time_zone=time_zone, as_of=as_of, progress=progress)
        await uow.commit()
    return run


async def recompute_in(uow: UnitOfWork, triggered_by: int | None, *, trigger: LoyaltyRunTrigger, clock: Clock,
                       time_zone: str, as_of: date | None = None, progress: Progress | None = None) -> LoyaltyRun:
    """The recompute inside the caller's transaction (which commits)."""
    await uow.loyalty.lock_recompute()
    started_at = clock.now()
    today = started_at.astimezone(ZoneInfo(time_zone)).date()
    day = as_of or today
    if problem := day_problem(day):  # HealthWindows reaches two years before it
        raise RuleViolation([FieldError("as_of", problem)])
    if day > today:
        raise RuleViolation([FieldError("as_of", "not in the future")])
    if not HealthWindows(day).is_measurable(today):
        raise RuleViolation([FieldError("as_of", "loyalty is kept by calendar quarter: give today or the last day "
                                                 "of a past quarter")])
    settings = await uow.loyalty.settings()
    run_id = await uow.loyalty.start_run(trigger=trigger, triggered_by=triggered_by, as_of=day,
                                         started_at=started_at, settings_version=settings.version)

    def step(number: int, label: str, since: float) -> None:
        if progress is not None:
            progress(RecomputeStep(number, STEPS, label, time.perf_counter() - since))

    since = time.perf_counter()
    await uow.facts.recount_stale_quarters(time_zone)
    step(1, "purchases per quarter of the customers whose orders changed", since)
    since = time.perf_counter()
    # The health a quarter before is that of one day a quarter: measured by the first run that needs it, then
    # carried from each run's figures to the next.
    before_day = HealthWindows(day).before
    recorded = await uow.loyalty.recorded_health(before_day, settings.version)
    measures = await uow.loyalty.measures(day, time_zone, quarter_before=recorded is None)
    if recorded is None:
        recorded = RecordedHealth.of(measures, settings)
        await uow.loyalty.record_health(before_day, settings.version, clock.now())
    step(2, "measures per customer", since)
    since = time.perf_counter()
    fit, fit_error, predictions = clv_predictions(measures.customer_ids, measures.clv_summary, settings, day)
    step(FIT_STEP, "lifetime-value fit and predictions", since)
    since = time.perf_counter()
    results = evaluate_portfolio(measures, settings, predictions, recorded.aligned(measures.customer_ids))
    step(4, "RFM, health, stages and classes", since)
    customers = await uow.loyalty.write(run_id, day, measures, results, progress, (5, STEPS))
    return await uow.loyalty.finish_run(run_id, customers=customers, fit=fit, fit_error=fit_error,
                                        finished_at=clock.now())


async def list_runs(uow: UnitOfWork, principal: Principal, limit: int = 20) -> list[LoyaltyRun]:
    """The latest recomputes first, each with its lifetime-value fit (parameters, data range, time) or why none."""
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        return await uow.loyalty.runs(limit)


async def customer_loyalty(uow: UnitOfWork, principal: Principal, customer_id: int, *, clock: Clock,
                           time_zone: str) -> CustomerLoyalty | None:
    """The customer's figures as of the latest recompute (None before the first, or for a customer created
    since), with the complaints of this quarter to date and of the last quarter counted now (docs/domain.md
    section 6); 404 outside the caller's scope."""
    principal.require(Permission.CUSTOMERS_READ)
    this_quarter = quarter_start(clock.now().astimezone(ZoneInfo(time_zone)).date())
    quarters = (this_quarter, add_quarters(this_quarter, -1))
    async with uow:
        if await uow.customers.get(customer_id, principal.scope) is None:
            raise NotFound(f"Customer {customer_id} not found.")
        found = await uow.loyalty.customer(customer_id)
        if found is None:
            return None
        counts = await uow.loyalty.complaints_per_quarter(customer_id, quarters, time_zone)
    return replace(found, complaints=tuple(
        QuarterComplaints(q, q == this_quarter, counts.get(q, 0)) for q in quarters))


async def summary(uow: UnitOfWork, principal: Principal) -> PortfolioSummary:
    """Segments, stages, value classes, core customers, the health distribution and the RFM grid of the
    customers in the caller's scope. Their revenue is the trailing-12-month net revenue of the latest tier
    recompute, so the dashboard's total is the tiers page's (docs/domain.md section 5, "Revenue windows")."""
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        found = await uow.loyalty.summary(principal.scope)
        tier_runs = await uow.tiers.runs(1)
    return replace(found, revenue_run=tier_runs[0] if tier_runs else None)


async def churn_risk(uow: UnitOfWork, principal: Principal, page: PageRequest) -> Page[ChurnRisk]:
    """The customers in scope whose health fell over the last quarter, the largest falls first, with the
    signals pulling them down."""
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        return await uow.loyalty.churn_risk(principal.scope, page)


async def segment_history(uow: UnitOfWork, principal: Principal, *, clock: Clock, time_zone: str,
                          months: int = 24) -> list[SegmentSize]:
    """Company-wide segment sizes on each recompute's day over the last `months` months: for callers who see
    every customer (sizes of the whole portfolio say nothing about one scope)."""
    principal.require(Permission.CUSTOMERS_READ)
    if principal.scope != DataScope(ScopeKind.ALL):
        return []
    since = clock.now().astimezone(ZoneInfo(time_zone)).date() - timedelta(days=round(months * 30.44))
    async with uow:
        return await uow.loyalty.segment_history(since)
