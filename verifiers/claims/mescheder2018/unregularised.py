"""Unregularised Dirac-GAN: Lemmas 2.2, 2.4, 3.1 and C.1 (Mescheder et al. 2018).

Each check holds the lemma's closed form against verified computations
(:mod:`verifiers.dirac.routes`): the Jacobian at (0, 0) by ``jax.jacfwd`` of
the field (entrywise error bound ``routes.ENTRY``), compared through trace and
determinant; the generic-f identities (eqs. (52)–(54), (77)–(79), the norm
identity of Lemma 2.4) by sympy, exactly. Derivations:
``docs/derivations/mescheder2018.md``.
"""

from __future__ import annotations

import math

import jax
import jax.numpy as jnp
import numpy as np

from theory.dirac import equilibrium, operators, symbolic
from theory.dirac.activations import resolve
from theory.dirac.fields import make_field
from verifiers.certificate import Verdict, eigenvalue_pairs
from verifiers.claim import claim
from verifiers.claims.mescheder2018.symbols import (
    F_PARAMS,
    N_D,
    N_G,
    PSI,
    THETA,
    H,
    f_derivatives_of,
    f_prime_never_zero,
    f_sampling,
)
from verifiers.dirac import checks, routes
from verifiers.dirac.fparams import describe, resolve_f
from verifiers.outcomes import Outcome, Route, all_of, equals, positive

UNIQUE = "f'(t) != 0 for every t (the equilibrium (0, 0) is then unique)"


F_SAMPLING = f_sampling(F_PARAMS)
H_F_SAMPLING = f_sampling([H, *F_PARAMS])


def expected_unique(params) -> Verdict:
    """holds when f'(t) != 0 for every t (f = standard, wgan, scaled; f = taylor
    with f1 != 0 and f2 = 0); inapplicable for f = taylor with f2 != 0 or f1 = 0
    (f' then has a zero and the equilibrium is not unique)."""
    return Verdict.HOLDS if f_prime_never_zero(params) else Verdict.INAPPLICABLE


def _not_unique(fp: dict) -> Outcome:
    """``inapplicable``, with a second stationary point when f'(t0) = 0, t0 = −f1/f2."""
    d1, d2 = f_derivatives_of(fp)
    if d2 == 0.0:
        return Outcome.inapplicable(UNIQUE, {"f1": d1, "f2": d2, "note": "f is constant"})
    t0 = -d1 / d2
    x = jnp.array([math.sqrt(abs(t0)), math.copysign(math.sqrt(abs(t0)), t0)])
    residual = float(jnp.max(jnp.abs(make_field("gan", resolve_f(**fp))(x, {}))))
    return Outcome.inapplicable(UNIQUE, {"stationary_point": [float(c) for c in x],
                                         "field_norm_there": residual})


def _equilibrium_parts(method: str, fp: dict, eq: str) -> tuple[list[Outcome], np.ndarray]:
    """Uniqueness (sympy: v = f'(·)(−ψ, θ)), v'(0, 0) = [[0, −f1], [f1, 0]] (sympy, generic
    f) and the eigenvalues ±i f'(0) against jacfwd; returns the parts and the jacfwd J."""
    d1, _ = f_derivatives_of(fp)
    J = checks.autodiff_jacobian(method, fp)
    lam = np.asarray(equilibrium.unregularised_eigenvalues(d1))
    f1 = symbolic.f1
    target = symbolic.sp.Matrix([[0, -f1], [f1, 0]])
    parts = [
        routes.spectrum_equals(lam, J, routes.jacobian_error(J), "v'(0, 0) by jacfwd"),
        routes.exact(symbolic.stationarity_residual(method).is_zero_matrix,
                     f"v = f'(.)(-psi, theta), eq. ({eq})"),
        routes.exact((symbolic.jacobian_at_equilibrium(method) - target).is_zero_matrix,
                     "v'(0, 0) = [[0, -f'(0)], [f'(0), 0]] for a generic f"),
    ]
    return parts, J


