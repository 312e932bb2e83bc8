"""Gaps found by the mutation samples of seeds 81–84 in the mixed-strategy theory
(docs/mutation.md): each test fails on the mutant named in its docstring."""

import pytest

from theory.mixed import mean_approximation as ma


@pytest.mark.parametrize(("eta", "a", "m0", "tau"), [(0.8, 0.7, 0.2, 1.0), (1.9, -1.5, 0.9, 0.6)])
def test_the_bias_error_propagates_the_three_expectations_errors(eta, a, m0, tau):
    """β_f = γ(E[fc] − E[f]E[c]): its error bound is γ(e_fc + e_f|E c| + e_c|E f|), first order
    in the three quadrature errors (seed 82, #5: ``e1·|ec|`` → ``e1/|ec|``). Here |E c| is
    far from 1, so the two forms differ."""
    gamma = 0.02

    def corr(u):
        return 0.25 * ma.potential_grad(u, eta, a, m0, tau) ** 2 - 0.5 * ma.potential_hess(
            u, eta, a, m0, tau)

    f = ma.test_function
    (ef, ec, _), (e1, e2, e3) = ma.gibbs_expectations(
        [f, corr, lambda u: f(u) * corr(u)], eta, a, m0, tau)
    assert abs(abs(ec) - 1.0) > 0.1
    _, err = ma.first_order_bias(f, gamma, eta, a, m0, tau)
    assert err == pytest.approx(gamma * (e3 + e1 * abs(ec) + e2 * abs(ef)), rel=1e-12, abs=0.0)


@pytest.mark.parametrize(("eps", "gamma", "grad_noise"),
                         [(1.0, 0.00125, 0.0), (0.3, 0.01, 2.0), (0.7, 0.003, 0.5)])
def test_the_sgld_grid_spacing_is_at_most_a_tenth_of_the_kernel_sd(eps, gamma, grad_noise):
    """:func:`sgld.grid_points`: spacing 2·half_width/(points − 1) ≤ sd/NODES_PER_SD (seed 84,
    #15: ``ceil(…) + 1`` → ``ceil(…) − 1`` left the spacing above sd/10; at sd = 0.05 the
    grid has 2 001 nodes)."""
    import numpy as np

    from verifiers.mixed import sgld

    sd = np.sqrt(2.0 * gamma * eps + gamma**2 * grad_noise**2)
    points = sgld.grid_points(eps, gamma, grad_noise)
    assert 2.0 * 5.0 / (points - 1) <= sd / sgld.NODES_PER_SD * (1.0 + 1e-12)
    if sd == pytest.approx(0.05, rel=1e-12, abs=0.0):
        assert points == 2001
