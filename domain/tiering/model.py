"""Tiering (docs/domain.md section 5): categories from grades, key-account levels, ABC classes, deciles.

The rules are data (an administrator edits the category rules and thresholds); the functions here are
their meaning. Recomputation over all customers runs set-based in PostgreSQL with the same definitions,
and tests hold the two equal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

from domain.customers.model import Partition
from domain.errors import FieldError
from domain.orders.windows import RevenueWindow, trailing_12_months
from domain.organisation.model import UserRef
from domain.scoring.model import CustomerRef, Dimension, Grade

HUNDRED = Decimal(100)
K = TypeVar("K")


@dataclass(frozen=True)
class CategoryRule:
    """A category and the grades that put a customer in it; an empty set of grades means any grade."""

    key: str
    label_zh: str
    label_en: str
    positioning_zh: str
    positioning_en: str
    potential: frozenset[Grade] = frozenset()
    possibility: frozenset[Grade] = frozenset()
    basis: frozenset[Grade] = frozenset()

    def matches(self, grades: dict[Dimension, Grade]) -> bool:
        return all(not allowed or grades[dimension] in allowed for dimension, allowed in (
            (Dimension.POTENTIAL, self.potential), (Dimension.POSSIBILITY, self.possibility),
            (Dimension.BASIS, self.basis)))


def categorise(rules: Sequence[CategoryRule], grades: dict[Dimension, Grade]) -> CategoryRule:
    """The first rule that matches wins; the rules must end with a catch-all (see `rule_problems`)."""
    for rule in rules:
        if rule.matches(grades):
            return rule
    raise ValueError("the category rules have no catch-all rule")


def rule_problems(rules: Sequence[CategoryRule]) -> list[FieldError]:
    errors = []
    keys = [r.key for r in rules]
    for index, rule in enumerate(rules):
        if not rule.key or keys.count(rule.key) > 1:
            errors.append(FieldError(f"rules.{index}.key", "each category needs its own key"))
        if not rule.label_zh.strip() or not rule.label_en.strip():
            errors.append(FieldError(f"rules.{index}.label_zh", "a category needs a Chinese and an English label"))
    if not rules or rules[-1].potential or rules[-1].possibility or rules[-1].basis:
        errors.append(FieldError("rules", "the last rule must match any grades, so every customer gets a category"))
    return errors


_A, _B, _C = Grade.A, Grade.B, Grade.C


def default_category_rules() -> tuple[CategoryRule, ...]:
    """The seed's categories, in order (docs/domain.md section 5)."""
    return (
        CategoryRule("stronghold", "阵地客户", "Stronghold", "投入开发并维持，稳定销售的基础",
                     "Invest to develop and keep: the base of steady sales",
                     frozenset({_A, _B}), frozenset({_A}), frozenset({_A})),
        CategoryRule("gold_mine", "金矿客户", "Gold mine", "投入开发，明天的阵地客户和新的增长点",
                     "Invest: tomorrow's strongholds and new growth",
                     frozenset({_A, _B}), frozenset({_A}), frozenset({_B, _C})),
        CategoryRule("marginal", "鸡肋客户", "Marginal", "不做重点投入，关注潜力等级的上升",
                     "No focused investment; watch for a rise in the potential grade",
                     frozenset({_B, _C}), frozenset({_A, _B}), frozenset({_A, _B})),
        CategoryRule("watch", "观察客户", "Watch", "低成本服务，下季度再评",
                     "Low-cost service; review next quarter"),
    )


class KeyAccountLevel(StrEnum):
    SPECIAL = "special"  # 特级
    A = "A"
    B = "B"
    C = "C"


@dataclass(frozen=True)
class LevelThresholds:
    """Trailing-12-month net revenue (company currency) at or above which a customer has the level."""

    special: Decimal = Decimal(5_000_000)
    a: Decimal = Decimal(1_000_000)
    b: Decimal = Decimal(200_000)

    def level(self, revenue: Decimal) -> KeyAccountLevel:
        """The level of a trailing-12-month net revenue. Runs in SQL for every customer at once
        (repositories/tiering/repository.py, the recompute); tests/integration/test_tiers.py
        `test_recompute_equals_the_domain_rules_and_reruns_change_nothing` holds the two equal."""
        if revenue >= self.special:
            return KeyAccountLevel.SPECIAL
        if revenue >= self.a:
            return KeyAccountLevel.A
        if revenue >= self.b:
            return KeyAccountLevel.B
        return KeyAccountLevel.C

    def problems(self) -> list[FieldError]:
        if not Decimal(0) <= self.b <= self.a <= self.special:
            return [FieldError("thresholds", "need 0 <= B <= A <= special")]
        return []


