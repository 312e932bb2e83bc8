"""The lifting of Hsieh, Liu & Cevher 2019, §2.2 (eqs. (4)-(6)), on the discretised 1-D WGAN game.

The mixed extension ``F(μ, ν) = ⟨μ, g⟩ − ⟨μ, Gν⟩`` is bi-affine, its derivatives are
``g − Gν`` (in μ) and ``−G†μ`` (in ν), and ``⟨μ, Gν⟩ = ⟨ν, G†μ⟩`` (eq. (6)). Checked
on random particles: critics ``f_s`` with random slopes on K cells, generators
``N(u, w²)``; the operators are evaluated by adaptive quadrature against the
densities and the derivatives by autodiff of eq. (5) built from the exact cell
integrals (verifiers.mixed.lifting), so the two routes share no formula.
"""

from __future__ import annotations

import numpy as np

from verifiers import tolerances
from verifiers.claim import Claim, Outcome
from verifiers.mixed import lifting
from verifiers.params import Real, seed_param

CELLS, CRITICS, GENERATORS, X = 12, 3, 3, 6.0


def _particles(seed):
    rng = np.random.default_rng(seed)
    slopes = rng.uniform(-1.0, 1.0, (CRITICS, CELLS))
    w, u = rng.uniform(0.3, 1.0, GENERATORS), rng.uniform(-1.5, 1.5, GENERATORS)
    mu, nu = rng.dirichlet(np.ones(CRITICS)), rng.dirichlet(np.ones(GENERATORS))
    return slopes, w, u, mu, nu


def _check_lifting(sigma, seed) -> Outcome:
    slopes, w, u, mu, nu = _particles(seed)
    edges = np.linspace(-X, X, CELLS + 1)
    data = lifting.mixture_pdf([1.0], [sigma], [0.0])
    fake = lifting.mixture_pdf(nu, w, u)
    g_q = np.array([lifting.expectation_quad(s, edges, data) for s in slopes])
    gnu_q = np.array([lifting.expectation_quad(s, edges, fake) for s in slopes])
    mean_critic = mu @ slopes
    gdag_q = np.array(
        [
            lifting.expectation_quad(mean_critic, edges, lifting.mixture_pdf([1.0], [wk], [uk]))
            for wk, uk in zip(w, u, strict=True)
        ]
    )
    M = lifting.expected_critic(slopes, edges, w, u)
    g = lifting.expected_critic(slopes, edges, [sigma], [0.0])[:, 0]
    dmu, dnu = lifting.derivatives_autodiff(mu, nu, g, M)
    errors = {
        "adjoint_identity": abs(mu @ gnu_q - nu @ gdag_q),
        "d_mu_equals_g_minus_G_nu": float(np.max(np.abs(dmu - (g_q - gnu_q)))),
        "d_nu_equals_minus_G_dagger_mu": float(np.max(np.abs(dnu + gdag_q))),
    }
    margin = tolerances.LIFTING_QUADRATURE - max(errors.values())
    return Outcome(
        margin=margin,
        tolerance=tolerances.CLOSED_FORM,
        method="quadrature+autodiff",
        statement=(
            f"⟨μ,Gν⟩ = ⟨ν,G†μ⟩ = {float(mu @ gnu_q):.10f} and ∂F/∂μ = g − Gν, ∂F/∂ν = −G†μ "
            f"(max error {max(errors.values()):.2e})"
        ),
        witness=dict(errors, mu_G_nu=float(mu @ gnu_q), nu_Gdagger_mu=float(nu @ gdag_q)),
    )


CLAIMS = [
    Claim(
        id="hsieh2019.lifting",
        reference="Hsieh, Liu & Cevher 2019, §2.2, eqs. (4)-(6)",
        statement="The mixed extension of a GAN objective is bi-affine with derivatives "
        "g − Gν and −G†μ, "
        "and G† is the adjoint of G: ⟨μ, Gν⟩ = ⟨ν, G†μ⟩.",
        params=[
            Real(
                "sigma",
                2.0,
                low=0.1,
                high=5.0,
                sample_low=0.5,
                sample_high=3.0,
                doc="data standard deviation σ of P_real = N(0, σ²)",
            ),
            seed_param("seed of the random particles"),
        ],
        checker=_check_lifting,
    ),
]
