"""Mirror-GAN and Mirror-Prox-GAN (:mod:`theory.mirror_gan.algorithms`) on the networks, data
and losses of the training core (:mod:`theory.training.loop`), vmapped over runs like
:func:`theory.training.loop.train`.

A run starts from the same ``(θ_0, ψ_0)`` as the training core's run with that seed at that
position of the batch; the generator minimises ``L_G`` and the critic ``L_D`` of
:mod:`theory.training.objectives` (weights, clipping, data set from the
:class:`~theory.training.loop.Hyper`); the SGLD step ``γ`` is the run's ``lr_d`` (data, like
the baselines' learning rate), so a step-size sweep and both methods (the ``prox`` flag) share
one compiled program. ``spec.iterations`` is the number of mini-batches per player and the
generator is recorded at ``spec.snapshots`` evenly spaced points, the last at the end.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from theory import _config  # noqa: F401
from theory.mirror_gan import algorithms
from theory.training import loop


def game(spec: loop.Spec, h: loop.Hyper) -> algorithms.Game:
    """The training core's losses and clipping as an :class:`algorithms.Game`."""
    loss_d, loss_g = loop._losses(spec, h)
    return algorithms.Game(loss_g, loss_d, lambda psi: loop._clipped(psi, h.clip))


def run(spec: loop.Spec, hp: algorithms.Hyper, h: loop.Hyper, prox):
    """One run (``h``'s fields and ``prox`` scalars): ``(generator snapshots, final critic)``;
    Algorithm 6 where ``prox`` is true, else Algorithm 3; ``hp.gamma`` is replaced by
    ``h.lr_d``."""
    theta, psi = loop.init(spec, h.seed)
    key = jax.random.fold_in(jax.random.key(1), h.seed)
    every = spec.iterations // spec.snapshots
    (_, psi), thetas = algorithms.run(
        "mirror", game(spec, h), hp._replace(gamma=h.lr_d), theta, psi, key,
        batches=spec.iterations, record_every=every, prox=prox)
    return thetas, psi


_COMPILED: dict = {}


def train(method: str, spec: loop.Spec, hp: algorithms.Hyper, h: loop.Hyper):
    """Every run of ``h`` (fields of shape ``(n,)``) with ``method`` (``"mirror"`` or
    ``"mirror_prox"``) as one compiled ``vmap`` (one program for both methods): returns
    ``(thetas, psi)`` with leading axes ``(n, snapshots)`` and ``(n,)``."""
    sig = (spec, hp._replace(gamma=0.0))
    if sig not in _COMPILED:
        _COMPILED[sig] = jax.jit(jax.vmap(lambda hh, prox: run(spec, hp, hh, prox)))
    prox = jnp.full(h.seed.shape, algorithms.METHODS[method])
    return _COMPILED[sig](h, prox)
