"""Lemma 2.5 (AltGD on the Dirac-GAN), as corrected and as printed.

The AltGD Jacobian at (0, 0) is eq. (61)
``M = [[1, −n_g h f1], [n_d h f1, 1 − n_g n_d h² f1²]]``: det M = 1,
tr M = 2 − α², α = sqrt(n_g n_d) h f'(0), eigenvalues eq. (5). Because
det M = 1 the linearisation is *elliptic* (distinct eigenvalues on the unit
circle, bounded iterates: stable cycles) iff |tr M| < 2, i.e. |α| < 2;
*parabolic* at |α| = 2 (double eigenvalue −1, and M + I ≠ 0 with (M + I)² = 0:
a Jordan block, iterates grow linearly, ‖M^k‖ ~ k); *hyperbolic* for
|α| > 2 (a real eigenvalue of modulus > 1).

The independent route is M from ``jax.jacfwd`` of the field composed into the
AltGD operator (:func:`theory.dirac.operators.altgd_jacobian`), its trace,
and the Jordan test on M + I. The regime is the sign of α² − 4 =
n_g n_d h² f'(0)² − 4 in exact rational arithmetic on the float inputs, so
|α| = 2 is reached exactly when the inputs make it so in binary floating point
(e.g. the standard f with h = 4/k, n_g = n_d = k a power of two); a float
input merely near |α| = 2 lands in the elliptic or hyperbolic regime with a
margin |2 − |tr M|| below the tolerance: inconclusive, never wrong.
"""

from fractions import Fraction

import numpy as np

from theory.dirac import operators
from verifiers import tolerances
from verifiers.certificate import Verdict, eigenvalue_pairs
from verifiers.claim import Claim, Outcome
from verifiers.dirac import checks
from verifiers.dirac.fparams import N_D, N_G, derivatives, describe, f_params
from verifiers.params import Real
from verifiers.strategies import seeds

H = Real(
    "h",
    1.0,
    low=0.0,
    high=100.0,
    low_open=True,
    sample_low=1e-3,
    sample_high=3.0,
    doc="learning rate h (|α| = 2 at h = 2/(sqrt(n_g n_d)|f'(0)|), e.g. h=4 for the standard f)",
)


def analyse(h, n_g, n_d, **fp) -> dict:
    """The AltGD Jacobian by jacfwd, the closed forms (61)/(5), the regime and the Jordan test."""
    d1, _ = derivatives(**fp)
    M = np.asarray(operators.altgd_jacobian(checks.autodiff_jacobian("gan", fp), h, n_g, n_d))
    alpha = float(operators.alpha(d1, h, n_g, n_d))
    lam = np.asarray(operators.altgd_eigenvalues(d1, h, n_g, n_d))
    scale = 1.0 + float(np.max(np.abs(M)))
    N = M + np.eye(2)
    excess = Fraction(n_g * n_d) * Fraction(h) ** 2 * Fraction(d1) ** 2 - 4  # α² − 4, exact
    regime = "parabolic" if excess == 0 else "elliptic" if excess < 0 else "hyperbolic"
    return {
        "M": M,
        "alpha": alpha,
        "eigenvalues": lam,
        "regime": regime,
        "trace": float(np.trace(M)),
        "jordan_norm": float(np.linalg.norm(N, 2)),
        "square_norm": float(np.linalg.norm(N @ N, 2)),
        "jordan_ok": float(np.linalg.norm(N @ N, 2)) <= tolerances.DEFECTIVE_EIGEN * scale**2,
        "scale": scale,
        "growth_100": float(np.linalg.norm(np.linalg.matrix_power(M, 100), 2)),
        "discrepancy": max(
            checks.relative_error(M, operators.altgd_matrix(d1, h, n_g, n_d)),
            checks.charpoly_discrepancy(lam, M),
        ),
    }


def _witness(a: dict) -> dict:
    return {
        "eigenvalues": eigenvalue_pairs(a["eigenvalues"]),
        "alpha": a["alpha"],
        "regime": a["regime"],
        "altgd_jacobian": checks.matrix_witness(a["M"]),
        "norm_M_plus_I": a["jordan_norm"],
        "norm_M_plus_I_squared": a["square_norm"],
        "norm_M_power_100": a["growth_100"],
        "discrepancy": a["discrepancy"],
    }


def _corrected_margin(a: dict) -> float:
    if a["regime"] == "parabolic":
        return a["jordan_norm"] if a["jordan_ok"] else -a["square_norm"]
    edge = 2.0 - abs(a["trace"])
    return edge if a["regime"] == "elliptic" else -edge


def _check_corrected(h, n_g, n_d, **fp) -> Outcome:
    """Lemma 2.5 as corrected (erratum E1): stable (elliptic) iff |α| < 2, a
    Jordan block at |α| = 2, unstable for |α| > 2. Margin: 2 − |tr M| in the
    elliptic regime, |tr M| − 2 in the hyperbolic one, ‖M + I‖₂ at |α| = 2
    when (M + I)² = 0 is confirmed (else −‖(M + I)²‖)."""
    a = analyse(h, n_g, n_d, **fp)
    text = {
        "elliptic": "distinct eigenvalues on the unit circle: stable cycles",
        "parabolic": "a Jordan block at −1: the linearisation is unstable",
        "hyperbolic": "an eigenvalue outside the unit circle: unstable",
    }[a["regime"]]
    return Outcome(
        margin=checks.agreeing(_corrected_margin(a), a["discrepancy"]),
        tolerance=tolerances.spectral(a["scale"] ** 2),
        method="autodiff+exact-rational",
        statement=f"AltGD (h={h:g}, n_g={n_g}, n_d={n_d}, f={describe(**fp)}): "
        f"α = {a['alpha']:.6g}, {text}",
        witness=_witness(a),
    )


