"""Batched margins of Farnia & Ozdaglar 2020, Theorem 1, Proposition 1 and Remark 1
(docs/derivations/farnia2020.md).

Each kernel evaluates, for one instance, the closed-form route of the full check in
:mod:`verifiers.claims.farnia2020.theorem1` with the same :mod:`theory` functions and
the same rounding bound, and decides as the check does: ``inapplicable`` off σ > 1,
t > 0; ``inconclusive`` where a value overflows; else the conjunction of the sign of
the verified quantity and the statement's closed form against it. The independent
routes (Gauss–Hermite, quadrature, exact rationals, autodiff) are the full check's,
run on the instances the sweep audits. Proposition 1 and Remark 1 decide "the Nash gap
of the stated pair is 0" within the rounding bound of its closed form, as
:func:`verifiers.claims.farnia2020.existence.nash_gap_is_zero` does.
"""

from __future__ import annotations

import math

import jax.numpy as jnp

from theory.gaussian_games import fgan, fgan_star, w2gan, wgan
from theory.gaussian_games.lemma import log_ratio
from theory.small_eigh import eigh
from verifiers.sweep.spec import (
    INAPPLICABLE,
    INCONCLUSIVE,
    Batched,
    all_of_codes,
    equals_codes,
    positive_codes,
    rounding_codes,
)


def _sigma_t(params) -> tuple[float, float, float]:
    """σ, t and whether Theorem 1's hypotheses σ > 1, t > 0 hold (decided here, in Python:
    XLA would flush a subnormal t to 0)."""
    sigma, t = float(params["sigma"]), float(params["t"])
    return sigma, t, float(sigma > 1 and t > 0)


def _dimension(params) -> tuple[int]:
    return (int(params["d"]),)


def _unmet_or(met, outcome):
    """Theorem 1's hypotheses σ > 1, t > 0 first (``inapplicable``, NaN margin), then
    a non-finite margin (``inconclusive``), else ``outcome``."""
    margin, tol, code = outcome
    met = met > 0.5
    finite = jnp.isfinite(margin)
    code = jnp.where(met, jnp.where(finite, code, INCONCLUSIVE), INAPPLICABLE)
    return jnp.where(met & finite, margin, jnp.nan), jnp.where(met & finite, tol, 0.0), code


def _gain(claimed, claimed_error, gain, error):
    """``all_of(gain > 0, claimed == gain)`` (``decide_gain`` of the full check)."""
    return all_of_codes(positive_codes(gain, error),
                        equals_codes(claimed, gain, error + claimed_error))


def w2gan_kernel(sigma, t, met, d):
    """The gain of ``u' = t e1`` at ``G* = (I, 0)`` against its Kantorovich potential,
    ``V(G*, D) − V((I, t e1), D)`` from :func:`theory.gaussian_games.w2gan.value`,
    against the claimed ``(σ − 1)t²/2``."""
    eye, zero = jnp.eye(d), jnp.zeros(d)
    Sig = sigma**2 * eye
    A, b = w2gan.discriminator_best_response(eye, zero, Sig)
    dev = zero.at[0].set(t)
    gain = w2gan.value(A, b, eye, zero, Sig) - w2gan.value(A, b, eye, dev, Sig)
    scale = (d * sigma**2 + d + t * t) * (jnp.max(jnp.abs(A)) + 1)
    claimed = 0.5 * (sigma - 1.0) * t * t
    outcome = _gain(claimed, rounding_codes(0.0) * jnp.abs(claimed), gain,
                    rounding_codes(scale))
    return _unmet_or(met, outcome)


def wgan_kernel(sigma, t, met):
    """The gain of ``(1, t)`` against ``D* = |x|`` at ``G* = (1, 0)`` from the folded-normal
    game values :func:`theory.gaussian_games.wgan.value`, against the claimed ``c_W1(t)``."""
    gain = wgan.value(sigma, 1.0, 0.0, 0.0) - wgan.value(sigma, 1.0, t, 0.0)
    outcome = _gain(wgan.c_w1(t), rounding_codes(t), gain, rounding_codes(sigma + t))
    return _unmet_or(met, outcome)


def w2gan_quadratic_kernel(sigma, t, met, d):
    """``λ_max(I − K)`` at ``G*`` (``K = (I − 2A*)⁻¹``, :func:`theory.gaussian_games.w2gan.kernel`)
    must be negative and equal the claimed ``1 − σ``."""
    eye, zero = jnp.eye(d), jnp.zeros(d)
    A, _ = w2gan.discriminator_best_response(eye, zero, sigma**2 * eye)
    K, _ = w2gan.kernel(A)
    lam = eigh(eye - K)[0][-1]
    err = rounding_codes(sigma)
    claimed = w2gan.optimum_u_hessian_eigenvalue(sigma)
    outcome = all_of_codes(positive_codes(-lam, err), equals_codes(claimed, lam, 2 * err))
    return _unmet_or(met, outcome)


SCREENED_DIVERGENCES = ("kl", "rkl", "hellinger", "neyman")
"""Divergences whose claimed gain gap* is a closed form in JAX; JS (quadrature) and Pearson
(a branch on σ² < 2 in Python) are left to the full check (``inconclusive`` on the screen)."""


def _fgan_static(params) -> tuple[int, str]:
    return int(params["d"]), str(params["divergence"])