class AbcClass(StrEnum):
    A = "A"
    B = "B"
    C = "C"


@dataclass(frozen=True)
class AbcShares:
    """A: the customers making the first `a` percent of revenue; B: the next `b` percent; C: the rest."""

    a: Decimal = Decimal(80)
    b: Decimal = Decimal(15)


def abc_classes(revenues: Sequence[tuple[K, Decimal]], shares: AbcShares = AbcShares()) -> dict[K, AbcClass]:
    """Pareto classes: customers sorted by revenue (largest first; ties by key); a customer is A while the
    revenue of those before it is under `a` percent of the total, B while under `a + b` percent, else C.
    Customers without positive revenue are C. Runs in SQL for every customer at once (a cumulative window in
    repositories/tiering/repository.py); tests/integration/test_tiers.py
    `test_recompute_equals_the_domain_rules_and_reruns_change_nothing` holds the two equal."""
    ordered = sorted(revenues, key=lambda kv: (-kv[1], kv[0]))
    total = sum((r for _, r in ordered if r > 0), Decimal(0))
    classes: dict[K, AbcClass] = {}
    before = Decimal(0)
    for key, revenue in ordered:
        if revenue <= 0 or total <= 0:
            classes[key] = AbcClass.C
            continue
        share_before = before / total * HUNDRED
        classes[key] = (AbcClass.A if share_before < shares.a else
                        AbcClass.B if share_before < shares.a + shares.b else AbcClass.C)
        before += revenue
    return classes


@dataclass(frozen=True)
class DecileRow:
    """One tenth of the customers, by a figure (revenue, or future profit) from the largest down."""

    decile: int  # 1..10: the top 10 %, the next 10 % ...
    customers: int
    cumulative_customers: int
    total: Decimal
    cumulative_total: Decimal
    cumulative_percent: Decimal  # of the grand total
    percent_of_maximum: Decimal  # of the largest cumulative total (for figures that can be negative)
    minimum: Decimal
    average: Decimal


def decile_table(values: Sequence[Decimal], groups: int = 10) -> list[DecileRow]:
    """The seed's decile analysis (十分位法): sort descending, cut into `groups` groups of equal size (the
    first groups take one more when the count does not divide), and add up. Runs in SQL (`ntile`,
    repositories/tiering/repository.py); tests/integration/test_tiers.py
    `test_recompute_equals_the_domain_rules_and_reruns_change_nothing` holds the two equal."""
    ordered = sorted(values, reverse=True)
    n = len(ordered)
    if n == 0:
        return []
    size, extra = divmod(n, groups)
    rows: list[tuple[int, list[Decimal]]] = []
    start = 0
    for index in range(groups):
        count = size + (1 if index < extra else 0)
        rows.append((index + 1, ordered[start:start + count]))
        start += count
    grand_total = sum(ordered, Decimal(0))
    cumulative_totals = []
    running = Decimal(0)
    for _, members in rows:
        running += sum(members, Decimal(0))
        cumulative_totals.append(running)
    maximum = max(cumulative_totals)
    table = []
    cumulative_customers = 0
    for (decile, members), cumulative in zip(rows, cumulative_totals, strict=True):
        if not members:
            continue
        cumulative_customers += len(members)
        table.append(RankedGroup(
            number=decile, customers=len(members), total=sum(members, Decimal(0)), minimum=min(members),
            cumulative_customers=cumulative_customers, cumulative_total=cumulative, all_customers=n,
            grand_total=grand_total, maximum_cumulative_total=maximum).decile_row())
    return table


def percent(part: Decimal | int, whole: Decimal | int) -> Decimal:
    """`part` as a percentage of `whole`, to one decimal; 0 when `whole` is 0."""
    return (Decimal(part) / Decimal(whole) * HUNDRED).quantize(Decimal("0.1")) if whole else Decimal(0)


@dataclass(frozen=True)
class RankedGroup:
    """One of n equal groups of customers ranked by a figure, largest first, with the running sums: what
    PostgreSQL computes set-based (ntile and cumulative windows) for deciles and the Pareto curve, and what
    `decile_table` computes in Python. The percentages and averages are computed here, for both."""

    number: int  # 1 = the largest figures
    customers: int
    total: Decimal
    minimum: Decimal
    cumulative_customers: int
    cumulative_total: Decimal
    all_customers: int
    grand_total: Decimal
    maximum_cumulative_total: Decimal

    def decile_row(self) -> DecileRow:
        return DecileRow(
            decile=self.number, customers=self.customers, cumulative_customers=self.cumulative_customers,
            total=self.total, cumulative_total=self.cumulative_total,
            cumulative_percent=percent(self.cumulative_total, self.grand_total),
            percent_of_maximum=percent(self.cumulative_total, self.maximum_cumulative_total)
            if self.maximum_cumulative_total > 0 else Decimal(0),
            minimum=self.minimum, average=(self.total / self.customers).quantize(Decimal("0.01")))


