"""Lemma 2.5 (AltGD on the Dirac-GAN), as corrected and as printed.

The AltGD Jacobian at (0, 0) is eq. (61)
``M = [[1, −n_g h f1], [n_d h f1, 1 − n_g n_d h² f1²]]``: det M = 1,
tr M = 2 − α², α = sqrt(n_g n_d) h f'(0), eigenvalues eq. (5). Because
det M = 1 the eigenvalues are distinct on the unit circle iff α² < 4, the
double eigenvalue −1 with a Jordan block at α² = 4 (iterates of the
linearisation grow like k), and real, one outside the circle, for α² > 4.

Both claims check eq. (61) against ``jax.jacfwd`` of the implemented AltGD
step and eq. (5) against that matrix's characteristic polynomial; the regime
is the sign of α² − 4 = n_g n_d h² f'(0)² − 4 in exact rational arithmetic on
the float inputs. Derivations: ``docs/derivations/mescheder2018.md``.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import numpy as np

from theory.dirac import operators
from verifiers.certificate import Verdict, eigenvalue_pairs
from verifiers.claim import claim
from verifiers.claims.mescheder2018.symbols import (
    F_PARAMS,
    N_D,
    N_G,
    f_derivatives_of,
    f_sampling,
)
from verifiers.claims.mescheder2018.symbols import H as H_SYMBOL
from verifiers.dirac import checks
from verifiers.dirac.fparams import derivatives, describe
from verifiers.dirac.routes import FLUSH
from verifiers.outcomes import Outcome, Route, all_of, equals, positive

EPS = float(np.finfo(float).eps)
H = dataclasses.replace(H_SYMBOL, default=1.0)
"""h, defaulting to 1 (α = 1/2 for the standard f; |α| = 2 at h = 4)."""
F_PARAMS_PRINTED = tuple(dataclasses.replace(p, thresholds=(-2.0,)) if p.name == "f1" else p
                         for p in F_PARAMS)
"""The f parameters with the threshold f1 = −2 (α = −2 at h = 1, n_g = n_d = 1) declared."""


def alpha_squared_minus_4(h, n_g, n_d, f1) -> Fraction:
    """α² − 4 = n_g n_d h² f'(0)² − 4, exact on the float inputs."""
    return Fraction(n_g * n_d) * Fraction(h) ** 2 * Fraction(f1) ** 2 - 4


def _exact(holds: bool, margin: float, statement: str, witness: dict) -> Outcome:
    """A verdict decided in exact rational arithmetic (no rounding to allow for)."""
    return Outcome(margin=margin, tolerance=0.0, statement=statement, witness=witness,
                   method="exact-rational", verdict=Verdict.HOLDS if holds else Verdict.REFUTED)


def _formulas(h, n_g, n_d, fp) -> tuple[list[Outcome], dict]:
    """Eq. (61) against jacfwd of the implemented AltGD step, and eq. (5) against
    that matrix (|λ+ + λ− − tr M| + |λ+λ− − det M|), each within its rounding.
    ``ArithmeticError`` if the matrix overflows."""
    f1, _ = derivatives(**fp)
    M = np.asarray(operators.altgd_jacobian(checks.autodiff_jacobian("gan", fp), h, n_g, n_d))
    if not np.all(np.isfinite(M)):
        raise ArithmeticError("the AltGD Jacobian overflows float64")
    closed = np.asarray(operators.altgd_matrix(f1, h, n_g, n_d))
    lam = np.asarray(operators.altgd_eigenvalues(f1, h, n_g, n_d))
    scale = 1.0 + float(np.max(np.abs(M)))
    diff = float(np.max(np.abs(M - closed)))
    roots = abs(lam.sum() - np.trace(M)) + abs(lam.prod() - np.linalg.det(M))
    N = M + np.eye(2)
    witness = {"alpha": float(operators.alpha(f1, h, n_g, n_d)),
               "eigenvalues": eigenvalue_pairs(lam), "altgd_jacobian": checks.matrix_witness(M),
               "norm_M_plus_I": float(np.linalg.norm(N, 2)),
               "norm_M_plus_I_squared": float(np.linalg.norm(N @ N, 2))}
    parts = [
        equals(0.0, Route("eq. (61) − jacfwd", diff, 8 * (n_g + n_d + 2) * EPS * scale**2),
               f"eq. (61) is the AltGD Jacobian (max entry difference {diff:.2e})",
               method="autodiff"),
        equals(0.0, Route("eq. (5) vs det(λI − M)", float(roots), 32 * EPS * scale**2),
               "eq. (5) gives the roots of the characteristic polynomial of M",
               method="autodiff"),
    ]
    return parts, witness


