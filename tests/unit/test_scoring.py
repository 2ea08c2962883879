"""Score models, evaluation and grades (domain-spec section 4), without a database."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from domain.scoring import (
    Dimension,
    Grade,
    GradeThresholds,
    IndicatorSource,
    default_score_model,
    evaluate,
    model_problems,
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
