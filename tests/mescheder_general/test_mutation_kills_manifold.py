"""Gaps found by the exhaustive mutation run of ``verifiers/claims/mescheder2018/_manifold.py``
(``tools/mutation.py run --files``, docs/mutation.md): each test fails on the mutant named
in its docstring."""

import dataclasses

import numpy as np
import pytest

from theory.manifold_gan import analysis, fields
from theory.manifold_gan.families import make_game
from verifiers.certificate import Verdict
from verifiers.claims.mescheder2018 import _manifold, section_d


def test_theorem_e2_needs_a_positive_first_derivative_not_a_nonnegative_one():
    """Theorem E.2's Assumption II asks f'(0) > 0: at f'(0) = 0 with f''(0) < 0 it fails,
    decided exactly (``f1 > 0`` → ``f1 ≥ 0`` accepted it)."""
    fp = {"f": "taylor", "a": 1.0, "f1": 0.0, "f2": -1.0}
    assert _manifold.assumption_ii(fp, f1_positive=True) == (False, 0.0, -1.0)
    assert _manifold.assumption_ii({**fp, "f1": 0.5}, f1_positive=True) == (True, 0.5, -1.0)


@pytest.fixture(scope="module")
def man():
    found = analysis.manifolds(make_game("line-mlp", 3))
    assert _manifold.assumption_iii(found)[0] is None
    return found


def test_a_tangent_hessian_at_its_rounding_bound_counts_as_zero(man):
    """III(i) treats |∇²h T_D| ≤ its rounding bound as 0 (``>`` → ``≥`` rejected it)."""
    at_bound = dataclasses.replace(man, hessian_tangent=man.hessian_tol)
    assert _manifold.assumption_iii(at_bound)[0] is None


def test_a_normal_hessian_at_its_rounding_bound_is_not_positive(man):
    """III(i) needs λ_min of ∇²h on the normal space above its rounding bound: at the bound
    it is not shown positive (``>`` → ``≥`` accepted it)."""
    at_bound = dataclasses.replace(man, hessian_normal_min=man.hessian_tol)
    assert _manifold.assumption_iii(at_bound)[0].startswith("Assumption III(i)")


def test_an_injectivity_margin_at_its_tolerance_is_not_injective(man):
    """III(ii) needs σ_min of ∂g on the normal space above its tolerance: at it, ∂g is not
    shown injective (``≤`` → ``<`` accepted it)."""
    at_bound = dataclasses.replace(man, detect_min=man.detect_tol)
    assert _manifold.assumption_iii(at_bound)[0].startswith("Assumption III(ii)")


def test_a_run_at_exactly_the_target_reduction_has_reached_it():
    """Residual = TARGET_REDUCTION × start is "reached" (≤): its statement is the converged
    one, not "not converged" (``≤`` → ``<``)."""
    sim = {"finite": True, "reduction": analysis.TARGET_REDUCTION, "steps": 400,
           "measured_rate": 0.99, "predicted_rate": 0.98}
    out = _manifold._simulated(sim, "SimGD")
    assert out.margin == 0.0 and not out.statement.startswith("not converged")


def test_a_normal_spectrum_within_its_error_of_zero_stops_before_the_learning_rate(
        man, monkeypatch):
    """Where max Re μ is only −(its error bound), the spectrum does not show Re μ < 0, so
    the decision stops there (``inconclusive``) and never asks for a learning rate, whose
    threshold h_max needs Re μ < 0 (``not margin > error`` → ``not margin ≥ error``)."""
    game = make_game("line-mlp", 3)
    spec = fields.Spec(fkind="wgan", reg="R1", gamma=1.0)
    true = analysis.normal_spectrum(game, spec, man)
    error = 1e-3
    monkeypatch.setattr(analysis, "normal_spectrum", lambda *a, **k: dataclasses.replace(
        true, mu=np.array([-error + 0.5j, -error - 0.5j]), mu_error=error))

    def no_rate(*args, **kwargs):
        raise AssertionError("method_rate asked for where Re μ < 0 is not shown")

    monkeypatch.setattr(analysis, "method_rate", no_rate)
    out = _manifold.convergence(game, spec, "simgd", 0.5, "test", man=man)
    assert out.final_verdict() is Verdict.INCONCLUSIVE


def test_remark_d7_is_expected_inapplicable_at_gamma_zero():
    """Remark D.7 needs the penalty, γ > 0: at γ = 0 exactly its expected verdict is
    ``inapplicable`` (``γ > 0`` → ``γ ≥ 0`` in ``_d7_expected`` expected ``holds``; found by
    the exhaustive run of ``section_d.py``)."""
    assert section_d._d7_expected({"gamma": 0.0, "d_offset": 0.0}) is Verdict.INAPPLICABLE
    assert section_d._d7_expected({"gamma": 5e-324, "d_offset": 0.0}) is Verdict.HOLDS


def test_remark_d7_names_the_chart_when_assumption_iii_fails(monkeypatch):
    """Where Assumption III fails for the chart of M̃_D, Remark D.7's statement names that
    chart (no family of the claim reaches this path, so ``failed + " (with h̃, M̃_D)"`` →
    ``failed − …``, a TypeError, went unseen)."""
    monkeypatch.setattr(_manifold, "assumption_iii", lambda man: ("Assumption III(ii): x", {}))
    out = section_d.check_remarkD_7("line-mlp", "R1", "simgd", 1.0, 0.5, 0.0, 3)
    assert out.final_verdict() is Verdict.INAPPLICABLE
    assert "Assumption III(ii): x (with h̃, M̃_D)" in out.statement
