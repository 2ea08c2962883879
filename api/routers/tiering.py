"""Tiering: category rules, key-account levels and ABC classes (settings, recompute runs, summaries), deciles,
and how customers move between categories (history, matrix, transitions, alerts)."""

from __future__ import annotations

from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query, Response

from api.deps import AppSettings, CurrentClock, CurrentPrincipal, ExpectedVersion, Uow, set_etag
from api.errors import problem_responses
from api.schemas.common import CURSOR, LIMIT, Items, PathId, Period
from api.schemas.tiering import (
    AbcSummaryRead,
    AlertsRead,
    CategoryMatrixRead,
    CategoryMoveRead,
    CategoryRuleRead,
    CategoryRulesPreview,
    CategoryRulesSaved,
    CategoryRulesWrite,
    CustomerTiersRead,
    DecilesRead,
    LevelSummaryRead,
    PartitionCheckRead,
    PartitionFix,
    PartitionFixed,
    PartitionMoved,
    PartitionRuleRead,
    PartitionRuleUpdate,
    TierHistoryRead,
    TierRunRead,
    TierSettingsRead,
    TierSettingsUpdate,
    TransitionsRead,
)
from domain.paging import PageRequest
from domain.tiering import movement as tier_movement
from domain.tiering import service as svc
from domain.tiering.model import DecileBasis, PartitionRule, TierRunTrigger, TierSettings

router = APIRouter(tags=["tiering"])


def _with_etag(response: Response, settings: TierSettings) -> TierSettingsRead:
    set_etag(response, settings.version)
    return TierSettingsRead.of(settings)


@router.get("/tier-settings", response_model=TierSettingsRead, operation_id="tiering-get-settings",
            responses=problem_responses(401, 403))
async def get_settings(response: Response, principal: CurrentPrincipal, uow: Uow) -> TierSettingsRead:
    """The key-account level thresholds (trailing-12-month net revenue) and the ABC shares that every recompute
    uses. The ETag is their version."""
    return _with_etag(response, await svc.get_settings(uow, principal))


@router.put("/tier-settings", response_model=TierSettingsRead, operation_id="tiering-update-settings",
            responses=problem_responses(401, 403, 412, 422, 428))
async def update_settings(body: TierSettingsUpdate, response: Response, principal: CurrentPrincipal, uow: Uow,
                          clock: CurrentClock, expected_version: ExpectedVersion) -> TierSettingsRead:
    """Replaces the thresholds and shares (administrators); they apply from the next recompute. `If-Match:
    <version>` is required (428 without, 412 when someone saved in between). 0 <= level_b <= level_a <=
    level_special; 0 < abc_a_percent; abc_a_percent + abc_b_percent <= 100 (422 naming the field)."""
    saved = await svc.update_settings(uow, principal, body.to_domain(), expected_version, clock=clock)
    return _with_etag(response, saved)


@router.post("/tiers/recompute", response_model=TierRunRead, operation_id="tiering-recompute",
             responses=problem_responses(401, 403))
async def recompute(principal: CurrentPrincipal, uow: Uow, clock: CurrentClock,
                    settings: AppSettings) -> TierRunRead:
    """Recomputes every customer's trailing-12-month net revenue, key-account level and ABC class now
    (administrators; the nightly jobs do it every night). Only changes are written, each customer whose level
    or ABC class changed gets a history row, and a rerun on unchanged data changes nothing. Returns the run."""
    run = await svc.recompute(uow, principal, trigger=TierRunTrigger.MANUAL, clock=clock,
                              time_zone=settings.time_zone)
    return TierRunRead.of(run)


@router.get("/tiers/runs", response_model=Items[TierRunRead], operation_id="tiering-list-runs",
            responses=problem_responses(401, 403, 422))
async def list_runs(principal: CurrentPrincipal, uow: Uow,
                    limit: Annotated[int, Query(ge=1, le=200, description="How many runs.")] = 20,
                    ) -> Items[TierRunRead]:
    """The latest recomputes first: trigger, who, when, the settings used, customers and how many changed."""
    return Items(items=[TierRunRead.of(r) for r in await svc.list_runs(uow, principal, limit)])


@router.get("/tiers/levels", response_model=LevelSummaryRead, operation_id="tiering-levels",
            responses=problem_responses(401, 403))
async def levels(principal: CurrentPrincipal, uow: Uow, settings: AppSettings) -> LevelSummaryRead:
    """Customers and trailing-12-month revenue per key-account level (special, A, B, C) of the customers in
    your scope, as of the latest recompute (with the revenue's window), and how many are not tiered yet."""
    return LevelSummaryRead.of(await svc.level_summary(uow, principal), ZoneInfo(settings.time_zone))


