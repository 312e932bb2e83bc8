"""Objective, penalties and gradient fields of a :class:`~theory.manifold_gan.families.Game`
(Mescheder et al. 2018, supplement D), with the closed forms of Lemmas D.1–D.4 and E.1.

``L(θ, ψ) = Σ_k q_k f(D_ψ(G_θ(z_k))) + Σ_k p_k f(−D_ψ(x_k))`` (eq. (107));
``R1 = γ/2 Σ p_k ‖∇_x D_ψ(x_k)‖²`` (eq. (114)); ``R2 = γ/2 Σ q_k ‖∇_x D_ψ(G_θ(z_k))‖²``
(eq. (115)); ``R3 = Σ q_k w1(D)‖∇_x D‖² + Σ p_k w2(D)‖∇_x D‖²`` (eq. (139), affine
weights ``w_i(t) = c_i + d_i t``); ``ṽ = (−∇_θ L, ∇_ψ L − ∇_ψ R)`` (eq. (116); ``v`` when
R = 0, eq. (106)). All derivatives are JAX autodiff in float64; kernels are jitted once
per family structure (the atoms are arguments, not constants).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import jax
import jax.numpy as jnp
import numpy as np

from theory import _config  # noqa: F401
from theory.manifold_gan.families import Game

REGULARISERS = ("R1", "R2", "R3", "none")


@dataclass(frozen=True)
class Spec:
    """The f of eq. (107) (``fkind`` in standard, wgan, scaled, taylor with
    ``fpar = (a, f1, f2)``), the penalty ``reg`` with weight ``gamma`` and, for R3,
    ``wpar = (c1, d1, c2, d2)``."""

    fkind: str = "standard"
    fpar: tuple = (1.0, 0.5, -0.25)
    reg: str = "none"
    gamma: float = 1.0
    wpar: tuple = (0.25, -0.25, 0.25, 0.25)


def f_eval(fpar, t):
    """f(t) for ``fpar = (w, a, f1, f2)``: ``w·log σ(a t)/a + (1 − w)(f1 t + f2 t²/2)``, with
    w ∈ {0, 1} (one compiled kernel serves every f: standard is w = 1, a = 1; scaled w = 1;
    wgan w = 0, f1 = 1, f2 = 0; taylor w = 0)."""
    w, a, f1, f2 = fpar[0], fpar[1], fpar[2], fpar[3]
    return w * jax.nn.log_sigmoid(a * t) / a + (1.0 - w) * (f1 * t + 0.5 * f2 * t**2)


def f_parameters(fkind: str, fpar: tuple) -> tuple:
    """``(w, a, f1, f2)`` of :func:`f_eval` for a named kind and ``fpar = (a, f1, f2)``."""
    a, f1, f2 = fpar
    return {"standard": (1.0, 1.0, 0.0, 0.0), "scaled": (1.0, a, 0.0, 0.0),
            "wgan": (0.0, 1.0, 1.0, 0.0)}.get(fkind, (0.0, 1.0, f1, f2))


def r_parameters(spec: Spec) -> tuple:
    """``(α1, β1, α2, β2)``: R = Σ q (α1 + β1 D)‖∇_x D‖² over p_θ + Σ p (α2 + β2 D)‖∇_x D‖²
    over p_D (R1: α2 = γ/2; R2: α1 = γ/2; R3: (c1, d1, c2, d2); none: 0)."""
    half = 0.5 * spec.gamma
    return {"R1": (0.0, 0.0, half, 0.0), "R2": (half, 0.0, 0.0, 0.0),
            "R3": tuple(spec.wpar), "none": (0.0, 0.0, 0.0, 0.0)}[spec.reg]


def data_of(game: Game) -> tuple:
    """``(X, p, Z, q)`` as JAX arrays (the arguments of every kernel)."""
    return tuple(jnp.asarray(a) for a in (game.X, game.p, game.Z, game.q))


_STATIC = ("gen", "disc", "n", "penalised")


def _points(gen, theta, Z):
    return jax.vmap(lambda z: gen(theta, z))(Z)


def _sq_grads(disc, psi, pts):
    return jnp.sum(jax.vmap(lambda x: jax.grad(disc, argnums=1)(psi, x))(pts) ** 2, axis=1)


def _values(disc, psi, pts):
    return jax.vmap(lambda x: disc(psi, x))(pts)


def _objective(theta, psi, data, fpar, gen, disc):
    X, p, Z, q = data
    return (q @ f_eval(fpar, _values(disc, psi, _points(gen, theta, Z)))
            + p @ f_eval(fpar, -_values(disc, psi, X)))


def _penalty(theta, psi, data, rpar, gen, disc):
    X, p, Z, q = data
    fake = _points(gen, theta, Z)
    w1 = rpar[0] + rpar[1] * _values(disc, psi, fake)
    w2 = rpar[2] + rpar[3] * _values(disc, psi, X)
    return q @ (w1 * _sq_grads(disc, psi, fake)) + p @ (w2 * _sq_grads(disc, psi, X))


def _field(z, data, fpar, rpar, gen, disc, n, penalised=True):
    """ṽ(z); ``penalised=False`` (static) skips ∇_ψ R where all of ``rpar`` is 0 (it is
    exactly 0 there), which costs more than the rest of the field."""
    theta, psi = z[:n], z[n:]
    g_theta, g_psi = jax.grad(_objective, argnums=(0, 1))(theta, psi, data, fpar, gen, disc)
    if not penalised:
        return jnp.concatenate([-g_theta, g_psi])
    r_psi = jax.grad(_penalty, argnums=1)(theta, psi, data, rpar, gen, disc)
    return jnp.concatenate([-g_theta, g_psi - r_psi])


_field_jit = jax.jit(_field, static_argnames=_STATIC)
_jacobian_jit = jax.jit(jax.jacfwd(_field), static_argnames=_STATIC)


def _static(game: Game, spec: Spec) -> dict:
    return {"gen": game.gen, "disc": game.disc, "n": game.theta.size,
            "penalised": any(w != 0.0 for w in r_parameters(spec))}


def _dynamic(game: Game, spec: Spec) -> tuple:
    return (data_of(game), jnp.asarray(f_parameters(spec.fkind, spec.fpar), float),
            jnp.asarray(r_parameters(spec), float))


def star(game: Game) -> jnp.ndarray:
    """The stacked equilibrium ``z* = (θ*, ψ*)``."""
    return jnp.concatenate([jnp.asarray(game.theta), jnp.asarray(game.psi)])


def field_at(game: Game, spec: Spec, z=None) -> np.ndarray:
    """``ṽ(z)`` of eq. (116) (at z* by default)."""
    z = star(game) if z is None else jnp.asarray(z)
    return np.asarray(_field_jit(z, *_dynamic(game, spec), **_static(game, spec)))


def jacobian(game: Game, spec: Spec, z=None) -> np.ndarray:
    """``ṽ'(z)`` by forward-mode autodiff (at z* by default)."""
    z = star(game) if z is None else jnp.asarray(z)
    return np.asarray(_jacobian_jit(z, *_dynamic(game, spec), **_static(game, spec)))


