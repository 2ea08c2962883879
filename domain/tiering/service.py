"""Category rules (rules as data, their preview and replacement), key-account levels and ABC classes: their
settings, the recompute over all customers, and the summaries.

Levels and ABC classes are company-wide facts about a customer (an account manager's best customer may be
class C company-wide); the summaries count only the customers in the caller's data scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from domain.audit import AuditEntry
from domain.customers.model import Customer
from domain.customers.service import update_customer_in
from domain.errors import Conflict, FieldError, NotFound, RuleViolation, check_version
from domain.orders.model import month_of, months_back
from domain.organisation.model import DataScope, Permission, Principal, ScopeKind
from domain.paging import PageRequest
from domain.ports import Clock, UnitOfWork
from domain.tiering.model import (
    AbcClass,
    AbcCount,
    AbcSummary,
    CategoryMove,
    CategoryRule,
    CustomerTierFacts,
    DecileAnalysis,
    DecileBasis,
    KeyAccountLevel,
    LevelCount,
    LevelSummary,
    PartitionCheck,
    PartitionRule,
    Progress,
    TierRun,
    TierRunTrigger,
    TierSettings,
    all_grade_combinations,
    categorise,
    pareto_point,
    partition_needed,
    preview_rules,
    rule_problems,
)

PARETO_POINTS = 100
DECILES = 10
# The partition check's fix moves at most this many customers in one transaction (the SPA's "fix all" sends the
# list in batches of this size and shows its progress).
MAX_PARTITION_FIX = 100
_ZERO = Decimal(0)


async def get_settings(uow: UnitOfWork, principal: Principal) -> TierSettings:
    """The key-account level thresholds and ABC shares every recompute uses."""
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        return await uow.tiers.settings()


async def update_settings(uow: UnitOfWork, principal: Principal, settings: TierSettings,
                          expected_version: int | None, *, clock: Clock) -> TierSettings:
    """Replaces the thresholds and shares (administrators), naming the version edited; they apply from the
    next recompute. 0 <= B <= A <= special; the A share is above 0 and A + B shares at most 100. Saving the
    same values changes nothing (no new version)."""
    principal.require(Permission.SCORING_MANAGE)
    problems = settings.problems()
    if problems:
        raise RuleViolation(problems)
    async with uow:
        current = await uow.tiers.settings(for_update=True)
        check_version("tier settings", current.version, expected_version)
        before, after = current.values(), settings.values()
        changed = [k for k in after if before[k] != after[k]]
        if not changed:
            return current
        now = clock.now()
        saved = await uow.tiers.save_settings(settings, updated_by=principal.id, at=now)
        await uow.audit.record(AuditEntry(
            "update", "tier_settings", 1, None, principal.id, {**{k: before[k] for k in changed},
                                                               "version": current.version},
            {**{k: after[k] for k in changed}, "version": saved.version}), now)
        await uow.commit()
    return saved


async def recompute(uow: UnitOfWork, principal: Principal | None, *, trigger: TierRunTrigger, clock: Clock,
                    time_zone: str, progress: Progress | None = None) -> TierRun:
    """Every customer's trailing-12-month net revenue (this month and the eleven before, company time zone;
    0 without orders), key-account level (thresholds) and ABC class (A while the revenue of the customers
    before it is under the A share of all revenue, B under A + B shares, else C; ties by customer id;
    no positive revenue: C), set-based. Only changes are written; each customer whose level or ABC class
    changed gets a history row of this run, so a rerun on unchanged data changes nothing. Concurrent
    recomputes run one after the other. `principal` None is the system (CLI, nightly jobs, demo data)."""
    if principal is not None:
        principal.require(Permission.SCORING_MANAGE)
    async with uow:
        run = await recompute_in(uow, principal.id if principal else None, trigger=trigger, clock=clock,
                                 time_zone=time_zone, progress=progress)
        await uow.commit()
    return run


async def recompute_in(uow: UnitOfWork, triggered_by: int | None, *, trigger: TierRunTrigger, clock: Clock,
                       time_zone: str, progress: Progress | None = None) -> TierRun:
    """The recompute inside the caller's transaction (which commits)."""
    await uow.tiers.lock_recompute()
    started_at = clock.now()
    this_month = month_of(started_at, ZoneInfo(time_zone))
    settings = await uow.tiers.settings()
    run_id = await uow.tiers.start_run(trigger=trigger, triggered_by=triggered_by, started_at=started_at,
                                       as_of_month=this_month, settings=settings)
    customers, changed = await uow.tiers.recompute(run_id, since=months_back(this_month, 11), until=this_month,
                                                   settings=settings, at=started_at, progress=progress)
    return await uow.tiers.finish_run(run_id, customers=customers, changed=changed, finished_at=clock.now())


