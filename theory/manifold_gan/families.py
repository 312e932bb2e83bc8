"""Model families with data on a lower-dimensional manifold of R² and a constructed
equilibrium (θ*, ψ*) (Mescheder et al. 2018, Section 4.2, supplements D and E).

A :class:`Game` is a generator ``G(θ, z)``, a discriminator ``D(ψ, x)``, latent atoms
``z_k`` with weights ``q_k`` (p(z) = Σ q_k δ_{z_k}), data atoms ``x_k`` with weights
``p_k`` (p_D = Σ p_k δ_{x_k}), the equilibrium (θ*, ψ*) and two charts:

* the atoms: the x_k are distinct, so p_θ = p_D near θ* iff G(θ, z_k) = x_k for every k;
  M_G is that level set near θ* and T M_G = ker d/dθ (G(θ, z_k))_k (eq. (12));
* ``disc_rows(ψ, values)``: the matrix Φ whose rows are, at every data atom, the value
  (``values``) and the x-gradient of D as linear functions of the *linear block* of ψ
  (the output weights). Near ψ*, M_D is {ψ : Φ(ψ) ψ_lin = 0} with the other coordinates
  free, so T M_D = ker Φ(ψ*) × R^{free} (eq. (12); ``values=False`` gives M̃_D of
  Remark D.7).

The data are the generator's output at θ* (``x_k = G(θ*, z_k)``), so p_θ* = p_D holds
exactly; ``d_offset`` adds a constant to D_ψ* and breaks Assumption I.

Families (``FAMILIES``): ``line-mlp`` (3 Diracs on a line, over-parameterised linear
generator W2 W1 z + b, 6-unit tanh MLP), ``circle-mlp`` (3 Diracs on a circle,
rotation–scale generator e^s R(α1+α2) z + b), ``origin-mlp`` (a Dirac at 0, location
generator θ1 + θ2, bias-free tanh MLP: the two-dimensional Dirac-GAN),
``segment-quadratic`` (uniform law on a segment by 4-node Gauss–Legendre quadrature,
quadratic features), ``point-quadratic`` (a Dirac, quadratic features), ``line-affine``
(affine features: too weak for Assumption III(ii)). Energy solutions (Section E.1):
``segment-energy``, ``point-energy``; full-rank solutions (Section E.2):
``line-fullrank``, ``circle-fullrank``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import jax.numpy as jnp
import numpy as np

from theory import _config  # noqa: F401

THEOREM_FAMILIES = ("line-mlp", "circle-mlp", "origin-mlp", "segment-quadratic",
                    "point-quadratic", "line-affine")
ENERGY_FAMILIES = ("segment-energy", "point-energy", "rotation-energy")
FULL_RANK_FAMILIES = ("line-fullrank", "circle-fullrank")
FAMILIES = THEOREM_FAMILIES + ENERGY_FAMILIES + FULL_RANK_FAMILIES
WEAK_FAMILIES = ("line-affine",)
"""Families whose discriminator cannot detect every generator direction (III(ii) fails)."""


@dataclass(frozen=True)
class Game:
    """A GAN with finite-atom expectations and a constructed equilibrium (see module doc)."""

    name: str
    gen: Callable
    disc: Callable
    Z: np.ndarray
    q: np.ndarray
    X: np.ndarray
    p: np.ndarray
    theta: np.ndarray
    psi: np.ndarray
    disc_rows: Callable
    n_lin: int
    """ψ = (ψ_lin, ψ_free): the first ``n_lin`` coordinates enter D linearly (ψ1 of eq. (147))."""
    supp_normal: np.ndarray
    """Orthonormal basis (d × r) of the normal space of supp p_D at every atom (Assumption I')."""

    @property
    def dims(self) -> tuple[int, int]:
        return self.theta.size, self.psi.size


# --- generators ---------------------------------------------------------------


@cache
def _linear_gen(r: int) -> Callable:
    """θ = (W1 ∈ R^r, W2 ∈ R^{2×r}, b ∈ R²), G(θ, z) = W2 W1 z + b (z ∈ R): over-parameterised,
    (W1, W2) ↦ W2 W1 is a submersion where W1 ≠ 0."""

    def parts(theta):
        return theta[:r], theta[r:3 * r].reshape(2, r), theta[3 * r:3 * r + 2]

    def gen(theta, z):
        w1, w2, b = parts(theta)
        return w2 @ w1 * z[0] + b

    return gen


@cache
def _rotation_gen() -> Callable:
    """θ = (α1, α2, s, b1, b2), G(θ, z) = e^s R(α1 + α2) z + b (α1 − α2 is redundant)."""

    def gen(theta, z):
        ang = theta[0] + theta[1]
        rot = jnp.array([[jnp.cos(ang), -jnp.sin(ang)], [jnp.sin(ang), jnp.cos(ang)]])
        return jnp.exp(theta[2]) * rot @ z + theta[3:5]

    return gen


@cache
def _location_gen() -> Callable:
    """θ = (θ1, θ2) ∈ R² × R², G(θ, z) = θ1 + θ2 (θ1 − θ2 is redundant)."""

    def gen(theta, z):
        return theta[:2] + theta[2:4] + 0.0 * z[0]

    return gen


# --- discriminators -----------------------------------------------------------


@cache
def _mlp_disc(width: int, bias: bool) -> tuple[Callable, Callable, int]:
    """ψ = (a0, a ∈ R^H, U ∈ R^{H×2}, c ∈ R^H) (c = 0 without ``bias``),
    D(ψ, x) = a0 + Σ_j a_j tanh(u_j·x + c_j); linear block (a0, a)."""
    n_lin = width + 1

    def parts(psi):
        u = psi[n_lin:n_lin + 2 * width].reshape(width, 2)
        c = psi[n_lin + 2 * width:] if bias else jnp.zeros(width)
        return psi[0], psi[1:n_lin], u, c

    def disc(psi, x):
        a0, a, u, c = parts(psi)
        return a0 + a @ jnp.tanh(u @ x + c)

    def rows(psi, X, values):
        psi = np.asarray(psi)
        u = psi[n_lin:n_lin + 2 * width].reshape(width, 2)
        c = psi[n_lin + 2 * width:] if bias else np.zeros(width)
        out = []
        for x in np.asarray(X):
            act = np.tanh(u @ x + c)
            if values:
                out.append(np.concatenate([[1.0], act]))
            grad = (1.0 - act**2)[:, None] * u          # H × 2
            out.extend(np.concatenate([[0.0], grad[:, i]]) for i in range(2))
        return np.stack(out)

    return disc, rows, n_lin


@cache
def _feature_disc(kind: str) -> tuple[Callable, Callable, int]:
    """D(ψ, x) = ψ·φ(x): ``quadratic`` φ(y) = (y1, y2, y1², y1y2, y2²),
    ``affine`` φ(y) = (1, y1, y2). Every coordinate is linear."""
    def phi(y):
        if kind == "affine":
            return jnp.stack([jnp.ones(()), y[0], y[1]])
        return jnp.stack([y[0], y[1], y[0] ** 2, y[0] * y[1], y[1] ** 2])

    def disc(psi, x):
        return psi @ phi(x)

    def rows(psi, X, values):
        out = []
        for x in np.asarray(X):
            if kind == "affine":
                value, d1, d2 = [1.0, x[0], x[1]], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]
            else:
                value = [x[0], x[1], x[0] ** 2, x[0] * x[1], x[1] ** 2]
                d1, d2 = [1.0, 0.0, 2 * x[0], x[1], 0.0], [0.0, 1.0, 0.0, x[0], 2 * x[1]]
            out.extend(([value] if values else []) + [d1, d2])
        return np.asarray(out, dtype=float)

    n = 3 if kind == "affine" else 5
    return disc, rows, n


