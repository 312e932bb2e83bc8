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
roundings of O(1) numbers; measured <= 7e-15 on our parameter boxes)."""

EIGEN = 1e-10
"""Eigenvalues of small well-conditioned matrices (LAPACK backward error
~ n * eps * ||J||, with ||J|| <= 1e3 in our parameter boxes)."""

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


# ---------------------------------------------------------------------------
# Dirac-GAN dynamics (verifiers/dynamics, claims mescheder2018_dynamics,
# ganeq.dirac). Measured values: tests/dirac_dynamics.

FLOW_INVARIANT = 1e-9
"""Relative drift of θ²+ψ² allowed along an RK4 flow of 2^15 steps: on a
rotation one step scales r² by 1 − (ωΔt)^6/72, i.e. < 1e-16 per step at our
Δt ≤ 0.02, plus ≤ 4 eps per step of rounding (3e-11 in all); the saturated
region (r ≤ 3) measures 1.2e-10."""

PERIOD = 1e-6
"""Relative agreement of a rotation period read off a sampled RK4 trajectory
(linear interpolation of the unwrapped angle, error Δt²·max|φ̈|/8 per turn)
with its quadrature integral; measured 1e-9 (r = 1) to 1e-7 (r = 3)."""

ASYMPTOTIC_SLOPE = 0.01
"""Relative accuracy demanded of the slope of 1/(θ²+ψ²) fitted over the
second half of a non-saturating flow to t = 4000 from r0 ≤ 1 (O(w) and
O(1/t) corrections; measured 6e-6). The printed eq. (90) is off by 100%."""

EMPIRICAL_RATE = 2e-3
"""Agreement of a rate fitted on the window [1e-13, 1e-4] with ρ(F_h'(0))
for simple eigenvalues (measured 5e-5 for IN σ = 1, h = 0.1)."""

ONE_SIDED_POINT = 1e-6
"""Distance of the last of 2·10⁴ iterates from a one-sided stationary point
(∓γg0/f'(0), 0±) that attracts as a node (measured 1e-14)."""


def rk4_radius_drift(omega_dt: float, steps: int) -> float:
    """Bound on the relative r² drift of ``steps`` RK4 steps of a rotation with
    ``ωΔt``: ``steps·((ωΔt)^6/72 + 4 eps)``."""
    return float(steps) * (float(omega_dt) ** 6 / 72.0 + 4.0 * EPS)


# --- Dirac-GAN spectra and matrix lemmas (Mescheder et al. 2018) -------------

DIRAC_AGREE = 1e-9
"""Agreement (relative to 1 + scale) of a Dirac-GAN closed form (Jacobian,
eigenvalues via trace/determinant, update operator) with its independent
route (jax autodiff, Gauss–Hermite quadrature, sympy): measured
<= 7.1e-15 (tests/dirac); 1e-9 leaves five orders of margin
and still refutes any perturbation of a formula larger than 1e-9."""

CRITICAL_BAND = 1e-9
"""Relative band around a critical value (|α| = 2, h = h_max of Lemma A.4):
inside it the discriminant is ~1e-9, the double root is treated as critical
(defective) and strict inequalities are undecided."""

MATRIX_BOUND = 1e-10
"""Slack of the Appendix A.3 eigenvalue bounds relative to max|λ| (
LAPACK backward error n·eps·||J|| for ||J|| up to ~1e4)."""


# --- Gaussian linear-generator games (Farnia & Ozdaglar 2020, Theorem 1) ------

NASH_EPS = 1e-9
"""ε of the ε-Nash checks of the existence claims (Proposition 1, Remark 1,
t = 0): their gaps are differences of O(1) closed forms computed to ~1e-15
(algebraic identities hold to rtol 1e-9 at worst in tests/nash); a gap above
1e-9 is a real profitable deviation."""


def nash_gap(scale: float) -> float:
    """Error bound on a Nash gap that is a difference of closed forms of size
    ``scale`` (KL rewards grow like e^{(σ²−1)t²/2}): ``1e-9 · max(1, scale)``
    (gaps are differences of possibly large numbers)."""
    return 1e-9 * max(1.0, abs(float(scale)))


GAUSS_HERMITE_JS = 1e-8
"""Jensen–Shannon rewards by 80-node tensor Gauss–Hermite against adaptive
quadrature over the noncentral χ² law (measured 1e-8 for s ≥ 0.5)."""


# ---- mixed equilibria (Hsieh et al. 2019) ----------------------------------

RATE_FIT = 1e-9
"""Fitted log-log slopes and relative bound slacks: deterministic float64
computations whose rounding (~1e-13) is far below this."""

SLOPE_BAND = 0.1
"""Admissible deviation of a fitted gap slope from its theoretical exponent with
exact gradients: B.1 measures slopes within 0.03 of −1/2 and −1 on T ∈ [10², 10⁵];
the shorter window [10², 10⁴] of the default check widens this to ~0.05."""

STOCHASTIC_SLOPE_BAND = 0.15
"""The same with one-sample stochastic gradients, averaged over 6 keys: the
mean gap fluctuates by ~10% per horizon, i.e. ~0.05 in slope."""

LIFTING_QUADRATURE = 1e-10
"""Adaptive quadrature (epsabs 1e-14 per cell) of a piecewise-linear critic
against Gaussian densities, accumulated over ~20 cells and a few particles;
measured agreement with the exact cell integrals ~2e-15."""


# ---- infinite-dimensional MD, SGLD, Mirror-GAN (Hsieh et al. 2019 §3-4) ------

SGLD_Z = 4.0
"""z of the Monte-Carlo error bar of SGLD moment checks: the per-chain time
averages of 2048 independent chains are i.i.d., so their mean is within 4
standard errors of its expectation except with probability ~6e-5 per moment."""

SGLD_BIAS_REMAINDER = 0.25
"""Allowance for the O(γ²) remainder of SGLD's first-order stationary bias,
relative to the first-order term: the exact invariant law of the discretised
chain (transfer operator on a 3000-point grid, γ ≤ 0.02) differs from the
first-order prediction by ≤ 3% of it (tests/mixed/test_infinite.py)."""


# --- uniform Nash-gap bound (ganeq.nash.uniform_gap) ---------------------------

INTERVAL_ENDPOINT = 1e-15
"""Relative tolerance on a margin that is the lower endpoint of a 30-digit mpmath interval
enclosure: the enclosure is rigorous, only its conversion to float64 rounds (≤ 1 ulp)."""


# --- training spectra (ganeq.proximal.simgda_stability / algorithm1_inner_steps) ---

TRAINING_BLOCK = 1e-9
"""Largest entrywise |closed form − autodiff| accepted for a 2 × 2 (b, u) training block at
(G*, D*): entries are O(1) and autodiff through ≤ 2000 inner ascent steps accumulates ≤ T·eps
of rounding (measured ≤ 5e-16 for T ≤ 40); a larger gap is a wrong formula, not rounding."""