async def list_runs(uow: UnitOfWork, principal: Principal, limit: int = 20) -> list[TierRun]:
    """The latest recomputes first: when, by whom, with which settings, how many customers changed."""
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        return await uow.tiers.runs(limit)


async def _latest_run(uow: UnitOfWork) -> TierRun | None:
    runs = await uow.tiers.runs(1)
    return runs[0] if runs else None


def _scope(principal: Principal | None) -> DataScope:
    """The caller's data scope; None is the system (the command line), which counts every customer."""
    if principal is None:
        return DataScope(ScopeKind.ALL)
    principal.require(Permission.CUSTOMERS_READ)
    return principal.scope


async def level_summary(uow: UnitOfWork, principal: Principal | None) -> LevelSummary:
    """Customers and trailing-12-month revenue per key-account level, of the customers in the caller's scope,
    as of the latest recompute; customers created since are counted as not tiered."""
    scope = _scope(principal)
    async with uow:
        counts, untiered = await uow.tiers.level_counts(scope)
        run = await _latest_run(uow)
    found = {c.level: c for c in counts}
    levels = tuple(found.get(level) or LevelCount(level, 0, _ZERO) for level in KeyAccountLevel)
    return LevelSummary(levels, untiered, run)


async def abc_summary(uow: UnitOfWork, principal: Principal | None, points: int = PARETO_POINTS) -> AbcSummary:
    """Customers, revenue and share of revenue per ABC class, and the Pareto curve (customers ranked by
    revenue in at most `points` steps: cumulative share of customers vs cumulative share of revenue), of the
    customers in the caller's scope. The classes themselves are company-wide."""
    scope = _scope(principal)
    async with uow:
        counts, untiered = await uow.tiers.abc_counts(scope)
        groups = await uow.tiers.ranked_groups(scope, DecileBasis.REVENUE, points)
        run = await _latest_run(uow)
    found = {c.abc_class: c for c in counts}
    classes = tuple(found.get(c) or AbcCount(c, 0, _ZERO, _ZERO) for c in AbcClass)
    return AbcSummary(classes, untiered, tuple(pareto_point(g) for g in groups), run)


async def deciles(uow: UnitOfWork, principal: Principal, by: DecileBasis = DecileBasis.REVENUE) -> DecileAnalysis:
    """The decile analysis (十分位法) of the customers in the caller's scope: ranked by the figure, largest
    first, cut into ten groups of equal size (the first groups take one more), with cumulative sums and
    percentages. By trailing-12-month revenue as of the latest tier recompute, or by future profit (the
    predicted CLV at the margin) as of the latest loyalty recompute."""
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        groups = await uow.tiers.ranked_groups(principal.scope, by, DECILES)
        run = await _latest_run(uow)
    return DecileAnalysis(by, tuple(g.decile_row() for g in groups), run)


async def category_rules(uow: UnitOfWork, principal: Principal) -> list[CategoryRule]:
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        return await uow.category_rules.list()


async def preview_category_rules(uow: UnitOfWork, principal: Principal,
                                 rules: list[CategoryRule]) -> list[CategoryMove]:
    """How many graded customers would change category under the edited rules (nothing is saved)."""
    principal.require(Permission.SCORING_MANAGE)
    problems = rule_problems(rules)
    if problems:
        raise RuleViolation(problems)
    async with uow:
        return preview_rules(rules, await uow.category_rules.grade_combinations())


@dataclass(frozen=True)
class RulesSaved:
    rules: list[CategoryRule]
    customers_moved: int


async def replace_category_rules(uow: UnitOfWork, principal: Principal, rules: list[CategoryRule], *,
                                 clock: Clock) -> RulesSaved:
    """Saves the ordered rules (first match wins; the last one must match any grades) and moves every graded
    customer to the category the new rules give, with a history row for each customer that moves."""
    principal.require(Permission.SCORING_MANAGE)
    problems = rule_problems(rules)
    if problems:
        raise RuleViolation(problems)
    now = clock.now()
    async with uow:
        before = await uow.category_rules.list()
        await uow.category_rules.replace(rules, at=now)
        moved = await uow.category_rules.recategorise(
            [(grades, categorise(rules, grades).key) for grades in all_grade_combinations()], now)
        await uow.audit.record(AuditEntry("update", "category_rules", 0, None, principal.id,
                                          {"rules": [r.key for r in before]},
                                          {"rules": [r.key for r in rules], "customers_moved": moved}), now)
        await uow.commit()
    return RulesSaved(rules, moved)


# --- the partition checked against the level (docs/domain.md section 5, "Partition and level") -------------------


async def partition_rule(uow: UnitOfWork, principal: Principal) -> PartitionRule:
    """Which partition the customers of each key-account level belong in."""
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        return await uow.tiers.partition_rule()


