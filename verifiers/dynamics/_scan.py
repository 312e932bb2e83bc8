"""The one scan loop every trajectory uses: ``steps`` applications of a step
map, recording every ``every``-th state (``lax.scan`` over blocks, a
``fori_loop`` inside a block), the initial state first."""

from __future__ import annotations

from collections.abc import Callable

import jax.numpy as jnp
from jax import lax


def blocks(steps: int, every: int) -> int:
    """Number of recorded blocks; ``ValueError`` unless ``every`` divides ``steps``."""
    if not (isinstance(steps, int) and steps >= 1):
        raise ValueError(f"steps={steps!r} is outside the admissible range: an integer >= 1")
    if not (isinstance(every, int) and every >= 1 and steps % every == 0):
        raise ValueError(f"every={every!r} is outside the admissible range: "
                         f"a positive integer dividing steps={steps}")
    return steps // every


def run(step: Callable, x0, steps: int, every: int):
    """States ``x_0, x_every, x_2every, ..., x_steps`` of ``x_{k+1} = step(x_k)``,
    shape ``(steps // every + 1,) + x0.shape``."""

    def block(x, _):
        x = lax.fori_loop(0, every, lambda _, y: step(y), x)
        return x, x

    _, xs = lax.scan(block, x0, None, length=blocks(steps, every))
    return jnp.concatenate([x0[None], xs])


def run_keyed(step: Callable, x0, keys):
    """States of ``x_{k+1} = step(x_k, key_k)``, one step per key, initial state first."""

    def one(x, key):
        x = step(x, key)
        return x, x

    _, xs = lax.scan(one, x0, keys)
    return jnp.concatenate([x0[None], xs])
