"""Dynamic results of our own on the Dirac-GAN (derivations:
``docs/derivations/mescheder2018.md``).

* ``ganeq.dirac.wgan_gp_spurious`` (about Lemma C.3): for WGAN-GP and the
  DRAGAN-type penalty the field is discontinuous at ψ = 0 and has the
  one-sided stationary points ``x± = (∓γ·target/f'(0), 0±)``. Where the
  one-sided Jacobian ``J± = [[0, −f1], [f1, f2 θ*² − γ]]`` is a stable node,
  the one-sided update of SimGD with ``h < 1/|λ_fast|`` has eigenvalues
  ``1 + hλ ∈ (0, 1)``: x± attracts the iterates started in a cone on its side.
  AltGD's one-sided update need not contract there (n_d = 1 near the
  critical γ with h close to 1/|λ_fast|): the expected verdict says where.
* ``ganeq.dirac.empirical_rate``: for the locally convergent methods the
  linear rate of simulated SimGD/AltGD iterates is the spectral radius
  ``ρ(F_h'(0))`` of the closed-form update Jacobian (Lemma A.4, Prop. A.1).
"""

from __future__ import annotations

import math
from functools import partial

import jax
import jax.numpy as jnp
import numpy as np

from theory.dirac import equilibrium, operators
from theory.dirac.activations import f_derivatives
from verifiers.certificate import Verdict
from verifiers.claim import claim
from verifiers.claims.mescheder2018._dynamics_common import dirac_field
from verifiers.dirac import checks
from verifiers.dynamics import altgd, altgd_step, simgd, simgd_step
from verifiers.outcomes import Outcome, Route, all_of, equals, positive, undecided
from verifiers.params import Choice, Integer, Real

EPS = float(np.finfo(float).eps)
STEPS = 20_000
"""Iterations of the simulated trajectories."""
TARGET = {"wgan_gp": "g0", "dragan": "k"}
F_OF = {"wgan_gp": "wgan", "dragan": "standard"}
ALT_THRESHOLD = 2.0 * math.sqrt(2.0) - 2.0
"""h·|λ_fast| below which AltGD(1, 1) contracts at x± for every node: Jury's test on the
one-sided AltGD Jacobian gives h²f1² + 2h|tr J±| < 4, tightest at the critical node."""


def _run(method, x0, hyper, h, algorithm, n_d):
    v = dirac_field(method)
    if algorithm == "simgd":
        return np.asarray(simgd(v, x0, hyper, h, STEPS))
    return np.asarray(altgd(v, x0, hyper, h, STEPS, 1, n_d))


def _step(method, algorithm, n_d, hyper, h):
    v = dirac_field(method)
    if algorithm == "simgd":
        return lambda x: simgd_step(v, x, hyper, h)
    return lambda x: altgd_step(v, x, hyper, h, 1, n_d)


@partial(jax.jit, static_argnames=("method", "algorithm"))
def _step_jacobian(x, hyper, h, n_d, *, method, algorithm):
    """jacfwd of the implemented update map at ``x``; ``hyper``, ``h`` and ``n_d`` traced
    (one compiled program per method and algorithm, where an eager jacfwd compiled the
    discriminator loop again at every check)."""
    return jax.jacfwd(_step(method, algorithm, n_d, hyper, h))(x)


def update_matrix(J, h, algorithm, n_d) -> np.ndarray:
    """Closed-form update Jacobian: ``I + hJ`` (SimGD) or ``(I + hV2)^{n_d}(I + hV1)``
    (AltGD, :func:`theory.dirac.operators.altgd_jacobian`)."""
    J = jnp.asarray(J)
    if algorithm == "simgd":
        return np.asarray(operators.simgd_jacobian(J, h))
    return np.asarray(operators.altgd_jacobian(J, h, 1, n_d))


