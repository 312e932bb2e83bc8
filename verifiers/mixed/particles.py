"""Section 3's infinite-dimensional entropic MD / MP on weighted particles (Hsieh et al. 2019).

A mixed strategy is restricted to a weighted particle measure on a fixed particle
set: the critic's ``μ = Σ_j μ_j δ_{s_j}`` over piecewise-linear 1-Lipschitz
critics ``f_{s_j}`` (slopes on the cells of [−X, X], slope sign(x) beyond), the
generator's ``ν = Σ_k ν_k δ_{θ_k}`` over ``θ_k = (w_k, u_k)``, ``P_θ = N(u, w²)``,
for the 1-D WGAN game of Farnia & Ozdaglar (data ``N(0, σ²)``, ``|w| ≤ 1``,
``|u| ≤ t``). Theorem 1 (eq. (7)), ``dμ⁺ ∝ e^{−ηh} dμ``, keeps the support of
``μ`` and multiplies each particle's weight by ``e^{−ηh(s_j)}``: on particles,
Algorithm 1 (MD) and Algorithm 2 (MP) with the lifted derivatives ``g − Gν`` and
``−G†μ`` of eq. (5) are *exactly* the finite entropic MD / MP of §2.1 on the
bi-affine game ``A = M``, ``a = g`` with ``M_jk = E_{P_θk} f_{s_j}``,
``g_j = E_{N(0,σ²)} f_{s_j}`` (exact cell integrals, :mod:`verifiers.mixed.lifting`).
:func:`algorithm1_step` writes the step with the operators as the paper does;
:func:`particle_run` runs it through :mod:`verifiers.mixed.dynamics`.

Particle sets (fixed sizes, so every (σ, t) reuses one compiled program):
generators on the grid ``w ∈ {0, 0.2, …, 1}`` × 13 values of ``u ∈ [−t, t]``;
critics the hinges ``|x − c|`` (9 centres in [−(t+σ), t+σ], 0 included) and the
double hinges ``||x| − r|`` (8 radii in (0, t + 2σ]), interpolated at the cell
edges. For ``t ≤ sqrt(2 ln σ)`` the particle game contains the mixed NE
``(½δ_(1,t) + ½δ_(1,−t), |x|)`` of the continuum game, so its value is ``V*(t)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import jax
import jax.numpy as jnp
import numpy as np

from theory.bilinear import BilinearGame, log_md_step
from verifiers.mixed import lifting
from verifiers.mixed.dynamics import run

N_W, N_U, CELLS, N_HINGE, N_DOUBLE = 6, 13, 48, 9, 8
WIDTH_SD = 6.0
"""The cells cover ``[−X, X]``, ``X = WIDTH_SD·σ + t``; beyond X every critic has slope sign(x)."""


@dataclass(frozen=True, eq=False)
class ParticleGame:
    """Particles ``slopes`` (J×K critics), ``w``, ``u`` (M generators) on cell ``edges``,
    with ``g`` (J) and ``M`` (J×M): ``g − Gν = g − Mν`` and ``G†μ = Mᵀμ``."""

    sigma: float
    t: float
    slopes: np.ndarray
    edges: np.ndarray
    w: np.ndarray
    u: np.ndarray
    g: np.ndarray
    M: np.ndarray

    def bilinear(self) -> BilinearGame:
        """The finite game ``min_ν max_μ ⟨μ, g⟩ − ⟨μ, Mν⟩`` (eq. (1) with A = M, a = g)."""
        return BilinearGame(A=self.M, a=self.g)

    def G(self, nu) -> np.ndarray:
        """``(Gν)(s_j) = E_{θ~ν} E_{P_θ} f_{s_j}`` (eq. (5))."""
        return self.M @ np.asarray(nu)

    def G_dagger(self, mu) -> np.ndarray:
        """``(G†μ)(θ_k) = E_{P_θk} f̄_μ`` for the mean critic ``f̄_μ = Σ_j μ_j f_{s_j}`` (eq. (6))."""
        mean_slopes = np.asarray(mu) @ self.slopes
        return lifting.expected_critic(mean_slopes, self.edges, self.w, self.u)[0]


def critic_slopes(edges, centres, radii) -> np.ndarray:
    """Cell slopes of ``|x − c|`` and ``||x| − r|`` interpolated at ``edges`` (one row each)."""
    e = np.asarray(edges, float)
    values = np.vstack(
        [
            np.abs(e[None, :] - np.asarray(centres)[:, None]),
            np.abs(np.abs(e)[None, :] - np.asarray(radii)[:, None]),
        ]
    )
    return np.diff(values, axis=1) / np.diff(e)


def cell_edges(sigma: float, t: float, width_sd: float = WIDTH_SD) -> np.ndarray:
    """The ``CELLS + 1`` edges of the cells of ``[−X, X]``, ``X = width_sd·σ + t``."""
    X = width_sd * sigma + t
    return np.linspace(-X, X, CELLS + 1)


def cells_distinct(sigma: float, t: float, width_sd: float = WIDTH_SD) -> bool:
    """Whether every cell of :func:`cell_edges` has positive width in float64 (not so where
    ``X`` is a few subnormals, e.g. σ = t = 5e-324)."""
    return bool(np.all(np.diff(cell_edges(sigma, t, width_sd)) > 0))


def make_particle_game(sigma: float, t: float, width_sd: float = WIDTH_SD) -> ParticleGame:
    """The particle game of the module docstring for data ``N(0, σ²)`` and ``|u| ≤ t``;
    ``ValueError`` where two cell edges coincide in float64 (σ, t near 5e-324)."""
    W, U = np.meshgrid(np.linspace(0.0, 1.0, N_W), np.linspace(-t, t, N_U), indexing="ij")
    w, u = W.ravel(), U.ravel()
    if not cells_distinct(sigma, t, width_sd):
        raise ValueError(f"sigma={sigma!r}, t={t!r}: the {CELLS} cells of [-X, X], "
                         f"X = {width_sd:g}*sigma + t, are not distinct in float64")
    edges = cell_edges(sigma, t, width_sd)
    centres = np.linspace(-(t + sigma), t + sigma, N_HINGE)
    radii = np.linspace(0.0, t + 2.0 * sigma, N_DOUBLE + 1)[1:]
    slopes = critic_slopes(edges, centres, radii)
    g = lifting.expected_critic(slopes, edges, [sigma], [0.0])[:, 0]
    M = lifting.expected_critic(slopes, edges, w, u)
    return ParticleGame(sigma, t, slopes, edges, w, u, g, M)


def algorithm1_step(log_mu, log_nu, game: ParticleGame, eta: float):
    """One step of Algorithm 1 on particle weights, from the operators:
    ``ν⁺ = MD_η(ν, −G†μ)``, ``μ⁺ = MD_η(μ, −g + Gν)`` (eq. (7) on the particles)."""
    mu, nu = np.exp(log_mu), np.exp(log_nu)
    return (
        np.asarray(log_md_step(log_mu, -game.g + game.G(nu), eta)),
        np.asarray(log_md_step(log_nu, -game.G_dagger(mu), eta)),
    )


@partial(jax.jit, static_argnames=("T", "method"))
def particle_run(M, g, etas, idx, *, T: int, method: str):
    """Algorithm 1 (``md``) or 2 (``mp``) on the particle weights for each step in ``etas``:
    the ergodic duality gap at step ``idx_k`` of the run with step ``etas_k``, and the
    ergodic averages ``(ν̄_T, μ̄_T)`` after ``T`` steps of every run."""

    def one(eta, i):
        r = run(M, g, eta, T=T, method=method)
        return r.gap_average[i], r.p_average, r.q_average

    return jax.vmap(one)(jnp.asarray(etas), jnp.asarray(idx))
