"""Gaps found by the exhaustive mutation run of ``verifiers/mixed/wgan_grid.py``
(``tools/mutation.py run --files``, docs/mutation.md): each test fails on the mutant named
in its docstring."""

from types import SimpleNamespace

import numpy as np

from theory.mixed import wgan1d
from verifiers import tolerances
from verifiers.mixed import lp, wgan_grid

EPS = float(np.finfo(np.float64).eps)


def test_the_lp_mixture_is_a_probability_vector_to_rounding():
    """``ρ`` is normalised after clipping HiGHS's x to ρ ≥ 0: it sums to 1 within a few ulps
    (here HiGHS's own x sums to 1 − 2 ulp; ``ρ / Σρ`` → ``ρ · Σρ`` is 4 ulp off)."""
    grid = wgan_grid.make_grid(3.0, 2.0)
    sol = wgan_grid.solve_box_lp(grid.C, grid.tau)
    assert np.all(sol.rho >= 0.0)
    assert abs(float(np.sum(sol.rho)) - 1.0) <= 2 * EPS


def test_only_components_of_weight_zero_are_left_out_of_w1():
    """A weight-0 component changes nothing, not even the quadrature's pieces (``> 0`` →
    ``≥ 0`` adds the point mass at 5 as a breakpoint); a component of weight 1e-14 is
    kept (the earlier cut at 1e-14 left out mass that moves W1 by up to 2X·ρ_k)."""
    alone = wgan_grid.w1_to_data(2.0, [1.0], [1.0], [0.3])
    assert wgan_grid.w1_to_data(2.0, [1.0, 0.0], [1.0, 0.0], [0.3, 5.0]) == alone
    tiny = wgan_grid.w1_to_data(2.0, [1 - 1e-14, 1e-14], [1.0, 0.0], [0.3, 5.0])
    assert tiny != wgan_grid.w1_to_data(2.0, [1 - 1e-14], [1.0], [0.3])


def test_the_lp_value_and_its_critics_guarantee_meet():
    """value = ‖Cρ‖₁ + τᵀρ and lower = min_k (sᵀC + τ)_k bracket the grid game's value and
    meet at the LP's optimum (strong duality, to HiGHS's tolerance). With X = σ + t the
    tails τ carry weight (τᵀρ ≈ 0.11), so ``+ τᵀρ`` → ``− τᵀρ`` drops value below lower."""
    grid = wgan_grid.make_grid(2.0, 1.0, cells=60, width_sd=1.0)
    sol = wgan_grid.solve_box_lp(grid.C, grid.tau)
    assert float(grid.tau @ sol.rho) > 0.1
    assert sol.lower <= sol.value <= sol.lower + 1e-9


def test_the_critic_slopes_are_clipped_into_minus_one_one(monkeypatch):
    """HiGHS's duals may leave [−1, 1] by its tolerance; the slopes are clipped back so the
    critic is 1-Lipschitz (the ends ±1 → ±1.001 let a slope of ±1.0005 through)."""
    C, tau = np.array([[1.0], [-1.0]]), np.zeros(1)
    marginals = np.array([-1.0005, 1.0005, 0.0, 0.0])  # duals (1.0005, −1.0005, 0, 0)

    def fake_linprog(*args, **kwargs):
        return SimpleNamespace(status=0, x=np.array([1.0, 1.0, 1.0]),
                               ineqlin=SimpleNamespace(marginals=marginals), message="")

    monkeypatch.setattr(lp, "linprog", fake_linprog)
    assert np.array_equal(wgan_grid.solve_box_lp(C, tau).slopes, [1.0, -1.0])


def test_w1_integrates_far_enough_to_see_a_distant_generator():
    """The quadrature runs over [−X, X], X = 12σ + max|u|, so a generator N(10, 1) against
    N(0, 1) gives W1 = 10 (equal variances: W1 = |u|); ``+ max|u|`` → ``− max|u|`` cut
    the range to [−2, 2]."""
    assert abs(wgan_grid.w1_to_data(1.0, [1.0], [1.0], [10.0]) - 10.0) <= 1e-9


def test_an_error_estimate_equal_to_the_allowance_is_within_it(monkeypatch):
    """QUADPACK's estimates adding up to exactly ``tolerances.QUADRATURE`` are allowed; only
    more raises (``>`` → ``≥`` raised at the allowance itself)."""
    monkeypatch.setattr(wgan_grid, "quad_bounded",
                        lambda *a, **k: (0.5, tolerances.QUADRATURE / 2))
    assert wgan_grid.w1_to_data(2.0, [1.0], [1.0], [0.3]) == 1.0  # two pieces, cut at 0


def test_a_guarantee_whose_minimum_is_at_a_corner_is_that_corner_less_the_resolution():
    """With the concave-in-(w, u) critic of slopes sign(x), V(N(u, w²), D̄) is least at the
    corners (w, u) = (1, ±t), which seed the best value found: every box is then discarded
    and the bound is exactly V(corner) − resolution (``min`` → ``max`` in that seed started
    from the box centres instead and ended at a different value)."""
    sigma, t = 2.0, 1.0
    edges = wgan_grid.make_grid(sigma, t, cells=40).edges
    slopes = np.where((edges[:-1] + edges[1:]) / 2 < 0, -1.0, 1.0)
    corners = wgan1d.value_against_slopes(slopes, edges, sigma, np.ones(2),
                                                    np.array([-t, t]))
    guarantee = wgan_grid.critic_guarantee(slopes, edges, sigma, t)
    assert guarantee == float(np.min(corners)) - 1e-4


def test_a_guarantee_is_within_the_resolution_of_an_interior_minimum():
    """With the convex critic of slopes −sign(x), V(N(u, w²), D̄) is least at (w, u) = (0, 0),
    on no box centre: branch and bound must lower its best value as boxes shrink towards it
    and stop with V* − resolution ≤ bound ≤ V* (``min`` → ``max`` in that update kept the
    first best value and ended 2.5e-4 below V*)."""
    sigma, t = 2.0, 1.0
    edges = wgan_grid.make_grid(sigma, t, cells=40).edges
    slopes = np.where((edges[:-1] + edges[1:]) / 2 < 0, 1.0, -1.0)
    least = float(wgan1d.value_against_slopes(slopes, edges, sigma, np.zeros(1),
                                                        np.zeros(1))[0])
    guarantee = wgan_grid.critic_guarantee(slopes, edges, sigma, t)
    assert least - 1e-4 <= guarantee <= least


def test_branch_and_bound_stops_once_no_box_can_beat_the_best_by_the_resolution(monkeypatch):
    """The stopping rule: a box is kept only while its lower bound is below best − resolution.
    On the interior-minimum instance that takes 546 generator evaluations (``best −
    resolution`` → ``best + resolution`` kept boxes to the 20 000 cap: 14 722)."""
    sigma, t = 2.0, 1.0
    edges = wgan_grid.make_grid(sigma, t, cells=40).edges
    slopes = np.where((edges[:-1] + edges[1:]) / 2 < 0, 1.0, -1.0)
    value, evaluated = wgan1d.value_against_slopes, []

    def counting(slopes_, edges_, sigma_, w, u):
        evaluated.append(np.size(u))
        return value(slopes_, edges_, sigma_, w, u)

    monkeypatch.setattr(wgan1d, "value_against_slopes", counting)
    wgan_grid.critic_guarantee(slopes, edges, sigma, t)
    assert sum(evaluated) <= 1000
