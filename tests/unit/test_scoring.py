"""Score models, evaluation and grades (docs/domain.md section 4), without a database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from domain.scoring.model import (
    ComputedValue,
    Dimension,
    Grade,
    GradeThresholds,
    IndicatorSource,
    PeriodMeasures,
    Quarter,
    computed_values,
    default_score_model,
    evaluate,
    model_problems,
    sheet_problems,
    submit_problems,
    value_problems,
)

D = Decimal


def test_the_default_model_is_the_seeds() -> None:
    model = default_score_model()
    weights = {i.key: (i.dimension, int(i.weight)) for i in model.indicators}
    assert weights == {
        "qualification": (Dimension.POTENTIAL, 20), "business_performance": (Dimension.POTENTIAL, 20),
        "designers": (Dimension.POTENTIAL, 20), "project_managers": (Dimension.POTENTIAL, 20),
        "outlets": (Dimension.POTENTIAL, 20), "competition": (Dimension.POSSIBILITY, 40),
        "willingness": (Dimension.POSSIBILITY, 20), "business_fit": (Dimension.POSSIBILITY, 20),
        "satisfaction": (Dimension.BASIS, 30), "transaction_amount": (Dimension.BASIS, 40),
        "order_share": (Dimension.BASIS, 30),
    }
    assert [model.maximum(d) for d in Dimension] == [D(100), D(80), D(100)]
    assert model_problems(model) == []


def test_grades_use_the_percentage_of_the_dimension_maximum() -> None:
    model = default_score_model()
    # Possibility is out of 80: 64 points are 80 % (A), 48 are 60 % (B), 47 are 58.8 % (C).
    for competition, willingness, business_fit, grade in ((40, 16, 8, Grade.A), (30, 10, 8, Grade.B),
                                                          (30, 10, 7, Grade.C)):
        result = evaluate(model, {"competition": D(competition), "willingness": D(willingness),
                                  "business_fit": D(business_fit)})
        possibility = result.scores[1]
        assert (possibility.dimension, possibility.maximum, possibility.grade) == (Dimension.POSSIBILITY, D(80), grade)
    result = evaluate(model, {"competition": D(40), "willingness": D(16), "business_fit": D(8)})
    assert result.scores[1].percentage == D("80.0")
    assert result.grades == {Dimension.POTENTIAL: Grade.C, Dimension.POSSIBILITY: Grade.A, Dimension.BASIS: Grade.C}


def test_values_outside_the_weight_or_unknown_are_named() -> None:
    model = default_score_model()
    problems = value_problems(model, {"competition": D(41), "designers": D(-1), "charm": D(5), "outlets": D(20)})
    assert [e.field for e in problems] == ["values.competition", "values.designers", "values.charm"]


def test_computed_indicators_earn_points_on_their_scale() -> None:
    amount = default_score_model().indicator("transaction_amount")
    assert amount is not None and amount.source is IndicatorSource.TRANSACTION_AMOUNT
    assert [amount.points_for(D(v)) for v in ("0", "0.01", "9999", "10000", "250000", "2000000")] == [
        D(0), D(4), D(4), D(8), D(32), D(40)]


def test_a_broken_model_is_refused() -> None:
    model = default_score_model()
    no_basis = replace(model, indicators=tuple(i for i in model.indicators if i.dimension is not Dimension.BASIS))
    assert any(e.field == "indicators" for e in model_problems(no_basis))
    inverted = replace(model, thresholds=GradeThresholds(a=D(50), b=D(70)))
    assert [e.field for e in model_problems(inverted)] == ["thresholds"]
    twice = replace(model, indicators=(*model.indicators, model.indicators[0]))
    assert "indicators.11.key" in {e.field for e in model_problems(twice)}


def test_quarters_parse_order_and_span_three_months() -> None:
    q3 = Quarter.parse("2026Q3")
    assert q3 == Quarter(2026, 3) and str(q3) == "2026Q3"
    assert (q3.first_month.isoformat(), q3.last_month.isoformat()) == ("2026-07-01", "2026-09-01")
    assert Quarter.parse("2026Q5") is None and Quarter.parse("26Q1") is None and Quarter.parse("2026q1") is None
    assert Quarter(2026, 1).previous() == Quarter(2025, 4) and Quarter(2025, 4).next() == Quarter(2026, 1)
    assert Quarter(2025, 4) < Quarter(2026, 1) < Quarter(2026, 2)
    assert Quarter.of(date(2026, 9, 30)) == q3 and Quarter.of(date(2026, 10, 1)) == Quarter(2026, 4)


def test_computed_indicators_read_the_period_figures() -> None:
    model = default_score_model()
    computed = computed_values(model, PeriodMeasures(D(120000), D(300000), D(400000)))
    assert computed["transaction_amount"] == ComputedValue(D(120000), D(24))
    assert computed["order_share"] == ComputedValue(D("75.0"), D(24))  # 300,000 of 400,000 a year
    assert "satisfaction" not in computed  # no surveys
    # Without a declared total the share cannot be computed; a share above 100 % is capped.
    assert "order_share" not in computed_values(model, PeriodMeasures(D(0), D(0), None))
    assert computed_values(model, PeriodMeasures(D(0), D(900), D(100)))["order_share"].measured == 100
    surveyed = computed_values(model, PeriodMeasures(D(0), D(0), None, satisfaction=D("4.2")))
    assert surveyed["satisfaction"] == ComputedValue(D("4.2"), D(24))
    assert surveyed["transaction_amount"] == ComputedValue(D(0), D(0))


def test_overriding_a_computed_value_needs_a_note() -> None:
    model = default_score_model()
    computed = {"transaction_amount": ComputedValue(D(120000), D(24))}
    assert sheet_problems(model, {"transaction_amount": D(24)}, computed, {}) == []
    problems = sheet_problems(model, {"transaction_amount": D(32)}, computed, {"transaction_amount": "  "})
    assert [p.field for p in problems] == ["notes.transaction_amount"]
    assert sheet_problems(model, {"transaction_amount": D(32)}, computed, {"transaction_amount": "offline"}) == []
    assert [p.field for p in sheet_problems(model, {}, computed, {"charm": "x"})] == ["notes.charm"]
    missing = submit_problems(model, {"outlets": D(3)})
    assert len(missing) == len(model.indicators) - 1 and "values.outlets" not in {p.field for p in missing}
