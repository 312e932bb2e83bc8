"""Dynamic results of our own on the Dirac-GAN (dirac_and_mixed.md A.9, C.14, C.15).

* ``ganeq.dirac.wgan_gp_spurious`` (erratum E10 of Lemma C.3): for WGAN-GP and
  the DRAGAN-type penalty the field is discontinuous at ψ = 0 and has the
  one-sided stationary points ``(θ*, 0±)``, ``θ* = ∓γ·g0/f'(0)``. Where the
  one-sided Jacobian ``J± = [[0, −f1], [f1, f2 θ*² − γ]]`` is a stable node,
  ``(γ + |f2| θ*²)² ≥ 4 f1²`` (γ ≥ 2|f'(0)| for WGAN-GP), SimGD and AltGD with
  ``h < 1/|λ_fast|`` converge to that non-Nash point.
* ``ganeq.dirac.empirical_rate``: for the locally convergent methods the
  measured linear rate of SimGD/AltGD equals the spectral radius
  ``ρ(F_h'(0))`` of the closed-form update Jacobian (Lemma A.4,
  :mod:`theory.dirac.operators`).
"""

from __future__ import annotations

import math

import jax.numpy as jnp
import numpy as np

from theory.dirac import equilibrium, operators
from theory.dirac.activations import f_derivatives
from verifiers import tolerances
from verifiers.claim import Claim, Outcome
from verifiers.claims.mescheder2018._dynamics_common import dirac_field
from verifiers.dynamics import altgd, empirical_rate, simgd
from verifiers.params import Choice, Integer, Real

STEPS = 20_000
RHO_RANGE = (0.8, 0.998)
"""Rates measurable in 2·10⁴ steps from r0 = 0.1: ρ ≤ 0.998 reaches 1e-13 within
log(1e12)/(1 − ρ) ≈ 1.4·10⁴ steps; ρ ≥ 0.8 leaves ≥ 90 points in the window."""
SPLIT_MIN = 0.01
"""Smallest |λ1 − λ2| of F_h'(0) for which the window fit sees one rate (no Jordan-like
k·ρ^k transient)."""
R0 = 0.1
"""Start radius: the norm falls by e^{6.9} before the window, and a real subdominant
eigenvalue |λ2| ≤ ρ² falls by at least that much more, to ≤ 1e-3 relative."""
TARGET = {"wgan_gp": "g0", "dragan": "k"}


def _run(method, x0, hyper, h, algorithm, n_d):
    v = dirac_field(method)
    if algorithm == "simgd":
        return np.asarray(simgd(v, x0, hyper, h, STEPS))
    return np.asarray(altgd(v, x0, hyper, h, STEPS, 1, n_d))


# ------------------------------------------------------------ spurious points
def one_sided_point(method, gamma, target):
    """``(θ*, J+)``: the one-sided stationary point on ψ = 0+ and its Jacobian."""
    _, f1, f2 = f_derivatives("wgan" if method == "wgan_gp" else "standard")
    theta = -gamma * target / f1
    return theta, np.array([[0.0, -f1], [f1, f2 * theta**2 - gamma]])


def _check_spurious(method, gamma, target, h_frac, algorithm, n_d, theta0, psi0) -> Outcome:
    """Iterate 2·10⁴ steps with h = h_frac/|λ_fast|; margin = ONE_SIDED_POINT −
    distance of the last iterate to the nearer of (θ*, 0+), (−θ*, 0−)."""
    theta, jac = one_sided_point(method, gamma, target)
    lam = np.linalg.eigvals(jac)
    if not (np.all(np.abs(lam.imag) < tolerances.EIGEN) and np.all(lam.real < 0)):
        return Outcome.inapplicable("the one-sided linearisation is a stable node",
                                    {"eigenvalues": lam})
    h = h_frac / float(np.max(np.abs(lam)))
    xs = _run(method, jnp.array([theta0, psi0]), {"gamma": gamma, TARGET[method]: target},
              h, algorithm, n_d)
    last = xs[-1]
    dist = float(min(np.hypot(last[0] - theta, last[1]), np.hypot(last[0] + theta, last[1])))
    dist = dist if math.isfinite(dist) else math.inf
    return Outcome(
        margin=tolerances.ONE_SIDED_POINT - dist,
        tolerance=tolerances.CLOSED_FORM * (1 + abs(theta)),
        method="jax-scan", statement=f"{algorithm} ({method}, h = {h:.3g}) ends at distance "
        f"{dist:.2e} from the non-Nash point (±{abs(theta):.4g}, 0∓)",
        witness={"final_iterate": last, "one_sided_point": [theta, 0.0], "h": h,
                 "one_sided_eigenvalues": lam,
                 "sign_psi_opposite_theta": bool(last[0] * last[1] <= 0)})


