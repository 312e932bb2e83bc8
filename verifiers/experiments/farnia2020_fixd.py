"""Farnia & Ozdaglar 2020, §2 and §6.1: fix the trained discriminator and keep optimising the
generator, plainly (eq. (5)) and on the proximal objective (eq. (19), λ = 0.1, Sobolev norm
(15)).

Protocol per seed: train the GAN (:class:`Config`), keep ``ψ_f``, then run ``steps`` generator
steps from ``θ_f`` with the GAN's own optimiser, once on ``V(θ, ψ_f)`` and once on the proximal
objective (gradient ``∇_θ V(θ, ψ̃)``, ``ψ̃`` from ``inner`` Adam steps on ``V − λ S(·, ψ_f)``).
Recorded: ``V(θ_m, ψ_f)`` on one evaluation batch at every step, the sample quality (W1 to the
data or the digits classifier score) at ``snapshots`` points. Per seed the result is the change
of ``V`` and of the quality from ``θ_f`` to the last step, for each arm.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import jax
import jax.numpy as jnp
import numpy as np

from theory.training import loop, proximal
from verifiers.experiments.farnia2020_common import Config, quality, quality_name, take

N_SEEDS = 4
"""Seeds of a run (one batched program; a seed is a matched pair across arms)."""


@dataclass(frozen=True)
class Protocol:
    """The GAN setting and the descent: ``steps`` generator steps recorded at ``snapshots``
    points; ``inner`` Adam steps of size ``inner_lr`` for the proximal maximisation with
    weight ``lam``."""

    config: Config
    steps: int = 200
    snapshots: int = 4
    inner: int = 10
    inner_lr: float = 1e-2
    lam: float = 0.1


QUICK = (Protocol(Config(data="8gaussians", kind="wgan_gp", iterations=1000), steps=200),)
FULL = tuple(
    Protocol(Config(data=d, kind=k, hidden=32 if d != "digits" else 64,
                    z_dim=2 if d != "digits" else 16, iterations=4000, lr=1e-3 if d != "digits"
                    else 2e-4), steps=1000, snapshots=10, inner=20)
    for d in ("8gaussians", "digits") for k in ("wgan_wc", "wgan_gp", "sn_gan")
)
"""Full: the three GANs on 8 Gaussians and on digits, 4000 training iterations, 1000 descent
steps, 20 inner steps (the paper: 200,000 iterations, 10,000 descent steps, 50 inner steps)."""


def run_protocol(p: Protocol, seeds) -> dict:
    """Train, then both descents; per-seed curves and changes (module docstring)."""
    cfg = p.config
    spec = cfg.spec()
    h = cfg.hyper(seeds)
    thetas, psis = proximal_train(spec, h)
    theta_f = take(thetas, slice(None), -1)
    n = len(seeds)
    arms = {}
    for arm, inner in (("plain", 0), ("proximal", p.inner)):
        vals, snaps = proximal.fix_d(spec, h, theta_f, psis, jnp.full(n, p.lam),
                                     jnp.full(n, p.inner_lr), steps=p.steps, inner=inner,
                                     snapshots=p.snapshots)
        vals = np.asarray(vals)
        q = np.array([[quality(cfg, spec, take(theta_f, s), seeds[s])]
                      + [quality(cfg, spec, take(snaps, s, i), seeds[s])
                         for i in range(p.snapshots)] for s in range(n)])
        arms[arm] = {"V": vals.tolist(), "quality": q.tolist(),
                     "samples_seed0": [_samples(spec, take(theta_f, 0)),
                                       _samples(spec, take(snaps, 0, p.snapshots - 1))],
                     "dV": (vals[:, -1] - vals[:, 0]).tolist(),
                     "dQ": (q[:, -1] - q[:, 0]).tolist()}
    return {"setting": cfg.label(), "config": cfg.__dict__, "steps": p.steps, "inner": p.inner,
            "inner_lr": p.inner_lr, "lam": p.lam,
            "snapshot_steps": [p.steps // p.snapshots * (i + 1) for i in range(p.snapshots)],
            "quality_metric": quality_name(cfg), "seeds": list(map(int, seeds)), "arms": arms}


def _samples(spec, theta, n: int = 16 * 16):
    """``n`` generator samples (fixed latent draws) rounded for the results file."""
    return np.asarray(loop.generate(spec, theta, jax.random.key(5), n)).round(4).tolist()


def proximal_train(spec, h):
    """Regular training (λ = 0) of every seed in ``h``: ``(θ snapshots, ψ_final)``."""
    return proximal.train(spec, h, jnp.zeros(h.seed.shape[0]))


def run(quick: bool = True, seeds=tuple(range(N_SEEDS))) -> dict:
    """Every protocol of the quick or the full experiment."""
    protocols = QUICK if quick else FULL
    return {"experiment": "farnia2020_fixd", "quick": quick,
            "runs": [run_protocol(p, list(seeds)) for p in protocols]}



@cache
def results(quick: bool = True, seed: int = 0, n_seeds: int = N_SEEDS) -> dict:
    """:func:`run` on seeds ``seed, …, seed + n_seeds − 1``, computed once per process."""
    return run(quick, tuple(range(seed, seed + n_seeds)))