@claim(
    "mescheder2018.lemma2.2",
    reference="Mescheder et al. 2018, Lemma 2.2",
    statement="The Dirac-GAN's unique equilibrium is (0, 0) and the Jacobian of its gradient "
    "vector field there has the purely imaginary eigenvalues ±f'(0)i.",
    params=list(F_PARAMS),
    expected=expected_unique,
    sampler=F_SAMPLING[0],
    strategy_fn=F_SAMPLING[1],
    derivation="mescheder2018.md#lemma-22",
)
def check_lemma2_2(f, a, f1, f2) -> Outcome:
    """Eqs. (52)–(54): v = f'(θψ)(−ψ, θ) vanishes only at (0, 0) when f' has no zero;
    v'(0, 0) = [[0, −f'(0)], [f'(0), 0]] with eigenvalues ±f'(0)i (trace 0, det f'(0)²)."""
    fp = {"f": f, "a": a, "f1": f1, "f2": f2}
    if not f_prime_never_zero(fp):
        return _not_unique(fp)
    d1, _ = f_derivatives_of(fp)
    parts, J = _equilibrium_parts("gan", fp, "52")
    return all_of(*parts, statement=f"for f = {describe(**fp)}, (0, 0) is the only zero "
                  f"of v and v'(0, 0) has eigenvalues ±{abs(d1):.6g}i").with_witness(
        eigenvalues=eigenvalue_pairs(equilibrium.unregularised_eigenvalues(d1)),
        jacobian_autodiff=J.tolist())


def _step_growth(fn, h: float, theta: float, psi: float) -> tuple[float, float, float]:
    """One SimGD step from (θ, ψ): ``(|x1|²/|x0|², f'(θψ), error bound)``. Error: each
    component of ``x1 = x0 + h v(x0)`` is within ``ROUNDING (|x0_i| + h|v_i|)`` plus
    a flushed subnormal (``FLUSH``), so ``|x1|/|x0|`` within ``δ = ROUNDING (1 + h|f'|) +
    8 FLUSH/|x0|``; the ratio ``r ≤ 1 + h|f'|`` squared is within ``2rδ + δ²``; the
    claimed ``1 + h² f'²`` (f' evaluated separately) within ``4 ROUNDING (1 + h|f'|)²``."""
    x0 = jnp.array([theta, psi])
    x1 = x0 + h * make_field("gan", fn)(x0, {})
    norm0 = math.hypot(theta, psi)
    ratio = math.hypot(float(x1[0]), float(x1[1])) / norm0
    fprime = float(jax.grad(resolve(fn))(jnp.float64(theta * psi)))
    reach = 1.0 + h * abs(fprime)
    delta = routes.ROUNDING * reach + 8 * routes.FLUSH / norm0
    error = 2 * reach * delta + delta**2 + 4 * routes.ROUNDING * reach**2
    return ratio**2, fprime, error


def _require_start(params: dict) -> None:
    """``ValueError`` at the start (0, 0): the growth ratio r_1²/r_0² is undefined there."""
    if params["theta"] == 0.0 and params["psi"] == 0.0:
        raise ValueError("theta=0.0, psi=0.0: the start must differ from the equilibrium (0, 0)")


START_SAMPLING = f_sampling([H, THETA, PSI, *F_PARAMS],
                            keep=lambda p: p["theta"] != 0.0 or p["psi"] != 0.0)