def _node_sample(rng):
    while True:
        p = {"method": str(rng.choice(["wgan_gp", "dragan"])), "gamma": float(rng.uniform(0.5, 6)),
             "target": float(rng.uniform(0.5, 1.5)), "h_frac": float(rng.uniform(0.1, 0.9)),
             "algorithm": str(rng.choice(["simgd", "altgd"])), "n_d": int(rng.integers(1, 4)),
             "theta0": float(rng.uniform(-1, 1)), "psi0": float(rng.uniform(-1, 1))}
        _, jac = one_sided_point(p["method"], p["gamma"], p["target"])
        lam = np.linalg.eigvals(jac)
        stiffness = np.max(np.abs(lam)) / np.min(np.abs(lam))
        if np.all(np.abs(lam.imag) < tolerances.EIGEN) and stiffness < 60:
            return p


# ------------------------------------------------------------ empirical rates
def update_jacobian(method, reg, h, algorithm, n_d):
    """Closed-form ``F_h'(0)`` (operators.simgd_jacobian / altgd_jacobian)."""
    _, f1, f2 = f_derivatives("standard")
    hyper = {"gamma": reg, "sigma": reg}
    J = equilibrium.jacobian_at_equilibrium(method, f1, f2, hyper)
    if algorithm == "simgd":
        return np.asarray(operators.simgd_jacobian(J, h)), J
    return np.asarray(operators.altgd_jacobian(J, h, 1, n_d)), J


def _check_rate(method, reg, h_frac, algorithm, n_d, phi0) -> Outcome:
    """Margin = EMPIRICAL_RATE − |measured rate − ρ(F_h'(0))|; the tolerance is
    the spread of the rates fitted on the two halves of the window."""
    _, J = update_jacobian(method, reg, 1.0, "simgd", 1)
    h = h_frac * float(operators.h_max_matrix(jnp.linalg.eigvals(J)))
    F, _ = update_jacobian(method, reg, h, algorithm, n_d)
    lam = np.linalg.eigvals(F)
    rho = float(np.max(np.abs(lam)))
    if not measurable(lam):
        return Outcome.inapplicable(
            f"{RHO_RANGE[0]} ≤ ρ(F_h'(0)) ≤ {RHO_RANGE[1]}, |λ1 − λ2| ≥ {SPLIT_MIN} and, for real "
            "eigenvalues, |λ2| ≤ ρ²", {"eigenvalues": lam, "h": h})
    x0 = R0 * jnp.array([math.cos(phi0), math.sin(phi0)])
    xs = _run(method, x0, {"gamma": reg, "sigma": reg}, h, algorithm, n_d)
    rate, err, count = (float(a) for a in empirical_rate(jnp.linalg.norm(jnp.asarray(xs), axis=1)))
    return Outcome(
        margin=tolerances.EMPIRICAL_RATE - abs(rate - rho), tolerance=max(err, tolerances.EIGEN),
        method="jax-scan + closed-form", statement=f"{algorithm} on {method} (h = {h:.3g}) "
        f"converges at the measured rate {rate:.6f} = ρ(F_h'(0)) = {rho:.6f}",
        witness={"empirical_rate": rate, "spectral_radius": rho, "window_points": count,
                 "h": h, "eigenvalues": lam})


def _rate_sample(rng):
    while True:
        p = {"method": str(rng.choice(RATE_METHODS)), "reg": float(rng.uniform(0.3, 3.0)),
             "h_frac": float(rng.uniform(0.1, 0.9)),
             "algorithm": str(rng.choice(["simgd", "altgd"])),
             "n_d": int(rng.integers(1, 4)), "phi0": float(rng.uniform(0, 2 * math.pi))}
        if _applicable(**p):
            return p


