"""Farnia & Ozdaglar 2020, §6.2 (their Table 1 at laptop scale): proximal training
(Algorithm 1, Sobolev proximal term with weight λ, ``T`` discriminator steps per generator
step) against regular training (the same loop with λ = 0) for WGAN-WC and SN-GAN.

Both arms of a setting are two calls of one compiled program on the same batch of seeds (λ
is data), so each seed starts from the same weights and sees the same mini-batches in both
arms: a matched pair. (One call with both arms stacked would not pair them: the training
core's ``rbg`` generator draws differently for a row in a different batch.) Score per seed:
W1 of the final generator to the data on the 2-D set (lower is better), the digits classifier
score on digits (higher is better), computed the same way for both arms.

Quick grid (WGAN-WC, 8 Gaussians, T = 3, six seeds; ``figures/data/farnia2020_proximal.json``):
mean W1 0.572 (regular) against 0.569 (proximal); proximal is better on 3 of 6 seeds, worse
on 3 (Wilcoxon p = 0.66): ``inconclusive``: no effect of proximal training at this scale.
"""

from __future__ import annotations

from dataclasses import dataclass

import jax.numpy as jnp

from theory.training import proximal
from verifiers.claims.farnia2020 import experiments as claims
from verifiers.experiments import Experiment
from verifiers.experiments.farnia2020_common import (
    Config,
    is_images,
    quality,
    quality_name,
    take,
)

NAME = "farnia2020_proximal"
N_SEEDS = {"tiny": 2, "quick": 6, "full": 8}
"""Seeds of a run (both arms of a seed in one batched program: a matched pair)."""
FULL_TIME = ("not run yet (4 settings x 2 arms x 8 seeds, 4000 iterations, 5 critic steps). "
             "Quick grid: 38 s CPU, 38 s wall on the 2-core machine at load ~3 "
             "(2026-11-30)")


@dataclass(frozen=True)
class Protocol:
    """A GAN setting trained regularly and proximally (weight ``lam``)."""

    config: Config
    lam: float = 0.1


SIZES = {
    "tiny": (Protocol(Config(data="8gaussians", kind="wgan_wc", hidden=8, layers=2,
                             iterations=50, critic_steps=2)),),
    "quick": (Protocol(Config(data="8gaussians", kind="wgan_wc", iterations=600,
                              critic_steps=3)),),
    "full": tuple(
        Protocol(Config(data=d, kind=k, hidden=32 if d != "digits" else 64,
                        z_dim=2 if d != "digits" else 16, iterations=4000, critic_steps=5,
                        lr=1e-3 if d != "digits" else 2e-4))
        for d in ("8gaussians", "digits") for k in ("wgan_wc", "sn_gan")),
}
"""Quick: WGAN-WC on 8 Gaussians, 3 critic steps. Full: WGAN-WC and SN-GAN on 8 Gaussians and
on digits, 5 critic steps (the paper: 20 Adam steps for the proximal maximisation)."""


def run_protocol(p: Protocol, seeds) -> dict:
    cfg, n = p.config, len(seeds)
    spec, h = cfg.spec(), cfg.hyper(seeds)
    arms = {}
    for arm, lam in (("regular", 0.0), ("proximal", p.lam)):
        thetas, _ = proximal.train(spec, h, jnp.full(n, lam))
        arms[arm] = [quality(cfg, spec, take(thetas, r, -1), seeds[r]) for r in range(n)]
    return {"setting": cfg.label(), "config": cfg.__dict__, "lam": p.lam,
            "metric": quality_name(cfg), "higher_is_better": is_images(cfg),
            "seeds": list(map(int, seeds)), **arms}


def run(size: str = "quick", seeds: int | None = None) -> dict:
    """Every protocol of ``size`` on seeds ``0, …, seeds − 1`` (default :data:`N_SEEDS`)."""
    seeds = list(range(seeds or N_SEEDS[size]))
    return {"experiment": NAME, "size": size, "runs": [run_protocol(p, seeds) for p in SIZES[size]]}


def _figure(results: dict):
    from figures.farnia2020_table1 import draw_from

    return draw_from(results)


EXPERIMENTS = [Experiment(
    NAME, "farnia2020", "Section 6.2 / Table 1: proximal (Algorithm 1) vs regular training",
    run, figure=_figure,
    claims={"farnia2020.section6_2.proximal_training": claims.decide_proximal_training},
    full_time=FULL_TIME,
)]
