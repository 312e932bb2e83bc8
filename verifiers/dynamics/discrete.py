"""Discrete training dynamics: simultaneous and alternating gradient descent
(Mescheder et al. 2018, §2.3 and Appendix A).

Given a gradient vector field ``v(x, hyper)`` (``x = (θ, ψ)``, or
``(θ, ψ1, ψ2)`` for the energy solution of Section E; the generator is
coordinate 0, the discriminator the rest):

* SimGD (Lemma 2.4): ``x_{k+1} = F_h(x_k) = x_k + h v(x_k)``;
* AltGD(n_g, n_d, h) (Lemma 2.5): ``F_h = F_{2,h}^{n_d} ∘ F_{1,h}^{n_g}``, first
  ``n_g`` generator steps ``θ ← θ + h v_1(θ, ψ)``, then ``n_d`` discriminator
  steps ``ψ ← ψ + h v_2(θ, ψ)``, each using the updated θ;
* WGAN clipping (Lemma 3.1): after every discriminator step ``ψ ← clip(ψ, −c, c)``
  (``clip=c``; the default ``inf`` means no clipping).

Trajectories are pure ``lax.scan`` loops, jitted with the field static; the
``*_batch`` versions ``vmap`` over initial points, hyperparameters and h.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial

import jax
import jax.numpy as jnp
from jax import lax

from theory import _config  # noqa: F401
from verifiers.dynamics import _scan

Field = Callable[[jax.Array, Mapping], jax.Array]


def _clip_disc(x, clip):
    return x.at[1:].set(jnp.clip(x[1:], -clip, clip))


def simgd_step(field: Field, x, hyper, h, clip=jnp.inf):
    """One SimGD step ``x + h v(x)``, the discriminator clipped to ``[−clip, clip]``."""
    return _clip_disc(x + h * field(x, hyper), clip)


def altgd_step(field: Field, x, hyper, h, n_g=1, n_d=1, clip=jnp.inf):
    """One AltGD step: ``n_g`` generator steps, then ``n_d`` clipped discriminator steps."""

    def gen(_, y):
        return y.at[0].add(h * field(y, hyper)[0])

    def disc(_, y):
        return _clip_disc(y.at[1:].add(h * field(y, hyper)[1:]), clip)

    return lax.fori_loop(0, n_d, disc, lax.fori_loop(0, n_g, gen, x))


@partial(jax.jit, static_argnames=("field", "steps", "every"))
def simgd(field: Field, x0, hyper, h, steps: int, every: int = 1, clip=jnp.inf):
    """SimGD iterates ``x_0, x_every, ..., x_steps``: shape ``(steps//every + 1, d)``."""
    x0 = jnp.asarray(x0, jnp.float64)
    return _scan.run(lambda x: simgd_step(field, x, hyper, h, clip), x0, steps, every)


@partial(jax.jit, static_argnames=("field", "steps", "every"))
def altgd(field: Field, x0, hyper, h, steps: int, n_g=1, n_d=1, every: int = 1,
          clip=jnp.inf):
    """AltGD(n_g, n_d, h) iterates, one AltGD step = n_g + n_d gradient steps."""
    x0 = jnp.asarray(x0, jnp.float64)
    return _scan.run(lambda x: altgd_step(field, x, hyper, h, n_g, n_d, clip), x0, steps, every)


def _broadcast(n, tree):
    return jax.tree_util.tree_map(lambda a: jnp.broadcast_to(jnp.asarray(a, jnp.float64), (n,)),
                                  tree)


@partial(jax.jit, static_argnames=("field", "steps", "every"))
def _simgd_batch(field, x0s, hypers, h, clip, steps, every):
    one = lambda x0, hy, hh, c: simgd(field, x0, hy, hh, steps, every, c)  # noqa: E731
    return jax.vmap(one)(x0s, hypers, h, clip)


@partial(jax.jit, static_argnames=("field", "steps", "every"))
def _altgd_batch(field, x0s, hypers, h, n_g, n_d, clip, steps, every):
    one = lambda x0, hy, hh, a, b, c: altgd(field, x0, hy, hh, steps, a, b, every, c)  # noqa: E731
    return jax.vmap(one)(x0s, hypers, h, n_g, n_d, clip)


def simgd_batch(field: Field, x0s, hypers, h, steps: int, every: int = 1, clip=jnp.inf):
    """SimGD for a batch: ``x0s`` of shape ``(n, d)``; every leaf of ``hypers``,
    ``h`` and ``clip`` a scalar or shape ``(n,)``. Returns ``(n, steps//every + 1, d)``."""
    x0s = jnp.asarray(x0s, jnp.float64)
    n = x0s.shape[0]
    return _simgd_batch(field, x0s, _broadcast(n, dict(hypers)), *_broadcast(n, (h, clip)),
                        steps, every)


def altgd_batch(field: Field, x0s, hypers, h, steps: int, n_g=1, n_d=1, every: int = 1,
                clip=jnp.inf):
    """AltGD for a batch (as :func:`simgd_batch`; ``n_g``, ``n_d`` scalars or ``(n,)``)."""
    x0s = jnp.asarray(x0s, jnp.float64)
    n = x0s.shape[0]
    counts = tuple(jnp.broadcast_to(jnp.asarray(c, jnp.int32), (n,)) for c in (n_g, n_d))
    h, clip = _broadcast(n, (h, clip))
    return _altgd_batch(field, x0s, _broadcast(n, dict(hypers)), h, *counts, clip, steps, every)
