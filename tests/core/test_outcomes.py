"""The conjunction of outcomes (:func:`verifiers.outcomes.all_of`): its verdict order, the
deciding part's margin, and every part's evidence kept."""

from verifiers import Verdict
from verifiers.outcomes import Outcome, Route, all_of, equals, positive


def test_verdict_order_and_the_deciding_parts_margin():
    holds = positive(2.0, 0.1, "a > 0")
    refuted = positive(-3.0, 0.1, "b > 0")
    inconclusive = positive(0.05, 0.1, "c > 0")
    assert all_of(holds, inconclusive, refuted).final_verdict() is Verdict.REFUTED
    assert all_of(holds, inconclusive, refuted).margin == -3.0
    assert all_of(holds, inconclusive).final_verdict() is Verdict.INCONCLUSIVE
    both = all_of(holds, positive(1.0, 0.1, "d > 0"))
    assert both.final_verdict() is Verdict.HOLDS and both.margin == 2.0
    unmet = Outcome.inapplicable("sigma > 1")
    assert all_of(refuted, unmet).final_verdict() is Verdict.INAPPLICABLE


def test_each_equalitys_values_survive_the_merge():
    first = equals(1.0, Route("route a", 1.0 + 1e-12, 1e-9), "x = 1")
    second = equals(2.0, Route("route b", 2.5, 1e-9), "y = 2")
    merged = all_of(first, second, positive(1.0, 0.0, "z > 0", witness={"z": 1.0}))
    parts = merged.witness["parts"]
    assert [p["witness"]["claimed"] for p in parts[:2]] == [1.0, 2.0]
    assert [p["witness"]["computed"] for p in parts[:2]] == [1.0 + 1e-12, 2.5]
    assert [p["verdict"] for p in parts] == ["holds", "refuted", "holds"]
    assert parts[1]["margin"] == merged.margin == second.margin
    assert parts[2]["witness"] == {} and merged.witness["z"] == 1.0  # unique keys stay merged
    assert merged.witness["claimed"] == 2.0  # the merge alone keeps the last part's


def test_a_nested_conjunction_keeps_its_parts():
    """The outer ``parts`` replaces the inner one in the merged witness; the inner parts stay
    under the part that is a conjunction (Corollary 1 wraps Stackelberg's three parts)."""
    inner = all_of(positive(1.0, 0.25, "a > 0"), positive(2.0, 0.5, "b > 0"))
    outer = all_of(inner, positive(3.0, 0.0, "c > 0"))
    nested = outer.witness["parts"][0]["parts"]
    assert [(p["margin"], p["tolerance"]) for p in nested] == [(1.0, 0.25), (2.0, 0.5)]
    assert "parts" not in outer.witness["parts"][1]


def test_an_undecided_hypothesis_is_inconclusive_with_margin_at_most_zero():
    """A deciding number within its error bound shows neither the hypothesis nor its
    failure: ``inconclusive``, margin |value| − error ≤ 0, the hypothesis in the statement."""
    from verifiers.outcomes import undecided

    for value in (-1e-15, 0.0, 1e-15):
        out = undecided("h > 0", value, 2e-15, {"h": value})
        assert out.final_verdict() is Verdict.INCONCLUSIVE
        assert out.margin == abs(value) - 2e-15 <= 0.0
        assert out.statement.startswith("h > 0 not decided") and out.witness == {"h": value}
