"""Appendix A matrix results of Mescheder et al. 2018: Lemmas A.4, A.5, A.9 and
Theorems A.7, A.8, checked on user-supplied or random matrices.

Spectra by LAPACK (``numpy.linalg.eigvals``); the bounds in closed form
(:mod:`theory.dirac.matrices`, :mod:`theory.dirac.operators`). Random
instances come from :mod:`verifiers.dirac.blocks` (also exposed as
``verifiers.strategies.dirac_blocks``).
"""

import numpy as np

from theory.dirac import matrices, operators
from verifiers import tolerances
from verifiers.certificate import eigenvalue_pairs
from verifiers.claim import Claim, Outcome
from verifiers.dirac import blocks, checks
from verifiers.params import Real
from verifiers.strategies import seeds


def _check_a4(mu_re, mu_im, h) -> Outcome:
    """Lemma A.4 for J = [[Re μ, −Im μ], [Im μ, Re μ]] (eigenvalues μ, μ̄): the
    SimGD Jacobian I + hJ has eigenvalues 1 + hμ (LAPACK vs closed form), and
    |1 + hμ| < 1 ⇔ h < h_max = 2|Re μ|/|μ|², which eq. (26) prints in another
    form (same number). Margin: ±min(|1 − |1 + hμ||, |h/h_max − 1|), + when
    both sides of the equivalence agree, − when they differ."""
    mu = complex(mu_re, mu_im)
    J = np.array([[mu_re, -mu_im], [mu_im, mu_re]])
    lam = np.linalg.eigvals(np.asarray(operators.simgd_jacobian(J, h)))
    closed = np.array([1 + h * mu, 1 + h * mu.conjugate()])
    hmax, h26 = float(operators.h_max(mu)), float(operators.h_max_eq26(mu))
    inside, below = 1.0 - float(np.max(np.abs(lam))), 1.0 - h / hmax
    size = min(abs(inside), abs(below))
    disc = max(checks.charpoly_discrepancy(closed, np.eye(2) + h * J), abs(h26 - hmax) / hmax)
    margin = size if (inside > 0) == (below > 0) else -size
    return Outcome(
        margin=checks.agreeing(margin, disc),
        tolerance=tolerances.spectral(1.0 + h * abs(mu)),
        method="lapack+closed-form",
        statement=f"μ = {mu:.4g}, h = {h:g}: |1 + hμ| = {1 - inside:.6g} "
        f"{'<' if inside > 0 else '≥'} 1 and h {'<' if below > 0 else '≥'} h_max = {hmax:.6g}",
        witness={
            "eigenvalues": eigenvalue_pairs(lam),
            "h_max": hmax,
            "h_max_eq26": h26,
            "discrepancy": disc,
        },
    )


def _hypotheses(P, B, Q, psd_p=True) -> str | None:
    """The first unmet hypothesis of Theorems A.7/A.8 (None if all hold)."""
    tol = 1e-12
    if P is not None and psd_p and np.linalg.eigvalsh(P)[0] < -tol * (1 + np.abs(P).max()):
        return "P positive semi-definite"
    if np.linalg.eigvalsh(Q)[0] <= tol * (1 + np.abs(Q).max()):
        return "Q positive definite"
    s = np.linalg.svd(B, compute_uv=False)
    if B.shape[0] < B.shape[1] or s[-1] <= 1e-10 * s[0]:
        return "B of full column rank"
    return None


