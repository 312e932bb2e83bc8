"""Farnia & Ozdaglar 2020, §6.2 (their Table 1 at laptop scale): proximal training
(Algorithm 1, Sobolev proximal term with weight λ, ``T`` discriminator steps per generator
step) against regular training (the same loop with λ = 0) for WGAN-WC and SN-GAN.

Both arms of a setting are two calls of one compiled program on the same batch of seeds (λ
is data), so each seed starts from the same weights and sees the same mini-batches in both
arms: a matched pair. (One call with both arms stacked would not pair them: the training
core's ``rbg`` generator draws differently for a row in a different batch.) Score per seed:
W1 of the final generator to the data on the 2-D set (lower is better), the digits classifier
score on digits (higher is better), computed the same way for both arms.

Quick grid (WGAN-WC and SN-GAN on 8 Gaussians, T = 3, six seeds;
``figures/data/farnia2020_proximal.json``): mean W1 0.572 / 0.535 (regular, WGAN-WC / SN-GAN)
against 0.569 / 0.532 (proximal); proximal is better on 6 of the 12 seed × setting units and
worse on 6 (Wilcoxon p = 0.52): ``inconclusive``: no effect of proximal training at this scale.
"""

from __future__ import annotations

from dataclasses import dataclass

import jax.numpy as jnp

from theory.training import proximal
from verifiers.claims.farnia2020 import experiments as claims
from verifiers.experiments import Experiment, grid_name
from verifiers.experiments.farnia2020_common import (
    Config,
    is_images,
    quality,
    quality_name,
    take,
)

NAME = "farnia2020_proximal"
N_SEEDS = {"tiny": 2, "quick": 6, "full": 8, "paper": 8}
"""Seeds of a run (both arms of a seed in one batched program: a matched pair)."""
FULL_TIME = ("CPU grid (4 settings x 2 arms x 8 seeds): 381 s CPU, 43.5 min wall on the "
             "2-core machine at load 12-16 (14 % of a core). Quick grid: 71 s CPU with a cold "
             "compilation cache (15 min wall at load 16). 2026-11-30")


@dataclass(frozen=True)
class Protocol:
    """A GAN setting trained regularly and proximally (weight ``lam``)."""

    config: Config
    lam: float = 0.1


def _setting(data: str, kind: str, *, iterations: int, critic_steps: int,
             digits_iterations: int | None = None, paper: bool = False) -> Protocol:
    """One setting: 8 Gaussians at 16 hidden units (32 on the paper grid), digits at 32 (64)
    with a latent of 8 (16)."""
    if data == "digits":
        cfg = Config(data=data, kind=kind, hidden=64 if paper else 32, z_dim=16 if paper else 8,
                     iterations=digits_iterations or iterations, critic_steps=critic_steps,
                     lr=2e-4 if paper else 1e-3)
    else:
        cfg = Config(data=data, kind=kind, hidden=32 if paper else 16, iterations=iterations,
                     critic_steps=critic_steps)
    return Protocol(cfg)


GRID = tuple((d, k) for d in ("8gaussians", "digits") for k in ("wgan_wc", "sn_gan"))
"""The settings of their Table 1 at our scale: WGAN-WC and SN-GAN on 8 Gaussians and digits."""

SIZES = {
    "tiny": (Protocol(Config(data="8gaussians", kind="wgan_wc", hidden=8, layers=2,
                             iterations=50, critic_steps=2)),),
    "quick": tuple(_setting(d, k, iterations=600, critic_steps=3)
                   for d, k in GRID if d == "8gaussians"),
    "full": tuple(_setting(d, k, iterations=1500, digits_iterations=1000, critic_steps=5)
                  for d, k in GRID),
    "paper": tuple(_setting(d, k, iterations=4000, critic_steps=5, paper=True)
                   for d, k in GRID),
}
"""Quick: the two GANs on 8 Gaussians, 600 iterations, 3 critic steps (the four settings
cost 170 s CPU cold, 83 s with the compilation cache warm: over the minute of a quick run).
Full on a CPU: the four settings of :data:`GRID`, 1500 iterations (1000 on digits), 5 critic
steps.
Paper (``full`` on a GPU): wider networks, 4000 iterations, 5 critic steps (the paper: 20 Adam
steps for the proximal maximisation, CIFAR-10/CelebA networks)."""


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
    """Every protocol of ``size`` on seeds ``0, …, seeds − 1`` (default :data:`N_SEEDS`);
    ``full`` is the paper grid on a GPU and the CPU grid on a CPU (:func:`grid_name`)."""
    grid = grid_name(size)
    seeds = list(range(seeds or N_SEEDS[grid]))
    return {"experiment": NAME, "size": size, "grid": grid,
            "runs": [run_protocol(p, seeds) for p in SIZES[grid]]}


def _figure(results: dict):
    from figures._base import styled
    from figures.farnia2020_table1 import draw_from

    return styled(draw_from)(results)


EXPERIMENTS = [Experiment(
    NAME, "farnia2020", "Section 6.2 / Table 1: proximal (Algorithm 1) vs regular training",
    run, figure=_figure,
    claims={"farnia2020.section6_2.proximal_training": claims.decide_proximal_training},
    full_time=FULL_TIME,
)]
