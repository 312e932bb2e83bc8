"""The computations behind Theorem 4.1, Remarks D.7–D.8 and Theorems E.2–E.3 on a
:class:`~theory.manifold_gan.families.Game` (Mescheder et al. 2018, supplements A, D, E).

* :func:`manifolds`: tangent spaces of M_G and M_D from the family's charts, and the
  regularity data of Assumption III (rank gaps of the charts, ker ∇²h against T M_D for
  III(i), the smallest singular value of ∇g on the normal space of M_G for III(ii));
* :func:`normal_spectrum`: ṽ(z*), ṽ'(z*) T (both 0 when M_G × M_D consists of
  equilibria), the eigenvalues of ṽ'(z*) on the normal space with a Bauer–Fike error bound;
* :func:`method_rate`: the step size h = fraction · h_max of a method (Lemma A.4 for SimGD;
  for AltGD the first instability on a grid of eq. (34)), the normal spectral radius of
  the update Jacobian in closed form (1 + hμ, eq. (34)) and by autodiff of the update map;
* :func:`simulate_from_neighbourhood`: iterates from z* + ε·(normal direction) with the
  residual distance to M_G × M_D, ``sqrt(‖Π(θ) − Π(θ*)‖² + h(ψ))``.
"""

from __future__ import annotations

from dataclasses import dataclass

import jax.numpy as jnp
import numpy as np

from theory import _config  # noqa: F401
from theory.manifold_gan import fields, spectra
from theory.manifold_gan.families import Game

EPS = spectra.EPS
RANK_RTOL = 1e-8
"""Singular values ≤ RANK_RTOL·σ_max of a chart are zero (its kernel is the tangent space):
float64 SVD errors are ~(n+m)·ε·σ_max ≈ 1e-14 relative. Hypotheses are decided against
rounding-level bounds (64·size·ε·scale), so they fail only where a quantity is zero to
rounding; an ill-conditioned instance passes them and its conclusion's margin is small."""
START_RADIUS = 1e-4
"""Distance of the simulated start from z* (the theorem is local)."""
TARGET_REDUCTION = 1e-4
"""A run has converged when the residual fell below TARGET_REDUCTION times its start."""
MAX_STEPS = 2**17
"""Longest simulated run (weakly damped instances, spectral radius ≈ 1 − 1e-4, need ~1e5)."""


@dataclass(frozen=True)
class Manifolds:
    """Tangent bases and the Assumption-III data of a game at (θ*, ψ*)."""

    tangent_G: np.ndarray
    tangent_D: np.ndarray
    T: np.ndarray
    N: np.ndarray
    chart_gap_G: float
    chart_gap_D: float
    hessian_tangent: float
    """max |∇²h(ψ*) T_D| (0: the chart's tangent space lies in ker ∇²h)."""
    hessian_normal_min: float
    """λ_min of ∇²h(ψ*) on the normal space of M_D (> 0 when III(i) holds)."""
    hessian_tol: float
    """Rounding bound 64 m ε max|∇²h| of the two numbers above."""
    detect_min: float
    """σ_min of ∇g(θ*) on the normal space of M_G (> 0 when III(ii) holds)."""
    detect_tol: float
    detect_kernel: bool
    """∇g(θ*) on the normal space of M_G has fewer rows than columns, so it has a kernel by
    the count of dimensions alone (``detect_min`` is then 0 exactly, not a rounded value)."""


def _gap(s: np.ndarray, rank: int) -> float:
    """Ratio of the last kept to the first dropped singular value (∞ when none dropped)."""
    if rank == 0 or rank >= s.size:
        return float("inf")
    return float(s[rank - 1] / max(s[rank], EPS * s[0]))


def smallest_singular_value(matrix: np.ndarray) -> tuple[float, bool]:
    """σ_min of ``matrix`` as a map on its columns (1 for no columns or rows) and whether
    it has a kernel by the count of dimensions (fewer rows than columns: σ_min = 0 exactly)."""
    if not matrix.size:
        return 1.0, False
    s = np.linalg.svd(matrix, compute_uv=False)
    kernel = s.size < matrix.shape[1]
    return (0.0 if kernel else float(s[-1])), kernel


def manifolds(game: Game, mode: str = "h") -> Manifolds:
    """Tangent spaces and Assumption III (``mode`` ``h``: eq. (12); ``h_tilde``: M̃_D of
    Remark D.7; ``full_rank``: M'_D = {ψ1 = 0} of eq. (148), III''(ii))."""
    n, m = game.dims
    tg, sg = spectra.tangent_G(game, RANK_RTOL)
    td, sd = spectra.tangent_D(game, RANK_RTOL, values=(mode != "h_tilde"),
                               full_rank=(mode == "full_rank"))
    T, N = spectra.split(tg, td, n, m)
    if mode == "full_rank":
        hess_t, hess_n, hess_tol = 0.0, float("inf"), 0.0
    else:
        H = fields.h_hessian(game, values=(mode != "h_tilde"))
        normal_D = spectra.null_space(td.T, RANK_RTOL)[0] if td.size else np.eye(m)
        hess_t = float(np.max(np.abs(H @ td))) if td.size else 0.0
        hess_n = (float(np.min(np.linalg.eigvalsh(normal_D.T @ H @ normal_D)))
                  if normal_D.size else float("inf"))
        hess_tol = 64 * m * EPS * (float(np.max(np.abs(H))) or 1.0)
    dg = fields.blocks(game)["dg"]
    if mode == "full_rank":
        dg = dg[:game.n_lin]
    normal_G, _ = spectra.null_space(tg.T, RANK_RTOL) if tg.size else (np.eye(n), None)
    detect, kernel = smallest_singular_value(dg @ normal_G)
    scale = float(np.linalg.norm(dg)) or 1.0
    detect_tol = 64 * n * EPS * scale
    rank_D = game.n_lin - (td.shape[1] - (m - game.n_lin))
    gap_D = _gap(sd, rank_D) if mode != "full_rank" else float("inf")
    return Manifolds(tg, td, T, N, _gap(sg, n - tg.shape[1]), gap_D, hess_t, hess_n, hess_tol,
                     detect, detect_tol, kernel)


