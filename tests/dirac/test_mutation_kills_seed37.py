"""Tests written for survivors of the seed-37/38 mutation runs (docs/mutation.md)."""

import jax.numpy as jnp
import numpy as np
import pytest
import sympy as sp

from theory.dirac import symbolic
from theory.dirac.fields import make_field, state_size
from theory.dirac.jacobians import taylor_f
from theory.dirac.objectives import DEFAULTS
from verifiers import tolerances

HYPER = {"gamma": 1.3, "g0": 0.7, "k": 0.4, "sigma": 0.8}


@pytest.mark.parametrize("method", ["wgan_gp", "dragan"])
def test_symbolic_field_equals_the_implemented_field_off_equilibrium(method):
    """The field itself, not only its Jacobian (``test_symbolic.py``): the penalty terms that
    are constant in the state (WGAN-GP's −γ g0 sign ψ, DRAGAN's −γ k sign ψ) vanish from v' and
    are seen only here; at states with ψ ≠ 0 of both signs (sign ψ = s), f the same degree-4
    polynomial on both routes."""
    rng = np.random.default_rng(11)
    coeffs = rng.normal(size=5)
    v = make_field(method, taylor_f(coeffs))
    fn = sp.lambdify((symbolic.state(method), symbolic.COEFFS, symbolic.HYPERS),
                     symbolic.field(method), "numpy")
    h = {**DEFAULTS, **HYPER}
    for sign in (1.0, -1.0):
        x = 0.7 * rng.normal(size=state_size(method))
        x[1] = sign * abs(x[1])
        args = (h["gamma"], h["g0"], h["k"], h["sigma"], sign if x.shape[0] == 2 else 0.0)
        sym = np.asarray(fn(tuple(x), tuple(coeffs), args), dtype=float).ravel()
        np.testing.assert_allclose(np.asarray(v(jnp.asarray(x), HYPER)), sym,
                                   atol=tolerances.CLOSED_FORM)
