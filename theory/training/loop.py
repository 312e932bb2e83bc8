"""The training loop: one GAN run as a pure function of (hyper-parameters, seed),
vmapped over a whole grid and compiled once.

:class:`Spec` holds what changes the program's structure (networks, optimiser,
iterations, batch size, data sets); :class:`Hyper` holds what is data (learning
rates, loss weights, clipping bound, critic steps, data-set index, seed), one
entry per run. :func:`train` runs every row of a :class:`Hyper` whose fields
are arrays of one length as one ``jit(vmap(scan))`` program and returns the
generator at ``spec.snapshots`` evenly spaced iterations and the final
discriminator. Same ``Spec`` and same ``Hyper`` arrays give the same bits (on one
backend); with the default ``rbg`` generator a run's draws also depend on its
position in the batch (see ``Spec.prng``).

One iteration (alternating updates, as in Mescheder 2018's experiments):
``n_critic`` discriminator steps on fresh batches (``max_critic`` are traced,
those beyond ``n_critic`` masked), then one generator step. With
``spec.extragradient`` both players instead take one simultaneous
extra-gradient step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np
import optax
from jax.flatten_util import ravel_pytree

from theory import _config  # noqa: F401
from theory.training import data, models, objectives, optim


@dataclass(frozen=True)
class Spec:
    """The static part of a run (hashable: one compiled program per spec)."""

    datasets: tuple[str, ...] = ("gaussian",)
    z_dim: int = 2
    hidden_g: int = 16
    hidden_d: int = 16
    layers: int = 4
    activation: str = "leaky_relu"
    spectral: bool = False
    optimizer: str = "rmsprop"
    extragradient: bool = False
    batch: int = 64
    iterations: int = 1000
    max_critic: int = 1
    snapshots: int = 1
    prng: str = "rbg"
    """JAX PRNG implementation. ``"rbg"`` compiles and runs fastest on a CPU, but under
    ``vmap`` a run's draws depend on its position in the batch (same seed, other
    position: other initial weights); ``"threefry2x32"`` makes each run a function of
    its seed alone."""
    extra: tuple = field(default=())
    """Free-form hashable options for experiments that extend the loop."""

    @property
    def dim(self) -> int:
        return data.dimension(self.datasets)


class Hyper(NamedTuple):
    """Per-run hyper-parameters (arrays of one shape, one entry per run)."""

    seed: jax.Array
    lr_d: jax.Array
    lr_g: jax.Array
    weights: objectives.Weights
    clip: jax.Array
    n_critic: jax.Array
    data: jax.Array


def hyper(n: int, seed=0, lr_d=1e-4, lr_g=None, weights=None, clip=np.inf, n_critic=1,
          data=0) -> Hyper:
    """A :class:`Hyper` of ``n`` runs, every field broadcast to shape ``(n,)``."""
    full = lambda v, dtype=jnp.float64: jnp.broadcast_to(jnp.asarray(v, dtype), (n,))  # noqa: E731
    w = weights or objectives.Weights()
    return Hyper(seed=full(seed, jnp.uint32), lr_d=full(lr_d),
                 lr_g=full(lr_d if lr_g is None else lr_g),
                 weights=objectives.Weights(*(full(v) for v in w)), clip=full(clip),
                 n_critic=full(n_critic, jnp.int32), data=full(data, jnp.int32))


def stack(runs: list[Hyper]) -> Hyper:
    """Concatenate several :class:`Hyper` along the run axis."""
    return jax.tree.map(lambda *xs: jnp.concatenate(xs), *runs)


class Nets(NamedTuple):
    """The two networks of a spec as functions of (flat parameter vector, input)."""

    g: object
    d: object


def _layers(spec: Spec):
    """The layer lists of a zero generator and discriminator (shapes only)."""
    key = jax.random.key(0)
    return (models.init(key, models.sizes(spec.z_dim, spec.hidden_g, spec.dim, spec.layers)),
            models.init(key, models.sizes(spec.dim, spec.hidden_d, 1, spec.layers)))


def unflatten(spec: Spec, theta: jax.Array | None = None, psi: jax.Array | None = None):
    """The layer lists ``[(W, b), …]`` of flat generator/discriminator vectors."""
    g0, d0 = _layers(spec)
    out = (None if theta is None else ravel_pytree(g0)[1](theta),
           None if psi is None else ravel_pytree(d0)[1](psi))
    return out


def nets(spec: Spec) -> Nets:
    def g(theta, z):
        return models.apply(unflatten(spec, theta=theta)[0], z, spec.activation)

    def d(psi, x):
        return models.apply(unflatten(spec, psi=psi)[1], x, spec.activation,
                            spectral=spec.spectral)

    return Nets(g, d)


def init(spec: Spec, seed: jax.Array):
    """Initial flat ``(θ, ψ)`` of the run with ``seed`` (Glorot-uniform layers, see
    :func:`theory.training.models.init`)."""
    kg, kd = jax.random.split(jax.random.fold_in(jax.random.key(0, impl=spec.prng), seed))
    theta = models.init(kg, models.sizes(spec.z_dim, spec.hidden_g, spec.dim, spec.layers))
    psi = models.init(kd, models.sizes(spec.dim, spec.hidden_d, 1, spec.layers))
    return ravel_pytree(theta)[0], ravel_pytree(psi)[0]


def _clipped(psi, clip):
    return jnp.clip(psi, -clip, clip)


def _losses(spec: Spec, h: Hyper):
    """``L_D(θ, ψ, key)`` and ``L_G(θ, ψ, key)`` on fresh batches drawn from ``key``."""
    net, sample = nets(spec), data.sampler(spec.datasets)

    def batch(theta, key):
        kx, kz, kl = jax.random.split(key, 3)
        real = sample(kx, spec.batch, h.data)
        fake = net.g(theta, jax.random.normal(kz, (spec.batch, spec.z_dim)))
        return real, fake, kl

    def loss_d(theta, psi, key):
        real, fake, kl = batch(theta, key)
        return objectives.discriminator_loss(lambda x: net.d(psi, x), real, fake, h.weights, kl)

    def loss_g(theta, psi, key):
        _, fake, kl = batch(theta, key)
        return objectives.generator_loss(lambda x: net.d(psi, x), fake, h.weights, kl)

    return loss_d, loss_g


def _alternating(spec, h, opt_d, opt_g):
    loss_d, loss_g = _losses(spec, h)

    def critic(carry, i_key):
        theta, psi, sd = carry
        i, key = i_key
        new_psi, new_sd = optim.step(opt_d, lambda p: jax.grad(loss_d, 1)(theta, p, key), psi, sd)
        live = i < h.n_critic
        psi, sd = jax.tree.map(lambda a, b: jnp.where(live, a, b),
                               (_clipped(new_psi, h.clip), new_sd), (psi, sd))
        return (theta, psi, sd), None

    def iteration(carry, key):
        theta, psi, sd, sg = carry
        keys = jax.random.split(key, spec.max_critic + 1)
        (_, psi, sd), _ = jax.lax.scan(critic, (theta, psi, sd),
                                       (jnp.arange(spec.max_critic), keys[:-1]))
        theta, sg = optim.step(opt_g, lambda t: jax.grad(loss_g, 0)(t, psi, keys[-1]),
                               theta, sg)
        return theta, psi, sd, sg

    return iteration


def _extragradient(spec, h, opt_d, opt_g):
    loss_d, loss_g = _losses(spec, h)

    def field(theta, psi, key):
        return jax.grad(loss_g, 0)(theta, psi, key), jax.grad(loss_d, 1)(theta, psi, key)

    def iteration(carry, key):
        theta, psi, sd, sg = carry
        k1, k2 = jax.random.split(key)
        gt, gp = field(theta, psi, k1)
        ut, sg = opt_g.update(gt, sg, theta)
        up, sd = opt_d.update(gp, sd, psi)
        half_t = optax.apply_updates(theta, ut)
        half_p = _clipped(optax.apply_updates(psi, up), h.clip)
        gt, gp = field(half_t, half_p, k2)
        ut, sg = opt_g.update(gt, sg, theta)
        up, sd = opt_d.update(gp, sd, psi)
        return (optax.apply_updates(theta, ut), _clipped(optax.apply_updates(psi, up), h.clip),
                sd, sg)

    return iteration


def run(spec: Spec, h: Hyper):
    """One run (``h``'s fields scalars): the flat generator parameters at
    ``spec.snapshots`` evenly spaced iterations (the last at the end; shape
    ``(snapshots, P_G)``) and the final flat discriminator parameters (``(P_D,)``);
    :func:`unflatten` gives the layers."""
    opt_d, opt_g = optim.make(spec.optimizer, h.lr_d), optim.make(spec.optimizer, h.lr_g)
    theta, psi = init(spec, h.seed)
    step = (_extragradient if spec.extragradient else _alternating)(spec, h, opt_d, opt_g)
    loop_key = jax.random.fold_in(jax.random.key(1, impl=spec.prng), h.seed)
    carry = (theta, psi, opt_d.init(psi), opt_g.init(theta))
    return snapshot_scan(step, carry, loop_key, spec.iterations, spec.snapshots)


def snapshot_scan(step, carry, loop_key, iterations: int, snapshots: int):
    """Run ``carry = step(carry, key_i)`` for ``i < iterations`` (``key_i`` folded from
    ``loop_key``) as ``snapshots`` scanned chunks; ``carry = (theta, psi, …)``. Returns the
    generator parameters after each chunk and the final discriminator parameters."""
    per = iterations // snapshots

    def chunk(carry, c):
        keys = jax.vmap(lambda i: jax.random.fold_in(loop_key, i))(c * per + jnp.arange(per))
        carry = jax.lax.scan(lambda s, k: (step(s, k), None), carry, keys)[0]
        return carry, carry[0]

    carry, thetas = jax.lax.scan(chunk, carry, jnp.arange(snapshots))
    return thetas, carry[1]


_COMPILED: dict = {}


def train(spec: Spec, h: Hyper):
    """Every run of ``h`` (fields of shape ``(n,)``) as one compiled ``vmap``:
    returns flat ``(thetas, psi)`` of shapes ``(n, snapshots, P_G)`` and ``(n, P_D)``."""
    if spec.iterations % spec.snapshots:
        raise ValueError(f"iterations={spec.iterations} must be a multiple of "
                         f"snapshots={spec.snapshots}")
    if spec not in _COMPILED:
        _COMPILED[spec] = jax.jit(jax.vmap(lambda hh: run(spec, hh)))
    return _COMPILED[spec](h)


def generate(spec: Spec, theta, key: jax.Array, n: int) -> jax.Array:
    """``n`` generator samples ``G_θ(z)``, ``z ~ N(0, I)``, for one parameter set."""
    return nets(spec).g(theta, jax.random.normal(key, (n, spec.z_dim)))


def discriminator(spec: Spec, psi, x: jax.Array) -> jax.Array:
    """``D_ψ(x)`` for the rows of ``x`` (shape ``(n,)``)."""
    return nets(spec).d(psi, x)[:, 0]


def discriminator_gradient_norm(spec: Spec, psi, x: jax.Array) -> jax.Array:
    """``‖∇_x D_ψ(x)‖`` for the rows of ``x``."""
    g = objectives.input_gradient(lambda y: nets(spec).d(psi, y), x)
    return jnp.sqrt(jnp.sum(g**2, axis=1))


def sample_data(spec: Spec, key: jax.Array, n: int, index: int = 0) -> jax.Array:
    """``n`` draws from data set ``spec.datasets[index]``."""
    return data.DATASETS[spec.datasets[index]][1](key, n)
