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