@router.get("/tiers/abc", response_model=AbcSummaryRead, operation_id="tiering-abc",
            responses=problem_responses(401, 403))
async def abc(principal: CurrentPrincipal, uow: Uow, settings: AppSettings) -> AbcSummaryRead:
    """Customers, revenue and share of revenue per ABC class of the customers in your scope, and the Pareto
    curve (at most 100 points: cumulative percent of customers vs cumulative percent of revenue, with each
    step's revenue for bars). The classes are company-wide: A = the customers making the first 80 % of all
    revenue (by the settings)."""
    return AbcSummaryRead.of(await svc.abc_summary(uow, principal), ZoneInfo(settings.time_zone))


@router.get("/tiers/deciles", response_model=DecilesRead, operation_id="tiering-deciles",
            responses=problem_responses(401, 403, 422))
async def deciles(principal: CurrentPrincipal, uow: Uow, settings: AppSettings, by: Annotated[DecileBasis, Query(
        description="`revenue`: trailing-12-month net revenue (latest tier recompute); `future_profit`: the "
                    "predicted CLV at the margin (latest loyalty recompute; customers who never bought are left "
                    "out).")] = DecileBasis.REVENUE) -> DecilesRead:
    """The decile analysis (十分位法) of the customers in your scope: ranked by the figure, largest first, in ten
    groups of equal size (the first take one more), with cumulative totals and percentages."""
    return DecilesRead.of(await svc.deciles(uow, principal, by), ZoneInfo(settings.time_zone))


@router.get("/category-rules", response_model=Items[CategoryRuleRead], operation_id="tiering-list-category-rules",
            responses=problem_responses(401, 403))
async def list_category_rules(principal: CurrentPrincipal, uow: Uow) -> Items[CategoryRuleRead]:
    """The categories in the order they are tried (first match wins), with labels and positioning."""
    return Items(items=[CategoryRuleRead.of(r) for r in await svc.category_rules(uow, principal)])


@router.post("/category-rules/preview", response_model=CategoryRulesPreview,
             operation_id="tiering-preview-category-rules", responses=problem_responses(401, 403, 422))
async def preview_category_rules(body: CategoryRulesWrite, principal: CurrentPrincipal,
                                 uow: Uow) -> CategoryRulesPreview:
    """How many graded customers would move, from which category to which, if these rules were saved
    (administrators). Nothing is saved."""
    moves = await svc.preview_category_rules(uow, principal, body.to_domain())
    return CategoryRulesPreview(moves=[CategoryMoveRead(before=m.before, after=m.after, customers=m.customers)
                                       for m in moves], customers_moving=sum(m.customers for m in moves))


@router.put("/category-rules", response_model=CategoryRulesSaved, operation_id="tiering-replace-category-rules",
            responses=problem_responses(401, 403, 422))
async def replace_category_rules(body: CategoryRulesWrite, principal: CurrentPrincipal, uow: Uow,
                                 clock: CurrentClock) -> CategoryRulesSaved:
    """Saves the ordered rules (administrators): first match wins and the last rule must match any grades.
    Every graded customer moves to the category the new rules give, with a history row for each move."""
    saved = await svc.replace_category_rules(uow, principal, body.to_domain(), clock=clock)
    return CategoryRulesSaved(rules=[CategoryRuleRead.of(r) for r in saved.rules],
                              customers_moved=saved.customers_moved)


@router.get("/customers/{customer_id}/tier-history", response_model=Items[TierHistoryRead],
            operation_id="tiering-tier-history", responses=problem_responses(401, 403, 404, 422))
async def tier_history(customer_id: PathId, principal: CurrentPrincipal, uow: Uow) -> Items[TierHistoryRead]:
    """The customer's grades and category (from approved sheets and rule changes) and key-account level and ABC
    class (from recomputes) over time, newest first."""
    return Items(items=[TierHistoryRead.of(e) for e in await tier_movement.tier_history(uow, principal, customer_id)])


@router.get("/tiers/category-matrix", response_model=CategoryMatrixRead, operation_id="tiering-category-matrix",
            responses=problem_responses(401, 403))
async def category_matrix(principal: CurrentPrincipal, uow: Uow) -> CategoryMatrixRead:
    """Customers in the caller's scope per combination of current grades, with the category it gives."""
    return CategoryMatrixRead.of(await tier_movement.category_matrix(uow, principal))


@router.get("/tiers/transitions", response_model=TransitionsRead, operation_id="tiering-transitions",
            responses=problem_responses(401, 403, 422))