def update_generator(J, h, algorithm, n_d) -> np.ndarray:
    """B with F = I + hB for the update Jacobian F of :func:`update_matrix`, without
    forming I + hB: SimGD B = J; AltGD(1, n_d) B = P + V1 + hPV1 with
    (I + hV2)^{n_d} = I + hP, P = Σ_j C(n_d, j) h^{j−1} V2^j (V1, V2: the generator
    and discriminator rows of J)."""
    J = np.asarray(J, dtype=float)
    if algorithm == "simgd":
        return J
    V1, V2 = np.zeros_like(J), np.zeros_like(J)
    V1[0], V2[1:] = J[0], J[1:]
    P, power = np.zeros_like(J), np.eye(len(J))
    for j in range(1, n_d + 1):
        power = power @ V2
        P = P + math.comb(n_d, j) * h ** (j - 1) * power
    return P + V1 + h * P @ V1


def contraction_margin(J, h, algorithm, n_d) -> tuple[float, float, np.ndarray]:
    """``(1 − ρ(F) to first order, error bound, eigenvalues of F)`` from the
    eigenvalues β of B (F = I + hB): ``1 − |1 + hβ| = −h(2 Re β + h|β|²)/(1 + |1 + hβ|)``,
    free of the cancellation in 1 − ρ for small h; error h·(eigenvalue error of B)·(2 + h|β|)."""
    B = update_generator(J, h, algorithm, n_d)
    beta = np.linalg.eigvals(B)
    mu = 1.0 + h * beta
    gaps = -h * (2.0 * beta.real + h * np.abs(beta) ** 2) / (1.0 + np.abs(mu))
    error = h * checks.eigen_tolerance(beta, B) * (2.0 + h * float(np.max(np.abs(beta))))
    return float(np.min(gaps)), error + 4 * EPS * float(np.max(np.abs(gaps))), mu


# ------------------------------------------------------------ spurious points
def one_sided_point(method, gamma, target):
    """``(θ*, J+)``: the stationary point of the field on ψ = 0+ and the Jacobian
    of the smooth one-sided field there (f = t for WGAN-GP, standard for DRAGAN)."""
    _, f1, f2 = f_derivatives(F_OF[method])
    theta = -gamma * target / f1
    return theta, np.array([[0.0, -f1], [f1, f2 * theta**2 - gamma]])


def _node(method, gamma, target):
    """``(θ*, J+, λ)`` with λ the eigenvalues of J+, or None unless J+ is a stable node."""
    theta, jac = one_sided_point(method, gamma, target)
    d, f1 = jac[1, 1], jac[1, 0]
    if d * d < 4.0 * f1 * f1:
        return None
    lam = np.asarray(equilibrium.eigenvalues_2x2(0.0, d, f1)).real
    return theta, jac, lam


def spurious_expected(params) -> Verdict:
    """inapplicable unless J± is a stable node ((γ + |f''(0)|θ*²)² ≥ 4f'(0)², γ ≥ 2 for
    WGAN-GP); holds for SimGD; for AltGD holds where its one-sided update Jacobian has
    spectral radius < 1 (always for h·|λ_fast| < 2√2 − 2, and for most n_d ≥ 2) and is
    refuted where it exceeds 1 (near the critical node with h·|λ_fast| close to 1)."""
    node = _node(params["method"], params["gamma"], params["target"])
    if node is None:
        return Verdict.INAPPLICABLE
    if params["algorithm"] == "simgd":
        return Verdict.HOLDS
    _, jac, lam = node
    h = params["h_frac"] / float(np.max(np.abs(lam)))
    margin = contraction_margin(jac, h, "altgd", params["n_d"])[0]
    return Verdict.HOLDS if margin > 0 else Verdict.REFUTED


