"""Unregularised Dirac-GAN: Lemmas 2.2, 2.4, 3.1 and C.1 (Mescheder et al. 2018).

Each check holds a closed form against an independent route: the Jacobian of
the field by ``jax.jacfwd`` of :func:`theory.dirac.fields.make_field` (and the
update operators built from it), spectra by LAPACK, identities by sympy.
Margins follow :mod:`verifiers.dirac.checks` (property margin if the closed
form agrees with the independent route to ``DIRAC_AGREE``, else minus the
disagreement).
"""

import jax
import jax.numpy as jnp
import numpy as np

from theory.dirac import equilibrium, operators, symbolic
from theory.dirac.activations import resolve
from theory.dirac.fields import make_field
from verifiers import tolerances
from verifiers.certificate import eigenvalue_pairs
from verifiers.claim import Claim, Outcome
from verifiers.dirac import checks
from verifiers.dirac.fparams import (
    N_D,
    N_G,
    derivatives,
    describe,
    f_params,
    resolve_f,
    sampling_excluding,
)
from verifiers.params import Real

H = Real(
    "h",
    0.1,
    low=0.0,
    high=100.0,
    low_open=True,
    sample_low=1e-3,
    sample_high=2.0,
    doc="learning rate h",
)


def _other_stationary_point(fn, d1, d2):
    """For f(t) = f1 t + f2 t²/2 with f2 ≠ 0, f' vanishes at t0 = −f1/f2 and every
    (θ, ψ) with θψ = t0 is stationary; returns such a point and |v| there."""
    t0 = -d1 / d2
    x = jnp.array([np.sqrt(abs(t0)), np.sign(t0) * np.sqrt(abs(t0))])
    return [float(c) for c in x], float(jnp.max(jnp.abs(make_field("gan", fn)(x, {}))))


def _check_lemma22(**fp) -> Outcome:
    """Lemma 2.2. v'(0, 0) = [[0, −f1], [f1, 0]] (sympy, generic f; and jacfwd for
    the chosen f), eigenvalues ±i f1. Margin: |Im λ| = |f1| (purely imaginary,
    nonzero). For f = taylor with f2 ≠ 0, f' has a zero and the equilibrium is
    not unique: inapplicable, with another stationary point as witness."""
    fn, (d1, d2) = resolve_f(**fp), derivatives(**fp)
    if abs(d1) <= tolerances.CLOSED_FORM:
        return Outcome.inapplicable("f'(0) != 0", {"f1": d1})
    if fp["f"] == "taylor" and d2 != 0.0:
        point, residual = _other_stationary_point(fn, d1, d2)
        return Outcome.inapplicable(
            "f'(t) != 0 for all t (uniqueness of the equilibrium)",
            {"stationary_point": point, "field_norm_there": residual},
        )
    symbolic_ok = symbolic.jacobian_at_equilibrium("gan") == symbolic.sp.Matrix(
        [[0, -symbolic.f1], [symbolic.f1, 0]]
    )
    J = checks.autodiff_jacobian("gan", fp)
    lam = np.asarray(equilibrium.eigenvalues_at_equilibrium("gan", d1, d2))
    disc = max(
        checks.relative_error(J, equilibrium.jacobian_at_equilibrium("gan", d1, d2)),
        checks.charpoly_discrepancy(lam, J),
        0.0 if symbolic_ok else 1.0,
    )
    return Outcome(
        margin=checks.agreeing(abs(d1), disc),
        tolerance=tolerances.spectral(1.0 + abs(d1)),
        method="symbolic+autodiff",
        statement=f"for f = {describe(**fp)}, v'(0,0) = [[0, {-d1:.4g}], [{d1:.4g}, 0]] has "
        f"eigenvalues ±{abs(d1):.4g}i on the imaginary axis",
        witness={
            "eigenvalues": eigenvalue_pairs(lam),
            "jacobian_autodiff": checks.matrix_witness(J),
            "symbolic_jacobian": str(symbolic.jacobian_at_equilibrium("gan").tolist()),
            "discrepancy": disc,
        },
    )