async def transitions(principal: CurrentPrincipal, uow: Uow, clock: CurrentClock, settings: AppSettings,
                      from_period: Annotated[Period | None, Query(alias="from")] = None,
                      to_period: Annotated[Period | None, Query(alias="to")] = None) -> TransitionsRead:
    """Category x category counts between two quarters' approved sheets (default: the last complete quarter
    against the one before)."""
    return TransitionsRead.of(await tier_movement.transitions(uow, principal, from_period, to_period,
                                                              now=clock.now(), time_zone=settings.time_zone))


@router.get("/tiers/alerts", response_model=AlertsRead, operation_id="tiering-alerts",
            responses=problem_responses(401, 403, 422))
async def alerts(principal: CurrentPrincipal, uow: Uow, clock: CurrentClock, settings: AppSettings,
                 from_period: Annotated[Period | None, Query(alias="from")] = None,
                 to_period: Annotated[Period | None, Query(alias="to")] = None) -> AlertsRead:
    """Marginal customers whose potential grade rose and strongholds that fell between two quarters."""
    return AlertsRead.of(await tier_movement.tier_alerts(uow, principal, from_period, to_period, now=clock.now(),
                                                         time_zone=settings.time_zone))



def _rule_with_etag(response: Response, rule: PartitionRule) -> PartitionRuleRead:
    set_etag(response, rule.version)
    return PartitionRuleRead.of(rule)


@router.get("/tiers/partition-rule", response_model=PartitionRuleRead, operation_id="tiering-get-partition-rule",
            responses=problem_responses(401, 403))
async def get_partition_rule(response: Response, principal: CurrentPrincipal, uow: Uow) -> PartitionRuleRead:
    """Which partition the customers of each key-account level belong in (null: either); the "needs attention"
    list shows the customers it disagrees with. The ETag is its version."""
    return _rule_with_etag(response, await svc.partition_rule(uow, principal))


@router.put("/tiers/partition-rule", response_model=PartitionRuleRead,
            operation_id="tiering-update-partition-rule", responses=problem_responses(401, 403, 412, 422, 428))
async def update_partition_rule(body: PartitionRuleUpdate, response: Response, principal: CurrentPrincipal,
                                uow: Uow, clock: CurrentClock,
                                expected_version: ExpectedVersion) -> PartitionRuleRead:
    """Replaces the rule (whoever manages the tier settings). `If-Match: <version>` is required (428 without,
    412 when someone saved in between); each level is `key`, `regular` or null (422 naming the field). Moves
    no customer."""
    saved = await svc.update_partition_rule(uow, principal, body.to_domain(), expected_version, clock=clock)
    return _rule_with_etag(response, saved)


@router.get("/tiers/partition-check", response_model=PartitionCheckRead, operation_id="tiering-partition-check",
            responses=problem_responses(401, 403, 422))
async def partition_check(principal: CurrentPrincipal, uow: Uow, settings: AppSettings, limit: LIMIT = 20,
                          cursor: CURSOR = None) -> PartitionCheckRead:
    """Needs attention: the customers in your scope whose partition disagrees with their key-account level by the
    partition rule (special level first, then A, B, C, the largest 12-month revenue first; keyset-paginated), with
    how many there are per level. Abandoned customers are never listed."""
    found = await svc.partition_check(uow, principal, PageRequest(limit, cursor))
    return PartitionCheckRead.of(found, ZoneInfo(settings.time_zone))


@router.post("/tiers/partition-check/fix", response_model=PartitionFixed, operation_id="tiering-fix-partitions",
             responses=problem_responses(401, 403, 404, 409, 422))
async def fix_partitions(body: PartitionFix, principal: CurrentPrincipal, uow: Uow,
                         clock: CurrentClock) -> PartitionFixed:
    """Moves each customer (at most 100) to the partition the rule puts its level in, as an edit of the customer
    (customers:write, your scope, an audit record each): all of them or none. 404 for a single customer outside
    your scope (422 naming `customer_ids` for several); 409 when one no longer needs it (reload the list)."""
    moved = await svc.fix_partitions(uow, principal, body.customer_ids, clock=clock)
    return PartitionFixed(customers=[PartitionMoved(id=c.id, partition=c.partition, version=c.version)
                                     for c in moved])


@router.get("/customers/{customer_id}/tiers", response_model=CustomerTiersRead,
            operation_id="tiering-customer-tiers", responses=problem_responses(401, 403, 404, 422))
async def customer_tiers(customer_id: PathId, principal: CurrentPrincipal, uow: Uow,
                         settings: AppSettings) -> CustomerTiersRead:
    """The customer's key-account level, ABC class and trailing-12-month net revenue (with its window) as of the
    latest recompute, and the partition the rule puts the level in when the customer is not there."""
    found = await svc.customer_tiers(uow, principal, customer_id)
    return CustomerTiersRead.of(found, ZoneInfo(settings.time_zone))
