"""Plain alternating GDA vs exact proximal training (Algorithm 1) on the 1-D
linear-Gaussian W2GAN (Farnia & Ozdaglar 2020, §5; farnia2020.md).

State ``z = (s, u, a, b)``: generator ``G(z) = s z + u`` (|s| ≤ 1, |u| ≤ t), discriminator
``D(x) = a x² + b x``, data ``N(0, σ²)``, cost η‖x − y‖². One step of

* alternating GDA: ``w⁺ = w + γ_D ∇_w V(θ, w)``; ``θ⁺ = Π(θ − γ_G ∇_θ V(θ, w⁺))``;
* simultaneous GDA: ``w⁺ = w + γ_D ∇_w V(θ, w)``; ``θ⁺ = Π(θ − γ_G ∇_θ V(θ, w))``;
* exact proximal training: ``w⁺ = argmax V(θ, ·) − μ‖D − D_w‖²`` (Newton);
  ``θ⁺ = Π(θ − γ ∇_θ V(θ, w⁺))`` (Proposition 4's gradient);
* Algorithm 1 with T inner steps: ``T`` gradient-ascent steps of size ``γ_D`` on
  ``V(θ, ·) − μ‖D − D_{w_k}‖²_{Ḣ¹}`` from ``w_k`` (Algorithm 1's λ is ``2μ``), then the G step.

Jacobians at ``(G*, D*)`` by autodiff (``jax.jacfwd`` through the Newton solve).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from theory import sobolev
from theory.gaussian_ot import Quadratic
from theory.proximal import objective, w2gan


def _value(z, sigma, eta):
    s, u, a, b = z
    return w2gan.value(
        jnp.reshape(s, (1, 1)),
        jnp.reshape(u, (1,)),
        jnp.reshape(a, (1, 1)),
        jnp.reshape(b, (1,)),
        jnp.zeros(1),
        jnp.reshape(sigma**2, (1, 1)),
        eta,
    )


def _generator_step(z, sigma, eta, gamma, t):
    g = jax.grad(_value)(z, sigma, eta)
    s = jnp.clip(z[0] - gamma * g[0], -1.0, 1.0)
    u = jnp.clip(z[1] - gamma * g[1], -t, t)
    return jnp.stack([s, u, z[2], z[3]])


def gda_step(z, sigma, eta, gamma_d, gamma_g, t):
    """One step of plain alternating GDA."""
    g = jax.grad(_value)(z, sigma, eta)
    z = z.at[2:].add(gamma_d * g[2:])
    return _generator_step(z, sigma, eta, gamma_g, t)


def simgda_step(z, sigma, eta, gamma_d, gamma_g, t):
    """One step of simultaneous GDA: both players' gradients taken at the same point."""
    g = jax.grad(_value)(z, sigma, eta)
    z_g = _generator_step(z, sigma, eta, gamma_g, t)
    return z_g.at[2:].add(gamma_d * g[2:])


def _inner_objective(w, z, sigma, eta, mu):
    """``V(θ, w) − μ‖D_w − D_{w_k}‖²_{Ḣ¹}`` under the data ``N(0, σ²)`` (eq. 11, 15)."""
    zw = jnp.concatenate([z[:2], w])
    dist = sobolev.sobolev_distance_sq(
        Quadratic(jnp.reshape(w[0], (1, 1)), jnp.reshape(w[1], (1,))),
        Quadratic(jnp.reshape(z[2], (1, 1)), jnp.reshape(z[3], (1,))),
        jnp.zeros(1),
        jnp.reshape(sigma**2, (1, 1)),
    )
    return _value(zw, sigma, eta) - mu * dist


def inner_steps_step(z, sigma, eta, mu, gamma_d, gamma, t, T):
    """One step of Algorithm 1 with ``T`` inner gradient-ascent steps (``lax.fori_loop``; T may
    be traced, so one compilation serves every T)."""
    ascend = jax.grad(_inner_objective)
    w = jax.lax.fori_loop(0, T, lambda _, w: w + gamma_d * ascend(w, z, sigma, eta, mu), z[2:])
    return _generator_step(jnp.concatenate([z[:2], w]), sigma, eta, gamma, t)


def prox_step(z, sigma, eta, mu, gamma, t):
    """One step of exact proximal training with population penalty ``μ‖D − D_w‖²``."""
    s, u, a, b = z
    p = objective.Problem(
        jnp.zeros(1),
        jnp.reshape(sigma**2, (1, 1)),
        jnp.reshape(u, (1,)),
        jnp.reshape(s**2, (1, 1)),
        jnp.reshape(a, (1, 1)),
        jnp.reshape(b, (1,)),
        jnp.asarray(eta),
        jnp.asarray(mu),
    )
    sol = objective.solve(p)
    z = jnp.stack([s, u, sol.A[0, 0], sol.b[0]])
    return _generator_step(z, sigma, eta, gamma, t)


def equilibrium(sigma, eta):
    """``(G*, D*) = (s = 1, u = 0, a = η(1 − 1/σ), b = 0)``."""
    return jnp.array([1.0, 0.0, eta * (1.0 - 1.0 / sigma), 0.0])


@jax.jit
def gda_jacobian(sigma, eta, gamma_d, gamma_g, t):
    """Autodiff Jacobian of one GDA step at (G*, D*)."""
    return jax.jacfwd(gda_step)(equilibrium(sigma, eta), sigma, eta, gamma_d, gamma_g, t)


@jax.jit
def prox_jacobian(sigma, eta, mu, gamma, t):
    """Autodiff Jacobian of one exact proximal-training step at (G*, D*)."""
    return jax.jacfwd(prox_step)(equilibrium(sigma, eta), sigma, eta, mu, gamma, t)


@jax.jit
def simgda_jacobian(sigma, eta, gamma_d, gamma_g, t):
    """Autodiff Jacobian of one simultaneous-GDA step at (G*, D*)."""
    return jax.jacfwd(simgda_step)(equilibrium(sigma, eta), sigma, eta, gamma_d, gamma_g, t)


@jax.jit
def inner_steps_jacobian(sigma, eta, mu, gamma_d, gamma, t, T):
    """Autodiff Jacobian of one step of Algorithm 1 with T inner steps at (G*, D*)."""
    return jax.jacfwd(inner_steps_step)(equilibrium(sigma, eta), sigma, eta, mu, gamma_d, gamma,
                                        t, T)


def trajectory(step, z0, steps: int, *args):
    """``lax.scan`` of ``step(z, *args)``: the states ``z_1 … z_steps``."""

    def body(z, _):
        z = step(z, *args)
        return z, z

    return jax.lax.scan(body, z0, None, length=steps)[1]


gda_trajectory = jax.jit(
    lambda z0, sigma, eta, gd, gg, t: trajectory(gda_step, z0, 600, sigma, eta, gd, gg, t)
)
prox_trajectory = jax.jit(
    lambda z0, sigma, eta, mu, g, t: trajectory(prox_step, z0, 600, sigma, eta, mu, g, t)
)
simgda_trajectory = jax.jit(
    lambda z0, sigma, eta, gd, gg, t: trajectory(simgda_step, z0, 600, sigma, eta, gd, gg, t)
)
inner_steps_trajectory = jax.jit(
    lambda z0, sigma, eta, mu, gd, g, t, T: trajectory(
        inner_steps_step, z0, 600, sigma, eta, mu, gd, g, t, T)
)