@claim(
    "ganeq.dirac.wgan_gp_spurious",
    reference="Mescheder et al. 2018, Lemma C.3 and Fig. 3d (one-sided stationary points)",
    statement="For WGAN-GP (and the DRAGAN-type penalty) on the Dirac-GAN the points "
              "(∓γg0/f'(0), 0±) are stationary for the one-sided fields; where the one-sided "
              "Jacobian J± is a stable node, the one-sided SimGD and AltGD updates with "
              "h < 1/|λ_fast| contract there (spectral radius < 1). For SimGD the eigenvalues "
              "1 + hλ lie in (0, 1), so these non-Nash points attract the iterates started in "
              "a cone on their side.",
    params=[Choice("method", "wgan_gp", choices=tuple(TARGET)),
            Real("gamma", 3.0, low=0.0, high=10.0, low_open=True, sample_low=0.5,
                 sample_high=8.0, thresholds=(2.0,),
                 doc="penalty weight γ (J± is a node for γ ≥ 2 with WGAN-GP)"),
            Real("target", 1.0, low=0.0, high=3.0, low_open=True, sample_low=0.1,
                 doc="target norm (g0 for WGAN-GP, k for DRAGAN)"),
            Real("h_frac", 0.5, low=0.0, high=1.0, low_open=True, high_open=True,
                 thresholds=(ALT_THRESHOLD,), doc="h as a fraction of 1/|λ_fast|"),
            Choice("algorithm", "simgd", choices=("simgd", "altgd")),
            Integer("n_d", 1, low=1, high=5, doc="discriminator steps (AltGD)")],
    expected=spurious_expected,
    derivation="mescheder2018.md#one-sided-stationary-points-of-wgan-gp",
)
def check_dirac_wgan_gp_spurious(method, gamma, target, h_frac, algorithm, n_d) -> Outcome:
    """x± stationary (the field there against 0, rounding bound), the closed-form
    one-sided update Jacobian equal to jacfwd of the implemented step at (θ*, 0+),
    and 1 − ρ > 0 (:func:`contraction_margin`); a trajectory from the invariant
    cone goes in the witness."""
    node = _node(method, gamma, target)
    if node is None:
        return Outcome.inapplicable("the one-sided Jacobian J± is a stable node")
    theta, jac, lam = node
    h = h_frac / float(np.max(np.abs(lam)))
    hyper = {"gamma": gamma, TARGET[method]: target}
    closed = update_matrix(jac, h, algorithm, n_d)
    auto = np.asarray(_step_jacobian(jnp.array([theta, 1e-300]), hyper, h, n_d, method=method,
                                     algorithm=algorithm))
    scale = 1.0 + float(np.max(np.abs(closed)))
    diff = float(np.max(np.abs(closed - auto)))
    margin, error, mu = contraction_margin(jac, h, algorithm, n_d)
    rho = float(np.max(np.abs(mu)))
    witness = {"one_sided_point": [theta, 0.0], "h": h, "one_sided_eigenvalues": lam,
               "update_eigenvalues": mu, "spectral_radius": rho,
               **_cone_run(method, hyper, theta, jac, h, algorithm, n_d)}
    return all_of(_stationary(method, hyper, theta),
                  equals(0.0, Route("closed form − jacfwd of the step", diff,
                                    64 * (n_d + 1) * EPS * scale**2),
                         f"the one-sided update Jacobian is the closed form (max entry "
                         f"difference {diff:.1e})", method="autodiff"),
                  positive(margin, error, f"the one-sided {algorithm} update (h = {h:.4g}) "
                           f"has spectral radius {rho:.10g} < 1", witness=witness),
                  method="closed-form + jacfwd")


def _stationary(method, hyper, theta) -> Outcome:
    """The field at (θ*, 0+) and (−θ*, 0−) vanishes (its ψ-part θ − γψ ± γ·target and
    its θ-part −f'(θψ)ψ, rounded at the scale of θ*)."""
    v = dirac_field(method)
    size = max(float(np.linalg.norm(v(jnp.array([t, s * 1e-300]), hyper)))
               for t, s in ((theta, 1.0), (-theta, -1.0)))
    return equals(0.0, Route("field at x±", size, 8 * EPS * (1.0 + abs(theta))),
                  f"the field vanishes at (±{abs(theta):.6g}, 0∓) (|v| = {size:.2e})",
                  witness={"field_norm_at_point": size})


def _cone_run(method, hyper, theta, jac, h, algorithm, n_d) -> dict:
    """Iterates from x+ + δ(e_slow + e_fast), eigenvectors of J+ turned to ψ > 0."""
    _, vecs = np.linalg.eig(jac)
    vecs = vecs.real * np.sign(vecs.real[1])
    x0 = np.array([theta, 0.0]) + 1e-3 * (1.0 + abs(theta)) * vecs.sum(axis=1)
    last = _run(method, jnp.asarray(x0), hyper, h, algorithm, n_d)[-1]
    return {"cone_start": x0, "final_iterate": last,
            "final_distance": float(np.hypot(last[0] - theta, last[1]))}