@claim(
    "mescheder2018.lemma2.4",
    reference="Mescheder et al. 2018, Lemma 2.4",
    statement="SimGD's update Jacobian at (0, 0) has eigenvalues 1 ± hf'(0)i of modulus "
    "sqrt(1 + h²f'(0)²) > 1, and the iterates' norm grows: "
    "r_{k+1}² = (1 + h²f'(θ_kψ_k)²) r_k².",
    params=[H, THETA, PSI, *F_PARAMS],
    expected=expected_unique,
    requires=_require_start,
    sampler=START_SAMPLING[0],
    strategy_fn=START_SAMPLING[1],
    derivation="mescheder2018.md#lemma-24",
)
def check_lemma2_4(h, theta, psi, f, a, f1, f2) -> Outcome:
    """F_h'(0) = I + hJ (Lemma A.4) has eigenvalues 1 ± hf'(0)i (charpoly against I + h·jacfwd)
    and det(I + hJ) > 1; the norm identity holds exactly for an arbitrary f' (sympy), agrees
    with one numeric step from (θ, ψ), and f'(θψ) ≠ 0 makes the growth strict."""
    fp = {"f": f, "a": a, "f1": f1, "f2": f2}
    if not f_prime_never_zero(fp):
        return _not_unique(fp)
    d1, _ = f_derivatives_of(fp)
    J = checks.autodiff_jacobian("gan", fp)
    E_J = routes.jacobian_error(J)
    M = np.asarray(operators.simgd_jacobian(J, h))
    lam = np.asarray(operators.simgd_eigenvalues(equilibrium.unregularised_eigenvalues(d1), h))
    growth, fprime, error = _step_growth(resolve_f(**fp), h, theta, psi)
    claimed = float(operators.simgd_norm_growth(fprime, h))
    outcome = all_of(
        routes.simgd_expands(J, E_J, h, "the unregularised field"),
        routes.spectrum_equals(lam, M, routes.simgd_error(J, E_J, h), "I + hJ"),
        routes.exact(symbolic.simgd_radius_identity_residual() == 0,
                     "r_{k+1}^2 = (1 + h^2 f'(theta psi)^2) r_k^2 for an arbitrary f'"),
        equals(claimed, Route("one SimGD step", growth, error),
               f"one step from ({theta:g}, {psi:g}) multiplies r^2 by 1 + h^2 f'(theta psi)^2"),
        positive(abs(fprime), routes.ROUNDING * abs(fprime),
                 "f'(theta psi) != 0, so r^2 strictly increases"),
        statement=f"SimGD (h = {h:g}, f = {describe(**fp)}): eigenvalues 1 ± {abs(h * d1):.6g}i "
        f"of modulus {math.hypot(1.0, h * d1):.9g} > 1; r^2 grows by {growth:.9g}",
    )
    return outcome.with_witness(eigenvalues=eigenvalue_pairs(lam), growth_factor=growth)


def _altgd_error(h: float, n_g: int, n_d: int) -> float:
    """Entrywise error bound of ``(I + hV2)^{n_d} (I + hV1)^{n_g}`` for WGAN (J entries ±1,
    exact) and of eq. (65): the k-fold powers accumulate k terms of size ≤ kh (error
    ``k² eps h``), the product adds ``4 eps`` relative to entries ≤ (1 + n_g h)(1 + n_d h)."""
    return 2 * (n_g**2 + n_d**2 + 4) * routes.EPS * (1 + n_g * h) * (1 + n_d * h)


