"""Tiering (domain-spec section 5): categories from grades, key-account levels, ABC classes, deciles.

The rules are data (an administrator edits the category rules and thresholds); the functions here are
their meaning. Recomputation over all customers runs set-based in PostgreSQL with the same definitions,
and tests hold the two equal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

from domain.errors import FieldError
from domain.scoring import Dimension, Grade

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
    """The seed's categories, in order (domain-spec section 5)."""
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
    Customers without positive revenue are C."""
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
    first groups take one more when the count does not divide), and add up."""
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
        total = sum(members, Decimal(0))
        table.append(DecileRow(
            decile=decile, customers=len(members), cumulative_customers=cumulative_customers, total=total,
            cumulative_total=cumulative,
            cumulative_percent=(cumulative / grand_total * HUNDRED).quantize(Decimal("0.1")) if grand_total
            else Decimal(0),
            percent_of_maximum=(cumulative / maximum * HUNDRED).quantize(Decimal("0.1")) if maximum > 0
            else Decimal(0),
            minimum=min(members), average=(total / len(members)).quantize(Decimal("0.01"))))
    return table