# --- history and movement -------------------------------------------------------------------------


class TierSource(StrEnum):
    SCORE_SHEET = "score_sheet"  # an approved quarterly sheet
    RECOMPUTE = "recompute"  # levels and ABC classes from the transaction facts
    CATEGORY_RULES = "category_rules"  # an administrator changed the rules


@dataclass(frozen=True)
class TierHistoryEntry:
    """A change to a customer's tiers: grades and category (from sheets or rule edits), or level and ABC class
    (from recomputes). Columns the change is not about are None."""

    at: datetime
    source: TierSource
    period: str | None = None
    grades: dict[Dimension, Grade] | None = None
    category: str | None = None
    level: KeyAccountLevel | None = None
    abc_class: AbcClass | None = None
    revenue_12m: Decimal | None = None
    score_sheet_id: int | None = None


GRADE_RANK = {Grade.A: 3, Grade.B: 2, Grade.C: 1}


@dataclass(frozen=True)
class Movement:
    """One customer's approved results in two quarters."""

    customer: CustomerRef
    before_grades: dict[Dimension, Grade]
    before_category: str
    after_grades: dict[Dimension, Grade]
    after_category: str


class AlertKind(StrEnum):
    # The seed: marginal customers get no focused investment, but watch for a rise in the potential grade.
    MARGINAL_POTENTIAL_ROSE = "marginal_potential_rose"
    # Strongholds are the base of steady sales: losing one needs attention.
    STRONGHOLD_FELL = "stronghold_fell"


MARGINAL, STRONGHOLD = "marginal", "stronghold"


def alert_for(movement: Movement) -> AlertKind | None:
    """Whether a customer's move between two quarters needs an account manager's attention."""
    if movement.before_category == MARGINAL and (
            GRADE_RANK[movement.after_grades[Dimension.POTENTIAL]]
            > GRADE_RANK[movement.before_grades[Dimension.POTENTIAL]]):
        return AlertKind.MARGINAL_POTENTIAL_ROSE
    if movement.before_category == STRONGHOLD and movement.after_category != STRONGHOLD:
        return AlertKind.STRONGHOLD_FELL
    return None


def direction(rules: Sequence[CategoryRule], before: str | None, after: str | None) -> int:
    """+1 for a promotion, -1 for a demotion, 0 otherwise: the rules are ordered from the most valuable
    category down, so an earlier rule is a better category."""
    order = {rule.key: index for index, rule in enumerate(rules)}
    if before is None or after is None or before not in order or after not in order:
        return 0
    return (order[before] > order[after]) - (order[before] < order[after])


@dataclass(frozen=True)
class CategoryMove:
    before: str | None
    after: str
    customers: int


def preview_rules(rules: Sequence[CategoryRule],
                  combinations: Sequence[tuple[dict[Dimension, Grade], str | None, int]]) -> list[CategoryMove]:
    """How many graded customers would change category under these rules, from which to which. Categories
    depend on the grades only, so counting per grade combination is enough."""
    moves: dict[tuple[str | None, str], int] = {}
    for grades, current, customers in combinations:
        after = categorise(rules, grades).key
        if after != current:
            moves[(current, after)] = moves.get((current, after), 0) + customers
    return [CategoryMove(before, after, n) for (before, after), n in sorted(
        moves.items(), key=lambda kv: (-kv[1], kv[0][0] or "", kv[0][1]))]


def all_grade_combinations() -> list[dict[Dimension, Grade]]:
    return [{Dimension.POTENTIAL: p, Dimension.POSSIBILITY: q, Dimension.BASIS: b}
            for p in Grade for q in Grade for b in Grade]


# --- the recompute of key-account levels and ABC classes: settings, runs, summaries ------------------------

MONEY_LIMIT = Decimal(10) ** 16  # amounts are stored as NUMERIC(18, 2)
CENT = Decimal("0.01")


def _decimal_problem(value: Decimal, below: Decimal) -> str | None:
    if not value.is_finite():
        return "must be a number"
    if abs(value) >= below:
        return f"must be less than {below:,.0f}"
    if value != value.quantize(CENT):
        return "at most two decimal places"
    return None


