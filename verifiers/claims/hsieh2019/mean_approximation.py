"""Hsieh, Liu & Cevher 2019, §4.2 (Algorithm 3, Mirror-GAN): the K-particle mean
approximation of the infinite-dimensional entropic mirror step (Theorem 1, eq. (7));
derivation in ``docs/derivations/hsieh2019.md#hsieh2019mean_approximation-k-particle-mirror-steps``.

Algorithm 3 replaces the measure ``μ⁺`` of eq. (7) by the average of SGLD samples. For a
bounded test function ``f`` (values in [−1, 1]) the error of the K-particle mean splits into a
Monte-Carlo part, at most the Hoeffding radius ``r_K = √(2 ln(2/δ)/K)`` (probability ``1 − δ``
per K), and the sampler's bias: the chain's distance from stationarity after ``STEPS`` steps
(grid transfer operator) plus its stationary bias ``|β_f| + R γ²`` (first-order expansion of
the Euler scheme's invariant law). The check decides ``|mean_K f − E_{μ⁺} f| ≤ r_K + bias``
at every K of a nested ladder, with ``E_{μ⁺} f`` by quadrature of eq. (7)'s density.
"""

from __future__ import annotations

import jax
import numpy as np

from theory.mixed import mean_approximation as ma
from verifiers.claim import claim
from verifiers.outcomes import Outcome, Route, agree, all_of, bound, disagreement, routes_witness
from verifiers.params import Choice, Integer, Real, seed_param

KS = (64, 256, 1024, 4096)
"""The nested particle counts (the first K particles of one run of ``KS[-1]``)."""
STEPS = 400
"""SGLD steps per particle (the chain's remaining distance from stationarity is bounded)."""
DELTA = 1e-9
"""Failure probability of each Hoeffding radius (union over ``KS``: 4e-9)."""
REMAINDER = 2.0
"""``R`` in the stationary bias bound ``|β_f| + Rγ²`` (the same constant as
``hsieh2019.sgld``; checked on this potential by the grid route)."""
EPS = float(np.finfo(np.float64).eps)


def _rate_outcome(values, target: Route, bias: float, bias_error: float) -> Outcome:
    """``|mean_K f − E_{μ⁺} f| ≤ r_K + bias`` for every K in :data:`KS`; margin at the K with
    the least slack; witness: errors, radii, σ̂/√K and the fitted slope (not decided on)."""
    errors = np.array([abs(float(np.mean(values[:K])) - target.value) for K in KS])
    limits = np.array([ma.hoeffding_radius(K, DELTA) for K in KS]) + bias
    i = int(np.argmin(limits - errors))
    slope = float(np.polyfit(np.log(KS), np.log(np.maximum(errors, 1e-300)), 1)[0])
    return bound(float(errors[i]), float(limits[i]), target.error + bias_error,
                 f"|mean_K f − E_μ⁺ f| ≤ √(2 ln(2/δ)/K) + bias at K ∈ {list(KS)} (least slack "
                 f"at K = {KS[i]}: {errors[i]:.3g} ≤ {limits[i]:.3g})",
                 witness={"K": list(KS), "errors": errors.tolist(), "limits": limits.tolist(),
                          "sigma_hat_over_sqrt_K": [float(np.std(values[:K], ddof=1) / np.sqrt(K))
                                                    for K in KS],
                          "fitted_slope": slope, "target": target.value, "bias_bound": bias},
                 method="sgld+quadrature")


def _wgan1d(eta, a, m0, tau, gamma, seed) -> Outcome:
    """1-D WGAN game: μ = N(m0, τ²) on the generator's location, critic |x − a|. The bias bound
    ``|β_f| + Rγ² + mixing gap`` is itself checked: the chain's invariant law on the grid must
    lie within ``|β_f| + Rγ²`` of eq. (7)'s value, i.e. its remainder beyond β_f within Rγ²."""
    (target,), (target_err,) = ma.gibbs_expectations([ma.test_function], eta, a, m0, tau)
    beta, beta_err = ma.first_order_bias(ma.test_function, gamma, eta, a, m0, tau)
    chain = ma.chain_expectations(ma.test_function, eta, a, m0, tau, gamma, STEPS)
    bias = abs(beta) + REMAINDER * gamma**2 + chain["mixing_gap"]
    x = np.asarray(ma.sgld_particles(eta, a, m0, tau, gamma, key=jax.random.key(seed),
                                     K=KS[-1], steps=STEPS))
    rate = _rate_outcome(ma.test_function(x), Route("quadrature of eq. (7)", float(target),
                                                    float(target_err)), bias,
                         beta_err + chain["mixing_gap_error"])
    remainder = abs(chain["stationary"] - target - beta)
    stationary = bound(remainder, REMAINDER * gamma**2,
                       chain["stationary_error"] + target_err + beta_err,
                       f"the sampler's stationary bias beyond β_f is ≤ Rγ² "
                       f"({remainder:.2e} ≤ {REMAINDER * gamma**2:.2e})",
                       method="grid+quadrature")
    out = all_of(rate, stationary, method="sgld+grid+quadrature")
    return out.with_witness(first_order_bias=beta, remainder_allowance=REMAINDER * gamma**2,
                            stationary_remainder=remainder, mixing_gap=chain["mixing_gap"],
                            steps=STEPS)


