"""Farnia & Ozdaglar 2020 on small networks: the fixed-discriminator generator descent of §2
(eq. (5)) and §6.1 (eq. (19)), and proximal training (§5, Algorithm 1).

Notation: ``V(θ, ψ)`` is the GAN value the discriminator ascends, i.e. minus the unpenalised
discriminator loss of :mod:`theory.training.objectives`,

    ``V = −a E[softplus(−D(x)) + softplus(D(x̃))] + b E[D(x) − D(x̃)]``,

(``a = 1``: the vanilla GAN value ``E log σ(D(x)) + E log(1 − σ(D(x̃)))``; ``b = 1``: the WGAN
value). The discriminator norm is the Sobolev semi-norm of their eq. (15) on the data,
``‖D‖²_{Ḣ¹} = E_{P_X} ‖∇_x D(X)‖²``, estimated on a data batch:

    ``S(ψ̃, ψ) = (1/n) Σ_i ‖∇_x D_ψ̃(x_i) − ∇_x D_ψ(x_i)‖²``.

* **Fixed-discriminator descent** (:func:`fix_d_descent`). From a trained ``(θ_f, ψ_f)`` keep
  ``ψ_f`` and take ``steps`` optimiser steps on the generator. Plain (``lam = 0``, eq. (5)):
  the step follows ``∇_θ V(θ, ψ_f)``. Proximal (``lam > 0``, eq. (19) with eq. (11)): the step
  follows ``∇_θ V(θ, ψ̃)`` where ``ψ̃`` approximately maximises ``V(θ, ψ̃) − λ S(ψ̃, ψ_f)`` by
  ``inner`` Adam steps started at ``ψ_f`` (the gradient of the proximal objective by their
  Proposition 4, eq. (14)); the discriminator's own penalty and constraint apply to ``ψ̃``.
  Recorded: ``V(θ_m, ψ_f)`` on one fixed evaluation batch and ``θ_m``.
* **Proximal training** (:func:`train`, Algorithm 1). Each iteration runs ``T = spec.max_critic``
  discriminator steps on ``L_D + (λ/2) S(ψ, ψ_k)`` from ``ψ_k`` (the anchor of the iteration),
  then one generator step on ``L_G`` at the new discriminator. ``λ = 0`` is regular training
  with ``T`` critic steps per generator step, so both arms run in one vmapped program.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from theory import _config  # noqa: F401
from theory.training import loop, objectives, optim


def value(spec: loop.Spec, w: objectives.Weights, theta, psi, real, z):
    """``V(θ, ψ)`` of the module docstring on the batch ``(real, z)``."""
    net = loop.nets(spec)
    d_real = net.d(psi, real)[:, 0]
    d_fake = net.d(psi, net.g(theta, z))[:, 0]
    gan = -jnp.mean(jax.nn.softplus(-d_real) + jax.nn.softplus(d_fake))
    return w.gan * gan + w.wgan * jnp.mean(d_real - d_fake)


def sobolev_sq(spec: loop.Spec, psi, anchor, x):
    """``S(ψ, ψ_anchor) = (1/n) Σ ‖∇D_ψ(x_i) − ∇D_anchor(x_i)‖²`` (eq. (15) on a batch)."""
    d = loop.nets(spec).d
    g = objectives.input_gradient(lambda y: d(psi, y), x)
    g0 = objectives.input_gradient(lambda y: d(anchor, y), x)
    return jnp.mean(jnp.sum((g - g0) ** 2, axis=1))


def _prox_d_loss(spec, h, lam, scale):
    """``ψ ↦ L_D(θ, ψ) + scale·λ·S(ψ, anchor)`` on fresh batches (``scale``: ½ in Algorithm 1,
    1 in eq. (11))."""
    loss_d, _ = loop._losses(spec, h)
    sample = loop.sample_data

    def loss(theta, psi, anchor, key):
        kb, kx = jax.random.split(key)
        x = sample(spec, kx, spec.batch, 0)
        return loss_d(theta, psi, kb) + scale * lam * sobolev_sq(spec, psi, anchor, x)

    return loss


def _inner_max(spec, h, lam, opt, theta, anchor, keys, scale):
    """``len(keys)`` optimiser steps on :func:`_prox_d_loss` from ``anchor``; returns ψ̃."""
    loss = _prox_d_loss(spec, h, lam, scale)

    def step(carry, key):
        psi, state = carry
        psi, state = optim.step(opt, lambda p: jax.grad(loss, 1)(theta, p, anchor, key), psi, state)
        return (loop._clipped(psi, h.clip), state), None

    (psi, _), _ = jax.lax.scan(step, (anchor, opt.init(anchor)), keys)
    return psi


def fix_d_run(spec: loop.Spec, h: loop.Hyper, theta0, psi, lam, inner_lr, *, steps: int,
              inner: int, snapshots: int, n_eval: int = 512):
    """One fixed-discriminator descent (``h``, ``lam``, ``inner_lr`` scalars; module docstring;
    ``inner_lr``: the step of the inner maximisation, by ``optim.make("adam")``, Adam with
    β₁ = 0.5, β₂ = 0.999): returns ``(V(θ_m, ψ_f) for m = 0..steps, θ at `snapshots` evenly
    spaced steps incl. the last)``."""
    opt_g = optim.make(spec.optimizer, h.lr_g)
    opt_in = optim.make("adam", inner_lr)
    key = jax.random.fold_in(jax.random.key(2), h.seed)
    k_eval, k_loop = jax.random.split(key)
    kx, kz = jax.random.split(k_eval)
    x_eval = loop.sample_data(spec, kx, n_eval, 0)
    z_eval = jax.random.normal(kz, (n_eval, spec.z_dim))
    v_eval = lambda th: value(spec, h.weights, th, psi, x_eval, z_eval)  # noqa: E731

    def g_grad(theta, key):
        ki, kx, kz = jax.random.split(key, 3)
        psi_t = psi
        if inner:
            psi_t = _inner_max(spec, h, lam, opt_in, theta, psi, jax.random.split(ki, inner), 1.0)
        real = loop.sample_data(spec, kx, spec.batch, 0)
        z = jax.random.normal(kz, (spec.batch, spec.z_dim))
        return jax.grad(value, 2)(spec, h.weights, theta, psi_t, real, z)

    def step(carry, key):
        theta, state = carry
        theta, state = optim.step(opt_g, lambda t: g_grad(t, key), theta, state)
        return (theta, state), v_eval(theta)

    per = steps // snapshots

    def chunk(carry, keys):
        carry, vals = jax.lax.scan(step, carry, keys)
        return carry, (vals, carry[0])

    keys = jax.random.split(k_loop, snapshots * per).reshape(snapshots, per)
    _, (vals, thetas) = jax.lax.scan(chunk, (theta0, opt_g.init(theta0)), keys)
    return jnp.concatenate([v_eval(theta0)[None], vals.reshape(-1)]), thetas


_COMPILED: dict = {}


def fix_d(spec: loop.Spec, h: loop.Hyper, thetas0, psis, lam, inner_lr, *, steps: int,
          inner: int, snapshots: int):
    """:func:`fix_d_run` for every run of ``h`` (leading axis ``n``; ``lam``, ``inner_lr`` of
    shape ``(n,)``),
    one compiled ``vmap``; ``inner = 0`` is the plain descent of eq. (5)."""
    if steps % snapshots:
        raise ValueError(f"steps={steps} must be a multiple of snapshots={snapshots}")
    sig = ("fix_d", spec, steps, inner, snapshots)
    if sig not in _COMPILED:
        run = lambda hh, t, p, la, lr: fix_d_run(  # noqa: E731
            spec, hh, t, p, la, lr, steps=steps, inner=inner, snapshots=snapshots)
        _COMPILED[sig] = jax.jit(jax.vmap(run))
    f64 = lambda v: jnp.asarray(v, jnp.float64)  # noqa: E731
    return _COMPILED[sig](h, thetas0, psis, f64(lam), f64(inner_lr))


def train_run(spec: loop.Spec, h: loop.Hyper, lam):
    """One run of Algorithm 1 (``lam = 0``: regular training); returns the generator at
    ``spec.snapshots`` evenly spaced iterations and the final discriminator."""
    opt_d, opt_g = optim.make(spec.optimizer, h.lr_d), optim.make(spec.optimizer, h.lr_g)
    theta, psi = loop.init(spec, h.seed)
    loss_prox = _prox_d_loss(spec, h, lam, 0.5)
    _, loss_g = loop._losses(spec, h)
    loop_key = jax.random.fold_in(jax.random.key(1), h.seed)

    def iteration(carry, key):
        theta, psi, sd, sg = carry
        keys = jax.random.split(key, spec.max_critic + 1)
        anchor = psi

        def critic(state, k):
            p, s = optim.step(opt_d, lambda q: jax.grad(loss_prox, 1)(theta, q, anchor, k), *state)
            return (loop._clipped(p, h.clip), s), None

        (psi, sd), _ = jax.lax.scan(critic, (psi, sd), keys[:-1])
        theta, sg = optim.step(opt_g, lambda t: jax.grad(loss_g, 0)(t, psi, keys[-1]), theta, sg)
        return theta, psi, sd, sg

    carry = (theta, psi, opt_d.init(psi), opt_g.init(theta))
    return loop.snapshot_scan(iteration, carry, loop_key, spec.iterations, spec.snapshots)


def train(spec: loop.Spec, h: loop.Hyper, lam):
    """Every run of ``h`` with its proximal weight ``lam`` (shape ``(n,)``; 0 = regular
    training) as one compiled ``vmap``: ``(thetas (n, snapshots, …), psi (n, …))``."""
    if spec.iterations % spec.snapshots:
        raise ValueError("iterations must be a multiple of snapshots")
    sig = ("train", spec)
    if sig not in _COMPILED:
        _COMPILED[sig] = jax.jit(jax.vmap(lambda hh, la: train_run(spec, hh, la)))
    return _COMPILED[sig](h, jnp.asarray(lam, jnp.float64))


KINDS = {
    "wgan_wc": dict(weights=objectives.wgan(), optimizer="rmsprop",
                    clip=0.1, spectral=False),
    "wgan_gp": dict(weights=objectives.wgan_gp(0.1), optimizer="adam",
                    clip=float("inf"), spectral=False),
    "sn_gan": dict(weights=objectives.gan(), optimizer="adam", clip=float("inf"),
                   spectral=True),
}
"""The three GANs of their §2 and §6: WGAN with weight clipping (RMSProp, as in §6), WGAN-GP
(gradient-penalty weight 0.1, Gulrajani et al.'s value for 2-D data) and the spectrally
normalised non-saturating GAN (Adam). ``clip`` bounds every critic weight."""