def fgan_kernel(sigma, t, met, d, divergence):
    """The Gaussian-lemma gain ``J_{G*}(I, t e1) − J_{G*}(I, 0)``
    (:func:`theory.gaussian_games.fgan.J`) against the claimed ``gap*``
    (:func:`theory.gaussian_games.fgan_star.gap_star`), with the full check's rounding
    bounds."""
    if divergence not in SCREENED_DIVERGENCES:  # decided by the full check where it applies
        nan = jnp.nan * sigma
        return _unmet_or(met, (nan, jnp.zeros_like(nan), jnp.full(jnp.shape(nan), INCONCLUSIVE)))
    eye, zero = jnp.eye(d), jnp.zeros(d)
    ell = log_ratio(eye, zero, sigma**2 * eye)
    dev = zero.at[0].set(t)
    j1, j0 = fgan.J(divergence, ell, dev, eye), fgan.J(divergence, ell, zero, eye)
    size = jnp.abs(j1) + jnp.abs(j0)
    error = rounding_codes(size * (1 + jnp.abs(jnp.log(jnp.maximum(size, 1e-300)))))
    claimed = fgan_star.gap_star(divergence, sigma, d, t, backend=jnp)
    claimed_error = rounding_codes(claimed * (1 + sigma * sigma * (1 + t * t)))
    return _unmet_or(met, _gain(claimed, claimed_error, j1 - j0, error))


def _realisable(params) -> tuple[float, float]:
    """σ and Proposition 1's hypothesis σ ≤ 1."""
    sigma = float(params["sigma"])
    return sigma, float(sigma <= 1)


def _remark1(params) -> tuple[float, float, float, float]:
    """σ, t, the upper singular-value bound of the reading (∞: σ_min(W) ≥ 1 replaces
    σ_max(W) ≤ 1; 1: it is added) and Remark 1's hypotheses σ < 1, t > 0."""
    sigma, t = float(params["sigma"]), float(params["t"])
    hi = math.inf if params["reading"] == "replaces" else 1.0
    return sigma, t, hi, float(sigma < 1 and t > 0)


def _gap_is_zero(gap, scale):
    """``equals(0, gap)`` within ``rounding(scale)``."""
    return equals_codes(0.0, gap, rounding_codes(scale))


def proposition1_wgan_kernel(sigma, met):
    """Nash gap of ``(G* = (s, 0), D = 0)``, ``s`` the realising scale
    (:func:`theory.gaussian_games.wgan.nash_gap`; the claim module, imported here, pulls in
    sympy)."""
    from verifiers.claims.farnia2020 import existence

    gap, _, _ = wgan.nash_gap(sigma, existence.realising_scale(sigma), 0.0, 0.0, 1.0, 0.0)
    return _unmet_or(met, _gap_is_zero(gap, 1 + sigma))


def remark1_wgan_kernel(sigma, t, hi, met):
    """Nash gap of ``(G* = (1, 0), D*(x) = −|x|)`` over ``1 ≤ |w| ≤ hi``."""
    gap, _, _ = wgan.nash_gap(sigma, 1.0, 0.0, 0.0, t, -1.0, 1.0, hi)
    return _unmet_or(met, _gap_is_zero(gap, 1 + sigma + t))


def _remark1_rows(params) -> tuple[float, float, float]:
    sigma, t, _, met = _remark1(params)
    return sigma, t, met


def _remark1_static(params) -> tuple[int, float]:
    """The dimension and the reading's bound ``hi``: static, as
    :func:`theory.gaussian_games.w2gan.nash_gap` takes its singular-value bounds."""
    return int(params["d"]), _remark1(params)[2]


def remark1_w2gan_kernel(sigma, t, met, d, hi):
    """Nash gap of ``(G* = (I, 0), D_{G*})`` over ``1 ≤ σ(W) ≤ hi``
    (:func:`theory.gaussian_games.w2gan.nash_gap`)."""
    eye, zero = jnp.eye(d), jnp.zeros(d)
    Sig = sigma**2 * eye
    A, b = w2gan.discriminator_best_response(eye, zero, Sig)
    gap, _, _ = w2gan.nash_gap(A, b, eye, zero, Sig, t, 1.0, hi)
    return _unmet_or(met, _gap_is_zero(gap, d * (1 + sigma**2 + t * t)))


BATCHED = {
    "farnia2020.theorem1.fgan": Batched("farnia2020.theorem1.fgan", _sigma_t, fgan_kernel,
                                        static=_fgan_static),
    "farnia2020.proposition1.wgan": Batched("farnia2020.proposition1.wgan", _realisable,
                                            proposition1_wgan_kernel),
    "farnia2020.remark1.wgan": Batched("farnia2020.remark1.wgan", _remark1,
                                       remark1_wgan_kernel),
    "farnia2020.remark1.w2gan": Batched("farnia2020.remark1.w2gan", _remark1_rows,
                                        remark1_w2gan_kernel, static=_remark1_static),
    "farnia2020.theorem1.w2gan": Batched("farnia2020.theorem1.w2gan", _sigma_t, w2gan_kernel,
                                         static=_dimension),
    "farnia2020.theorem1.wgan": Batched("farnia2020.theorem1.wgan", _sigma_t, wgan_kernel),
    "farnia2020.theorem1.w2gan_quadratic": Batched(
        "farnia2020.theorem1.w2gan_quadratic", _sigma_t, w2gan_quadratic_kernel,
        static=_dimension),
}