def _update(z, data, fpar, rpar, h, gen, disc, n, penalised, method):
    """One SimGD step ``z + h ṽ(z)`` or one AltGD step (θ first, then ψ at the new θ)."""
    v = partial(_field, data=data, fpar=fpar, rpar=rpar, gen=gen, disc=disc, n=n,
                penalised=penalised)
    if method == "simgd":
        return z + h * v(z)
    z1 = z.at[:n].add(h * v(z)[:n])
    return z1.at[n:].add(h * v(z1)[n:])


_update_jacobian = jax.jit(jax.jacfwd(_update), static_argnames=_STATIC + ("method",))


def update_jacobian(game: Game, spec: Spec, h: float, method: str) -> np.ndarray:
    """Jacobian at z* of the SimGD/AltGD update map, by autodiff of the map itself."""
    return np.asarray(_update_jacobian(star(game), *_dynamic(game, spec), h, method=method,
                                       **_static(game, spec)))


def _residual(z, data, gen, disc, n, n_lin, mode):
    theta, psi = z[:n], z[n:]
    X, p, Z, q = data
    gen_part = q @ jnp.sum((_points(gen, theta, Z) - X) ** 2, axis=1)
    if mode == "full_rank":
        return jnp.sqrt(gen_part + jnp.sum(psi[:n_lin] ** 2))
    disc_part = p @ _sq_grads(disc, psi, X)
    if mode != "h_tilde":
        disc_part = disc_part + p @ _values(disc, psi, X) ** 2
    return jnp.sqrt(gen_part + disc_part)


ITERATE_CAPACITY = 2**17
"""Length of the residual buffer of :func:`iterate` (runs up to it share one program)."""