@claim(
    "mescheder2018.lemma3.1",
    reference="Mescheder et al. 2018, Lemma 3.1",
    statement="WGAN on the Dirac-GAN: SimGD's update Jacobian has eigenvalues 1 ± hi of "
    "modulus sqrt(1 + h²) > 1 and AltGD's is eq. (65) with eigenvalues eq. (66) of product 1, "
    "so neither contracts.",
    params=[H, N_G, N_D],
    erratum="eq. (66) prints h² n_g n_h; the AltGD eigenvalues are "
    "1 - h² n_g n_d/2 ± sqrt((1 - h² n_g n_d/2)² - 1).",
    derivation="mescheder2018.md#lemma-31",
)
def check_lemma3_1(h, n_g, n_d) -> Outcome:
    """f(t) = t (the clip |ψ| ≤ 1 is inactive near 0). SimGD: eigenvalues 1 ± hi (charpoly
    against I + h·jacfwd), det(I + hJ) = 1 + h² > 1. AltGD: the jacfwd product of powers
    equals eq. (65) entrywise and has the eigenvalues of eq. (66) with n_d for n_h; their
    product is 1, so some |λ| ≥ 1."""
    J = checks.autodiff_jacobian("wgan", "wgan")
    E_J = routes.jacobian_error(J)
    M = np.asarray(operators.simgd_jacobian(J, h))
    simgd = np.asarray(operators.simgd_eigenvalues(equilibrium.unregularised_eigenvalues(1.0), h))
    alt = np.asarray(operators.altgd_jacobian(J, h, n_g, n_d))
    eq65 = np.asarray(operators.altgd_matrix(1.0, h, n_g, n_d))
    eq66 = np.asarray(operators.altgd_eigenvalues(1.0, h, n_g, n_d))
    err = _altgd_error(h, n_g, n_d)
    entries = [equals(float(eq65[i, j]), Route(f"AltGD Jacobian[{i},{j}]", float(alt[i, j]), err),
                      f"entry ({i},{j}) of eq. (65)") for i in range(2) for j in range(2)]
    outcome = all_of(
        routes.simgd_expands(J, E_J, h, "WGAN"),
        routes.spectrum_equals(simgd, M, routes.simgd_error(J, E_J, h), "I + hJ"),
        *entries,
        routes.spectrum_equals(eq66, alt, np.full((2, 2), err), "the AltGD Jacobian"),
        statement=f"WGAN, h = {h:g}: SimGD eigenvalues 1 ± {h:g}i of modulus "
        f"{math.hypot(1.0, h):.9g} > 1; AltGD (n_g = {n_g}, n_d = {n_d}) is eq. (65) with "
        f"eigenvalues (66) of product 1",
    )
    return outcome.with_witness(simgd_eigenvalues=eigenvalue_pairs(simgd),
                 altgd_eigenvalues=eigenvalue_pairs(eq66), altgd_jacobian=alt.tolist())


@claim(
    "mescheder2018.lemmaC.1",
    reference="Mescheder et al. 2018, Lemma C.1",
    statement="The non-saturating Dirac-GAN's unique equilibrium is (0, 0), its Jacobian there "
    "has eigenvalues ±f'(0)i, so SimGD is not locally convergent for any h > 0.",
    params=[H, *F_PARAMS],
    expected=expected_unique,
    sampler=H_F_SAMPLING[0],
    strategy_fn=H_F_SAMPLING[1],
    derivation="mescheder2018.md#lemma-c1",
)
def check_lemmaC_1(h, f, a, f1, f2) -> Outcome:
    """Eqs. (77)–(79): v = (−f'(−θψ)ψ, f'(θψ)θ) vanishes only at (0, 0) when f' has no zero;
    v'(0, 0) = [[0, −f'(0)], [f'(0), 0]], eigenvalues ±f'(0)i; so det(I + hJ) = 1 + h²f'(0)²
    > 1 and SimGD expands (Lemma A.4)."""
    fp = {"f": f, "a": a, "f1": f1, "f2": f2}
    if not f_prime_never_zero(fp):
        return _not_unique(fp)
    d1, _ = f_derivatives_of(fp)
    parts, J = _equilibrium_parts("nonsaturating", fp, "77")
    outcome = all_of(
        routes.simgd_expands(J, routes.jacobian_error(J), h, "the non-saturating field"),
        *parts,
        statement=f"non-saturating GAN, f = {describe(**fp)}: eigenvalues ±{abs(d1):.6g}i; "
        f"SimGD with h = {h:g} has spectral radius {math.hypot(1.0, h * d1):.9g} > 1",
    )
    return outcome.with_witness(
        eigenvalues=eigenvalue_pairs(equilibrium.unregularised_eigenvalues(d1)),
        jacobian_autodiff=J.tolist())
