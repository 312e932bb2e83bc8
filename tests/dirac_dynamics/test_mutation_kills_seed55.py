"""Gaps found by the mutation samples of seeds 55 to 64 (docs/mutation.md): each test fails
on the mutant named in its docstring."""

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from verifiers import Verdict, registry
from verifiers.claims.ganeq import dirac_dynamics as dd
from verifiers.dynamics import rates
from verifiers.dynamics.flow import turn_times
from verifiers.dynamics.stochastic import stochastic_altgd
from verifiers.dynamics.verdicts import CONVERGED, STATIONARY, classify


def test_rate_window_is_open_at_both_ends():
    """The window is ``lo < ‖x_k‖ < hi``: a trajectory ``10^{−k}``, k = 4…13, has its ends
    exactly on the default window's edges (1e-4, 1e-13), so eight points count and the rate
    is 1/10 (seed 56, #17: ``< hi`` → ``≤ hi`` counted nine)."""
    norms = jnp.asarray([10.0**-k for k in range(4, 14)])
    assert norms[0] == rates.WINDOW[1] and norms[-1] == rates.WINDOW[0]
    rate, error, count = rates.empirical_rate(norms)
    assert int(count) == 8
    np.testing.assert_allclose(float(rate), 0.1, rtol=1e-12)
    assert float(error) < 1e-12


def test_measured_rate_reads_the_open_window_and_its_error_formula():
    """``x_k = 0.7^k (10⁻⁶, 0)`` under ``F = diag(0.7, 0.3)``: the first point sits exactly on
    the window's upper edge 10⁻⁶ and is left out (the window is open), so the window is
    k = 1…32 (m = 31 steps), the rate is 0.7, and the error is
    ``ρ·expm1(L/m) + 4ε`` with ``L = h(n_d + 1)(1 + reg)² Σ_k (SECOND_ORDER·r_k + FLOOR/r_k)``
    (κ = 1, one real dominant eigenvalue with no subdominant component)."""
    F = np.diag([0.7, 0.3])
    xs = np.array([[1e-6 * 0.7**k, 0.0] for k in range(40)])
    assert xs[0, 0] == dd.WINDOW[1]
    h, reg, n_d = 0.1, 0.5, 2
    route = dd.measured_rate(xs, F, h, reg, n_d)
    r = xs[1:33, 0]
    assert r[-1] > dd.WINDOW[0] > xs[33, 0]
    L = h * (n_d + 1) * (1 + reg) ** 2 * np.sum(dd.SECOND_ORDER * r + dd.FLOOR / r)
    rate = (r[-1] / r[0]) ** (1 / 31)
    np.testing.assert_allclose(route.value, 0.7, rtol=1e-14)
    np.testing.assert_allclose(route.error, rate * np.expm1(L / 31) + 4 * dd.EPS, rtol=1e-12)


def test_measured_rate_accepts_a_window_of_exactly_min_window_points():
    """``x_k = 0.556^k (0.9·10⁻⁶, 0)``: exactly MIN_WINDOW = 20 iterates lie inside the window,
    which is enough — a rate is measured (seed 55, #9: ``len < MIN_WINDOW`` → ``≤`` returned
    None)."""
    xs = np.array([[0.9e-6 * 0.556**k, 0.0] for k in range(40)])
    r = xs[:, 0]
    assert np.sum((r > dd.WINDOW[0]) & (r < dd.WINDOW[1])) == dd.MIN_WINDOW
    route = dd.measured_rate(xs, np.diag([0.556, 0.3]), 0.1, 0.5, 2)
    np.testing.assert_allclose(route.value, 0.556, rtol=1e-14)


def _flip(radii):
    """Iterates of the given norms, alternating between the axes (norms exact, every step
    moves)."""
    r = np.asarray(radii, float)
    even = (np.arange(len(r)) % 2 == 0)[:, None]
    return np.where(even, np.stack([r, 0 * r], 1), np.stack([0 * r, r], 1))


