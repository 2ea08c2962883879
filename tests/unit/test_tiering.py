"""Categories, key-account levels, ABC classes and deciles (docs/domain.md section 5), without a database."""

from __future__ import annotations

from decimal import Decimal
from itertools import product

from domain.scoring.model import CustomerRef, Dimension, Grade
from domain.tiering.model import (
    AbcClass,
    AbcShares,
    AlertKind,
    CategoryMove,
    CategoryRule,
    KeyAccountLevel,
    LevelThresholds,
    Movement,
    abc_classes,
    alert_for,
    all_grade_combinations,
    categorise,
    decile_table,
    default_category_rules,
    direction,
    preview_rules,
    rule_problems,
)

D = Decimal


def _category(potential: str, possibility: str, basis: str) -> str:
    grades = {Dimension.POTENTIAL: Grade(potential), Dimension.POSSIBILITY: Grade(possibility),
              Dimension.BASIS: Grade(basis)}
    return categorise(default_category_rules(), grades).key


def test_the_seeds_category_rules_first_match_wins() -> None:
    assert _category("A", "A", "A") == "stronghold"
    assert _category("B", "A", "A") == "stronghold"
    assert _category("A", "A", "C") == "gold_mine"
    assert _category("B", "A", "B") == "gold_mine"  # also fits marginal: the earlier rule wins
    assert _category("C", "A", "A") == "marginal"
    assert _category("C", "B", "B") == "marginal"
    assert _category("A", "B", "A") == "watch"
    assert _category("C", "C", "A") == "watch"
    # Every combination of grades has exactly one category.
    assert {_category(*g) for g in product("ABC", repeat=3)} == {"stronghold", "gold_mine", "marginal", "watch"}
    assert rule_problems(default_category_rules()) == []
    assert [e.field for e in rule_problems(default_category_rules()[:3])] == ["rules"]


def test_key_account_levels_by_trailing_revenue() -> None:
    levels = LevelThresholds()
    assert [levels.level(D(v)) for v in (6_000_000, 5_000_000, 1_200_000, 200_000, 199_999.99, 0)] == [
        KeyAccountLevel.SPECIAL, KeyAccountLevel.SPECIAL, KeyAccountLevel.A, KeyAccountLevel.B, KeyAccountLevel.C,
        KeyAccountLevel.C]
    assert LevelThresholds(special=D(1), a=D(2), b=D(0)).problems()


def test_abc_is_pareto_on_revenue() -> None:
    revenues = [(1, D(500)), (2, D(300)), (3, D(100)), (4, D(60)), (5, D(40)), (6, D(0)), (7, D(-10))]
    # Before each: 0 %, 50 %, 80 %, 90 %, 96 % of 1,000.
    assert abc_classes(revenues) == {1: AbcClass.A, 2: AbcClass.A, 3: AbcClass.B, 4: AbcClass.B, 5: AbcClass.C,
                                     6: AbcClass.C, 7: AbcClass.C}
    assert abc_classes(revenues, AbcShares(a=D(50), b=D(40)))[2] == AbcClass.B


# The seed's hotel chain: 19,420 customers, revenue in thousands per decile, min and average spend.
HOTEL = [  # revenue (thousands), cumulative, cumulative %, minimum, average
    (13501, 13501, "57.5", 2322, 6952), (3257, 16758, "71.4", 1248, 1677), (1987, 18745, "79.9", 843, 1023),
    (1402, 20147, "85.9", 613, 722), (1045, 21192, "90.3", 468, 538), (790, 21982, "93.7", 348, 407),
    (602, 22584, "96.3", 278, 310), (487, 23071, "98.3", 226, 251), (349, 23420, "99.8", 100, 180),
    (40, 23460, "100.0", 0, 21),
]


def _decile_members(revenue_thousands: int, minimum: int, count: int = 1942) -> list[Decimal]:
    """`count` customers spending `revenue_thousands` thousand in all, the least of them `minimum`."""
    rest, remainder = divmod(revenue_thousands * 1000 - minimum, count - 1)
    return [D(minimum)] + [D(rest + (1 if i < remainder else 0)) for i in range(count - 1)]