async def update_partition_rule(uow: UnitOfWork, principal: Principal, rule: PartitionRule,
                                expected_version: int | None, *, clock: Clock) -> PartitionRule:
    """Replaces the rule (whoever manages the tier settings), naming the version edited. Each level belongs in
    the key or the regular partition, or either (empty). Saving the same rule changes nothing (no new version).
    The rule moves no customer: the "needs attention" list shows whom it disagrees with."""
    principal.require(Permission.SCORING_MANAGE)
    problems = rule.problems()
    if problems:
        raise RuleViolation(problems)
    async with uow:
        current = await uow.tiers.partition_rule(for_update=True)
        check_version("partition rule", current.version, expected_version)
        before = {k: str(v) if v else None for k, v in current.values().items()}
        after = {k: str(v) if v else None for k, v in rule.values().items()}
        changed = [k for k in after if before[k] != after[k]]
        if not changed:
            return current
        now = clock.now()
        saved = await uow.tiers.save_partition_rule(rule, updated_by=principal.id, at=now)
        await uow.audit.record(AuditEntry(
            "update", "partition_rule", 1, None, principal.id,
            {**{k: before[k] for k in changed}, "version": current.version},
            {**{k: after[k] for k in changed}, "version": saved.version}), now)
        await uow.commit()
    return saved


async def partition_check(uow: UnitOfWork, principal: Principal, page: PageRequest) -> PartitionCheck:
    """The customers in the caller's scope whose partition disagrees with their level by the rule ("needs
    attention"): special level first, then A, B, C, the largest 12-month revenue first; keyset-paginated, with how
    many there are per level. Levels are those of the latest recompute; abandoned customers are never listed."""
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        rule = await uow.tiers.partition_rule()
        found = await uow.tiers.partition_mismatches(principal.scope, rule, page)
        counted = dict(await uow.tiers.partition_mismatch_counts(principal.scope, rule))
        run = await _latest_run(uow)
    counts = tuple((level, counted.get(level, 0)) for level in KeyAccountLevel)
    return PartitionCheck(rule, tuple(found.items), found.next_cursor, counts, run)


async def customer_tiers(uow: UnitOfWork, principal: Principal, customer_id: int) -> CustomerTierFacts:
    """The customer's level, ABC class and trailing-12-month revenue as of the latest recompute, and whether its
    partition agrees with the rule; 404 outside the caller's scope."""
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        customer = await uow.customers.get(customer_id, principal.scope)
        if customer is None:
            raise NotFound(f"Customer {customer_id} not found.")
        level, abc_class, revenue = await uow.tiers.customer_tiers(customer_id)
        rule = await uow.tiers.partition_rule()
        run = await _latest_run(uow)
    return CustomerTierFacts(customer_id, level, abc_class, revenue, customer.partition,
                             partition_needed(rule, level, customer.partition), run)


async def fix_partitions(uow: UnitOfWork, principal: Principal, customer_ids: list[int], *,
                         clock: Clock) -> list[Customer]:
    """Moves each customer to the partition the rule puts its level in, through the customer edit (its
    permission, data scope and audit record): all of them or none. At most MAX_PARTITION_FIX at once; a customer
    outside the caller's scope is not found; one whose partition already agrees (someone fixed it, or its level
    changed) is a conflict, so a stale list moves nobody."""
    principal.require(Permission.CUSTOMERS_WRITE)
    ids = list(dict.fromkeys(customer_ids))
    if not ids:
        raise RuleViolation([FieldError("customer_ids", "name at least one customer")])
    if len(ids) > MAX_PARTITION_FIX:
        raise RuleViolation([FieldError("customer_ids", f"at most {MAX_PARTITION_FIX} customers at once")])
    async with uow:
        visible = set(await uow.customers.ids_in_scope(ids, principal.scope))
        missing = [i for i in ids if i not in visible]
        if missing:
            if len(ids) == 1:
                raise NotFound(f"Customer {ids[0]} not found.")
            raise RuleViolation([FieldError("customer_ids", f"not found: {', '.join(map(str, missing[:20]))}")])
        rule = await uow.tiers.partition_rule()
        moved: list[Customer] = []
        for customer_id in ids:
            customer = await uow.customers.get(customer_id, principal.scope, for_update=True)
            assert customer is not None  # in scope, checked above, and customers are never deleted
            level, _, _ = await uow.tiers.customer_tiers(customer_id)
            needed = partition_needed(rule, level, customer.partition)
            if needed is None:
                raise Conflict(f"Customer {customer_id}'s partition already agrees with its level; reload the list.")
            moved.append(await update_customer_in(uow, principal, customer_id, {"partition": needed},
                                                  customer.version, clock=clock))
        await uow.commit()
    return moved
