"""Named numeric tolerances, each with its justification.

Checkers and tests take their tolerances from here, so every verdict's
tolerance is traceable to one line of reasoning. Scale-dependent tolerances
are functions of the scale they depend on.
"""

import numpy as np

EPS = float(np.finfo(np.float64).eps)
"""Machine epsilon of float64 (2.22e-16)."""

CLOSED_FORM = 1e-12
"""Agreement of two float64 evaluations of the same closed form (a few dozen
roundings of O(1) numbers; the math notes measure <= 7e-15)."""

EIGEN = 1e-10
"""Eigenvalues of small well-conditioned matrices (LAPACK backward error
~ n * eps * ||J||, with ||J|| <= 1e3 in our parameter boxes)."""

DEFECTIVE_EIGEN = 1e-7
"""Eigenvalues at a double, defective root: perturbations of size eps move
them by ~ sqrt(eps) * |lambda| ~ 1.5e-8 (dirac_and_mixed.md A.6)."""

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


# --- proximal equilibria and Gaussian OT (issue #4; proximal.md) -------------

GAUSSIAN_OT = 1e-10
"""Gaussian OT closed forms built from eigh square roots of well-conditioned
covariances (eigenvalues in [0.3, 3]): POT agrees to 3e-14 (proximal.md §2);
1e-10 leaves four orders for condition numbers up to 1e4."""

OPTIMIZER = 1e-8
"""Value of a smooth O(1) problem solved by scipy BFGS / Nelder-Mead with
gtol 1e-11: the value error is quadratic in the solution error (~1e-5)."""

PROX_NEWTON = 1e-10
"""V^prox by Newton on the reduced concave program, stopped when the squared
Newton decrement is < 1e-24: value error <= decrement²/2 plus roundings of
the O(1) objective (proximal.md §5.1 measures 4e-15 against brute force)."""

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
