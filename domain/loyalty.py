"""Loyalty metrics (domain-spec section 6), first part: RFM scores and segments.

RFM as of a date: recency (days since the last purchase), frequency (purchases) and monetary value (net
revenue) per customer who has bought, each turned into a quintile score 1-5 (5 = most recent, most
frequent, most valuable). Customers are ranked on each figure, best first with ties broken by customer id,
and cut into five groups of equal size where the first groups take one more (PostgreSQL's `ntile`), so the
set-based recompute and this reference give the same scores. Segments come from the recency and frequency
scores through ordered rules (first match wins), which are data an administrator can change; the default is
the widely used eleven-segment grid.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from domain.errors import FieldError

K = TypeVar("K")
SCORES = frozenset(range(1, 6))


@dataclass(frozen=True)
class RfmFigures:
    """A buying customer's figures as of the RFM date."""

    recency_days: int
    frequency: int
    monetary: Decimal


@dataclass(frozen=True)
class RfmScore:
    recency: int
    frequency: int
    monetary: int

    @property
    def code(self) -> str:
        """"545": recency, frequency, monetary scores, as analysts write them."""
        return f"{self.recency}{self.frequency}{self.monetary}"


def quintile_scores(figures: Sequence[tuple[K, int | Decimal]], *, larger_is_better: bool) -> dict[K, int]:
    """Score 5 for the best fifth of the customers, 1 for the worst; ties in the figure go by key."""
    ordered = sorted(figures, key=lambda kv: (-kv[1] if larger_is_better else kv[1], kv[0]))
    size, extra = divmod(len(ordered), 5)
    scores: dict[K, int] = {}
    start = 0
    for group in range(5):
        count = size + (1 if group < extra else 0)
        for key, _ in ordered[start:start + count]:
            scores[key] = 5 - group
        start += count
    return scores


def rfm_scores(customers: Sequence[tuple[K, RfmFigures]]) -> dict[K, RfmScore]:
    """Quintile scores on each figure for customers who have bought."""
    recency = quintile_scores([(k, f.recency_days) for k, f in customers], larger_is_better=False)
    frequency = quintile_scores([(k, f.frequency) for k, f in customers], larger_is_better=True)
    monetary = quintile_scores([(k, f.monetary) for k, f in customers], larger_is_better=True)
    return {k: RfmScore(recency[k], frequency[k], monetary[k]) for k, _ in customers}


@dataclass(frozen=True)
class SegmentRule:
    """A named segment and the recency and frequency scores that put a customer in it."""

    key: str
    label_zh: str
    label_en: str
    recency: frozenset[int]
    frequency: frozenset[int]

    def matches(self, score: RfmScore) -> bool:
        return score.recency in self.recency and score.frequency in self.frequency


def segment_of(rules: Sequence[SegmentRule], score: RfmScore) -> SegmentRule:
    """The first rule that matches; the rules must cover every pair of scores (see `segment_rule_problems`)."""
    for rule in rules:
        if rule.matches(score):
            return rule
    raise ValueError(f"no segment rule covers recency {score.recency}, frequency {score.frequency}")


def segment_rule_problems(rules: Sequence[SegmentRule]) -> list[FieldError]:
    errors = []
    keys = [r.key for r in rules]
    for index, rule in enumerate(rules):
        if not rule.key or keys.count(rule.key) > 1:
            errors.append(FieldError(f"rules.{index}.key", "each segment needs its own key"))
        if not rule.recency <= SCORES or not rule.frequency <= SCORES or not rule.recency or not rule.frequency:
            errors.append(FieldError(f"rules.{index}", "scores are 1 to 5, at least one per figure"))
    uncovered = [f"{r}{f}" for r in sorted(SCORES) for f in sorted(SCORES)
                 if not any(rule.matches(RfmScore(r, f, 1)) for rule in rules)]
    if uncovered:
        errors.append(FieldError("rules", f"no segment for recency/frequency scores {', '.join(uncovered)}"))
    return errors


def _rule(key: str, zh: str, en: str, recency: str, frequency: str) -> SegmentRule:
    return SegmentRule(key, zh, en, frozenset(int(c) for c in recency), frozenset(int(c) for c in frequency))


def default_segment_rules() -> tuple[SegmentRule, ...]:
    """The eleven-segment RFM grid on recency x frequency scores, in order."""
    return (
        _rule("champions", "重要价值客户", "Champions", "5", "45"),
        _rule("loyal", "忠诚客户", "Loyal", "34", "45"),
        _rule("potential_loyalists", "潜力客户", "Potential loyalists", "45", "23"),
        _rule("new", "新客户", "New", "5", "1"),
        _rule("promising", "有望客户", "Promising", "4", "1"),
        _rule("need_attention", "需关注客户", "Need attention", "3", "3"),
        _rule("about_to_sleep", "即将沉睡客户", "About to sleep", "3", "12"),
        _rule("cant_lose", "不能失去的客户", "Can't lose", "12", "5"),
        _rule("at_risk", "流失风险客户", "At risk", "12", "34"),
        _rule("hibernating", "沉睡客户", "Hibernating", "2", "12"),
        _rule("lost", "流失客户", "Lost", "1", "12"),
    )