@dataclass(frozen=True)
class TierSettings:
    """The company's key-account level thresholds and ABC shares, which every recompute uses. Edits name the
    `version` they started from (If-Match)."""

    levels: LevelThresholds = LevelThresholds()
    shares: AbcShares = AbcShares()
    version: int = 1

    def values(self) -> dict[str, Decimal]:
        """The settings by field name, as the API, the audit log and each run's record name them."""
        return {"level_special": self.levels.special, "level_a": self.levels.a, "level_b": self.levels.b,
                "abc_a_percent": self.shares.a, "abc_b_percent": self.shares.b}

    def problems(self) -> list[FieldError]:
        """Every broken rule, named by its field: amounts with at most two decimals, 0 <= level_b <= level_a
        <= level_special, 0 < abc_a_percent <= 100, abc_b_percent >= 0 and the two shares at most 100 together
        (a customer is A while the revenue before it is under a %, B under a + b %)."""
        errors: list[FieldError] = []
        for name, value in self.values().items():
            problem = _decimal_problem(value, MONEY_LIMIT if name.startswith("level_") else HUNDRED * 10)
            if problem:
                errors.append(FieldError(name, problem))
        if errors:
            return errors
        levels, shares = self.levels, self.shares
        if levels.b < 0:
            errors.append(FieldError("level_b", "must not be negative"))
        if levels.a < levels.b:
            errors.append(FieldError("level_a", "must be at least level_b"))
        if levels.special < levels.a:
            errors.append(FieldError("level_special", "must be at least level_a"))
        a_valid = Decimal(0) < shares.a <= HUNDRED
        if not a_valid:
            errors.append(FieldError("abc_a_percent", "must be more than 0 and at most 100"))
        if shares.b < 0:
            errors.append(FieldError("abc_b_percent", "must not be negative"))
        elif a_valid and shares.a + shares.b > HUNDRED:
            errors.append(FieldError("abc_b_percent", "abc_a_percent + abc_b_percent must be at most 100"))
        return errors


class TierRunTrigger(StrEnum):
    MANUAL = "manual"  # an administrator, through the API
    CLI = "cli"  # `keyhold tiers recompute`
    NIGHTLY = "nightly"  # the nightly jobs (`keyhold jobs nightly`, or the scheduler of `keyhold serve`)
    DEMO = "demo"  # after the demo data is loaded


@dataclass(frozen=True)
class TierRun:
    """One recompute of every customer's key-account level and ABC class."""

    id: int
    trigger: TierRunTrigger
    triggered_by: UserRef | None
    started_at: datetime
    finished_at: datetime | None
    as_of_month: date  # the last month of the trailing 12 (first day, company time zone)
    customers: int
    changed: int  # customers whose level or ABC class changed (one history row each)
    settings: TierSettings  # the thresholds and shares it used

    def revenue_window(self, time_zone: tzinfo) -> RevenueWindow:
        """The window of the run's revenue figures: trailing 12 months to the day it ran (company time zone), the
        month of `as_of_month` and the eleven before."""
        return trailing_12_months(self.started_at.astimezone(time_zone).date())


@dataclass(frozen=True)
class RecomputeStep:
    """Progress of a recompute: step `number` of `steps` is done."""

    number: int
    steps: int
    label: str
    seconds: float


Progress = Callable[[RecomputeStep], None]


@dataclass(frozen=True)
class LevelCount:
    level: KeyAccountLevel
    customers: int
    revenue_12m: Decimal


@dataclass(frozen=True)
class AbcCount:
    abc_class: AbcClass
    customers: int
    revenue_12m: Decimal
    revenue_percent: Decimal  # of the revenue of all tiered customers counted


@dataclass(frozen=True)
class ParetoPoint:
    """A step of the Pareto curve: customers ranked by revenue, largest first, cut into at most 100 groups."""

    customers: int  # in this step
    revenue_12m: Decimal  # of this step (the bar)
    customers_percent: Decimal  # cumulative share of the customers (the x axis)
    revenue_percent: Decimal  # cumulative share of the revenue (the line)


def pareto_point(group: RankedGroup) -> ParetoPoint:
    return ParetoPoint(group.customers, group.total, percent(group.cumulative_customers, group.all_customers),
                       percent(group.cumulative_total, group.grand_total))


@dataclass(frozen=True)
class LevelSummary:
    levels: tuple[LevelCount, ...]  # special, A, B, C: every level, zeros included
    untiered: int  # customers no recompute has tiered yet
    run: TierRun | None  # the latest run


@dataclass(frozen=True)
class AbcSummary:
    classes: tuple[AbcCount, ...]  # A, B, C
    untiered: int
    pareto: tuple[ParetoPoint, ...]
    run: TierRun | None


