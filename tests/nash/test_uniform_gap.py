"""ganeq.nash.uniform_gap: the uniform Nash-gap bound over all pairs, its analytic ingredients,
bounds pinned at known points, independent routes (quadrature of the mixture's divergence),
refutation, hypotheses and bad input."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, stats

from tests.examples import examples
from theory.gaussian_games import uniform
from verifiers import Verdict, check, registry

CID = "ganeq.nash.uniform_gap"
CLAIM = registry.get(CID)

DELTA_KL = {(1.2, 1.0): 0.03672529, (1.5, 0.5): 0.10690446}
"""Exact Δ_KL of the two-point mixture (1-D quadrature, optimiser over τ ≤ t), to 8 digits."""
OPTIMISER = 2e-7

PINNED = {("kl", 1.2, 1.0): (1.2**2 - 1) ** 2 / (4 * 1.2**4),
          ("kl", 2.0, 0.3): 0.09 * 3 / 2 - 0.09**2 * 16 / 4,
          ("w2gan", 2.0, 1.0): 0.0695166306219488,
          ("w2gan", 1.05, 0.1): 2.72934001320083e-05,
          ("wgan", 2.0, 1.0): 0.0422493525036076,
          ("wgan", 1.2, 1.0): 0.107668215166096}
"""The bound at known points: KL in closed form (s* = min(t², (σ² − 1)/σ⁴)); W2GAN/WGAN the
maximum over β of the printed formulas, found by an independent 1-D search and, for WGAN, the
kink β = σ² − 1 (a weaker bound,
e.g. a constant off by 10%, changes these values)."""


@pytest.mark.parametrize(("game", "sigma", "t"), sorted(PINNED))
def test_bound_pinned_at_known_points(game, sigma, t):
    cert = check(CID, game=game, sigma=sigma, t=t)
    assert cert.verdict == Verdict.HOLDS
    assert cert.witness["bound"] == pytest.approx(PINNED[game, sigma, t], rel=1e-7)


def _independent_best(game, sigma, t):
    """max over β of the bound, written out again here, by a dense log grid + golden search."""
    def f(beta):
        a, c = math.sqrt(sigma**2 - beta), t / math.sqrt(beta)
        phi = math.exp(-c * c / 2) / math.sqrt(2 * math.pi)
        if game == "w2gan":
            return ((sigma - 1) ** 2 - (a - 1) ** 2 - 2 * beta * phi / c) / 2
        return math.sqrt(2 / math.pi) * (sigma - 1 - abs(a - 1)) - 2 * math.sqrt(beta) * phi / (
            1 + c * c)
    grid = np.geomspace(sigma**2 * 1e-12, sigma**2, 4001)
    k = int(np.argmax([f(b) for b in grid]))
    from scipy import optimize
    res = optimize.minimize_scalar(lambda x: -f(math.exp(x)), method="bounded",
                                   bounds=(math.log(grid[max(k - 1, 0)]),
                                           math.log(grid[min(k + 1, 4000)])))
    kink = [f(sigma**2 - 1)] if game == "wgan" else []
    return max([-res.fun, *kink])


@pytest.mark.parametrize(("game", "sigma", "t"), [k for k in sorted(PINNED) if k[0] != "kl"])
def test_pinned_values_from_independent_search(game, sigma, t):
    assert _independent_best(game, sigma, t) == pytest.approx(PINNED[game, sigma, t], rel=1e-7)


@pytest.mark.parametrize("game", uniform.GAMES)
def test_defaults_hold_with_bound_below_gap_at_gstar(game):
    cert = check(CID, game=game)
    assert cert.verdict == Verdict.HOLDS
    w = cert.witness
    assert 0 < w["bound"] <= w["gap_at_Gstar_DGstar"]
    assert w["bound"] <= w["sampled_min_gap_vs_D_G"]
    assert w["bound_enclosure"][0] <= w["bound_enclosure"][1]


@settings(max_examples=examples(12))
@given(CLAIM.strategy())
def test_property_expected_verdict_over_the_domain(params):
    cert = check(CID, **params)
    assert cert.verdict == CLAIM.expected_for(params)
    if cert.verdict == Verdict.HOLDS:
        assert cert.margin <= cert.witness["gap_at_Gstar_DGstar"]


@pytest.mark.parametrize("game", uniform.GAMES)
@pytest.mark.parametrize(("sigma", "t"), [(1 + 1e-6, 1e-3), (1 + 1e-4, 1e-2), (1.001, 1e-3)])
def test_near_sigma_one_small_t_holds(game, sigma, t):
    """Near σ = 1⁺ with small t the best β is ≪ σ²·1e-6 (the old clamp forced β ≥ σ²·1e-6 and
    made the bound negative); the search over log β finds a positive bound."""
    cert = check(CID, game=game, sigma=sigma, t=t)
    assert cert.verdict == Verdict.HOLDS and cert.witness["bound"] > 0


@pytest.mark.parametrize("game", uniform.GAMES)
def test_uninformative_bound_is_inconclusive_not_refuted(game):
    """t = 1e-300: no admissible mixing parameter makes the bound positive in float64."""
    cert = check(CID, game=game, sigma=1 + 1e-12, t=1e-300)
    assert cert.verdict == Verdict.INCONCLUSIVE


def test_log_cosh_and_mills_inequalities_on_a_grid():
    x = np.linspace(0, 12, 4001)
    assert np.all(np.logaddexp(x, -x) - math.log(2) >= x**2 / 2 - x**4 / 12 - 1e-15)
    c = np.linspace(0.05, 30, 4001)
    q, phi = stats.norm.sf(c), stats.norm.pdf(c)
    assert np.all(q <= phi / c) and np.all(q >= c * phi / (1 + c * c))


@pytest.mark.parametrize(("sigma", "t"), sorted(DELTA_KL))
def test_kl_quadrature_reproduces_table_and_dominates_bound(sigma, t):
    delta, _ = uniform.delta_kl_quadrature(sigma, t)
    assert delta == pytest.approx(DELTA_KL[sigma, t], abs=OPTIMISER)
    assert check(CID, game="kl", sigma=sigma, t=t).margin <= delta


def _mixture_quantiles(sigma, t, beta, q):
    """Quantiles of N(0, 1) * law(clip(V, −t, t)), V ~ N(0, β), from a CDF grid (independent)."""
    x = np.linspace(-12 - t, 12 + t, 20001)
    v, wv = np.polynomial.legendre.leggauss(200)
    v, wv = t * v, t * wv * stats.norm.pdf(t * v, scale=math.sqrt(beta))
    tail = stats.norm.sf(t / math.sqrt(beta))
    cdf = (tail * (stats.norm.cdf(x + t) + stats.norm.cdf(x - t))
           + stats.norm.cdf(x[:, None] - v[None, :]) @ wv)
    return np.interp(q, cdf, x)


@pytest.mark.parametrize(("game", "sigma", "t"), [("w2gan", 1.2, 1.0), ("w2gan", 2.0, 0.3),
                                                  ("wgan", 1.5, 0.5), ("wgan", 2.0, 1.0)])
def test_coupling_bound_below_exact_transport_cost_of_the_mixture(game, sigma, t):
    """v_up − W(P_X, mix) (quantile quadrature) lies between the certified bound and gap(G*, D*)."""
    beta = uniform.best_param(game, sigma, t)
    q = (np.arange(200000) + 0.5) / 200000
    diff = sigma * stats.norm.ppf(q) - _mixture_quantiles(sigma, t, beta, q)
    cost = np.mean(diff**2) / 2 if game == "w2gan" else np.mean(np.abs(diff))
    exact_delta = uniform.v_up(game, sigma) - cost
    cert = check(CID, game=game, sigma=sigma, t=t)
    assert cert.margin <= exact_delta + 1e-4
    assert exact_delta <= cert.witness["gap_at_Gstar_DGstar"] + 1e-4


def test_kl_divergence_of_two_point_mixture_by_quadrature():
    """KL(P_X ‖ mix_τ) = v_up + τ²/2 − E log cosh(τσξ): direct 1-D quadrature of ∫ p log(p/m)."""
    sigma, tau = 1.4, 0.6
    p = lambda y: stats.norm.pdf(y, scale=sigma)  # noqa: E731
    m = lambda y: 0.5 * (stats.norm.pdf(y - tau) + stats.norm.pdf(y + tau))  # noqa: E731
    kl = integrate.quad(lambda y: p(y) * math.log(p(y) / m(y)), -30, 30, epsabs=1e-13)[0]
    elc = integrate.quad(lambda x: stats.norm.pdf(x) * (np.logaddexp(tau * sigma * x,
                                                                     -tau * sigma * x)
                                                        - math.log(2)), -30, 30)[0]
    assert kl == pytest.approx(uniform.v_up("kl", sigma) + tau**2 / 2 - elc, abs=1e-10)
    assert uniform.v_up("kl", sigma) - kl >= uniform.bound("kl", sigma, 0.6, tau**2) - 1e-12


@pytest.mark.refutes("ganeq.nash.uniform_gap")
@pytest.mark.perturbs("ganeq.nash.uniform_gap")
def test_refuted_when_a_term_is_dropped(monkeypatch):
    """Dropping the Mills-ratio penalty (φ ≡ 0) overstates the W2GAN bound to v_up = ½ > the
    gap (σ − 1)t²/2 = 0.125 of (G*, D_G*): refuted."""
    monkeypatch.setattr(uniform, "_phi", lambda c, backend: 0)
    cert = check(CID, game="w2gan", sigma=2.0, t=0.5)
    assert cert.verdict == Verdict.REFUTED


@pytest.mark.refutes("ganeq.nash.uniform_gap")
def test_refuted_when_bound_is_overstated(monkeypatch):
    """An overstated bound (+0.5) is contradicted by the gaps of computable pairs."""
    true_bound = uniform.bound
    monkeypatch.setattr(uniform, "bound", lambda *a, **k: true_bound(*a, **k) + 0.5)
    cert = check(CID, game="wgan", sigma=2.0, t=1.0)
    assert cert.verdict == Verdict.REFUTED


@pytest.mark.parametrize("bad", [{"sigma": float("nan")}, {"sigma": 0.0}, {"t": -1.0},
                                 {"game": "js"}, {"sigma": 51.0}])
def test_bad_input_rejected(bad):
    with pytest.raises(ValueError, match=next(iter(bad))):
        check(CID, **bad)


@given(st.sampled_from(uniform.GAMES), st.floats(1.01, 3.0), st.floats(0.05, 3.0))
@settings(max_examples=examples(40))
def test_bound_positive_and_float_matches_interval(game, sigma, t):
    from mpmath import iv

    p = uniform.best_param(game, sigma, t)
    enc = uniform.bound(game, iv.mpf(sigma), iv.mpf(t), iv.mpf(p), backend=iv)
    assert enc.a > 0
    assert float(enc.a) <= uniform.bound(game, sigma, t, p) * (1 + 1e-12) + 1e-300


@pytest.mark.parametrize("sigma", [1.5, 2.0, 3.0])
def test_wgan_best_mixing_parameter_is_the_kink_when_the_tail_term_vanishes(sigma):
    """For large t the WGAN bound is √(2/π)(σ − 1 − |a − 1|) up to a term below 10⁻²⁰⁰, and
    ``σ − 1 − |√(σ² − β) − 1|`` is largest exactly at the kink a = 1, β = σ² − 1: the
    search returns that point (not a bounded-search neighbour of it) and the bound there is
    √(2/π)(σ − 1), i.e. v_up."""
    beta = uniform.best_param("wgan", sigma, 50.0)
    assert beta == pytest.approx(sigma * sigma - 1, rel=1e-14)
    assert uniform.bound("wgan", sigma, 50.0, beta) == pytest.approx(
        math.sqrt(2 / math.pi) * (sigma - 1), rel=1e-14)
