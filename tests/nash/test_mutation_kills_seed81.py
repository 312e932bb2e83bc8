"""Gaps found by the mutation samples of seeds 81–84 in Theorem 1's f-GAN check
(docs/mutation.md): each test fails on the mutant named in its docstring."""

import jax.numpy as jnp
import pytest

from theory.gaussian_games import fgan
from theory.gaussian_games.fgan import log_ratio
from verifiers.claims.farnia2020 import theorem1


@pytest.mark.parametrize(("sigma", "d", "t"), [(2.0, 1, 0.5), (1.5, 2, 1.0), (3.0, 1, 2.0)])
def test_the_js_gain_error_bounds_the_quadrature_error_and_is_informative(sigma, d, t):
    """Route 1's JS error is the 80- vs 40-node difference: it must cover the distance to a
    160-node rule and stay at the quadrature's scale (seed 81, #3: ``J(dev) − J(0)`` →
    ``J(dev) + J(0)`` in the coarse gain made the bound O(1))."""
    route = theorem1._lemma_gain("js", sigma, d, t)
    eye, zero = jnp.eye(d), jnp.zeros(d)
    ell = log_ratio(eye, zero, sigma**2 * eye)
    fine = float(fgan.J("js", ell, zero.at[0].set(t), eye, 160)
                 - fgan.J("js", ell, zero, eye, 160))
    assert abs(route.value - fine) <= route.error
    assert route.error <= 1e-8 * (1.0 + abs(route.value))


def test_a_bounded_violating_interval_gives_a_witness_inside_it():
    """Theorem 1's condition fails where d/dt t²f'' < 0. For t²f'' = t³/3 − 3t²/2 + 2t that is
    exactly (1, 2); the witness must lie in it with a negative derivative (seed 84, #11:
    the midpoint ``(lo + hi)/2`` → ``(lo + hi)·2`` put the witness at t = 6)."""
    import sympy as sp

    from theory.fdiv import FDivergence
    from theory.fdiv.condition import t2fpp_nondecreasing

    T = sp.Symbol("t", positive=True)
    div = FDivergence("bump", T**3 / 18 - sp.Rational(3, 4) * T**2 + 2 * T * sp.log(T) - 2 * T)
    result = t2fpp_nondecreasing(div)
    assert result.holds is False and result.violating_set == "Interval.open(1, 2)"
    assert 1.0 < result.witness_t < 2.0 and result.derivative_at_witness < 0.0