@partial(jax.jit, static_argnames=_STATIC + ("method", "n_lin", "mode", "capacity"))
def _iterate(z0, data, fpar, rpar, h, steps, gen, disc, n, penalised, method, n_lin, mode,
             capacity):
    """Residuals of ``steps`` (traced, ≤ ``capacity``) iterates, NaN beyond."""
    def residual(z):
        return _residual(z, data, gen, disc, n, n_lin, mode)

    def body(k, carry):
        z, res = carry
        z = _update(z, data, fpar, rpar, h, gen, disc, n, penalised, method)
        return z, res.at[k + 1].set(residual(z))

    res = jnp.full(capacity + 1, jnp.nan).at[0].set(residual(z0))
    return jax.lax.fori_loop(0, steps, body, (z0, res))[1]


def iterate(game: Game, spec: Spec, z0, h: float, method: str, mode: str, steps: int) -> np.ndarray:
    """Residuals ``sqrt(Σ q_k‖G(θ_k, z_j) − x_j‖² + h(ψ_k))`` (``mode`` ``h``; ``h_tilde``:
    h̃; ``full_rank``: ‖ψ1‖²), k = 0..steps, of the iterates of a method from ``z0``
    (``steps`` rounded up to a power of 2, at least 64). The number of steps is traced:
    one compiled program per family, method and mode."""
    steps = int(2 ** int(np.ceil(np.log2(max(steps, 64)))))
    res = _iterate(jnp.asarray(z0), *_dynamic(game, spec), h, steps, method=method,
                   n_lin=game.n_lin, mode=mode, capacity=max(steps, ITERATE_CAPACITY),
                   **_static(game, spec))
    return np.asarray(res[: steps + 1])


@partial(jax.jit, static_argnames=("gen", "disc"))
def _grads_autodiff(theta, psi, data, fpar, gen, disc):
    return jax.grad(_objective, argnums=(0, 1))(theta, psi, data, fpar, gen, disc)


def grads_autodiff(game: Game, spec: Spec, theta, psi) -> tuple[np.ndarray, np.ndarray]:
    """``(∇_θ L, ∇_ψ L)`` by reverse-mode autodiff of eq. (107)."""
    gt, gp = _grads_autodiff(jnp.asarray(theta), jnp.asarray(psi), *_dynamic(game, spec)[:2],
                             game.gen, game.disc)
    return np.asarray(gt), np.asarray(gp)


@partial(jax.jit, static_argnames=("gen", "disc"))
def _penalty_grad(theta, psi, data, rpar, gen, disc):
    return jax.grad(_penalty, argnums=1)(theta, psi, data, rpar, gen, disc)


def penalty_grad_autodiff(game: Game, spec: Spec, theta, psi) -> np.ndarray:
    """``∇_ψ R`` by autodiff of eqs. (114)/(115)/(139)."""
    data, _, rpar = _dynamic(game, spec)
    return np.asarray(_penalty_grad(jnp.asarray(theta), jnp.asarray(psi), data, rpar,
                                    game.gen, game.disc))


@partial(jax.jit, static_argnames=("gen", "disc"))
def _penalty_hessian(theta, psi, data, rpar, gen, disc):
    h = jax.hessian(_penalty, argnums=(0, 1))(theta, psi, data, rpar, gen, disc)
    return h[1][1], h[0][1]


def penalty_hessians(game: Game, spec: Spec) -> tuple[np.ndarray, np.ndarray]:
    """``(∇²_ψ R, ∇²_{θ,ψ} R)`` at (θ*, ψ*) by autodiff (Lemma D.4)."""
    data, _, rpar = _dynamic(game, spec)
    hpp, htp = _penalty_hessian(jnp.asarray(game.theta), jnp.asarray(game.psi), data, rpar,
                                game.gen, game.disc)
    return np.asarray(hpp), np.asarray(htp)


# --- closed forms (Lemmas D.1, D.3) -------------------------------------------


def _fprime(fpar, t):
    return jax.grad(lambda s: f_eval(fpar, s))(t)