def _finite_instance(n, m, seed):
    rng = np.random.default_rng(seed)
    return (rng.uniform(-1.0, 1.0, (n, m)), rng.dirichlet(np.ones(n)), rng.dirichlet(np.ones(m)),
            rng.uniform(-1.0, 1.0, n))


def _finite(eta, n, seed) -> Outcome:
    """A random n × n finite game lifted to measures on its strategy set: eq. (7) is
    ``p⁺ ∝ p e^{−ηAq}``; two routes to ``E_{p⁺} f`` (log-sum-exp softmax; the density ratio
    ``e^{−ηh}/⟨p, e^{−ηh}⟩`` summed directly), K exact categorical samples (no sampler
    bias)."""
    A, p, q, f = _finite_instance(n, n, seed)
    h = A @ q
    ratio = np.exp(-eta * h) / float(p @ np.exp(-eta * h))
    routes = (Route("softmax of eq. (2)", float(ma.finite_mirror_step(p, A, q, eta) @ f),
                    64.0 * n * EPS * (1.0 + eta)),
              Route("density ratio of eq. (7)", float(p @ (ratio * f)),
                    64.0 * n * EPS * (1.0 + eta) * np.exp(2.0 * eta)))
    target = agree(*routes)
    if target is None:
        return disagreement(routes, "E_{p⁺} f")
    idx = ma.finite_particles(jax.random.key(seed), p, A, q, eta, KS[-1])
    out = _rate_outcome(f[idx], target, 0.0, 0.0)
    return out.with_witness(routes=routes_witness(routes))


@claim("hsieh2019.mean_approximation",
       reference="Hsieh, Liu & Cevher 2019, §4.2 (Algorithm 3) with Theorem 1 (eq. (7)) and "
                 "eq. (8)",
       statement="Algorithm 3's K-particle update (SGLD samples averaged) approximates the "
                 "entropic mirror step dμ⁺ = e^{−ηh}dμ/∫e^{−ηh}dμ of the infinite-dimensional "
                 "game (Theorem 1, eq. (7)) with an error that shrinks with K at the Monte-Carlo "
                 "rate: for a test function f with values in [−1, 1], |mean_K f − ⟨μ⁺, f⟩| ≤ "
                 "√(2 ln(2/δ)/K) + b with b the sampler's bias (checked at K = 64, 256, 1024, "
                 "4096, δ = 1e-9, on the 1-D WGAN game and on a finite game lifted to measures).",
       params=[Choice("game", "wgan1d", choices=("wgan1d", "finite"),
                      doc="wgan1d: generator location measure N(m0, τ²) against the critic "
                          "|x − a|, SGLD samples; finite: random n × n game, exact samples"),
               Real("eta", 0.8, low=0.0, high=2.0, low_open=True, sample_low=0.05,
                    sample_high=2.0, doc="mirror step size η of eq. (7)"),
               Real("a", 0.7, low=-2.0, high=2.0, doc="wgan1d: the critic's kink a"),
               Real("m0", 0.2, low=-1.0, high=1.0, doc="wgan1d: mean of the current measure μ"),
               Real("tau", 1.0, low=0.5, high=1.5, doc="wgan1d: standard deviation of μ"),
               Real("gamma", 0.02, low=0.002, high=0.05, doc="wgan1d: SGLD step γ of eq. (8)"),
               Integer("n", 10, low=2, high=200, sample_high=60,
                       doc="finite: number of pure strategies per player"),
               seed_param("PRNG seed of the particles (jax) and of the finite game (numpy)",
                          sample_high=10_000)],
       derivation="hsieh2019.md#hsieh2019mean_approximation-k-particle-mirror-steps")
def check_mean_approximation(game, eta, a, m0, tau, gamma, n, seed) -> Outcome:
    """:func:`_wgan1d` or :func:`_finite`; the statement's bound at every K."""
    if game == "finite":
        return _finite(eta, n, seed)
    return _wgan1d(eta, a, m0, tau, gamma, seed)
