"""Verified computations for the spectral claims of Mescheder et al. 2018, each
with an a-priori error bound, and the outcomes built from them.

A Dirac-GAN claim states eigenvalues in closed form (e.g. eq. (6)) and a
property of them (Re λ < 0, |λ| > 1). The check

* computes the Jacobian at the equilibrium by an independent route (``jax.jacfwd``
  of the field; Gauss–Hermite quadrature for instance noise) with an entrywise
  error bound ``E`` (:data:`ENTRY` relative);
* compares the closed-form pair with the Jacobian through the characteristic
  polynomial, ``λ1 + λ2 = tr M`` and ``λ1 λ2 = det M`` (:func:`spectrum_equals`):
  well conditioned even at a defective double root, where eigenvalues
  themselves are only accurate to ``sqrt(eps)``;
* decides the property on the verified Jacobian: for a real 2×2 matrix, both
  eigenvalues have Re < 0 iff ``tr M < 0`` and ``det M > 0`` (:func:`hurwitz`).

Every comparison is scaled by one power of two (exact in binary floating point)
so that tiny and huge admissible inputs neither underflow nor overflow.

For the Appendix-A matrices, :func:`lapack_spectrum` gives LAPACK's eigenvalues
with the first-order bound ``κ_i · c n eps ‖J‖_F`` (``κ_i`` the condition number
of the i-th eigenvalue from its left and right eigenvectors; LAPACK's QR
algorithm is backward stable with backward error ``c n eps ‖J‖_F``).
"""

from __future__ import annotations

import math

import numpy as np
import scipy.linalg

from theory.dirac import objectives
from theory.dirac.objectives import GH_NODES
from verifiers.outcomes import Outcome, Route, all_of, equals, positive

EPS = float(np.finfo(np.float64).eps)

ROUNDING = 16 * EPS
"""Relative error of a closed form of this paper evaluated in float64: each takes
at most six roundings (``+ − × / sqrt``), each ``≤ eps`` relative to a quantity no
larger than the scale the bound multiplies; 16 leaves a factor above 2."""

ENTRY = 2 * GH_NODES * EPS
"""Relative error of each entry of a Jacobian at the Dirac-GAN equilibrium by
``jax.jacfwd``. At (0, 0) every entry is f'(0), f''(0), a hyperparameter, or a
product of a few of them, times a moment of the Gauss–Hermite rule for instance
noise (``Σ p_i = 1``, ``Σ p_i z_i² = 1`` up to the rule's own defect, below
``2 eps``, pinned by a test). An ``n``-term sum of same-sign terms rounds to
within ``(n − 1) eps``: in all ``≤ (GH_NODES + 8) eps < 2 GH_NODES eps``."""

FLUSH = float(np.finfo(np.float64).smallest_normal)
"""Absolute error allowed per float64 operation on top of the relative one: XLA on CPU
flushes subnormal results to zero, so a result below the smallest normal number may be
lost entirely (numpy keeps subnormals; the allowance is then merely generous)."""

BACKWARD = 4
"""Constant ``c`` of LAPACK's backward error ``c n eps ‖J‖_F`` for the Hessenberg
QR eigenvalue algorithm (Golub & Van Loan, §7.5.6: a small multiple of n eps)."""


UNINFORMATIVE = 1e300
"""Cap of an error bound that is infinite (a defective eigenvalue): finite, so sums of
bounds stay finite, and far above any value a scaled check compares."""


def pow2(*values) -> float:
    """The power of two nearest above the largest ``|value|`` (1 if all are 0):
    dividing by it is exact and brings the largest magnitude into [1/2, 1)."""
    big = max((float(np.max(np.abs(np.asarray(v)))) for v in values), default=0.0)
    return math.ldexp(1.0, math.frexp(big)[1]) if big > 0 and math.isfinite(big) else 1.0