@partial(jax.jit, static_argnames=("gen", "disc"))
def _grads_closed(theta, psi, data, fpar, gen, disc):
    X, p, Z, q = data
    gx, gpsi = jax.grad(disc, argnums=1), jax.grad(disc, argnums=0)

    def fake_theta(z):
        x = gen(theta, z)
        return _fprime(fpar, disc(psi, x)) * jax.jacfwd(gen)(theta, z).T @ gx(psi, x)

    def fake_psi(x):
        return _fprime(fpar, disc(psi, x)) * gpsi(psi, x)

    def real_psi(x):
        return _fprime(fpar, -disc(psi, x)) * gpsi(psi, x)

    g_theta = q @ jax.vmap(fake_theta)(Z)
    g_psi = q @ jax.vmap(fake_psi)(_points(gen, theta, Z)) - p @ jax.vmap(real_psi)(X)
    return g_theta, g_psi


def grads_closed(game: Game, spec: Spec, theta, psi) -> tuple[np.ndarray, np.ndarray]:
    """Eqs. (108)–(109): ``∇_θ L = E_z[f'(D(G)) ∇_θGᵀ ∇_x D(G)]`` and
    ``∇_ψ L = E_pθ[f'(D)∇_ψ D] − E_pD[f'(−D)∇_ψ D]``."""
    gt, gp = _grads_closed(jnp.asarray(theta), jnp.asarray(psi), *_dynamic(game, spec)[:2],
                           game.gen, game.disc)
    return np.asarray(gt), np.asarray(gp)


def _mixed(disc):
    """``x, ψ ↦ ∇_{ψ,x} D_ψ(x)``: the m × d matrix of ∂²D/∂ψ∂x."""
    jac = jax.jacfwd(jax.grad(disc, argnums=1), argnums=0)
    return lambda psi, x: jac(psi, x).T


@partial(jax.jit, static_argnames=("gen", "disc", "reg"))
def _penalty_grad_closed(theta, psi, data, gamma, gen, disc, reg):
    X, p, Z, q = data
    pts, w = (X, p) if reg == "R1" else (_points(gen, theta, Z), q)
    term = jax.vmap(lambda x: _mixed(disc)(psi, x) @ jax.grad(disc, argnums=1)(psi, x))(pts)
    return gamma * w @ term


def penalty_grad_closed(game: Game, spec: Spec, theta, psi) -> np.ndarray:
    """Eqs. (117)–(118): ``∇_ψ R_i = γ E[∇_{ψ,x} D ∇_x D]`` over p_D (R1) or p_θ (R2)."""
    return np.asarray(_penalty_grad_closed(jnp.asarray(theta), jnp.asarray(psi), data_of(game),
                                           spec.gamma, game.gen, game.disc, spec.reg))


# --- Jacobian blocks at the equilibrium (Lemmas D.2, D.4, E.1) ------------------


@partial(jax.jit, static_argnames=("gen", "disc"))
def _blocks(theta, psi, data, gen, disc):
    """``E_pD[∇_ψD ∇_ψDᵀ]``, ``∇_θ g(θ*)``, ``E_pD[∇_{ψ,x}D ∇_{ψ,x}Dᵀ]``,
    ``E_z[∇_θGᵀ ∇²_x D ∇_θG]`` at (θ*, ψ*)."""
    X, p, Z, q = data
    gpsi = jax.grad(disc, argnums=0)
    outer = p @ jax.vmap(lambda x: jnp.outer(gpsi(psi, x), gpsi(psi, x)).ravel())(X)
    g = jax.jacfwd(lambda th: q @ jax.vmap(lambda x: gpsi(psi, x))(_points(gen, th, Z)))(theta)
    mixed = jax.vmap(lambda x: (_mixed(disc)(psi, x) @ _mixed(disc)(psi, x).T).ravel())(X)

    def curvature(z):
        jg = jax.jacfwd(gen)(theta, z)
        return (jg.T @ jax.hessian(disc, argnums=1)(psi, gen(theta, z)) @ jg).ravel()

    m, n = psi.size, theta.size
    return (outer.reshape(m, m), g, (p @ mixed).reshape(m, m),
            (q @ jax.vmap(curvature)(Z)).reshape(n, n))


def blocks(game: Game) -> dict[str, np.ndarray]:
    """The expectations entering eqs. (111), (112), (119), (143) at (θ*, ψ*): ``psi_outer``
    E_pD[∇_ψD ∇_ψDᵀ], ``dg`` ∇_θ g(θ*) (eq. (128)), ``mixed_outer``
    E_pD[∇_{ψ,x}D ∇_{ψ,x}Dᵀ], ``curvature`` E_z[∇_θGᵀ ∇²_x D ∇_θG]."""
    out = _blocks(jnp.asarray(game.theta), jnp.asarray(game.psi), data_of(game), game.gen,
                  game.disc)
    return dict(zip(("psi_outer", "dg", "mixed_outer", "curvature"),
                    (np.asarray(a) for a in out), strict=False))