# ------------------------------------------------------------ empirical rates
RATE_METHODS = ("instance_noise", "gradient_penalty", "roth", "consensus", "full_rank")
WINDOW = (1e-11, 1e-6)
"""Norms between which the rate is read: small enough for the quadratic part of the update,
above the rounding floor of the quadrature-based fields (~1e-16)."""
SECOND_ORDER = 10.0
"""Bound on ‖v(x) − v'(0)x‖ / ((1 + reg)²‖x‖²) for ‖x‖ ≤ 1e-6 and the five methods
(their fields' second derivatives at 0 are below |f''(0)|(1 + σ²)(1 + γ) ≤ 10(1 + reg)²)."""
FLOOR = 8.0 * EPS
"""Absolute rounding floor of one field evaluation per unit of (1 + reg)² (Gauss–Hermite
sums and differences f'(ψe^θ)e^θ − f'(−ψ) of O(1) terms)."""
MIN_WINDOW = 20
RESOLUTION = 1e-2
"""Relative error bound above which a measured rate is reported as not resolved."""


def update_jacobian(method, reg, h, algorithm, n_d):
    """Closed-form ``F_h'(0)`` and the field's Jacobian J at (0, 0) (standard f)."""
    _, f1, f2 = f_derivatives("standard")
    J = np.asarray(equilibrium.jacobian_at_equilibrium(method, f1, f2,
                                                      {"gamma": reg, "sigma": reg}))
    return update_matrix(J, h, algorithm, n_d), J


def measured_rate(xs, F, h, reg, n_d) -> Route | None:
    """The per-step rate ``(q_end/q_start)^{1/m}`` of the iterates between the
    norms of WINDOW, measured in F's eigen-coordinates (q = ‖V⁻¹x‖, V the
    eigenvectors of F), where the linear part scales q by exactly ρ per step
    for a complex pair, and by ρ up to log(1 + ε²)/2 over the window for real
    eigenvalues (ε: subdominant over dominant coordinate at the start). Added:
    the quadratic remainder and the rounding floor of each of the n_d + 1 field
    evaluations per step, κ·h(n_d + 1)(1 + reg)²·Σ_k (SECOND_ORDER·r_k + FLOOR/r_k)
    (κ = cond V). None if the window is too short or V is singular. Iterates that leave the
    basin grow past float64: their norm is +inf (outside the window), not a warning."""
    with np.errstate(over="ignore"):
        r = np.linalg.norm(xs, axis=1)
    inside = np.flatnonzero((r < WINDOW[1]) & (r > WINDOW[0]))
    if len(inside) < MIN_WINDOW:
        return None
    k0, k1 = int(inside[0]), int(inside[-1])
    lam, vecs = np.linalg.eig(F)
    kappa = float(np.linalg.cond(vecs))
    if not kappa < 1e8:
        return None
    c0, c1 = (np.linalg.solve(vecs, xs[k]) for k in (k0, k1))
    log_err = 0.0
    if np.abs(lam.imag).max() == 0:
        top = int(np.argmax(np.abs(lam)))
        log_err = 0.5 * math.log1p((abs(c0[1 - top]) / abs(c0[top])) ** 2)
    window = r[k0:k1 + 1]
    log_err += kappa * h * (n_d + 1) * (1 + reg) ** 2 * float(
        np.sum(SECOND_ORDER * window + FLOOR / window))
    m = k1 - k0
    rate = (np.linalg.norm(c1) / np.linalg.norm(c0)) ** (1.0 / m)
    err = rate * math.expm1(log_err / m) + 4 * EPS
    return Route("simulated iterates", float(rate), err) if math.isfinite(err) else None


def _rate_setup(method, reg, h_frac, algorithm, n_d):
    """``(h, F, contraction margin 1 − ρ(F) from F = I + hB, its error bound)`` at
    h = h_frac·(SimGD h_max)."""
    _, J = update_jacobian(method, reg, 1.0, "simgd", 1)
    h = h_frac * float(operators.h_max_matrix(jnp.linalg.eigvals(jnp.asarray(J))))
    F, _ = update_jacobian(method, reg, h, algorithm, n_d)
    return h, F, *contraction_margin(J, h, algorithm, n_d)[:2]


