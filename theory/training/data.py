"""Data distributions that can be sampled inside a jitted, vmapped training loop.

A data set is a function ``sample(key, n) -> (n, dim)`` registered by name in
:data:`DATASETS` with :func:`register`. :func:`sampler` turns a tuple of names of
one dimension into ``sample(key, n, index)``, the ``index`` being a traced
integer (``lax.switch``), so one compiled program trains on several data sets.

Mescheder et al. 2018, §5 and supplement F (Figure 8) use four 2-D
distributions; the supplement shows them only as pictures, so their exact
sizes are ours:

* ``gaussian``: the standard normal ``N(0, I_2)``;
* ``line``: uniform on the segment ``[-1, 1] × {0}``;
* ``circle``: uniform on the unit circle;
* ``four_lines``: uniform on four parallel segments ``[-1, 1] × {-1.5, -0.5, 0.5, 1.5}``.
"""

from __future__ import annotations

from collections.abc import Callable

import jax
import jax.numpy as jnp

from theory import _config  # noqa: F401

Sampler = Callable[[jax.Array, int], jax.Array]
DATASETS: dict[str, tuple[int, Sampler]] = {}
"""name -> (dimension, sample(key, n))."""


def register(name: str, dim: int) -> Callable[[Sampler], Sampler]:
    """Decorator: register ``sample(key, n)`` as data set ``name`` of dimension ``dim``."""

    def add(fn: Sampler) -> Sampler:
        DATASETS[name] = (dim, fn)
        return fn

    return add


@register("gaussian", 2)
def gaussian(key, n):
    return jax.random.normal(key, (n, 2))


@register("line", 2)
def line(key, n):
    u = jax.random.uniform(key, (n,), minval=-1.0, maxval=1.0)
    return jnp.stack([u, jnp.zeros_like(u)], axis=1)


@register("circle", 2)
def circle(key, n):
    angle = jax.random.uniform(key, (n,), maxval=2 * jnp.pi)
    return jnp.stack([jnp.cos(angle), jnp.sin(angle)], axis=1)


@register("four_lines", 2)
def four_lines(key, n):
    k1, k2 = jax.random.split(key)
    u = jax.random.uniform(k1, (n,), minval=-1.0, maxval=1.0)
    level = jax.random.randint(k2, (n,), 0, 4) - 1.5
    return jnp.stack([u, level], axis=1)


def dimension(names: tuple[str, ...]) -> int:
    """The common dimension of the data sets ``names`` (``ValueError`` if they differ)."""
    dims = {DATASETS[n][0] for n in names}
    if len(dims) != 1:
        raise ValueError(f"data sets {names} have different dimensions {sorted(dims)}")
    return dims.pop()


def sampler(names: tuple[str, ...]) -> Callable[[jax.Array, int, jax.Array], jax.Array]:
    """``sample(key, n, index)``: ``n`` draws from data set ``names[index]``."""
    fns = [DATASETS[n][1] for n in names]
    if len(fns) == 1:
        return lambda key, n, index: fns[0](key, n)
    return lambda key, n, index: jax.lax.switch(index, [lambda k, f=f: f(k, n) for f in fns],
                                                key)
