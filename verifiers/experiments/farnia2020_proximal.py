"""Farnia & Ozdaglar 2020, §6.2 (their Table 1 at laptop scale): proximal training
(Algorithm 1, Sobolev proximal term with weight λ, ``T`` discriminator steps per generator
step) against regular training (the same loop with λ = 0) for WGAN-WC and SN-GAN.

Both arms of a setting run in one vmapped program from the same initialisation and the same
mini-batch keys per seed, so a seed is a matched pair. Score per seed: W1 of the final
generator to the data on the 2-D set (lower is better), the digits classifier score on digits
(higher is better) — computed the same way for both arms.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import jax.numpy as jnp
import numpy as np

from theory.training import loop, proximal
from verifiers.experiments.farnia2020_common import (
    Config,
    is_images,
    quality,
    quality_name,
    take,
)

N_SEEDS = 4
"""Seeds of a run (one batched program; a seed is a matched pair across arms)."""


@dataclass(frozen=True)
class Protocol:
    """A GAN setting trained regularly and proximally (weight ``lam``)."""

    config: Config
    lam: float = 0.1


QUICK = (Protocol(Config(data="8gaussians", kind="sn_gan", iterations=600, critic_steps=2)),)
FULL = tuple(
    Protocol(Config(data=d, kind=k, hidden=32 if d != "digits" else 64,
                    z_dim=2 if d != "digits" else 16, iterations=4000, critic_steps=5,
                    lr=1e-3 if d != "digits" else 2e-4))
    for d in ("8gaussians", "digits") for k in ("wgan_wc", "sn_gan")
)


def run_protocol(p: Protocol, seeds) -> dict:
    cfg, n = p.config, len(seeds)
    spec = cfg.spec()
    h = loop.stack([cfg.hyper(seeds), cfg.hyper(seeds)])
    lam = jnp.concatenate([jnp.zeros(n), jnp.full(n, p.lam)])
    thetas, _ = proximal.train(spec, h, lam)
    scores = np.array([quality(cfg, spec, take(thetas, r, -1), seeds[r % n]) for r in range(2 * n)])
    return {"setting": cfg.label(), "config": cfg.__dict__, "lam": p.lam,
            "metric": quality_name(cfg), "higher_is_better": is_images(cfg),
            "seeds": list(map(int, seeds)),
            "regular": scores[:n].tolist(), "proximal": scores[n:].tolist()}


def run(quick: bool = True, seeds=tuple(range(N_SEEDS))) -> dict:
    protocols = QUICK if quick else FULL
    return {"experiment": "farnia2020_proximal", "quick": quick,
            "runs": [run_protocol(p, list(seeds)) for p in protocols]}


@cache
def results(quick: bool = True, seed: int = 0, n_seeds: int = N_SEEDS) -> dict:
    """:func:`run` on seeds ``seed, …, seed + n_seeds − 1``, computed once per process."""
    return run(quick, tuple(range(seed, seed + n_seeds)))
