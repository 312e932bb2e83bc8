"""The 2-D data sets of the synthetic GAN experiments (Gulrajani et al. 2017's toy tasks, used by
Hsieh, Liu & Cevher 2019, §5.1, and here for the 2-D runs of Farnia & Ozdaglar 2020, §2/§6).

* ``8gaussians``: an equal mixture of 8 Gaussians, centres ``2(cos kπ/4, sin kπ/4)/√2``
  (radius √2), standard deviation ``0.02/√2`` per coordinate;
* ``25gaussians``: an equal mixture of 25 Gaussians on the grid ``{−4, −2, 0, 2, 4}²/(2√2)``,
  standard deviation ``0.05/(2√2)``;
* ``swissroll``: ``t ~ U[3π/2, 9π/2]``, ``(t cos t, t sin t) + N(0, 0.25² I)``, divided by 7.5.

Each set is a :class:`Toy`: its sampler ``sample(key, n) -> (n, 2)`` is a pure JAX function
(usable under ``jit``/``vmap``); a mixture also carries its ``centres`` and ``sd`` so that
:mod:`theory.metrics.modes` can score mode coverage.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache

import jax
import jax.numpy as jnp
import numpy as np

from theory import _config  # noqa: F401
from theory.training import data as training_data


@dataclass(frozen=True)
class Toy:
    """A 2-D data set: ``name``, mixture ``centres`` (``(K, 2)``, empty for the Swiss roll) and
    per-coordinate ``sd`` of each component. Hashable (a static argument under ``jit``)."""

    name: str
    centres: tuple[tuple[float, float], ...] = field(default=())
    sd: float = 0.0

    @property
    def is_mixture(self) -> bool:
        return len(self.centres) > 0

    def centre_array(self) -> np.ndarray:
        return np.asarray(self.centres, dtype=float).reshape(-1, 2)

    def sample(self, key, n: int):
        """``n`` i.i.d. draws, shape ``(n, 2)``."""
        if not self.is_mixture:
            return _swiss_roll(key, n)
        kc, kx = jax.random.split(key)
        idx = jax.random.randint(kc, (n,), 0, len(self.centres))
        return jnp.asarray(self.centre_array())[idx] + self.sd * jax.random.normal(kx, (n, 2))


def _swiss_roll(key, n: int):
    kt, kx = jax.random.split(key)
    t = 1.5 * jnp.pi * (1.0 + 2.0 * jax.random.uniform(kt, (n,)))
    xy = jnp.stack([t * jnp.cos(t), t * jnp.sin(t)], axis=1)
    return (xy + 0.25 * jax.random.normal(kx, (n, 2))) / 7.5


def _ring8() -> Toy:
    r = 2.0 / math.sqrt(2.0)
    c = tuple((r * math.cos(k * math.pi / 4), r * math.sin(k * math.pi / 4)) for k in range(8))
    return Toy("8gaussians", c, 0.02 / math.sqrt(2.0))


def _grid25() -> Toy:
    s = 2.0 * math.sqrt(2.0)
    c = tuple((i / s, j / s) for i in (-4, -2, 0, 2, 4) for j in (-4, -2, 0, 2, 4))
    return Toy("25gaussians", c, 0.05 / s)


NAMES = ("8gaussians", "25gaussians", "swissroll")


@cache
def toy(name: str) -> Toy:
    """The data set called ``name`` (one of :data:`NAMES`)."""
    makers = {"8gaussians": _ring8, "25gaussians": _grid25, "swissroll": lambda: Toy("swissroll")}
    if name not in makers:
        raise ValueError(f"unknown data set {name!r}; choose from {NAMES}")
    return makers[name]()


def _register_all() -> None:
    """Make the sets samplable by name in the training loop (:mod:`theory.training.data`)."""
    for name in NAMES:
        if name not in training_data.DATASETS:
            training_data.register(name, 2)(toy(name).sample)


_register_all()
