"""Appendix A matrix results of Mescheder et al. 2018: Lemmas A.4, A.5, A.9 and
Theorems A.7, A.8, checked on user-supplied or random matrices.

* Lemma A.4 is decided in exact rational arithmetic on the float inputs (the
  modulus ``|1 + hμ|²`` and both forms of the threshold, eqs. (26), (29));
* Lemma A.5 by a Lyapunov certificate: an ``X ≻ 0`` with ``JᵀX + XJ ≈ −I`` gives an
  explicit ``h0 > 0`` such that AltGD contracts for every ``h ∈ (0, h0]``;
* Theorems A.7, A.8 and Lemma A.9 by LAPACK's eigenvalues, each with its
  first-order error bound (:func:`verifiers.dirac.routes.lapack_spectrum`).

Every block matrix is divided by one power of two first (exact; the statements
are invariant under ``J → J/s``, the bounds (41), (42), (46) scale with it).
Derivations: ``docs/derivations/mescheder2018.md``.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import scipy.linalg

from theory.dirac import matrices, operators
from verifiers.certificate import Verdict, eigenvalue_pairs
from verifiers.claim import claim
from verifiers.claims.mescheder2018.symbols import MU_IM, MU_RE, H
from verifiers.dirac import blocks, routes
from verifiers.outcomes import (
    Outcome,
    Route,
    all_of,
    bound,
    equals,
    lower_bound,
    positive,
    undecided,
)
from verifiers.strategies import seeds

EPS = routes.EPS


# --- Lemma A.4 ------------------------------------------------------------------------


def expected_a4(params) -> Verdict:
    """holds when Re μ < 0; inapplicable when Re μ >= 0 (the lemma assumes eigenvalues with
    negative real part)."""
    return Verdict.HOLDS if params["mu_re"] < 0.0 else Verdict.INAPPLICABLE


@claim(
    "mescheder2018.lemmaA.4",
    reference="Mescheder et al. 2018, Lemma A.4",
    statement="SimGD's update Jacobian I + hJ has eigenvalues 1 + hμ, and for Re μ < 0 the "
    "eigenvalue 1 + hμ lies in the unit circle iff h < 2/(|Re μ|(1 + (Im μ/Re μ)²)) "
    "(eq. (26)).",
    params=[MU_RE, MU_IM, H],
    expected=expected_a4,
    derivation="mescheder2018.md#lemma-a4",
)
def check_lemmaA_4(mu_re, mu_im, h) -> Outcome:
    """For J = [[Re μ, −Im μ], [Im μ, Re μ]] (eigenvalues μ, μ̄): the eigenvalues of I + hJ
    are 1 + hμ, 1 + hμ̄ (charpoly, float64 bound); eq. (26) equals the threshold
    2|Re μ|/|μ|² of eq. (29) and ``|1 + hμ|² < 1 ⇔ h < (26)`` at this h, both exactly
    (``fractions.Fraction`` on the float inputs)."""
    if not mu_re < 0.0:
        return Outcome.inapplicable("Re mu < 0", {"mu_re": mu_re})
    mu = complex(mu_re, mu_im)
    J = np.array([[mu_re, -mu_im], [mu_im, mu_re]])
    M = np.asarray(operators.simgd_jacobian(J, h))
    lam = np.asarray(operators.simgd_eigenvalues(np.array([mu, mu.conjugate()]), h))
    re, im, hq = Fraction(mu_re), Fraction(mu_im), Fraction(h)
    eq26, eq29 = operators.h_max_eq26(re, im), operators.simgd_threshold(re, im)
    inside = (1 + hq * re) ** 2 + (hq * im) ** 2 < 1
    below = hq < eq26
    outcome = all_of(
        routes.spectrum_equals(lam, M, routes.simgd_error(J, np.zeros((2, 2)), h), "I + hJ"),
        routes.exact(eq26 == eq29, "eq. (26) = 2|Re mu|/|mu|^2 (eq. (29))"),
        equals(float(inside), Route("|1 + h mu| < 1 (exact)", float(below), 0.0),
               f"|1 + h mu| < 1 iff h < eq. (26) at h = {h:g}", method="exact"),
        statement=f"μ = {mu:.6g}, h = {h:g}: |1 + hμ| {'<' if inside else '>='} 1 and "
        f"h {'<' if below else '>='} h_max = {float(eq26):.9g}",
    )
    return outcome.with_witness(h_max=float(eq29), h_max_eq26=float(eq26),
                 eigenvalues=eigenvalue_pairs(lam))


# --- block matrices -------------------------------------------------------------------


def _scaled_jacobian(P, B, Q) -> tuple[np.ndarray, float]:
    """``J/s`` for ``J = [[−P, −Bᵀ], [B, −Q]]`` (eq. (43)) and the power of two ``s``."""
    J = matrices.block_jacobian(P, B, Q)
    s = routes.pow2(J)
    return J / s, s


def _hypothesis_outcome(P, B, Q) -> Outcome | None:
    """``inapplicable`` naming the first unmet hypothesis (decided exactly), else ``None``."""
    unmet = blocks.hypotheses(P, B, Q)
    return Outcome.inapplicable(unmet) if unmet else None


def expected_blocks(params) -> Verdict:
    """holds when P is positive semi-definite, Q positive definite and B of full column
    rank; inapplicable otherwise."""
    unmet = blocks.hypotheses(params.get("P"), params["B"], params["Q"])
    return Verdict.INAPPLICABLE if unmet else Verdict.HOLDS


def expected_a7(params) -> Verdict:
    """holds when Q is positive definite and B of full column rank; inapplicable
    otherwise."""
    return expected_blocks(params)


def _is_real(lam: np.ndarray, err: np.ndarray) -> np.ndarray:
    """Eigenvalues surely real: returned real by LAPACK and with an error disc meeting no
    other disc (a lone eigenvalue of a real matrix in a disc symmetric about the real axis
    is real: complex ones come in conjugate pairs)."""
    gaps = np.abs(lam[:, None] - lam[None, :]) - (err[:, None] + err[None, :])
    np.fill_diagonal(gaps, np.inf)
    return (lam.imag == 0.0) & np.all(gaps > 0.0, axis=1)


@claim(
    "mescheder2018.theoremA.7",
    reference="Mescheder et al. 2018, Theorem A.7",
    statement="For J = [[0, -Bᵀ], [B, -Q]] with Q ≻ 0 and B of full column rank, real "
    "eigenvalues obey Re λ ≤ -λmin(Q)λmin(BᵀB)/(λmax(Q)λmin(Q) + λmin(BᵀB)) (eq. (41)) "
    "and complex ones Re λ ≤ -λmin(Q)/2 (eq. (42)).",
    params=[p for p in blocks.block_params() if p.name != "P"],
    expected=expected_a7,
    requires=blocks.require_shapes,
    sampler=lambda rng: _without_p(blocks.random_blocks_any(rng)),
    strategy_fn=lambda: seeds().map(
        lambda s: _without_p(blocks.random_blocks_any(np.random.default_rng(s)))),
    derivation="mescheder2018.md#theorem-a7",
)
def check_theoremA_7(B, Q) -> Outcome:
    """Every LAPACK eigenvalue against (41) if surely real, (42) if surely complex
    (|Im λ| above its error bound), the weaker of the two otherwise; the bounds' own
    error from eigvalsh/SVD rounding (``4 n eps`` relative) propagated through (41)."""
    unmet = _hypothesis_outcome(None, B, Q)
    if unmet is not None:
        return unmet
    J, s = _scaled_jacobian(np.zeros((B.shape[1],) * 2), B, Q)
    Bs, Qs = B / s, Q / s
    lam, err = routes.lapack_spectrum(J)
    real41 = matrices.real_eigenvalue_bound(Qs, Bs)
    complex42 = matrices.complex_eigenvalue_bound(Qs)
    q = np.linalg.eigvalsh(Qs)
    n = J.shape[0]
    bound_err = 8 * n * EPS * (abs(q[-1]) + np.linalg.norm(Bs) ** 2 / q[-1] + abs(complex42))
    surely_real, surely_complex = _is_real(lam, err), np.abs(lam.imag) > err
    limit = np.where(surely_real, real41,
                     np.where(surely_complex, complex42, max(real41, complex42)))
    names = np.where(surely_real, "(41)", np.where(surely_complex, "(42)", "max((41), (42))"))
    parts = [bound(float(lam[i].real), float(limit[i]), float(err[i] + bound_err),
                   f"Re λ_{i} ≤ {names[i]}") for i in range(lam.size)]
    outcome = all_of(*parts, statement=f"every eigenvalue of [[0, -Bᵀ], [B, -Q]] "
                     f"({n}x{n}, divided by {s:g}) obeys (41)/(42)")
    return outcome.with_witness(eigenvalues=eigenvalue_pairs(lam * s), real_bound=real41 * s,
                 complex_bound=complex42 * s, eigenvalue_error_bounds=(err * s).tolist())


def _without_p(params: dict) -> dict:
    return {"B": params["B"], "Q": params["Q"]}


@claim(
    "mescheder2018.theoremA.8",
    reference="Mescheder et al. 2018, Theorem A.8",
    statement="For J = [[-P, -Bᵀ], [B, -Q]] with P ⪰ 0, Q ≻ 0 and B of full column rank, "
    "every eigenvalue has negative real part.",
    params=blocks.block_params(),
    expected=expected_blocks,
    requires=blocks.require_shapes,
    sampler=blocks.random_blocks_any,
    strategy_fn=lambda: seeds().map(lambda s: blocks.random_blocks_any(np.random.default_rng(s))),
    derivation="mescheder2018.md#theorem-a8",
)
def check_theoremA_8(P, B, Q) -> Outcome:
    """−Re λ_i > 0 for every LAPACK eigenvalue, within its error bound."""
    unmet = _hypothesis_outcome(P, B, Q)
    if unmet is not None:
        return unmet
    J, s = _scaled_jacobian(P, B, Q)
    lam, err = routes.lapack_spectrum(J)
    outcome = all_of(*[positive(float(-lam[i].real), float(err[i]), f"Re λ_{i} < 0")
                       for i in range(lam.size)],
                     statement=f"max Re λ = {np.max(lam.real) * s:.6g} < 0 for "
                     "[[-P, -Bᵀ], [B, -Q]]")
    return outcome.with_witness(eigenvalues=eigenvalue_pairs(lam * s))


@claim(
    "mescheder2018.lemmaA.9",
    reference="Mescheder et al. 2018, Lemma A.9",
    statement="For J = [[-P, -Bᵀ], [B, -Q]] with P, Q symmetric, every eigenvalue has "
    "|Im λ| ≤ sqrt(λmax(BᵀB)) (eq. (46)).",
    params=blocks.block_params(),
    requires=blocks.require_shapes,
    sampler=blocks.random_symmetric_blocks,
    strategy_fn=lambda: seeds().map(
        lambda s: blocks.random_symmetric_blocks(np.random.default_rng(s))),
    derivation="mescheder2018.md#lemma-a9",
)
def check_lemmaA_9(P, B, Q) -> Outcome:
    """|Im λ_i| ≤ ‖B‖₂ for every LAPACK eigenvalue, within its error bound plus the SVD's
    (``4 n eps ‖B‖_F``)."""
    J, s = _scaled_jacobian(P, B, Q)
    lam, err = routes.lapack_spectrum(J)
    Bs = B / s
    limit = matrices.imaginary_part_bound(Bs)
    bound_err = 4 * J.shape[0] * EPS * float(np.linalg.norm(Bs))
    outcome = all_of(*[bound(float(abs(lam[i].imag)), limit, float(err[i] + bound_err),
                             f"|Im λ_{i}| ≤ ‖B‖₂") for i in range(lam.size)],
                     statement=f"max |Im λ| = {np.max(np.abs(lam.imag)) * s:.6g} ≤ ‖B‖₂ = "
                     f"{limit * s:.6g}")
    return outcome.with_witness(eigenvalues=eigenvalue_pairs(lam * s), bound=limit * s)


# --- Lemma A.5 ------------------------------------------------------------------------


def expected_a5(params) -> Verdict:
    """holds when every eigenvalue of J = [[-P, -Bᵀ], [B, -Q]] has Re < 0; inapplicable
    otherwise."""
    J = matrices.block_jacobian(params["P"], params["B"], params["Q"])
    return Verdict.HOLDS if np.max(np.linalg.eigvals(J).real) < 0.0 else Verdict.INAPPLICABLE


def _stability_hypothesis(J: np.ndarray) -> Outcome | None:
    """``inapplicable`` if some eigenvalue surely has Re ≥ 0, ``inconclusive`` if one is within
    its error bound of the imaginary axis, ``None`` if all surely have Re < 0."""
    lam, err = routes.lapack_spectrum(J)
    hyp = "every eigenvalue of v'(x*) has negative real part"
    if np.any(lam.real > err):
        return Outcome.inapplicable(hyp, {"eigenvalues": eigenvalue_pairs(lam)})
    near = np.flatnonzero(lam.real >= -err)
    if near.size:
        i = near[np.argmax(lam.real[near])]
        return undecided(f"{hyp} (Re λ, LAPACK's bound)", float(lam.real[i]), float(err[i]),
                         {"eigenvalues": eigenvalue_pairs(lam)})
    return None


def lyapunov_step(J: np.ndarray, n: int) -> tuple[float, dict]:
    """A certified ``h0`` with ``ρ((I + hV2)(I + hV1)) < 1`` for every ``h ∈ (0, h0]`` (0 if
    the certificate fails). ``X`` solves ``JᵀX + XJ = −I`` (Bartels–Stewart), ``R =
    JᵀX + XJ + I`` its residual. With ``K = J + hV2V1`` (eq. (34)) and ``M = I + hK``:
    ``MᵀXM − X = h(−I + R + hW)``, ``‖W‖ ≤ ‖X‖(2‖V2‖‖V1‖ + (‖J‖ + h‖V2‖‖V1‖)²)``; so
    ``X ≻ 0`` and ``‖R‖ + h‖W‖ < 1`` give ``MᵀXM ≺ X``, hence ``ρ(M) < 1``. Norms are
    Frobenius (≥ spectral); ``‖R‖`` carries its rounding ``2(N + 2) eps ‖J‖ ‖X‖``."""
    size = J.shape[0]
    gen = (np.arange(size) < n)[:, None]
    V1, V2 = np.where(gen, J, 0.0), np.where(gen, 0.0, J)
    X = scipy.linalg.solve_continuous_lyapunov(J.T, -np.eye(size))
    X = (X + X.T) / 2
    norm_j, norm_x = float(np.linalg.norm(J)), float(np.linalg.norm(X))
    residual = float(np.linalg.norm(J.T @ X + X @ J + np.eye(size)))
    r = residual + 2 * (size + 2) * EPS * norm_j * norm_x
    x_min = float(np.linalg.eigvalsh(X)[0]) - 4 * size * EPS * norm_x
    a = float(np.linalg.norm(V2)) * float(np.linalg.norm(V1))
    cap = 1.0 / norm_j
    c_cap = norm_x * (2 * a + (norm_j + cap * a) ** 2)
    h0 = min(cap, (1.0 - r) / (2 * c_cap)) if x_min > 0.0 and r < 1.0 else 0.0
    return h0, {"lyapunov_residual": r, "lambda_min_X": x_min, "norm_X": norm_x}


def _eq34(J: np.ndarray, n: int, h: float) -> Outcome:
    """Eq. (34): the AltGD Jacobian ``(I + hV2)(I + hV1)`` of ``operators.altgd_jacobian``
    equals ``I + h(J + hV2V1)``; entrywise bound ``4(N + 2) eps`` on ``(I + h|V2|)(I + h|V1|)``
    (two rounded matrix products)."""
    size = J.shape[0]
    gen = (np.arange(size) < n)[:, None]
    V1, V2 = np.where(gen, J, 0.0), np.where(gen, 0.0, J)
    eye = np.eye(size)
    alt = np.asarray(operators.altgd_jacobian(J, h, 1, 1, n_gen=n))
    closed = eye + h * (J + h * V2 @ V1)
    err = 4 * (size + 2) * EPS * ((eye + h * np.abs(V2)) @ (eye + h * np.abs(V1)))
    return all_of(*[equals(float(closed[i, j]), Route(f"AltGD Jacobian[{i},{j}]",
                                                      float(alt[i, j]), float(err[i, j])),
                           f"eq. (34), entry ({i},{j})")
                    for i in range(size) for j in range(size)],
                  statement="eq. (34): (I + hV2)(I + hV1) = I + h(J + hV2V1)")


@claim(
    "mescheder2018.lemmaA.5",
    reference="Mescheder et al. 2018, Lemma A.5",
    statement="If v'(x*) has only eigenvalues with negative real part, AltGD's update "
    "Jacobian has all eigenvalues in the unit circle for h > 0 small enough.",
    params=blocks.block_params(),
    expected=expected_a5,
    requires=blocks.require_shapes,
    sampler=blocks.random_blocks_any,
    strategy_fn=lambda: seeds().map(lambda s: blocks.random_blocks_any(np.random.default_rng(s))),
    derivation="mescheder2018.md#lemma-a5",
)
def check_lemmaA_5(P, B, Q) -> Outcome:
    """On v'(x*) = J = [[−P, −Bᵀ], [B, −Q]] (the first n coordinates the generator's):
    eq. (34) against the AltGD operator, and a Lyapunov certificate ``h0 > 0`` with
    ρ(AltGD Jacobian) < 1 for all ``h ∈ (0, h0]`` (``lower_bound``: an uninformative
    certificate is inconclusive, never a disproof)."""
    J, s = _scaled_jacobian(P, B, Q)
    unmet = _stability_hypothesis(J)
    if unmet is not None:
        return unmet
    n = B.shape[1]
    h0, witness = lyapunov_step(J, n)
    rho = float(np.max(np.abs(np.linalg.eigvals(np.asarray(
        operators.altgd_jacobian(J, h0, 1, 1, n_gen=n)))))) if h0 > 0 else None
    outcome = all_of(
        lower_bound(h0, routes.ROUNDING * h0, "AltGD's Jacobian has spectral radius < 1 "
                    f"for every h in (0, {h0 / s:.6g}]"),
        _eq34(J, n, h0 if h0 > 0 else 1.0 / float(np.linalg.norm(J))),
        statement=f"AltGD contracts at x* for every h in (0, {h0 / s:.6g}] (Lyapunov "
        "certificate)")
    return outcome.with_witness(h0=h0 / s, spectral_radius_at_h0=rho, **witness)