# --- data and equilibria ------------------------------------------------------


def _unit(angle: float) -> np.ndarray:
    return np.array([np.cos(angle), np.sin(angle)])


def _weights(rng: np.random.Generator, k: int) -> np.ndarray:
    w = rng.uniform(0.5, 1.5, k)
    return w / w.sum()


def _line_theta(rng: np.random.Generator, r: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """θ* of the linear generator with W2* W1* = u (unit direction) and b* = c;
    W2* has a random component orthogonal to W1* (a generic point of M_G)."""
    u, c = _unit(rng.uniform(0, np.pi)), rng.uniform(-0.5, 0.5, 2)
    w1 = rng.normal(size=r)
    w1 += np.sign(w1[0] or 1.0) * 0.5 * w1 / np.linalg.norm(w1)
    perp = np.array([-w1[1], w1[0]])
    w2 = np.outer(u, w1) / (w1 @ w1) + 0.5 * np.outer(rng.normal(size=2), perp)
    return np.concatenate([w1, w2.ravel(), c]), np.array([-u[1], u[0]])


def _mlp_psi(rng: np.random.Generator, width: int, bias: bool, scale: float = 2.0) -> np.ndarray:
    """ψ* = (a0, a, U, c) = (0, 0, U*, c*): D_ψ* ≡ 0. The hidden directions u_j are spread
    over the half circle (jittered), the biases over [−0.8, 0.8] (shuffled, jittered)."""
    ang = (np.linspace(0, np.pi, width, endpoint=False) + rng.uniform(0, np.pi / width)
           + rng.uniform(-0.2, 0.2, width))
    u = scale * np.stack([np.cos(ang), np.sin(ang)], axis=1)
    c = (np.linspace(-0.8, 0.8, width)[rng.permutation(width)] + rng.uniform(-0.1, 0.1, width)
         if bias else np.zeros(0))
    return np.concatenate([np.zeros(width + 1), u.ravel(), c])


def _spread(rng: np.random.Generator, k: int, low: float, high: float) -> np.ndarray:
    """k jittered, sorted points of [low, high] (well separated atoms)."""
    step = (high - low) / k
    return low + step * (np.arange(k) + 0.5) + rng.uniform(-0.3, 0.3, k) * step


def _assemble(name, gen, disc_triple, Z, q, theta, psi, supp_normal, d_offset):
    disc, rows, n_lin = disc_triple
    X = np.asarray(jnp.stack([gen(jnp.asarray(theta), jnp.asarray(z)) for z in Z]))
    psi = np.array(psi, dtype=float)
    if d_offset:
        psi = _with_offset(psi, d_offset)
    return Game(name=name, gen=gen, disc=disc, Z=np.asarray(Z, float), q=np.asarray(q, float),
                X=X, p=np.asarray(q, float), theta=np.asarray(theta, float), psi=psi,
                disc_rows=rows, n_lin=n_lin,
                supp_normal=np.asarray(supp_normal, float))


def _with_offset(psi: np.ndarray, d_offset: float) -> np.ndarray:
    """ψ* with ``d_offset`` added to its first linear coordinate: the constant a0 of the
    MLPs and of the affine family, the feature y1 of the quadratic families. Either way
    D_ψ* ≠ 0 near the support (Assumption I broken)."""
    psi = psi.copy()
    psi[0] += d_offset
    return psi


def make_game(name: str, seed: int = 0, d_offset: float = 0.0, energy: float = 1.0) -> Game:
    """The family ``name`` with random atoms and weights from ``seed`` (see module doc).
    ``energy`` > 0 scales the energy discriminator of ``segment-energy``/``point-energy``."""
    if name not in FAMILIES:
        raise ValueError(f"family={name!r}: not one of {FAMILIES}")
    rng = np.random.default_rng(seed)
    if name in ("line-mlp", "line-affine", "line-fullrank"):
        k = 6 if name == "line-fullrank" else 3
        theta, normal = _line_theta(rng)
        t = _spread(rng, k, -1.0, 1.0)
        disc = (_feature_disc("affine") if name == "line-affine"
                else _mlp_disc(4, bias=True))
        psi = np.zeros(3) if name == "line-affine" else _mlp_psi(rng, 4, True)
        return _assemble(name, _linear_gen(2), disc, t[:, None], _weights(rng, k), theta, psi,
                         np.eye(2), d_offset)
    if name in ("circle-mlp", "circle-fullrank"):
        k, width = (6, 4) if name == "circle-fullrank" else (3, 4)
        alpha = rng.uniform(-np.pi, np.pi)
        split = rng.uniform(-1, 1)
        theta = np.array([alpha / 2 + split, alpha / 2 - split, rng.uniform(-0.3, 0.3),
                          *rng.uniform(-0.3, 0.3, 2)])
        angles = _spread(rng, k, 0.0, 2 * np.pi)
        Z = np.stack([np.cos(angles), np.sin(angles)], axis=1)
        return _assemble(name, _rotation_gen(), _mlp_disc(width, True), Z, _weights(rng, k),
                         theta, _mlp_psi(rng, width, True), np.eye(2), d_offset)
    if name == "origin-mlp":
        half = rng.uniform(-0.5, 0.5, 2)
        return _assemble(name, _location_gen(), _mlp_disc(4, bias=False), np.zeros((1, 1)),
                         np.ones(1), np.concatenate([half, -half]), _mlp_psi(rng, 4, False),
                         np.eye(2), d_offset)
    if name in ("segment-quadratic", "segment-energy"):
        theta, normal = _line_theta(rng)
        nodes, w = np.polynomial.legendre.leggauss(4)
        theta[-2:] = 0.0          # the segment is centred at the origin (b* = 0)
        psi = np.zeros(5)
        if name == "segment-energy":
            psi[2:] = energy * np.array([normal[0] ** 2, 2 * normal[0] * normal[1],
                                         normal[1] ** 2])
        return _assemble(name, _linear_gen(2), _feature_disc("quadratic"),
                         nodes[:, None], w / 2.0, theta, psi, normal[:, None], d_offset)
    # point-quadratic, point-energy, rotation-energy: a Dirac at the origin
    psi = np.zeros(5)
    if name != "point-quadratic":
        m = rng.normal(size=(2, 2))
        s = energy * (m @ m.T + 0.5 * np.eye(2))
        psi[2:] = [s[0, 0], 2 * s[0, 1], s[1, 1]]
    disc = _feature_disc("quadratic")
    if name == "rotation-energy":
        z0 = _unit(rng.uniform(0, 2 * np.pi))
        ang, scale = rng.uniform(-np.pi, np.pi), rng.uniform(-0.3, 0.3)
        rot = np.array([[np.cos(ang), -np.sin(ang)], [np.sin(ang), np.cos(ang)]])
        theta = np.array([ang / 2, ang / 2, scale, *(-np.exp(scale) * rot @ z0)])
        return _assemble(name, _rotation_gen(), disc, z0[None, :], np.ones(1), theta, psi,
                         np.eye(2), d_offset)
    half = rng.uniform(-0.5, 0.5, 2)
    return _assemble(name, _location_gen(), disc, np.zeros((1, 1)), np.ones(1),
                     np.concatenate([half, -half]), psi, np.eye(2), d_offset)
