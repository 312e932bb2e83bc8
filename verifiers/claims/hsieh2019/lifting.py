"""The lifting of Hsieh, Liu & Cevher 2019, §2.2 (eqs. (4)-(6)), on the 1-D WGAN game
with piecewise-linear critics.

The mixed extension ``F(μ, ν) = ⟨μ, g⟩ − ⟨μ, Gν⟩`` (eq. (5)) is bi-affine; the paper's
derivatives are ``g − Gν`` (in μ) and ``−G†μ`` (in ν), and ``⟨μ, Gν⟩ = ⟨ν, G†μ⟩``
(eq. (6)). On random particles (critics ``f_s`` with random slopes on ``CELLS`` cells,
generators ``N(u, w²)``) the paper's formulas, with ``g``, ``G`` and ``G†`` evaluated by
quadrature against the densities, are compared with the derivatives of eq. (4)'s
objective by autodiff from the exact cell integrals (:mod:`verifiers.mixed.lifting`):
the two routes share no formula, and each carries its error bound.
"""

from __future__ import annotations

import numpy as np

from theory.mixed import wgan1d
from verifiers.claim import claim
from verifiers.claims.hsieh2019.symbols import PARTICLE_SEED, SIGMA
from verifiers.mixed import lifting
from verifiers.outcomes import Outcome, Route, all_of, equals

CELLS, CRITICS, GENERATORS, X = 12, 3, 3, 6.0
EPS = float(np.finfo(np.float64).eps)


def _particles(seed):
    rng = np.random.default_rng(seed)
    slopes = rng.uniform(-1.0, 1.0, (CRITICS, CELLS))
    w, u = rng.uniform(0.3, 1.0, GENERATORS), rng.uniform(-1.5, 1.5, GENERATORS)
    mu, nu = rng.dirichlet(np.ones(CRITICS)), rng.dirichlet(np.ones(GENERATORS))
    return slopes, w, u, mu, nu


def _cell_error(sigma: float) -> float:
    """Rounding bound of an exact cell-integral expectation: ``CELLS`` differences of
    antiderivatives of size ≤ ``X + 1.5 + σ``, 64 eps each; plus ``0.8 w ≤ 1e-12`` when the
    data law is evaluated as a point mass (``σ ≤ wgan1d.W_POINT_MASS``)."""
    point_mass = 1e-12 if sigma <= wgan1d.W_POINT_MASS else 0.0
    return 64.0 * CELLS * (X + 1.5 + sigma) * EPS + point_mass


def _worst_entry(name, claimed, computed, errors) -> Outcome:
    """The statement's vector formula against the autodiff vector, at the entry with least
    slack (error bound minus deviation)."""
    k = int(np.argmin(errors - np.abs(claimed - computed)))
    return equals(float(claimed[k]), Route(f"autodiff of eq. (4), entry {k}",
                                            float(computed[k]), float(errors[k])),
                  statement=f"{name} (worst entry {k})", method="quadrature+autodiff")


@claim(
    "hsieh2019.lifting",
    reference="Hsieh, Liu & Cevher 2019, §2.2, eqs. (4)-(6)",
    statement="The mixed extension F(μ, ν) = ⟨μ, g⟩ − ⟨μ, Gν⟩ of the WGAN objective is "
              "bi-affine with derivatives g − Gν (in μ) and −G†μ (in ν), and G† is the "
              "adjoint of G: ⟨μ, Gν⟩ = ⟨ν, G†μ⟩.",
    params=[SIGMA, PARTICLE_SEED],
    derivation="hsieh2019.md#hsieh2019lifting-the-operators-g-and-g-eqs-4-6",
)
def check_lifting(sigma, seed) -> Outcome:
    slopes, w, u, mu, nu = _particles(seed)
    edges = np.linspace(-X, X, CELLS + 1)
    g_q = np.array([lifting.expectation_quad(s, edges, sigma, 0.0) for s in slopes])
    gnu_q = np.array([lifting.mixture_expectation_quad(s, edges, nu, w, u) for s in slopes])
    gdag_q = np.array([lifting.expectation_quad(mu @ slopes, edges, wk, uk)
                       for wk, uk in zip(w, u, strict=True)])
    claimed_mu, claimed_nu = lifting.derivative_formulas(g_q[:, 0], gnu_q[:, 0], gdag_q[:, 0])
    M = lifting.expected_critic(slopes, edges, w, u)
    g = lifting.expected_critic(slopes, edges, [sigma], [0.0])[:, 0]
    dmu, dnu = lifting.derivatives_autodiff(mu, nu, g, M)
    cell = _cell_error(sigma)
    parts = [
        _worst_entry("∂F/∂μ = g − Gν", claimed_mu, dmu, g_q[:, 1] + gnu_q[:, 1] + 2 * cell),
        _worst_entry("∂F/∂ν = −G†μ", claimed_nu, dnu, gdag_q[:, 1] + cell),
        equals(float(nu @ gdag_q[:, 0]),
               Route("⟨μ, Gν⟩ from exact cells", float(mu @ M @ nu),
                     float(nu @ gdag_q[:, 1]) + cell),
               statement="⟨ν, G†μ⟩ = ⟨μ, Gν⟩", method="quadrature+closed-form"),
    ]
    return all_of(*parts, method="quadrature+autodiff", statement=(
        f"on {CRITICS} critics × {GENERATORS} generators, σ = {sigma:g}: "
        + "; ".join(p.statement for p in parts)))