def _check_a7(B, Q) -> Outcome:
    """Theorem A.7 (P = 0): real eigenvalues obey eq. (41), complex ones eq. (42).
    An eigenvalue counts as real if |Im λ| ≤ 1e-7·max|λ| (note C.10). Margin:
    min over eigenvalues of (bound − Re λ)/max|λ|."""
    unmet = _hypotheses(None, B, Q)
    if unmet:
        return Outcome.inapplicable(unmet)
    lam = np.linalg.eigvals(matrices.block_jacobian(np.zeros((B.shape[1],) * 2), B, Q))
    scale = float(np.max(np.abs(lam)))
    real = np.abs(lam.imag) <= 1e-7 * scale
    bound = np.where(
        real, matrices.real_eigenvalue_bound(Q, B), matrices.complex_eigenvalue_bound(Q)
    )
    slack = (bound - lam.real) / scale
    i = int(np.argmin(slack))
    return Outcome(
        margin=float(slack[i]),
        tolerance=tolerances.MATRIX_BOUND,
        method="lapack",
        statement=f"every eigenvalue of [[0, -Bᵀ], [B, -Q]] ({lam.size}x{lam.size}) obeys "
        f"(41)/(42); "
        f"tightest: Re λ = {lam[i].real:.6g} ≤ {bound[i]:.6g}",
        witness={
            "eigenvalues": eigenvalue_pairs(lam),
            "real_bound": matrices.real_eigenvalue_bound(Q, B),
            "complex_bound": matrices.complex_eigenvalue_bound(Q),
        },
    )


def _check_a8(P, B, Q) -> Outcome:
    """Theorem A.8: P ⪰ 0, Q ≻ 0, B of full column rank ⇒ Re λ < 0. Margin:
    −max Re λ / max|λ|."""
    unmet = _hypotheses(P, B, Q)
    if unmet:
        return Outcome.inapplicable(unmet)
    lam = np.linalg.eigvals(matrices.block_jacobian(P, B, Q))
    scale = float(np.max(np.abs(lam)))
    return Outcome(
        margin=-float(np.max(lam.real)) / scale,
        tolerance=tolerances.MATRIX_BOUND,
        method="lapack",
        statement=f"max Re λ = {np.max(lam.real):.6g} < 0 for [[-P, -Bᵀ], [B, -Q]]",
        witness={"eigenvalues": eigenvalue_pairs(lam)},
    )


def _check_a9(P, B, Q) -> Outcome:
    """Lemma A.9: P, Q symmetric ⇒ |Im λ| ≤ ‖B‖₂ (eq. (46)). Margin:
    (‖B‖₂ − max|Im λ|)/max(‖B‖₂, max|λ|) (0 when B = 0: equality)."""
    lam = np.linalg.eigvals(matrices.block_jacobian(P, B, Q))
    bound = matrices.imaginary_part_bound(B)
    scale = max(bound, float(np.max(np.abs(lam))), np.finfo(float).tiny)
    return Outcome(
        margin=(bound - float(np.max(np.abs(lam.imag)))) / scale,
        tolerance=tolerances.MATRIX_BOUND,
        method="lapack",
        statement=f"max |Im λ| = {np.max(np.abs(lam.imag)):.6g} ≤ ‖B‖₂ = {bound:.6g}",
        witness={"eigenvalues": eigenvalue_pairs(lam), "bound": bound},
    )


def _check_a5(P, B, Q) -> Outcome:
    """Lemma A.5 on J = [[−P, −Bᵀ], [B, −Q]] (Re λ < 0 by Theorem A.8):
    (I + hV2)(I + hV1) = I + h(J + hV2V1) (eq. (34)), and for some small h the
    AltGD Jacobian has ρ < 1. Scans h_k = 2^{−k}/‖J‖₂, k = 0..40; margin
    max_k (1 − ρ(F_alt(h_k))), provided the identity holds (DIRAC_AGREE)."""
    unmet = _hypotheses(P, B, Q)
    if unmet:
        return Outcome.inapplicable(unmet)
    J = matrices.block_jacobian(P, B, Q)
    n = B.shape[1]
    gen = np.arange(J.shape[0]) < n
    V1, V2 = np.where(gen[:, None], J, 0.0), np.where(gen[:, None], 0.0, J)
    eye, hs = np.eye(J.shape[0]), 2.0 ** -np.arange(41) / np.linalg.norm(J, 2)
    disc = checks.relative_error(
        (eye + hs[3] * V2) @ (eye + hs[3] * V1), eye + hs[3] * (J + hs[3] * V2 @ V1)
    )
    alt = np.asarray(operators.altgd_jacobian(J, hs[3], 1, 1, n_gen=n))
    disc = max(disc, checks.relative_error(alt, (eye + hs[3] * V2) @ (eye + hs[3] * V1)))
    rho = np.max(
        np.abs(np.linalg.eigvals((eye + hs[:, None, None] * V2) @ (eye + hs[:, None, None] * V1))),
        axis=1,
    )
    k = int(np.argmax(1.0 - rho))
    return Outcome(
        margin=checks.agreeing(float(1.0 - rho[k]), disc),
        tolerance=tolerances.spectral(1.0),
        method="lapack",
        statement=f"AltGD with h = {hs[k]:.4g} has spectral radius {rho[k]:.12g} < 1",
        witness={
            "h": float(hs[k]),
            "spectral_radius": float(rho[k]),
            "eigenvalues": eigenvalue_pairs(np.linalg.eigvals(J)),
            "discrepancy": disc,
        },
    )


