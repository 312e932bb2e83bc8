"""Plain alternating GDA vs exact proximal training (Algorithm 1) on the 1-D
linear-Gaussian W2GAN (Farnia & Ozdaglar 2020, §5; proximal.md §8).

State ``z = (s, u, a, b)``: generator ``G(z) = s z + u`` (|s| ≤ 1, |u| ≤ t), discriminator
``D(x) = a x² + b x``, data ``N(0, σ²)``, cost η‖x − y‖². One step of

* alternating GDA: ``w⁺ = w + γ_D ∇_w V(θ, w)``; ``θ⁺ = Π(θ − γ_G ∇_θ V(θ, w⁺))``;
* exact proximal training: ``w⁺ = argmax V(θ, ·) − μ‖D − D_w‖²`` (Newton);
  ``θ⁺ = Π(θ − γ ∇_θ V(θ, w⁺))`` (Proposition 4's gradient).

Jacobians at ``(G*, D*)`` by autodiff (``jax.jacfwd`` through the Newton solve).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

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