def _f1_unmet(fp) -> Outcome | None:
    """``inapplicable`` where f'(0) = 0 (exactly, from the closed form of the chosen f);
    ``inconclusive`` where 0 < |f'(0)| is subnormal, which XLA flushes to zero."""
    f1, _ = f_derivatives_of(fp)
    if f1 == 0:
        return Outcome.inapplicable("f'(0) ≠ 0", {"f1": f1})
    if abs(f1) < FLUSH:
        return Outcome(margin=float("nan"), tolerance=0.0, verdict=Verdict.INCONCLUSIVE,
                       statement=f"f'(0) = {f1:.3g} is subnormal: the autodiff route flushes it "
                                 "to zero, so the check cannot decide", witness={"f1": f1})
    return None


def lemma25_expected(params) -> Verdict:
    """holds on every instance with f'(0) ≠ 0; inapplicable where f'(0) = 0 (f = taylor, f1 = 0)."""
    return Verdict.INAPPLICABLE if f_derivatives_of(params)[0] == 0 else Verdict.HOLDS


_CORRECTED_DRAWS = f_sampling([H, N_G, N_D, *F_PARAMS])


@claim(
    "mescheder2018.lemma2.5",
    reference="Mescheder et al. 2018, Lemma 2.5, eqs. (5), (61) (corrected)",
    statement="For f'(0) ≠ 0, AltGD's update Jacobian at (0, 0) is eq. (61) with eigenvalues "
              "(5), α = sqrt(n_g n_d)hf'(0); they are distinct on the unit circle (stable "
              "cycles of the linearisation) iff |α| < 2, a Jordan block at −1 for |α| = 2, "
              "and one lies outside the unit circle for |α| > 2.",
    params=[H, N_G, N_D, *F_PARAMS],
    expected=lemma25_expected,
    sampler=_CORRECTED_DRAWS[0],
    strategy_fn=_CORRECTED_DRAWS[1],
    erratum="The lemma's 'for α ≤ 2 all eigenvalues are on the unit circle' needs |α| ≤ 2 "
            "(α < −2 when f'(0) < 0 puts one outside), and at |α| = 2 the double "
            "eigenvalue −1 is defective; see mescheder2018.lemma2.5.printed.",
    derivation="mescheder2018.md#lemma-25-eqs-5-and-61",
)
def check_lemma2_5(h, n_g, n_d, **fp) -> Outcome:
    """Eqs. (61) and (5) against autodiff; then the regime of the exact sign of α² − 4:
    elliptic (margin min(|α|, 4 − α²)), parabolic (M + I ≠ 0 and (M + I)² = 0 within
    rounding) or hyperbolic (margin α² − 4)."""
    unmet = _f1_unmet(fp)
    if unmet is not None:
        return unmet
    parts, witness = _formulas(h, n_g, n_d, fp)
    excess = alpha_squared_minus_4(h, n_g, n_d, derivatives(**fp)[0])
    where = f"AltGD (h={h:g}, n_g={n_g}, n_d={n_d}, f={describe(**fp)}), α = {witness['alpha']:.6g}"
    if excess < 0:
        regime = _exact(True, min(abs(witness["alpha"]), float(-excess)),
                        f"{where}: α² < 4, distinct eigenvalues on the unit circle", witness)
    elif excess > 0:
        regime = _exact(True, float(excess), f"{where}: α² > 4, an eigenvalue outside the "
                        "unit circle", witness)
    else:
        M = np.asarray(witness["altgd_jacobian"])
        growth = {"norm_M_power_100": float(np.linalg.norm(np.linalg.matrix_power(M, 100), 2))}
        regime = all_of(
            equals(0.0, Route("(M + I)²", witness["norm_M_plus_I_squared"],
                              64 * EPS * (1.0 + witness["norm_M_plus_I"]) ** 2),
                   f"{where}: α² = 4 and (M + I)² = 0"),
            positive(witness["norm_M_plus_I"], 8 * EPS, "M + I ≠ 0: a Jordan block at −1",
                     witness=witness | growth))
    return all_of(*parts, regime, method="autodiff + exact-rational", statement=regime.statement)


