"""Named numeric tolerances, each with its justification.

Checkers and tests take their tolerances from here, so every verdict's
tolerance is traceable to one line of reasoning. Scale-dependent tolerances
are functions of the scale they depend on.
"""

import numpy as np

EPS = float(np.finfo(np.float64).eps)
"""Machine epsilon of float64 (2.22e-16)."""

TINY = float(np.finfo(np.float64).tiny)
"""Smallest normal float64 (2.2e-308). XLA on the CPU flushes anything smaller to zero
(inputs and intermediates), so a JAX computation does not see a subnormal value."""


def subnormal(values) -> np.ndarray:
    """Where ``values`` are nonzero and subnormal: numbers a JAX computation on the CPU
    reads as 0 (elementwise boolean array)."""
    values = np.asarray(values, dtype=float)
    return (values != 0) & (np.abs(values) < TINY)

CLOSED_FORM = 1e-12
"""Agreement of two float64 evaluations of the same closed form (a few dozen
roundings of O(1) numbers; measured <= 7e-15 on our parameter boxes)."""


DEFECTIVE_EIGEN = 1e-7
"""Eigenvalues at a double, defective root: perturbations of size eps move
them by ~ sqrt(eps) * |lambda| ~ 1.5e-8 (first-order perturbation of a Jordan block)."""

QUADRATURE = 1e-9
"""Adaptive quadrature (scipy.integrate.quad, epsabs=1e-11) of smooth
Gaussian integrands after accumulation over a few pieces."""

LP = 1e-9
"""HiGHS primal/dual feasibility tolerance (1e-7 default, we set 1e-10) after
scaling by payoffs of size O(1)."""


def spectral(scale: float) -> float:
    """Eigenvalue tolerance for a matrix of norm ``scale``: 1e3 * eps * scale, at least 1e-13."""
    return max(1e3 * EPS * float(scale), 1e-13)


def monte_carlo(std: float, n: int, z: float = 6.0) -> float:
    """A z-sigma band for a sample mean of ``n`` draws with standard deviation ``std``."""
    return z * float(std) / np.sqrt(n)


# --- proximal equilibria and Gaussian OT (Farnia & Ozdaglar 2020, §4–5) ------

GAUSSIAN_OT = 1e-10
"""Gaussian OT closed forms built from eigh square roots of well-conditioned
covariances (eigenvalues in [0.3, 3]): POT agrees to 3e-14 (tests/proximal);
1e-10 leaves four orders for condition numbers up to 1e4."""

OPTIMIZER = 1e-8
"""Value of a smooth O(1) problem solved by scipy BFGS / Nelder-Mead with
gtol 1e-11: the value error is quadratic in the solution error (~1e-5)."""

PROX_NEWTON = 1e-10
"""V^prox by Newton on the reduced concave program, stopped when the squared
Newton decrement is < 1e-24: value error <= decrement²/2 plus roundings of
the O(1) objective (tests/proximal measure 4e-15 against brute force)."""

FINITE_DIFFERENCE = 1e-6
"""Central differences with h = 1e-5 of functions with O(1) third
derivatives: truncation h² ~ 1e-10 plus rounding eps/h ~ 2e-11, relative to
max(1, |gradient|); 1e-6 covers third derivatives up to 1e4."""

BISECTION = 1e-6
"""Bisection on the sign of a PE gap, stopped at bracket width 1e-8 (relative):
agreement with a closed-form threshold to 1e-6."""

PE_GAP = 1e-9
"""The gap min_G V^prox_λ(G, D*) − V(G*, D*) computed from Newton solves
(PROX_NEWTON each) at O(1) values: a gap inside ±1e-9 is undecided."""


def barrier(mu: float, d: int) -> float:
    """Value error of the log-barrier path ``max F + μ log det M`` at weight ``μ``
    in dimension ``d``: the duality gap ``d·μ`` (Boyd & Vandenberghe §11.2)."""
    return float(d) * float(mu) + PROX_NEWTON


# --- Dirac-GAN spectra and matrix lemmas (Mescheder et al. 2018) -------------


CRITICAL_BAND = 1e-9
"""Relative band around a critical value (|α| = 2, h = h_max of Lemma A.4):
inside it the discriminant is ~1e-9, the double root is treated as critical
(defective) and strict inequalities are undecided."""

MATRIX_BOUND = 1e-10
"""Slack of the Appendix A.3 eigenvalue bounds relative to max|λ| (
LAPACK backward error n·eps·||J|| for ||J|| up to ~1e4)."""


# --- Gaussian linear-generator games (Farnia & Ozdaglar 2020, Theorem 1) ------


def nash_gap(scale: float) -> float:
    """Error bound on a Nash gap that is a difference of closed forms of size
    ``scale`` (KL rewards grow like e^{(σ²−1)t²/2}): ``1e-9 · max(1, scale)``
    (gaps are differences of possibly large numbers)."""
    return 1e-9 * max(1.0, abs(float(scale)))


GAUSS_HERMITE_JS = 1e-8
"""Jensen–Shannon rewards by 80-node tensor Gauss–Hermite against adaptive
quadrature over the noncentral χ² law (measured 1e-8 for s ≥ 0.5)."""


# --- uniform Nash-gap bound (ganeq.nash.uniform_gap) ---------------------------

INTERVAL_ENDPOINT = 1e-15
"""Relative tolerance on a margin that is the lower endpoint of a 30-digit mpmath interval
enclosure: the enclosure is rigorous, only its conversion to float64 rounds (≤ 1 ulp)."""


# --- training spectra (ganeq.proximal.simgda_stability / algorithm1_inner_steps) ---

TRAINING_BLOCK = 1e-9
"""Largest entrywise |closed form − autodiff| accepted for a 2 × 2 (b, u) training block at
(G*, D*): entries are O(1) and autodiff through ≤ 2000 inner ascent steps accumulates ≤ T·eps
of rounding (measured ≤ 5e-16 for T ≤ 40); a larger gap is a wrong formula, not rounding."""