def test_classify_thresholds_are_strict_as_documented():
    """Each label's threshold, met exactly, does not give the label (module docstring:
    ``r_K < CONVERGED``, a last step below ``STATIONARY`` with ``r_K > 1e-6``, a last-10 % mean
    more than 5 % below / above the middle one): 20 → 19 and 20 → 21 are cycles, 20 → 18.9
    and 20 → 21.1 are not."""
    ones = _flip([1.0] * 98)
    assert classify(_flip([1.0] * 99 + [CONVERGED])) != "converges"
    assert classify(_flip([1.0] * 99 + [0.5 * CONVERGED])) == "converges"
    moved = np.array([[0.0, 1e-5], [STATIONARY, 1e-5]])
    assert not classify(np.vstack([ones, moved])).startswith("non-Nash")
    assert classify(np.vstack([ones, moved * [[0.5, 1.0]]])).startswith("non-Nash")
    still = np.array([[1e-6, 0.0], [1e-6, 0.0]])
    assert not classify(np.vstack([ones, still])).startswith("non-Nash")
    assert classify(np.vstack([ones, 2 * still])).startswith("non-Nash")
    for end, label in ((19.0, "cycle"), (18.9, "slow decay"), (21.0, "cycle"),
                       (21.1, "moves away")):
        assert classify(_flip([20.0] * 90 + [end] * 10)).startswith(label), end


def test_classify_rejects_trajectories_too_short_to_compare_tenths():
    """Fewer than 10 iterates leave the 'middle tenth' empty (a NaN mean): rejected, naming
    the shape and the requirement."""
    with pytest.raises(ValueError, match=r"xs has shape \(9, 2\).*K \+ 1 >= 10"):
        classify(_flip([1.0] * 9))
    assert classify(_flip([1.0] * 10)).startswith("cycle")


def test_turn_times_count_the_angle_advanced_from_the_start():
    """A unit-speed counter-clockwise circle started at angle π/2 completes its turns at
    t = 2π, 4π: the advance is measured from the starting angle (seed 60, #30:
    ``φ − φ₀`` → ``φ + φ₀`` made every turn a quarter early)."""
    ts = np.linspace(0.0, 13.0, 13001)
    xs = np.stack([np.cos(ts + np.pi / 2), np.sin(ts + np.pi / 2)], axis=1)
    np.testing.assert_allclose(turn_times(ts, xs, 2), [2 * np.pi, 4 * np.pi], atol=1e-6)


def test_altgd_draws_fresh_noise_for_every_gradient_step():
    """AltGD(n_g = 2, n_d = 2) with a field whose both components are the draw's first
    coordinate: the generator's and the discriminator's increments of a step are sums of
    different draws, so they are uncorrelated over 4000 steps (seed 62, #1: the keys
    ``n_g + i`` → ``n_g − i`` made the second discriminator step reuse the second generator
    step's draw, a correlation of ½)."""
    def first_coordinate(y, hyper, e):
        return jnp.stack([e[0], e[0]])

    xs = stochastic_altgd(first_coordinate, jnp.zeros(2), {}, 1.0, 4000, 2, 2,
                          key=jax.random.key(0))
    steps = np.diff(np.asarray(xs), axis=0)
    np.testing.assert_allclose(steps.var(axis=0), [2.0, 2.0], rtol=0.1)
    assert abs(np.corrcoef(steps[:, 0], steps[:, 1])[0, 1]) < 0.1


def test_energy_solutions_need_f_prime_positive_not_zero():
    """Theorem E.2 assumes f'(0) > 0: at f'(0) = 0 exactly (a Taylor f) the expected verdict
    and the check are both ``inapplicable`` (seed 63, #1: ``> 0`` → ``≥ 0`` in the expected
    verdict)."""
    claim = registry.get("mescheder2018.sectionE.energy")
    params = {"f": "taylor", "f1": 0.0, "f2": -0.5}
    assert claim.expected_for(params) is Verdict.INAPPLICABLE
    assert claim.check(**params).verdict is Verdict.INAPPLICABLE
