"""1-D WGAN closed forms against quadrature and Monte Carlo; the grid game, its bracket,
the double oracle and the interval certificate."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.integrate import quad
from scipy.special import ndtr

from theory.mixed import wgan1d
from theory.quadrature import QuadratureFailure
from verifiers import Verdict, check, tolerances
from verifiers.mixed import wgan_grid
from verifiers.mixed.double_oracle import double_oracle
from verifiers.mixed.interval import certify_cdf_gap


@given(st.floats(0.05, 1.0), st.floats(-3.0, 3.0))
def test_abs_moment_against_quadrature(w, u):
    kink = -u / w
    numeric = sum(
        quad(lambda z: abs(w * z + u) * wgan1d.phi(z), lo, hi, epsabs=1e-13)[0]
        for lo, hi in ((-np.inf, kink), (kink, np.inf))
    )
    assert abs(float(wgan1d.abs_moment(w, u)) - numeric) <= tolerances.QUADRATURE


@given(st.floats(0.0, 1.0), st.floats(-2.0, 2.0), st.floats(-3.0, 2.0), st.floats(0.01, 1.5))
def test_cell_integrals_against_quadrature(w, u, x0, width):
    exact = float(wgan1d.cdf_cell_integrals([x0, x0 + width], [w], [u])[0, 0])
    cdf = (lambda x: ndtr((x - u) / w)) if w > wgan1d.W_POINT_MASS else (lambda x: float(x >= u))
    numeric = quad(cdf, x0, x0 + width, points=[u] if x0 < u < x0 + width else None, epsabs=1e-13)[
        0
    ]
    assert abs(exact - numeric) <= tolerances.QUADRATURE


@pytest.mark.parametrize("w, u", [(0.7, 0.3), (1.0, -1.0), (0.0, 0.5), (0.0, -3.5)])
def test_tails_against_quadrature(w, u):
    up = quad(lambda x: 1 - ndtr((x - u) / w) if w else float(x < u), 3.0, np.inf)[0]
    lo = quad(lambda x: ndtr((x - u) / w) if w else float(x >= u), -np.inf, -3.0)[0]
    assert abs(float(wgan1d.upper_tail(3.0, w, u)) - up) <= tolerances.QUADRATURE
    assert abs(float(wgan1d.lower_tail(3.0, w, u)) - lo) <= tolerances.QUADRATURE


@given(st.floats(1.1, 5.0), st.floats(0.02, 1.0))
def test_regime1_value_is_the_w1_distance(sigma, frac):
    """W1(N(0,σ²), ½N(t,1)+½N(−t,1)) = σ sqrt(2/π) − E|Z+t| (quadrature)."""
    t = frac * wgan1d.t_star(sigma)
    w1 = wgan_grid.w1_to_data(sigma, [0.5, 0.5], [1.0, 1.0], [t, -t])
    assert abs(float(wgan1d.value_regime1(sigma, t)) - w1) <= tolerances.QUADRATURE


@pytest.mark.parametrize("cid", ["ganeq.mixed.gap_to_stackelberg",
                                 "ganeq.mixed.wgan1d_closed_form"])
def test_w1_quadrature_beyond_its_allowance_is_inconclusive(monkeypatch, cid):
    """A QUADPACK estimate above ``tolerances.QUADRATURE`` (or a QUADPACK failure) is not
    used as the W1 route: the checks that rely on it answer ``inconclusive``."""
    real = wgan_grid.quad_bounded
    monkeypatch.setattr(wgan_grid, "quad_bounded",
                        lambda *a, **k: (real(*a, **k)[0], 10 * tolerances.QUADRATURE))
    with pytest.raises(QuadratureFailure, match="allowance"):
        wgan_grid.w1_to_data(2.0, [1.0], [1.0], [0.0])
    assert check(cid, sigma=2.0, t=0.5).verdict is Verdict.INCONCLUSIVE


def test_acceptance_value():
    assert abs(float(wgan1d.value_regime1(2.0, 0.5)) - 0.7001760068) <= 1e-9


def test_slopes_sign_critic_is_abs():
    edges = np.linspace(-14.0, 14.0, 401)
    w, u = np.array([1.0, 0.4, 0.0]), np.array([0.5, -0.2, 0.3])
    via_cells = wgan_grid.tails(14.0, 2.0, w, u) + np.sign(
        0.5 * (edges[1:] + edges[:-1])
    ) @ wgan1d.payoff_cells(edges, 2.0, w, u)
    assert np.allclose(
        via_cells, wgan1d.value_against_abs(2.0, w, u), atol=tolerances.CLOSED_FORM, rtol=0
    )


def test_stackelberg_value_is_the_pure_minimum():
    """min over the box of W1(P, N(u, w²)) by quadrature is attained at (1, 0)."""
    sigma = 2.0
    vals = [
        wgan_grid.w1_to_data(sigma, [1.0], [w], [u])
        for w in (0.5, 0.9, 1.0)
        for u in (-0.3, 0.0, 0.4)
    ]
    assert abs(min(vals) - float(wgan1d.stackelberg_value(sigma))) <= tolerances.QUADRATURE


def test_clamp_bound_against_monte_carlo():
    rng = np.random.default_rng(0)
    sigma, t, n = 2.0, 1.0, 400_000
    y = rng.normal(0.0, np.sqrt(sigma**2 - 1), n)
    samples = np.maximum(np.abs(y) - t, 0.0)
    assert abs(
        samples.mean() - float(wgan1d.clamp_upper_bound(sigma, t))
    ) <= tolerances.monte_carlo(samples.std(), n)


def test_double_oracle_matches_the_box_lp_and_the_closed_form():
    grid = wgan_grid.make_grid(2.0, 0.5)
    box = wgan_grid.solve_box_lp(grid.C, grid.tau)
    do = double_oracle(grid.C, grid.tau)
    assert do.upper[-1] - do.lower[-1] <= 1e-9
    assert box.lower - 1e-9 <= do.upper[-1] and do.lower[-1] <= box.value + 1e-9
    assert abs(do.upper[-1] - float(wgan1d.value_regime1(2.0, 0.5))) <= 1e-8


@pytest.mark.parametrize("sigma, t", [(2.0, 0.5), (2.0, 1.0), (2.0, 2.0)])
def test_bracket_contains_the_value(sigma, t):
    """the grid LP lies in the certified bracket; regime I: the bracket holds V*(t)."""
    grid = wgan_grid.make_grid(sigma, t)
    sol = wgan_grid.solve_box_lp(grid.C, grid.tau)
    lo = wgan_grid.critic_guarantee(sol.slopes, grid.edges, sigma, t)
    hi = wgan_grid.w1_to_data(sigma, sol.rho, grid.w, grid.u)
    assert lo <= sol.value + 1e-9 and sol.value <= hi + 1e-9
    if t <= wgan1d.t_star(sigma):
        assert lo - 1e-9 <= float(wgan1d.value_regime1(sigma, t)) <= hi + 1e-9


@given(st.floats(1.1, 5.0), st.floats(0.05, 0.97))
def test_interval_certificate_in_regime1(sigma, frac):
    cert = certify_cdf_gap(sigma, frac * wgan1d.t_star(sigma))
    assert cert.proved and cert.margin_lower > 0 and cert.min_point_upper > 0


def test_interval_certificate_finds_a_negative_point_beyond_the_threshold():
    """for t > t*, G'(0) < 0 and G < 0 near 0, certified."""
    sigma = 2.0
    t = 1.05 * wgan1d.t_star(sigma)
    assert wgan1d.cdf_gap_slope0(sigma, t) < 0
    cert = certify_cdf_gap(sigma, t, max_cells=200)
    assert not cert.proved and cert.min_point_upper < 0


def test_a_cycling_dual_simplex_hands_the_lp_to_the_interior_point_method():
    """At σ = 1 + 1e-9, t = 1.124 HiGHS's dual simplex cycles without end (the hunt of
    ``ganeq.mixed.gap_to_stackelberg`` hung here); the iteration cap passes the LP to the
    interior-point method, whose mixture is worth no more than the grid's N(0, 1) (the
    Stackelberg value (σ − 1)·sqrt(2/π) ≈ 8e-10, to the rounding of 400 cell integrals) and
    whose slopes bound it below."""
    sigma, t = 1.000000001, 1.1237660609154771
    grid = wgan_grid.make_grid(sigma, t)
    sol = wgan_grid.solve_box_lp(grid.C, grid.tau)
    assert sol.lower <= sol.value <= float(wgan1d.stackelberg_value(sigma)) + 1e-13


@pytest.mark.slow
def test_the_claim_holds_where_the_dual_simplex_cycles():
    """The check that hung (σ = 1 + 1e-9, t = 1.124) ends, with the expected verdict."""
    cert = check("ganeq.mixed.gap_to_stackelberg", sigma=1.000000001, t=1.1237660609154771)
    assert cert.verdict is Verdict.HOLDS