def _sampler(draw):
    return lambda rng: draw(rng)


def _strategy(draw):
    return lambda: seeds().map(lambda s: draw(np.random.default_rng(s)))


def _without_p(rng):
    params = blocks.random_blocks(rng)
    return {"B": params["B"], "Q": params["Q"]}


BLOCKS = blocks.block_params()
BQ = [p for p in BLOCKS if p.name != "P"]

CLAIMS = [
    Claim(
        id="mescheder2018.lemmaA.4",
        reference="Mescheder et al. 2018, Lemma A.4",
        statement="For Re μ < 0, the SimGD eigenvalue 1 + hμ lies in the unit circle iff "
        "h < 2|Re μ|/|μ|² (eq. (26)).",
        params=[
            Real(
                "mu_re",
                -0.5,
                low=-1e3,
                high=0.0,
                high_open=True,
                sample_low=-3.0,
                sample_high=-0.01,
                doc="Re μ < 0",
            ),
            Real("mu_im", 0.5, low=-1e3, high=1e3, sample_low=-3.0, sample_high=3.0, doc="Im μ"),
            Real(
                "h",
                0.5,
                low=0.0,
                high=1e3,
                low_open=True,
                sample_low=1e-3,
                sample_high=5.0,
                doc="learning rate h",
            ),
        ],
        checker=_check_a4,
    ),
    Claim(
        id="mescheder2018.lemmaA.5",
        reference="Mescheder et al. 2018, Lemma A.5",
        statement="If v'(x*) has only eigenvalues with negative real part, AltGD's update "
        "Jacobian has all eigenvalues in the unit circle for h > 0 small enough.",
        params=BLOCKS,
        checker=_check_a5,
        requires=blocks.require_shapes,
        sampler=blocks.random_blocks,
        strategy_fn=_strategy(blocks.random_blocks),
    ),
    Claim(
        id="mescheder2018.theoremA.7",
        reference="Mescheder et al. 2018, Theorem A.7",
        statement="For J = [[0, -Bᵀ], [B, -Q]] with Q ≻ 0 and B of full column rank, real "
        "eigenvalues obey eq. (41) and complex ones Re λ ≤ -λmin(Q)/2 (42).",
        params=BQ,
        checker=_check_a7,
        requires=blocks.require_shapes,
        sampler=_without_p,
        strategy_fn=_strategy(_without_p),
    ),
    Claim(
        id="mescheder2018.theoremA.8",
        reference="Mescheder et al. 2018, Theorem A.8",
        statement="For J = [[-P, -Bᵀ], [B, -Q]] with P ⪰ 0, Q ≻ 0 and B of full column rank, "
        "every eigenvalue has negative real part.",
        params=BLOCKS,
        checker=_check_a8,
        requires=blocks.require_shapes,
        sampler=blocks.random_blocks,
        strategy_fn=_strategy(blocks.random_blocks),
    ),
    Claim(
        id="mescheder2018.lemmaA.9",
        reference="Mescheder et al. 2018, Lemma A.9",
        statement="For J = [[-P, -Bᵀ], [B, -Q]] with P, Q symmetric, every eigenvalue has "
        "|Im λ| ≤ sqrt(λmax(BᵀB)).",
        params=BLOCKS,
        checker=_check_a9,
        requires=blocks.require_shapes,
        sampler=blocks.random_symmetric_blocks,
        strategy_fn=_strategy(blocks.random_symmetric_blocks),
    ),
]