def _check_lemma24(h, theta, psi, **fp) -> Outcome:
    """Lemma 2.4. SimGD: F_h'(0) = I + hJ has eigenvalues 1 ± i h f1 with
    |λ| = sqrt(1 + h² f1²) > 1 (LAPACK on I + h·jacfwd), and the exact identity
    r_{k+1}² = (1 + h² f'(θψ)²) r_k² (sympy residual 0 for an arbitrary f';
    one numeric step from (θ, ψ)). Margin: min(ρ − 1, r_1²/r_0² − 1)."""
    fn, (d1, _) = resolve_f(**fp), derivatives(**fp)
    if abs(d1) <= tolerances.CLOSED_FORM:
        return Outcome.inapplicable("f'(0) != 0", {"f1": d1})
    M = np.asarray(operators.simgd_jacobian(checks.autodiff_jacobian("gan", fp), h))
    closed = np.array([1 + 1j * h * d1, 1 - 1j * h * d1])
    rho = float(np.max(np.abs(np.linalg.eigvals(M))))
    x0 = jnp.array([theta, psi])
    x1 = x0 + h * make_field("gan", fn)(x0, {})
    growth = float(jnp.sum(x1**2) / jnp.sum(x0**2))
    fprime = float(_fprime(fn, theta * psi))
    identity = abs(growth - (1.0 + h**2 * fprime**2)) / growth
    exact = symbolic.simgd_radius_identity_residual() == 0
    disc = max(
        checks.charpoly_discrepancy(closed, M),
        identity,
        0.0 if exact else 1.0,
        abs(rho - np.sqrt(1 + h**2 * d1**2)) / rho,
    )
    return Outcome(
        margin=checks.agreeing(min(rho - 1.0, growth - 1.0), disc),
        tolerance=4 * tolerances.EPS + tolerances.spectral(rho),
        method="symbolic+autodiff",
        statement=f"SimGD (h = {h:g}, f = {describe(**fp)}): |λ| = {rho:.6g} > 1 at (0,0) and "
        f"r² grows by the factor {growth:.6g} = 1 + h²f'(θψ)² from ({theta:g}, {psi:g})",
        witness={
            "eigenvalues": eigenvalue_pairs(closed),
            "spectral_radius": rho,
            "growth_factor": growth,
            "identity_residual_symbolic": 0 if exact else 1,
            "discrepancy": disc,
        },
    )


def _fprime(fn, t):
    return jax.grad(resolve(fn))(jnp.float64(t))


def _check_lemma31(h, n_g, n_d) -> Outcome:
    """Lemma 3.1 (WGAN, f(t) = t; the clip |ψ| ≤ 1 is inactive near 0).
    SimGD: ρ(I + hJ) = sqrt(1 + h²) > 1. AltGD: eq. (61) with f'(0) = 1,
    det = 1 (so some |λ| ≥ 1: the linearisation never contracts) and the
    quadratic form Q = Bθ² − ABθψ + Aψ² (A = n_g h, B = n_d h) is invariant,
    positive definite iff α = sqrt(n_g n_d) h < 2 (orbits are ellipses).

    Erratum E2: the proof's eq. (66) prints ``h² n_g n_h``; it is ``h² n_g n_d``.
    Margin: ρ_SimGD − 1, provided det = 1, (61) and the invariant agree with jacfwd.
    """
    J = checks.autodiff_jacobian("wgan", "wgan")
    rho = float(np.max(np.abs(np.linalg.eigvals(np.asarray(operators.simgd_jacobian(J, h))))))
    M = np.asarray(operators.altgd_jacobian(J, h, n_g, n_d))
    A, B = n_g * h, n_d * h
    x = np.array([0.6, 0.8])
    Qf = lambda y: B * y[0] ** 2 - A * B * y[0] * y[1] + A * y[1] ** 2  # noqa: E731
    disc = max(
        checks.relative_error(M, operators.altgd_matrix(1.0, h, n_g, n_d)),
        abs(np.linalg.det(M) - 1.0) / (1 + A * B) ** 2,
        abs(Qf(M @ x) - Qf(x)) / (1 + A * B) ** 2,
        abs(rho - np.sqrt(1 + h**2)) / rho,
    )
    return Outcome(
        margin=checks.agreeing(rho - 1.0, disc),
        tolerance=tolerances.spectral(rho**2),
        method="autodiff+lapack",
        statement=f"WGAN, h = {h:g}: SimGD spectral radius {rho:.6g} > 1; AltGD (n_g={n_g}, "
        f"n_d={n_d}) has det {np.linalg.det(M):.12g} = 1, so it never contracts",
        witness={
            "eigenvalues": eigenvalue_pairs(np.linalg.eigvals(M)),
            "simgd_radius": rho,
            "altgd_jacobian": checks.matrix_witness(M),
            "discrepancy": disc,
        },
    )