def _applicable(method, reg, h_frac, algorithm, n_d, phi0):
    _, J = update_jacobian(method, reg, 1.0, "simgd", 1)
    h = h_frac * float(operators.h_max_matrix(jnp.linalg.eigvals(J)))
    return measurable(np.linalg.eigvals(update_jacobian(method, reg, h, algorithm, n_d)[0]))


def measurable(lam) -> bool:
    """Whether a window fit can resolve ρ of the 2×2 update Jacobian with eigenvalues ``lam``:
    ρ in RHO_RANGE, eigenvalues split by SPLIT_MIN, and a real subdominant one ≤ ρ²."""
    mods = np.sort(np.abs(lam))
    rho = mods[-1]
    real = bool(np.all(np.abs(np.imag(lam)) < tolerances.EIGEN))
    return bool(RHO_RANGE[0] <= rho <= RHO_RANGE[1] and abs(lam[0] - lam[1]) >= SPLIT_MIN
                and (not real or mods[0] <= rho**2))


RATE_METHODS = ("instance_noise", "gradient_penalty", "roth", "consensus", "full_rank")


def _from_sampler(sampler):
    import hypothesis.strategies as st
    return lambda: st.integers(0, 2**32 - 1).map(lambda s: sampler(np.random.default_rng(s)))


_ALG = Choice("algorithm", "simgd", choices=("simgd", "altgd"))
_ND = Integer("n_d", 1, low=1, high=5, sample_high=3, doc="discriminator steps (AltGD)")

CLAIMS = [
    Claim(
        id="ganeq.dirac.wgan_gp_spurious",
        reference="Mescheder et al. 2018, Lemma C.3 / Fig. 3d; dirac_and_mixed.md E10",
        statement="For WGAN-GP (and the DRAGAN-type penalty) on the Dirac-GAN, whenever the "
                  "one-sided linearisation at (∓γg0/f'(0), 0±) is a stable node, SimGD and AltGD "
                  "with h < 1/|λ_fast| converge to that non-Nash point.",
        params=[Choice("method", "wgan_gp", choices=tuple(TARGET)),
                Real("gamma", 3.0, low=0.0, high=10.0, low_open=True, sample_low=2.2,
                      sample_high=6.0, doc="penalty weight γ"),
                Real("target", 1.0, low=0.0, high=3.0, low_open=True, sample_low=0.5,
                      sample_high=1.5, doc="target norm (g0 for WGAN-GP, k for DRAGAN)"),
                Real("h_frac", 0.5, low=0.0, high=1.0, low_open=True, high_open=True,
                      sample_low=0.1, sample_high=0.9, doc="h as a fraction of 1/|λ_fast|"),
                _ALG, _ND,
                Real("theta0", 0.05, low=-2.0, high=2.0, doc="initial θ"),
                Real("psi0", 0.05, low=-2.0, high=2.0, doc="initial ψ")],
        checker=_check_spurious, sampler=_node_sample, strategy_fn=_from_sampler(_node_sample)),
    Claim(
        id="ganeq.dirac.empirical_rate",
        reference="Mescheder et al. 2018, Lemma A.4 / Prop. A.1 on the Dirac-GAN (note C.15)",
        statement="For the locally convergent regularisations of the Dirac-GAN, the linear "
                  "rate of SimGD/AltGD measured on simulated iterates equals the spectral "
                  "radius of the closed-form update Jacobian F_h'(0).",
        params=[Choice("method", "instance_noise", choices=RATE_METHODS),
                Real("reg", 1.0, low=0.0, high=5.0, low_open=True, sample_low=0.3,
                      sample_high=3.0, doc="γ (penalties, consensus) or σ (instance noise)"),
                Real("h_frac", 0.5, low=0.0, high=1.0, low_open=True, high_open=True,
                      sample_low=0.1, sample_high=0.9, doc="h as a fraction of the SimGD h_max"),
                _ALG, _ND,
                Real("phi0", 0.7, low=0.0, high=2 * math.pi, high_open=True,
                      doc="angle of the start (radius 1e-3)")],
        checker=_check_rate, sampler=_rate_sample, strategy_fn=_from_sampler(_rate_sample)),
]