def jacobian_error(J, rel: float = ENTRY) -> np.ndarray:
    """Entrywise error bound of a Jacobian computed with relative error ``rel`` per entry
    and flushed subnormals: each of the ``≤ 4 GH_NODES`` operations behind an entry (a
    quadrature sum, for instance noise) may flush a result below the smallest normal
    (``4 GH_NODES FLUSH``). A non-finite J (an overflow upstream) is a
    numeric failure (``FloatingPointError``: the check is then inconclusive)."""
    J = np.asarray(J, dtype=float)
    if not np.all(np.isfinite(J)):
        raise FloatingPointError(f"the Jacobian has non-finite entries: {J.tolist()}")
    return rel * np.abs(J) + 4 * GH_NODES * FLUSH


def quadrature_tail(*factors: float) -> float:
    """Relative error of a Gauss–Hermite entry when the weights meet a tiny factor (f'(0) or
    f''(0)): a product ``p_i · factor`` below the smallest normal number may be flushed to 0
    (XLA), losing term i. Bound: the rule's mass ``Σ p_i (1 + z_i²)`` over the nodes where
    ``p_i |factor| < 1000 FLUSH (1 + z_i²)`` for the smallest nonzero factor (the 1000 covers
    constants and the order of the products); 0 unless ``|factor| < ~1e-240``."""
    nonzero = [abs(float(v)) for v in factors if v != 0.0]
    if not nonzero:
        return 0.0
    p, z2 = np.asarray(objectives._GH_P), np.asarray(objectives._GH_Z) ** 2
    lost = p * min(nonzero) < 1000 * FLUSH * (1 + z2)
    return float(np.sum(p[lost] * (1 + z2[lost])))


def simgd_error(J, E_J, h: float) -> np.ndarray:
    """Entrywise error bound of ``M = I + hJ`` from that of ``J``: ``h E_J`` plus
    the two roundings of ``1 + h J_ij``."""
    J = np.asarray(J, dtype=float)
    return h * np.asarray(E_J) + 2 * EPS * (np.eye(J.shape[0]) + h * np.abs(J)) + 2 * FLUSH


def charpoly(M, E) -> tuple[Route, Route]:
    """``tr M`` and ``det M`` of a 2×2 matrix with entrywise error bounds ``E``:
    ``|Δ tr| ≤ E00 + E11 + eps |tr|`` and, per product ``ab`` of the determinant,
    ``|Δ(ab)| ≤ |a| E_b + |b| E_a + E_a E_b`` plus two roundings."""
    M, E = np.asarray(M, dtype=float), np.asarray(E, dtype=float)
    tr = M[0, 0] + M[1, 1]
    diag, off = M[0, 0] * M[1, 1], M[0, 1] * M[1, 0]

    def product_error(i, j, p, q):
        return abs(M[i, j]) * E[p, q] + abs(M[p, q]) * E[i, j] + E[i, j] * E[p, q]

    tr_err = E[0, 0] + E[1, 1] + EPS * abs(tr)
    det_err = product_error(0, 0, 1, 1) + product_error(0, 1, 1, 0) + 2 * EPS * (
        abs(diag) + abs(off))
    return Route("trace", float(tr), float(tr_err)), Route("determinant", float(diag - off),
                                                          float(det_err))