def closed_jacobian(game: Game, f1: float, f2: float, gamma: float = 0.0,
                    energy: bool = False) -> np.ndarray:
    """``[[K_GG, −K_DGᵀ], [K_DG, K_DD − L_DD]]`` with K_DD = 2f''(0)E[∇_ψD∇_ψDᵀ] (eq. (111)),
    K_DG = f'(0)∇_θ g (eq. (112)), L_DD = γ E[∇_{ψ,x}D ∇_{ψ,x}Dᵀ] (eq. (119)) and
    K_GG = −f'(0)E[∇_θGᵀ∇²_xD∇_θG] (eq. (143)) if ``energy``, else 0 (eqs. (110), (120),
    (142))."""
    b = blocks(game)
    n = game.theta.size
    kdg = f1 * b["dg"]
    kgg = -f1 * b["curvature"] if energy else np.zeros((n, n))
    mdd = 2.0 * f2 * b["psi_outer"] - gamma * b["mixed_outer"]
    return np.block([[kgg, -kdg.T], [kdg, mdd]])


@partial(jax.jit, static_argnames=("gen", "disc", "values"))
def _h_hessian(psi, data, gen, disc, values):
    X, p, _, _ = data

    def h(ps):
        out = p @ _sq_grads(disc, ps, X)
        return out + p @ _values(disc, ps, X) ** 2 if values else out

    return jax.hessian(h)(psi)


def h_hessian(game: Game, values: bool = True) -> np.ndarray:
    """``∇²h(ψ*)`` of eq. (11) (``values=False``: h̃ of eq. (133)) by autodiff."""
    return np.asarray(_h_hessian(jnp.asarray(game.psi), data_of(game), game.gen, game.disc,
                                 values))


@partial(jax.jit, static_argnames=("gen",))
def _atoms_jacobian(theta, Z, gen):
    return jax.jacfwd(lambda th: _points(gen, th, Z).ravel())(theta)


def atoms_jacobian(game: Game) -> np.ndarray:
    """``d/dθ (G(θ, z_k))_k`` at θ* (the chart of M_G: p_θ = p_D near θ* iff G(θ, z_k) = x_k
    for every k, the atoms being distinct)."""
    return np.asarray(_atoms_jacobian(jnp.asarray(game.theta), jnp.asarray(game.Z), game.gen))


@partial(jax.jit, static_argnames=("gen", "disc"))
def _g_tilde_jac(theta, psi, data, gen, disc):
    _, _, Z, q = data

    def g_tilde(ps):
        return jax.grad(lambda th: q @ _values(disc, ps, _points(gen, th, Z)))(theta)

    return jax.jacfwd(g_tilde)(psi)


def g_tilde_jacobian(game: Game) -> np.ndarray:
    """``∂g̃/∂ψ`` at ψ* (n × m), g̃(ψ) = ∇_θ E_pθ[D_ψ] at θ* (eq. (141))."""
    return np.asarray(_g_tilde_jac(jnp.asarray(game.theta), jnp.asarray(game.psi),
                                   data_of(game), game.gen, game.disc))


@partial(jax.jit, static_argnames=("gen", "disc"))
def _atom_derivatives(psi, data, gen, disc):
    X = data[0]
    return (_values(disc, psi, X), jax.vmap(lambda x: jax.grad(disc, argnums=1)(psi, x))(X),
            jax.vmap(lambda x: jax.hessian(disc, argnums=1)(psi, x))(X))


def atom_derivatives(game: Game, points: np.ndarray | None = None):
    """``(D, ∇_x D, ∇²_x D)`` of D_ψ* at the data atoms (or at ``points``)."""
    data = data_of(game)
    if points is not None:
        data = (jnp.asarray(points),) + data[1:]
    return tuple(np.asarray(a) for a in _atom_derivatives(jnp.asarray(game.psi), data,
                                                          game.gen, game.disc))


def eta_gram(game: Game) -> np.ndarray:
    """``E_pD[η ηᵀ]`` of Assumption III''(i): η = ∇_{ψ1} D, the features of the linear block
    (the ψ1ψ1 block of E_pD[∇_ψD ∇_ψDᵀ])."""
    k = game.n_lin
    return blocks(game)["psi_outer"][:k, :k]