def _printed_sampler(rng) -> dict:
    """Independent draws with f = taylor half of the time, so that both regions of the
    printed statement (α < −2 needs f'(0) < 0) are drawn often."""
    values = {p.name: p.sample(rng) for p in _PRINTED_PARAMS}
    return values | ({"f": "taylor"} if rng.random() < 0.5 else {})


def _printed_strategy():
    from hypothesis import strategies as st

    draw = {p.name: p.strategy() for p in _PRINTED_PARAMS}
    return st.fixed_dictionaries(draw | {"f": st.one_of(st.just("taylor"), draw["f"])})


_PRINTED_PARAMS = (H, N_G, N_D, *F_PARAMS_PRINTED)


def printed_expected(params) -> Verdict:
    """holds for α ≥ −2 (on the circle for |α| ≤ 2, outside for α > 2, as printed);
    refuted for α < −2 (f'(0) < 0 and sqrt(n_g n_d)h|f'(0)| > 2: the printed 'α ≤ 2'
    puts eigenvalues on the circle that lie off it); inapplicable where f'(0) = 0."""
    f1 = f_derivatives_of(params)[0]
    if f1 == 0:
        return Verdict.INAPPLICABLE
    excess = alpha_squared_minus_4(params["h"], params["n_g"], params["n_d"], f1)
    return Verdict.REFUTED if f1 < 0 and excess > 0 else Verdict.HOLDS


@claim(
    "mescheder2018.lemma2.5.printed",
    reference="Mescheder et al. 2018, Lemma 2.5 and eq. (62), as printed",
    statement="As printed: the eigenvalues (5) of AltGD's update Jacobian at (0, 0), "
              "α = sqrt(n_g n_d)hf'(0), are all on the unit circle for α ≤ 2, and some lie "
              "outside it for α > 2.",
    params=list(_PRINTED_PARAMS),
    expected=printed_expected,
    sampler=_printed_sampler,
    strategy_fn=_printed_strategy,
    erratum="The condition must be |α| ≤ 2: for f'(0) < 0 and α < −2 the eigenvalues are "
            "real with product 1, one outside the circle. At |α| = 2 they are on the circle "
            "(−1, double) but form a Jordan block, so stable cycles need |α| < 2.",
    derivation="mescheder2018.md#erratum-lemma-25-as-printed",
)
def check_lemma2_5_printed(h, n_g, n_d, **fp) -> Outcome:
    """Eqs. (61) and (5) against autodiff; then the printed branch: for α ≤ 2 it says
    'on the unit circle', true iff α² ≤ 4 (margin 4 − α²); for α > 2 'outside', true
    (margin α² − 4). Exact rational arithmetic decides both."""
    unmet = _f1_unmet(fp)
    if unmet is not None:
        return unmet
    parts, witness = _formulas(h, n_g, n_d, fp)
    f1 = derivatives(**fp)[0]
    excess = alpha_squared_minus_4(h, n_g, n_d, f1)
    small = f1 < 0 or excess <= 0  # α ≤ 2, exactly
    where = f"α = {witness['alpha']:.6g} (h={h:g}, n_g={n_g}, n_d={n_d}, f={describe(**fp)})"
    if small:
        regime = _exact(excess <= 0, float(-excess), f"as printed, {where} ≤ 2 puts every "
                        f"eigenvalue on the unit circle: {'true' if excess <= 0 else 'false'}"
                        f" (α² − 4 = {float(excess):.6g})", witness)
    else:
        regime = _exact(True, float(excess), f"as printed, {where} > 2 puts an eigenvalue "
                        "outside the unit circle: true", witness)
    return all_of(*parts, regime, method="autodiff + exact-rational",
                  statement=regime.statement)