def spectrum_equals(claimed, M, E, what: str) -> Outcome:
    """The claimed eigenvalue pair of a 2×2 matrix M (entrywise errors E) is its
    spectrum: ``λ1 + λ2 = tr M`` and ``λ1 λ2 = det M``, each within the route's bound
    plus the closed form's own rounding (``ROUNDING`` times ``|λ1| + |λ2|``, resp.
    its square, which bounds every intermediate of the closed forms here) and
    underflow (a lost square below the smallest normal)."""
    lam = np.asarray(claimed, dtype=complex)
    # underflow in the closed form: a square below the smallest normal may be lost
    # (absolute ``16 FLUSH`` on r² = m² − c), moving r by ``sqrt(16 FLUSH)``
    lost = 16 * FLUSH
    under_sum, under_prod = lost, 2 * float(np.max(np.abs(lam))) * math.sqrt(lost) + lost
    s = pow2(M, lam, E)
    lam, M, E = lam / s, np.asarray(M, dtype=float) / s, np.asarray(E, dtype=float) / s
    tr, det = charpoly(M, E)
    size = float(np.sum(np.abs(lam)))
    total, product = complex(lam.sum()), complex(lam.prod())
    sum_err = tr.error + ROUNDING * size + under_sum / s
    prod_err = det.error + ROUNDING * size**2 + under_prod / s / s
    return all_of(
        equals(total, Route(f"tr {what}", tr.value, sum_err),
               f"λ1 + λ2 = tr {what} (both divided by {s:g})", method="charpoly"),
        equals(product, Route(f"det {what}", det.value, prod_err),
               f"λ1 λ2 = det {what} (both divided by {s:g}²)", method="charpoly"),
        statement=f"the closed-form eigenvalues are those of {what}",
    )


def hurwitz(M, E, what: str) -> Outcome:
    """Both eigenvalues of the real 2×2 matrix M have Re < 0: ``−tr M > 0`` and ``det M > 0``."""
    s = pow2(M, E)
    tr, det = charpoly(np.asarray(M, dtype=float) / s, np.asarray(E, dtype=float) / s)
    return all_of(
        positive(-tr.value, tr.error, f"tr {what} < 0", method="charpoly"),
        positive(det.value, det.error, f"det {what} > 0", method="charpoly"),
        statement=f"both eigenvalues of {what} have negative real part (tr < 0, det > 0)",
    )


def simgd_expands(J, E_J, h: float, what: str) -> Outcome:
    """``det(I + hJ) > 1`` for a 2×2 J, i.e. ``tr J + h det J > 0`` (the identity
    ``det(I + hJ) = 1 + h tr J + h² det J``): then some eigenvalue of the SimGD
    Jacobian has modulus > 1 (both, for a complex pair)."""
    s = pow2(J, E_J)
    tr, det = charpoly(np.asarray(J, dtype=float) / s, np.asarray(E_J, dtype=float) / s)
    w = h * s
    return positive(tr.value + w * det.value, tr.error + w * det.error,
                    f"det(I + hJ) > 1 for {what}: tr J + h det J > 0", method="charpoly")


def exact(is_zero: bool, what: str) -> Outcome:
    """An exact (symbolic) identity ``residual = 0``: holds if sympy simplifies the
    residual to 0, refuted otherwise (no rounding: error bound 0)."""
    return equals(0.0, Route(f"sympy residual of {what}", 0.0 if is_zero else 1.0, 0.0),
                  f"{what} (exact, sympy)", method="symbolic")


def lapack_spectrum(J) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues of a square matrix by LAPACK and a first-order error bound on each:
    ``κ_i · BACKWARD · n · eps · ‖J‖_F`` with ``κ_i = ‖x_i‖ ‖y_i‖ / |y_iᴴ x_i|``
    (infinite at a defective eigenvalue: the bound is then uninformative)."""
    J = np.asarray(J, dtype=float)
    lam, left, right = scipy.linalg.eig(J, left=True, right=True)
    overlap = np.abs(np.sum(left.conj() * right, axis=0))
    norms = np.linalg.norm(left, axis=0) * np.linalg.norm(right, axis=0)
    with np.errstate(divide="ignore"):
        kappa = np.where(overlap > 0, norms / np.maximum(overlap, np.finfo(float).tiny), np.inf)
    backward = BACKWARD * J.shape[0] * EPS * float(np.linalg.norm(J))
    err = kappa * backward
    return lam, np.minimum(np.nan_to_num(err, nan=UNINFORMATIVE, posinf=UNINFORMATIVE),
                           UNINFORMATIVE)