def test_decile_analysis_reproduces_the_seeds_hotel_table() -> None:
    spend = [s for revenue, _, _, minimum, _ in HOTEL for s in _decile_members(revenue, minimum)]
    table = decile_table(spend)
    assert len(table) == 10 and sum(r.customers for r in table) == 19420
    for row, (revenue, cumulative, percent, minimum, average) in zip(table, HOTEL, strict=True):
        assert row.customers == 1942 and row.cumulative_customers == 1942 * row.decile
        assert row.total == revenue * 1000
        assert row.cumulative_total == cumulative * 1000
        assert row.cumulative_percent == D(percent)
        assert row.minimum == minimum
        assert round(row.average) == average
    # "30 % of customers = 80 % of revenue."
    assert table[2].cumulative_percent == D("79.9")


def test_decile_analysis_by_future_profit_finds_where_value_is_destroyed() -> None:
    per_decile = [200, 140, 60, 30, 10, -5, -25, -50, -100, -175]
    profits = [D(p) for p in per_decile for _ in range(1942)]
    table = decile_table(profits)
    assert [int(r.cumulative_total) for r in table] == [
        388400, 660280, 776800, 835060, 854480, 844770, 796220, 699120, 504920, 165070]
    # "50 % of customers = 100 % of the maximum profit": the bottom half destroys value.
    assert table[4].percent_of_maximum == D("100.0")
    assert table[9].percent_of_maximum == D("19.3")


def test_uneven_counts_give_the_first_deciles_one_more() -> None:
    table = decile_table([D(v) for v in range(23)])
    assert [r.customers for r in table] == [3, 3, 3, 2, 2, 2, 2, 2, 2, 2]
    assert decile_table([]) == []


def _grades(text: str) -> dict[Dimension, Grade]:
    return dict(zip(Dimension, (Grade(g) for g in text), strict=True))


def _movement(before: str, before_category: str, after: str, after_category: str) -> Movement:
    return Movement(CustomerRef(1, "C0000001", "x", "hotel", None), _grades(before), before_category,
                    _grades(after), after_category)


def test_alerts_marginal_potential_rising_and_strongholds_falling() -> None:
    assert alert_for(_movement("CBB", "marginal", "BBB", "marginal")) is AlertKind.MARGINAL_POTENTIAL_ROSE
    assert alert_for(_movement("BAB", "marginal", "AAB", "gold_mine")) is AlertKind.MARGINAL_POTENTIAL_ROSE
    assert alert_for(_movement("BBB", "marginal", "BBA", "marginal")) is None  # potential did not rise
    assert alert_for(_movement("AAA", "stronghold", "AAB", "gold_mine")) is AlertKind.STRONGHOLD_FELL
    assert alert_for(_movement("AAA", "stronghold", "BAA", "stronghold")) is None  # still a stronghold
    assert alert_for(_movement("CCC", "watch", "AAA", "stronghold")) is None


def test_rule_order_ranks_categories_for_promotions() -> None:
    rules = default_category_rules()
    assert direction(rules, "watch", "stronghold") == 1
    assert direction(rules, "stronghold", "gold_mine") == -1
    assert direction(rules, "marginal", "marginal") == 0
    assert direction(rules, None, "watch") == 0


def test_a_rule_preview_counts_who_moves() -> None:
    rules = default_category_rules()
    current = [(g, categorise(rules, g).key, 10) for g in all_grade_combinations()]
    assert preview_rules(rules, current) == []
    # Drop "marginal": its rule matches 8 combinations, but two (BAA, BAB) go to the earlier stronghold and gold
    # mine rules; the customers of the other 6 fall to "watch".
    without_marginal = tuple(r for r in rules if r.key != "marginal")
    assert preview_rules(without_marginal, current) == [CategoryMove("marginal", "watch", 60)]
    # A rule put first takes everything it matches, whatever comes after (first match wins).
    all_a = CategoryRule("elite", "精英", "Elite", "", "", frozenset({Grade.A}), frozenset({Grade.A}),
                         frozenset({Grade.A}))
    assert preview_rules((all_a, *rules), current) == [CategoryMove("stronghold", "elite", 10)]
