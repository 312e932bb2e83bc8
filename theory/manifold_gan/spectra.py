"""Tangent and normal spaces of M_G × M_D, the normal spectrum of a Jacobian, the SimGD and
AltGD update Jacobians (Lemmas A.4, A.5) and simulated iterates (Mescheder et al. 2018,
proof of Theorem 4.1).

Since ṽ = 0 on M_G × M_D, its Jacobian J at z* kills the tangent space T. In a basis
``[N, T]`` with N an orthonormal basis of T^⊥, ``J = [[NᵀJN, 0], [TᵀJN, 0]]``: the
eigenvalues of J are those of ``A = NᵀJN`` and dim T zeros, and A is the matrix
``∇_(α,β) ṽ`` of eq. (131) in the local coordinates of the proof. The same holds for an
update map F with ``F' − I`` in place of J.
"""

from __future__ import annotations

import numpy as np

from theory import _config  # noqa: F401
from theory.manifold_gan.families import Game

EPS = float(np.finfo(float).eps)


def null_space(M: np.ndarray, rtol: float) -> tuple[np.ndarray, np.ndarray]:
    """Orthonormal basis of ker M (singular values ≤ rtol·σ_max) and the singular values."""
    M = np.atleast_2d(M)
    _, s, vt = np.linalg.svd(M)
    cut = rtol * (s[0] if s.size else 0.0)
    rank = int(np.sum(s > cut))
    return vt[rank:].T, s


def tangent_G(game: Game, rtol: float) -> tuple[np.ndarray, np.ndarray]:
    """T M_G = ker of d/dθ (G(θ, z_k))_k at θ* and its singular values."""
    from theory.manifold_gan.fields import atoms_jacobian

    return null_space(atoms_jacobian(game), rtol)


def tangent_D(game: Game, rtol: float, values: bool = True,
              full_rank: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """T M_D = ker Φ(ψ*) × R^{free} (``values=False``: M̃_D of Remark D.7;
    ``full_rank``: M'_D = {ψ1 = 0} of eq. (148), T = {0} × R^{free})."""
    m, k = game.psi.size, game.n_lin
    if full_rank:
        lin, s = np.zeros((k, 0)), np.ones(k)
    else:
        lin, s = null_space(game.disc_rows(game.psi, game.X, values), rtol)
    basis = np.zeros((m, lin.shape[1] + m - k))
    basis[:k, :lin.shape[1]] = lin
    basis[k:, lin.shape[1]:] = np.eye(m - k)
    return basis, s


def split(tg: np.ndarray, td: np.ndarray, n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Orthonormal bases (T, N) of T(M_G × M_D) = T_G × T_D and its complement in R^{n+m}."""
    T = np.zeros((n + m, tg.shape[1] + td.shape[1]))
    T[:n, :tg.shape[1]] = tg
    T[n:, tg.shape[1]:] = td
    q, _ = np.linalg.qr(T, mode="complete") if T.shape[1] else (np.eye(n + m), None)
    return q[:, :T.shape[1]], q[:, T.shape[1]:]


def normal_block(M: np.ndarray, N: np.ndarray) -> np.ndarray:
    """``NᵀMN``: M restricted to the normal space."""
    return N.T @ M @ N


def eig_error(M: np.ndarray, perturbation: float) -> float:
    """Bauer–Fike bound ``κ(V)·perturbation`` for the eigenvalues of M (∞ if defective)."""
    _, V = np.linalg.eig(M)
    cond = np.linalg.cond(V)
    return float(cond * perturbation) if np.isfinite(cond) else float("inf")


def h_max_simgd(mu: np.ndarray) -> float:
    """Lemma A.4, eq. (26): SimGD is stable iff ``h < 2|Re μ|/|μ|²`` for every μ
    (0 when some Re μ ≥ 0)."""
    if mu.size == 0:
        return float("inf")
    if np.any(mu.real >= 0):
        return 0.0
    return float(np.min(-2.0 * mu.real / np.abs(mu) ** 2))


def altgd_jacobian(J: np.ndarray, n: int, h: float) -> np.ndarray:
    """Lemma A.5, eqs. (30)–(34): ``F' = (I + hV2)(I + hV1)`` with V1 the θ rows and V2 the
    ψ rows of J (θ updated first)."""
    v1, v2 = np.zeros_like(J), np.zeros_like(J)
    v1[:n], v2[n:] = J[:n], J[n:]
    eye = np.eye(J.shape[0])
    return (eye + h * v2) @ (eye + h * v1)


def normal_radius(F_jac: np.ndarray, N: np.ndarray) -> tuple[float, np.ndarray]:
    """Spectral radius of the update Jacobian on the normal space: eigenvalues of
    ``I + Nᵀ(F' − I)N``."""
    eye = np.eye(F_jac.shape[0])
    lam = np.linalg.eigvals(np.eye(N.shape[1]) + normal_block(F_jac - eye, N))
    return (float(np.max(np.abs(lam))) if lam.size else 0.0), lam


def h_max_altgd(J: np.ndarray, N: np.ndarray, n: int, h_simgd: float, grid: int = 200) -> float:
    """The largest h on a grid of (0, 4 h_simgd] below which every grid step keeps the AltGD
    normal spectral radius < 1 (Lemma A.5 guarantees a positive one when Re μ < 0)."""
    best = 0.0
    for h in np.linspace(4 * h_simgd / grid, 4 * h_simgd, grid):
        if normal_radius(altgd_jacobian(J, n, h), N)[0] >= 1.0:
            break
        best = float(h)
    return best


def measured_rate(res: np.ndarray, floor: float = 1e-9) -> float:
    """``(r_b / r_a)^{1/(b−a)}``: the linear rate over the second half of the run before the
    residual first falls below ``floor·r_0`` (past that, rounding of the atoms dominates)."""
    below = np.nonzero(res < floor * res[0])[0]
    b = int(below[0]) if below.size else res.size - 1
    a = b // 2
    if b == a or res[a] <= 0 or res[b] <= 0:
        return 0.0
    return float((res[b] / res[a]) ** (1.0 / (b - a)))
