"""Instance noise as a stochastic gradient (Mescheder et al. 2018, §3.2).

With ``θ̃ = θ + σε₁`` and data point ``x = σε₂`` (ε ~ N(0, I₂)) the sampled
objective ``f(θ̃ψ) + f(−xψ)`` has the gradient field

    v(θ, ψ; ε) = ( −f'(θ̃ψ) ψ,  f'(θ̃ψ) θ̃ − x f'(−xψ) )
               = v_gan(θ̃, ψ) + (0, v_gan(−x, ψ)₂),

built here from the unregularised field ``v_gan`` (Lemma 2.2) without
re-deriving it. Its expectation over ε is the instance-noise field of
:mod:`theory.dirac.fields` (quadrature). Trajectories draw fresh noise at
every gradient step from explicit, keyword-only PRNG keys.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import jax
import jax.numpy as jnp
from jax import lax

from theory import _config  # noqa: F401
from verifiers.dynamics import _scan
from verifiers.dynamics.discrete import Field

SampleField = Callable[[jax.Array, dict, jax.Array], jax.Array]


def sampled_noise_field(gan_field: Field) -> SampleField:
    """``v(x, hyper, eps)``: the instance-noise gradient for one noise draw
    ``eps = (ε₁, ε₂)``, with ``hyper["sigma"] = σ``."""

    def v(x, hyper, eps):
        sigma = hyper["sigma"]
        gen = gan_field(x.at[0].add(sigma * eps[0]), hyper)
        data = gan_field(jnp.stack([-sigma * eps[1], x[1]]), hyper)
        return gen.at[1].add(data[1])

    return v


def _draw(key):
    return jax.random.normal(key, (2,), dtype=jnp.float64)


@partial(jax.jit, static_argnames=("sample_field", "n"))
def mean_field(sample_field: SampleField, x, hyper, n: int, *, key):
    """``(mean, standard error)`` of ``n`` draws of ``v(x; ε)`` (Monte Carlo)."""
    eps = jax.random.normal(key, (n, 2), dtype=jnp.float64)
    vs = jax.vmap(lambda e: sample_field(x, hyper, e))(eps)
    return vs.mean(axis=0), vs.std(axis=0, ddof=1) / jnp.sqrt(n)


@partial(jax.jit, static_argnames=("sample_field", "steps"))
def stochastic_simgd(sample_field: SampleField, x0, hyper, h, steps: int, *, key):
    """SimGD with a fresh noise draw per step; shape ``(steps + 1, 2)``."""
    x0 = jnp.asarray(x0, jnp.float64)

    def step(x, k):
        return x + h * sample_field(x, hyper, _draw(k))

    return _scan.run_keyed(step, x0, jax.random.split(key, steps))


@partial(jax.jit, static_argnames=("sample_field", "steps"))
def stochastic_altgd(sample_field: SampleField, x0, hyper, h, steps: int, n_g=1, n_d=1, *,
                     key):
    """AltGD(n_g, n_d, h) with a fresh noise draw per gradient step."""
    x0 = jnp.asarray(x0, jnp.float64)

    def step(x, k):
        def gen(i, y):
            return y.at[0].add(h * sample_field(y, hyper, _draw(jax.random.fold_in(k, i)))[0])

        def disc(i, y):
            e = _draw(jax.random.fold_in(k, n_g + i))
            return y.at[1].add(h * sample_field(y, hyper, e)[1])

        return lax.fori_loop(0, n_d, disc, lax.fori_loop(0, n_g, gen, x))

    return _scan.run_keyed(step, x0, jax.random.split(key, steps))
