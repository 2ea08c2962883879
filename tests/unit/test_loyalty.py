"""RFM scores and segments (docs/domain.md section 6), without a database."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from domain.loyalty.model import (
    RfmFigures,
    RfmScore,
    default_segment_rules,
    quintile_scores,
    rfm_scores,
    segment_of,
    segment_rule_problems,
)


def test_quintiles_give_the_best_fifth_five_and_the_first_groups_one_more() -> None:
    # 12 customers: groups of 3, 3, 2, 2, 2 (like ntile(5)); larger is better.
    scores = quintile_scores([(k, k * 10) for k in range(1, 13)], larger_is_better=True)
    assert [scores[k] for k in range(12, 0, -1)] == [5, 5, 5, 4, 4, 4, 3, 3, 2, 2, 1, 1]
    # Smaller is better for recency; ties go by key, so equal figures may land in different groups.
    recency = quintile_scores([("a", 3), ("b", 3), ("c", 3), ("d", 3), ("e", 3)], larger_is_better=False)
    assert recency == {"a": 5, "b": 4, "c": 3, "d": 2, "e": 1}
    assert quintile_scores([], larger_is_better=True) == {}
    assert quintile_scores([("only", 7)], larger_is_better=True) == {"only": 5}


def test_rfm_scores_rank_each_figure_on_its_own() -> None:
    customers = [(i, RfmFigures(recency_days=i * 30, frequency=20 - i, monetary=Decimal(1000 * (i % 5))))
                 for i in range(10)]
    scores = rfm_scores(customers)
    assert scores[0] == RfmScore(5, 5, 1) and scores[0].code == "551"  # newest, most frequent, no revenue
    assert scores[9].recency == 1 and scores[9].frequency == 1
    assert sorted(s.monetary for s in scores.values()) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]


def _segment(recency: int, frequency: int) -> str:
    return segment_of(default_segment_rules(), RfmScore(recency, frequency, 3)).key


def test_the_default_segments_cover_the_grid_first_match_wins() -> None:
    assert segment_rule_problems(default_segment_rules()) == []
    assert _segment(5, 5) == "champions" and _segment(5, 4) == "champions"
    assert _segment(4, 5) == "loyal" and _segment(3, 4) == "loyal"
    assert _segment(5, 2) == "potential_loyalists" and _segment(5, 1) == "new" and _segment(4, 1) == "promising"
    assert _segment(3, 3) == "need_attention" and _segment(3, 1) == "about_to_sleep"
    assert _segment(1, 5) == "cant_lose" and _segment(2, 3) == "at_risk"
    assert _segment(2, 1) == "hibernating" and _segment(1, 2) == "lost"


def test_segment_rules_must_cover_every_score_pair() -> None:
    rules = default_segment_rules()
    problems = segment_rule_problems(rules[:-1])  # without "lost"
    assert [p.field for p in problems] == ["rules"] and "11, 12" in problems[0].message
    broken = (replace(rules[0], recency=frozenset({6})), *rules[1:], rules[1])
    assert {p.field for p in segment_rule_problems(broken)} >= {"rules.0", f"rules.{len(rules)}.key"}