@dataclass(frozen=True)
class Spectrum:
    """ṽ at z*, ṽ'(z*) on the tangent and normal spaces."""

    J: np.ndarray
    field_norm: float
    tangent_norm: float
    rounding: float
    """A-priori bound on the rounding of ṽ, ṽ' entries: 64 (n+m) ε (1 + ‖J‖_max)."""
    mu: np.ndarray
    mu_error: float


def normal_spectrum(game: Game, spec: fields.Spec, man: Manifolds,
                    J: np.ndarray | None = None) -> Spectrum:
    """The eigenvalues μ of ``NᵀṽN`` (eq. (131)) with error κ(V)·‖δJ‖_F (Bauer–Fike)."""
    J = fields.jacobian(game, spec) if J is None else J
    size = J.shape[0]
    rounding = 64 * size * EPS * (1.0 + float(np.max(np.abs(J))))
    A = spectra.normal_block(J, man.N)
    mu = np.linalg.eigvals(A) if A.size else np.zeros(0, complex)
    err = spectra.eig_error(A, rounding * size) if A.size else 0.0
    return Spectrum(J, float(np.max(np.abs(fields.field_at(game, spec)))),
                    float(np.max(np.abs(J @ man.T))) if man.T.size else 0.0, rounding, mu, err)


@dataclass(frozen=True)
class Rate:
    """A method's step size and its normal spectral radius, closed form and autodiff."""

    h: float
    h_max: float
    rho_closed: float
    rho_autodiff: float
    error: float


def method_rate(game: Game, spec: fields.Spec, man: Manifolds, sp: Spectrum, method: str,
                fraction: float) -> Rate:
    """``h = fraction · h_max``; ρ of ``1 + hμ`` (SimGD, Lemma A.4) or of eq. (34) (AltGD)
    against ρ of the autodiff Jacobian of the update map, both on the normal space."""
    n = game.theta.size
    h_sim = spectra.h_max_simgd(sp.mu)
    h_max = h_sim if method == "simgd" else spectra.h_max_altgd(sp.J, man.N, n, h_sim)
    h = fraction * h_max
    if method == "simgd":
        rho_closed = float(np.max(np.abs(1.0 + h * sp.mu))) if sp.mu.size else 0.0
    else:
        rho_closed = spectra.normal_radius(spectra.altgd_jacobian(sp.J, n, h), man.N)[0]
    F = fields.update_jacobian(game, spec, h, method)
    rho_ad, _ = spectra.normal_radius(F, man.N)
    eye = np.eye(man.N.shape[1])
    B = eye + spectra.normal_block(F - np.eye(F.shape[0]), man.N)
    err = spectra.eig_error(B, 4 * sp.rounding * F.shape[0] * max(h, 1.0) * (1 + h * np.max(
        np.abs(sp.J)))) if B.size else 0.0
    return Rate(float(h), float(h_max), float(rho_closed), float(rho_ad), float(err))


def steps_for(rho: float) -> int:
    """Steps for a linear rate ``ρ`` to reduce a residual by ``TARGET_REDUCTION·10⁻²``:
    ``⌈log(TARGET_REDUCTION·10⁻²)/log ρ⌉ + 50`` with ρ clipped to ``[10⁻³, 1 − 10⁻¹²]``,
    at most ``MAX_STEPS`` (so a neutral or expanding ρ ≥ 1 runs ``MAX_STEPS``)."""
    rho = min(max(rho, 1e-3), 1.0 - 1e-12)
    return int(min(MAX_STEPS, np.ceil(np.log(TARGET_REDUCTION * 1e-2) / np.log(rho)) + 50))


def simulate_from_neighbourhood(game: Game, spec: fields.Spec, man: Manifolds, method: str,
                                rate: Rate, mode: str = "h", seed: int = 0) -> dict:
    """Iterates of the method from ``z* + START_RADIUS·u``, u the unit projection ``NNᵀr/‖NNᵀr‖``
    of a seeded Gaussian r in R^{n+m} on the normal space (the projector, unlike the basis N,
    is unique, so the start does not turn with rounding): residuals at the start and the
    end, steps, and the measured linear rate ``(r_N/r_{N/2})^{2/N}`` (against the predicted
    normal spectral radius)."""
    r = np.random.default_rng(seed).normal(size=man.N.shape[0])
    u = man.N @ (man.N.T @ r)
    z0 = fields.star(game) + START_RADIUS * jnp.asarray(u / np.linalg.norm(u))
    res = fields.iterate(game, spec, z0, rate.h, method, mode, steps_for(rate.rho_autodiff))
    return {"steps": res.size - 1, "start": float(res[0]), "end": float(res[-1]),
            "reduction": float(res[-1] / res[0]) if res[0] > 0 else 0.0,
            "measured_rate": spectra.measured_rate(res), "predicted_rate": rate.rho_autodiff,
            "finite": bool(np.all(np.isfinite(res)))}
