"""Mirror-GAN and Mirror-Prox-GAN (:mod:`theory.mirror_gan.algorithms`) on the networks, data
and losses of the training core (:mod:`theory.training.loop`), vmapped over seeds like
:func:`theory.training.loop.train`.

A run starts from the same ``(θ_0, ψ_0)`` as the training core's run with that seed; the
generator minimises ``L_G`` and the critic ``L_D`` of :mod:`theory.training.objectives`
(weights, clipping from the :class:`~theory.training.loop.Hyper`); ``spec.iterations`` is the
number of mini-batches per player and the generator is recorded at ``spec.snapshots`` evenly
spaced points, the last at the end.
"""

from __future__ import annotations

import jax

from theory import _config  # noqa: F401
from theory.mirror_gan import algorithms
from theory.training import loop


def game(spec: loop.Spec, h: loop.Hyper) -> algorithms.Game:
    """The training core's losses and clipping as an :class:`algorithms.Game`."""
    loss_d, loss_g = loop._losses(spec, h)
    return algorithms.Game(loss_g, loss_d, lambda psi: loop._clipped(psi, h.clip))


def run(method: str, spec: loop.Spec, hp: algorithms.Hyper, h: loop.Hyper):
    """One run (``h``'s fields scalars): ``(generator snapshots, final critic)``."""
    theta, psi = loop.init(spec, h.seed)
    key = jax.random.fold_in(jax.random.key(1), h.seed)
    every = spec.iterations // spec.snapshots
    (_, psi), thetas = algorithms.run(
        method, game(spec, h), hp, theta, psi, key, batches=spec.iterations, record_every=every)
    return thetas, psi


_COMPILED: dict = {}


def train(method: str, spec: loop.Spec, hp: algorithms.Hyper, h: loop.Hyper):
    """Every run of ``h`` (fields of shape ``(n,)``) as one compiled ``vmap``: returns
    ``(thetas, psi)`` with leading axes ``(n, snapshots)`` and ``(n,)``."""
    sig = (method, spec, hp)
    if sig not in _COMPILED:
        _COMPILED[sig] = jax.jit(jax.vmap(lambda hh: run(method, spec, hp, hh)))
    return _COMPILED[sig](h)
