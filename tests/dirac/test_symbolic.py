"""Symbolic (sympy, generic f) against autodiff and closed forms (eqs. (54), (61), (70),
(72), (102))."""

import jax.numpy as jnp
import numpy as np
import pytest
import sympy as sp

from theory.dirac import equilibrium, operators, symbolic
from theory.dirac.fields import METHODS, state_size
from theory.dirac.jacobians import jacobian_autodiff, jacobian_symbolic, taylor_f
from verifiers import tolerances

HYPER = {"gamma": 1.3, "g0": 0.7, "k": 0.4, "sigma": 0.8}


@pytest.mark.parametrize("method", METHODS)
def test_symbolic_jacobian_equals_autodiff(method):
    """At random states, with f the same degree-4 polynomial on both routes (atol 1e-12)."""
    rng = np.random.default_rng(7)
    coeffs = rng.normal(size=5)
    jac = jacobian_autodiff(method, taylor_f(coeffs))
    for _ in range(3):
        x = 0.7 * rng.normal(size=state_size(method))
        sym = jacobian_symbolic(method, x, coeffs, HYPER)
        ad = np.asarray(jac(jnp.asarray(x), HYPER))
        np.testing.assert_allclose(ad, sym, atol=tolerances.CLOSED_FORM)


@pytest.mark.parametrize("method", METHODS)
def test_symbolic_equilibrium_jacobian_equals_closed_form(method):
    sub = {
        symbolic.f1: 0.7,
        symbolic.f2: -1.1,
        symbolic.gamma: 1.3,
        symbolic.sigma: 0.8,
        symbolic.ps1: 0.6,
    }
    sym = np.array(symbolic.jacobian_at_equilibrium(method).subs(sub).evalf(), dtype=float)
    closed = equilibrium.jacobian_at_equilibrium(method, 0.7, -1.1, HYPER, psi1=0.6)
    np.testing.assert_allclose(closed, sym, atol=tolerances.CLOSED_FORM)
    lam_sym = sorted(
        (
            complex(k.subs(sub).evalf())
            for k, m in symbolic.eigenvalues_at_equilibrium(method).items()
            for _ in range(m)
        ),
        key=lambda z: (z.real, z.imag),
    )
    lam = sorted(
        np.asarray(equilibrium.eigenvalues_at_equilibrium(method, 0.7, -1.1, HYPER, psi1=0.6)),
        key=lambda z: (z.real, z.imag),
    )
    np.testing.assert_allclose(lam, lam_sym, atol=1e-12)


def test_lemma_forms_equal_generic_form():
    """Eqs. (6), (8), (102) equal the generic 2x2 formula on random (f1, f2, σ, γ)."""
    rng = np.random.default_rng(1)
    for f1, f2, s, g in rng.uniform([-3, -3, 0.05, 0.01], [3, -0.1, 5, 5], (50, 4)):
        h = {"sigma": s, "gamma": g}
        for method, form in [
            ("instance_noise", equilibrium.instance_noise_eigenvalues(f1, f2, s)),
            ("gradient_penalty", equilibrium.gradient_penalty_eigenvalues(f1, g)),
            ("consensus", equilibrium.consensus_eigenvalues(f1, g)),
        ]:
            generic = equilibrium.eigenvalues_at_equilibrium(method, f1, f2, h)
            np.testing.assert_allclose(
                np.sort_complex(np.asarray(form)), np.sort_complex(np.asarray(generic)), atol=1e-12
            )


def test_lemma24_identity_is_exact():
    assert symbolic.simgd_radius_identity_residual() == 0


@pytest.mark.parametrize("n_g, n_d", [(1, 1), (2, 3), (5, 2)])
def test_altgd_symbolic_is_eq61_with_det_one(n_g, n_d):
    M = symbolic.altgd_jacobian(n_g, n_d)
    h = sp.Symbol("h", positive=True)
    f1 = symbolic.f1
    assert sp.simplify(M.det()) == 1
    assert sp.expand(M.trace() - (2 - n_g * n_d * h**2 * f1**2)) == 0
    num = np.array(M.subs({h: 0.3, f1: 0.9}).evalf(), dtype=float)
    np.testing.assert_allclose(operators.altgd_matrix(0.9, 0.3, n_g, n_d), num, atol=1e-14)