def _check_printed(h, n_g, n_d, **fp) -> Outcome:
    """Lemma 2.5 as printed: "for α ≤ 2 all eigenvalues are on the unit circle"
    and hence (Section 2.3) AltGD stays on stable cycles near the equilibrium;
    "for α > 2 there are eigenvalues outside". We read the α ≤ 2 branch as
    asserting a *stable* linearisation (bounded iterates). It fails at α = 2
    (eigenvalues −1, −1 are on the circle but form a Jordan block: ‖M^k‖ ~ k)
    and for α < −2 (f'(0) < 0: eigenvalues off the circle). Margin: as the
    corrected claim where both agree; −‖M + I‖₂ at |α| = 2 (Jordan block
    confirmed, else 0: undecided); 2 − |tr M| (< 0) for α < −2."""
    a = analyse(h, n_g, n_d, **fp)
    if a["regime"] == "parabolic":
        margin = -a["jordan_norm"] if a["jordan_ok"] else 0.0
    else:
        margin = (2.0 - abs(a["trace"])) if a["alpha"] <= 2.0 else (abs(a["trace"]) - 2.0)
    verdict = "stable cycles" if a["alpha"] <= 2.0 else "eigenvalues outside the unit circle"
    return Outcome(
        margin=checks.agreeing(margin, a["discrepancy"]),
        tolerance=tolerances.spectral(a["scale"] ** 2),
        method="autodiff+exact-rational",
        statement=f"as printed, α = {a['alpha']:.6g} {'≤' if a['alpha'] <= 2 else '>'} 2 gives "
        f"{verdict} (h={h:g}, n_g={n_g}, n_d={n_d}, f={describe(**fp)})",
        witness=_witness(a),
    )


SQUARE_COUNTS = ((1, 1), (2, 2), (1, 4), (4, 1), (4, 4), (2, 8), (8, 2), (1, 16))


def sample_counterexample(rng: np.random.Generator) -> dict:
    """Parameters where the printed statement and the corrected one differ:
    |α| = 2 exactly (n_g n_d a square, f'(0) = ±2^j, h = 2/(sqrt(n_g n_d)|f'(0)|),
    all exact in binary) or α < −2 (f'(0) < 0)."""
    if rng.random() < 0.5:
        n_g, n_d = SQUARE_COUNTS[int(rng.integers(len(SQUARE_COUNTS)))]
        f1 = float(rng.choice([-1.0, 1.0]) * 2.0 ** int(rng.integers(-2, 2)))
        h = 2.0 / (np.sqrt(n_g * n_d) * abs(f1))
    else:
        n_g, n_d = int(rng.integers(1, 6)), int(rng.integers(1, 6))
        f1 = -float(rng.uniform(0.2, 2.0))
        h = float(rng.uniform(2.2, 4.0)) / (np.sqrt(n_g * n_d) * abs(f1))
    return {"h": h, "n_g": n_g, "n_d": n_d, "f": "taylor", "a": 1.0, "f1": f1, "f2": -0.25}


CLAIMS = [
    Claim(
        id="mescheder2018.lemma2.5",
        reference="Mescheder et al. 2018, Lemma 2.5 (corrected, E1)",
        statement="AltGD's update Jacobian at (0, 0) has eigenvalues (5) with "
        "α = sqrt(n_g n_d)hf'(0); the linearisation is stable (distinct eigenvalues on "
        "the unit circle) iff |α| < 2, a Jordan block at |α| = 2, unstable for |α| > 2.",
        params=[H, N_G, N_D, *f_params()],
        checker=_check_corrected,
        erratum="E1: the paper's 'α ≤ 2' must read |α| < 2 for stability; see "
        "mescheder2018.lemma2.5.printed.",
    ),
    Claim(
        id="mescheder2018.lemma2.5.printed",
        reference="Mescheder et al. 2018, Lemma 2.5 (as printed)",
        statement="As printed: for α ≤ 2 all eigenvalues of AltGD's update Jacobian are on the "
        "unit circle and AltGD stays on stable cycles; for α > 2 some lie outside.",
        params=[
            Real("h", 4.0, low=0.0, high=100.0, low_open=True, doc=H.doc),
            N_G,
            N_D,
            *f_params(),
        ],
        checker=_check_printed,
        expected=Verdict.REFUTED,
        erratum="E1: at α = 2 the double eigenvalue −1 is defective (a Jordan block: linear "
        "iterates grow like k), and for α ≤ −2 (f'(0) < 0) the eigenvalues leave the "
        "circle; the condition for stability is |α| < 2. Random instances are drawn "
        "where the printed and the corrected statements differ.",
        sampler=sample_counterexample,
        strategy_fn=lambda: seeds().map(lambda s: sample_counterexample(np.random.default_rng(s))),
    ),
]