class DecileBasis(StrEnum):
    REVENUE = "revenue"  # trailing-12-month net revenue, from the latest recompute
    FUTURE_PROFIT = "future_profit"  # predicted profit per customer (the CLV at the margin) of the latest loyalty run


@dataclass(frozen=True)
class DecileAnalysis:
    by: DecileBasis
    rows: tuple[DecileRow, ...]
    run: TierRun | None


# --- the partition checked against the level (docs/domain.md section 5, "Partition and level") -------------------

LEVEL_ORDER = {KeyAccountLevel.SPECIAL: 0, KeyAccountLevel.A: 1, KeyAccountLevel.B: 2, KeyAccountLevel.C: 3}


@dataclass(frozen=True)
class PartitionRule:
    """Which partition the customers of each key-account level belong in (None: either). Data that whoever manages
    the tier settings edits; the default puts special and A level customers in the key partition. Edits name the
    `version` they started from (If-Match)."""

    special: Partition | None = Partition.KEY
    a: Partition | None = Partition.KEY
    b: Partition | None = None
    c: Partition | None = None
    version: int = 1

    def expected(self, level: KeyAccountLevel) -> Partition | None:
        return self.values()[_LEVEL_FIELDS[level]]

    def values(self) -> dict[str, Partition | None]:
        """The rule by field name, as the API, the audit log and the table name them."""
        return {"level_special": self.special, "level_a": self.a, "level_b": self.b, "level_c": self.c}

    def problems(self) -> list[FieldError]:
        """A level belongs in the key or the regular partition, or either: abandoning a customer is a decision
        about that customer, never a rule."""
        return [FieldError(name, "must be key, regular or empty (either)") for name, value in self.values().items()
                if value is not None and value not in (Partition.KEY, Partition.REGULAR)]


_LEVEL_FIELDS = {KeyAccountLevel.SPECIAL: "level_special", KeyAccountLevel.A: "level_a",
                 KeyAccountLevel.B: "level_b", KeyAccountLevel.C: "level_c"}


def partition_needed(rule: PartitionRule, level: KeyAccountLevel | None, partition: Partition) -> Partition | None:
    """The partition a customer should move to by the rule, or None when it is where the rule puts it. Customers
    not tiered yet (no level) and abandoned customers (set aside by a decision, with a review date) are never
    flagged."""
    if level is None or partition is Partition.ABANDONED:
        return None
    expected = rule.expected(level)
    return expected if expected is not None and expected is not partition else None


def partition_mismatches(rule: PartitionRule, customers: Iterable[tuple[K, KeyAccountLevel | None, Decimal, Partition]],
                         ) -> list[tuple[K, Partition]]:
    """The customers (key, level, 12-month revenue, partition) whose partition the rule disagrees with, each with
    the partition it belongs in, in the order the "needs attention" list shows them: special level first, then A,
    B, C; within a level the largest revenue first; ties by key. Runs in SQL for the paged list
    (repositories/tiering/repository.py `partition_mismatches`); tests/integration/test_partition_check.py
    `test_the_list_is_the_domain_rule` holds the two equal."""
    found = [(key, level, revenue, needed) for key, level, revenue, partition in customers
             if level is not None and (needed := partition_needed(rule, level, partition)) is not None]
    found.sort(key=lambda m: (LEVEL_ORDER[m[1]], -m[2], m[0]))
    return [(key, needed) for key, _, _, needed in found]


@dataclass(frozen=True)
class PartitionMismatch:
    """A customer in the "needs attention" list: its level says it belongs in another partition."""

    customer: CustomerRef
    level: KeyAccountLevel
    revenue_12m: Decimal
    partition: Partition
    expected: Partition


@dataclass(frozen=True)
class PartitionCheck:
    """One page of the customers in scope whose partition disagrees with the rule, and how many there are (per
    level, of the customers in scope)."""

    rule: PartitionRule
    items: tuple[PartitionMismatch, ...]
    next_cursor: str | None
    counts: tuple[tuple[KeyAccountLevel, int], ...]  # every level, zeros included
    run: TierRun | None  # the latest recompute, which the levels are from

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)


@dataclass(frozen=True)
class CustomerTierFacts:
    """A customer's current level, ABC class and 12-month revenue (of the latest recompute), its partition and
    where the rule puts it."""

    customer_id: int
    level: KeyAccountLevel | None
    abc_class: AbcClass | None
    revenue_12m: Decimal | None
    partition: Partition
    partition_needed: Partition | None  # where the rule puts it when it is not there now (partition_needed)
    run: TierRun | None