def _unmet_contraction(margin: float, error: float, witness: dict) -> Outcome:
    """The hypothesis ρ(F_h'(0)) < 1 not shown: ``inapplicable`` where 1 − ρ < −error (ρ > 1
    shown), ``inconclusive`` where |1 − ρ| is within its error bound (neither shown)."""
    if margin < -error:
        return Outcome.inapplicable("ρ(F_h'(0)) < 1 (a locally convergent update)", witness)
    return undecided("1 − ρ(F_h'(0)) > 0", margin, error, witness)


def rate_expected(params) -> Verdict:
    """holds where the update is locally convergent, ρ(F_h'(0)) < 1: for SimGD always (h is
    a fraction < 1 of h_max and every method here has Re μ < 0, so |1 + hμ| < 1 by Lemma A.4,
    even where reg is so small that 1 − ρ rounds to 0); for AltGD where the computed
    1 − ρ > 0; inapplicable elsewhere (AltGD with h close to the SimGD h_max)."""
    if params["algorithm"] == "simgd":
        return Verdict.HOLDS
    margin = _rate_setup(*(params[k] for k in ("method", "reg", "h_frac", "algorithm", "n_d")))[2]
    return Verdict.HOLDS if margin > 0 else Verdict.INAPPLICABLE


@claim(
    "ganeq.dirac.empirical_rate",
    reference="Mescheder et al. 2018, Lemma A.4 and Prop. A.1 on the Dirac-GAN",
    statement="For the locally convergent regularisations of the Dirac-GAN, simulated "
              "SimGD/AltGD iterates converge to (0, 0) at the linear rate ρ(F_h'(0)), the "
              "spectral radius of the closed-form update Jacobian.",
    params=[Choice("method", "instance_noise", choices=RATE_METHODS),
            Real("reg", 1.0, low=0.0, high=5.0, low_open=True, sample_low=0.3,
                 sample_high=3.0, doc="γ (penalties, consensus) or σ (instance noise)"),
            Real("h_frac", 0.5, low=0.0, high=1.0, low_open=True, high_open=True,
                 sample_low=0.1, sample_high=0.9, doc="h as a fraction of the SimGD h_max"),
            Choice("algorithm", "simgd", choices=("simgd", "altgd")),
            Integer("n_d", 1, low=1, high=5, sample_high=3, doc="discriminator steps (AltGD)"),
            Real("phi0", 0.7, low=0.0, high=2 * math.pi, high_open=True,
                 doc="angle of the start (radius 0.1)")],
    expected=rate_expected,
    derivation="mescheder2018.md#linear-rate-of-simulated-iterates",
)
def check_dirac_empirical_rate(method, reg, h_frac, algorithm, n_d, phi0) -> Outcome:
    """ρ(F_h'(0)) (closed form) against the rate read off 2·10⁴ simulated iterates
    (:func:`measured_rate`); inconclusive when the window does not resolve it."""
    h, F, margin, error = _rate_setup(method, reg, h_frac, algorithm, n_d)
    rho = float(np.max(np.abs(np.linalg.eigvals(F))))
    if not margin > error:
        return _unmet_contraction(margin, error, {"spectral_radius": rho, "h": h})
    x0 = 0.1 * jnp.array([math.cos(phi0), math.sin(phi0)])
    xs = _run(method, x0, {"gamma": reg, "sigma": reg}, h, algorithm, n_d)
    route = measured_rate(xs, F, h, reg, n_d)
    witness = {"spectral_radius": rho, "h": h, "eigenvalues": np.linalg.eigvals(F)}
    if route is None or route.error > RESOLUTION * route.value:
        return Outcome(margin=math.nan, tolerance=0.0, method="jax-scan", witness=witness | {
            "measured": None if route is None else route.value},
            statement=f"{STEPS} iterates do not resolve the rate of {algorithm} on {method} "
                      f"(h = {h:.3g}, ρ = {rho:.6f}): not decided")
    return equals(rho, route, f"{algorithm} on {method} (h = {h:.3g}) converges at the rate "
                  f"{route.value:.8f} (± {route.error:.1e}) = ρ(F_h'(0)) = {rho:.8f}",
                  witness=witness, method="jax-scan + closed-form")