def _check_lemmac1(h, **fp) -> Outcome:
    """Lemma C.1. Non-saturating field (77): v'(0, 0) = [[0, −f1], [f1, 0]]
    (eq. (79)), eigenvalues ±i f1, so SimGD has ρ = sqrt(1 + h²f1²) > 1 for every
    h > 0 (Lemma A.4). Margin: ρ − 1 (LAPACK on I + h·jacfwd)."""
    d1, d2 = derivatives(**fp)
    if abs(d1) <= tolerances.CLOSED_FORM:
        return Outcome.inapplicable("f'(0) != 0", {"f1": d1})
    J = checks.autodiff_jacobian("nonsaturating", fp)
    lam = np.asarray(equilibrium.eigenvalues_at_equilibrium("nonsaturating", d1, d2))
    rho = float(np.max(np.abs(np.linalg.eigvals(np.asarray(operators.simgd_jacobian(J, h))))))
    disc = max(
        checks.relative_error(J, equilibrium.jacobian_at_equilibrium("nonsaturating", d1, d2)),
        checks.charpoly_discrepancy(lam, J),
    )
    return Outcome(
        margin=checks.agreeing(rho - 1.0, disc),
        tolerance=tolerances.spectral(rho),
        method="autodiff+lapack",
        statement=f"non-saturating GAN (f = {describe(**fp)}): eigenvalues ±{abs(d1):.4g}i, "
        f"SimGD with h = {h:g} has spectral radius {rho:.6g} > 1",
        witness={
            "eigenvalues": eigenvalue_pairs(lam),
            "simgd_radius": rho,
            "jacobian_autodiff": checks.matrix_witness(J),
            "discrepancy": disc,
        },
    )


def _require_state(params: dict) -> None:
    if params["theta"] == 0.0 and params["psi"] == 0.0:
        raise ValueError("theta=0.0, psi=0.0: the start must differ from the equilibrium (0, 0)")


STATE = [
    Real(
        "theta",
        0.5,
        low=-10.0,
        high=10.0,
        sample_low=0.1,
        sample_high=1.0,
        doc="θ of the SimGD step for the norm identity",
    ),
    Real(
        "psi",
        0.5,
        low=-10.0,
        high=10.0,
        sample_low=-1.0,
        sample_high=1.0,
        doc="ψ of the SimGD step for the norm identity",
    ),
]

_UNIQUE = sampling_excluding(f_params(), exclude=("taylor",))
# taylor f's have f'(t) = 0 somewhere; there the norm stalls (Lemma 2.4 needs f' != 0)
_NONVANISHING = sampling_excluding([H, *STATE, *f_params()], exclude=("taylor",))

CLAIMS = [
    Claim(
        id="mescheder2018.lemma2.2",
        reference="Mescheder et al. 2018, Lemma 2.2",
        statement="The Dirac-GAN's unique equilibrium is (0, 0) and the Jacobian of its gradient "
        "vector field there has the purely imaginary eigenvalues ±f'(0)i.",
        params=f_params(),
        checker=_check_lemma22,
        sampler=_UNIQUE[0],
        strategy_fn=_UNIQUE[1],
    ),
    Claim(
        id="mescheder2018.lemma2.4",
        reference="Mescheder et al. 2018, Lemma 2.4",
        statement="SimGD's update Jacobian at (0, 0) has eigenvalues 1 ± hf'(0)i of modulus "
        "sqrt(1 + h²f'(0)²) > 1, and the iterates' norm grows: "
        "r_{k+1}² = (1 + h²f'(θ_kψ_k)²) r_k².",
        params=[H, *STATE, *f_params()],
        sampler=_NONVANISHING[0],
        strategy_fn=_NONVANISHING[1],
        checker=_check_lemma24,
        requires=_require_state,
    ),
    Claim(
        id="mescheder2018.lemma3.1",
        reference="Mescheder et al. 2018, Lemma 3.1",
        statement="WGAN on the Dirac-GAN: SimGD's update Jacobian has spectral radius "
        "sqrt(1 + h²) > 1 and AltGD's has determinant 1, so neither contracts.",
        params=[H, N_G, N_D],
        checker=_check_lemma31,
        erratum="E2: eq. (66) prints h² n_g n_h; the AltGD Jacobian entry is 1 − h² n_g n_d.",
    ),
    Claim(
        id="mescheder2018.lemmaC.1",
        reference="Mescheder et al. 2018, Lemma C.1",
        statement="The non-saturating Dirac-GAN's Jacobian at (0, 0) has eigenvalues ±f'(0)i, "
        "so SimGD is not locally convergent for any h > 0.",
        params=[H, *f_params()],
        checker=_check_lemmac1,
    ),
]
