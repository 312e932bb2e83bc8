"""Farnia & Ozdaglar 2020, §2 and §6.1: fix the trained discriminator and keep optimising the
generator, plainly (eq. (5)) and on the proximal objective (eq. (19), λ = 0.1, Sobolev norm
(15)).

Protocol per seed: train the GAN (:class:`Config`), keep ``ψ_f``, then run ``steps`` generator
steps from ``θ_f`` with the GAN's own optimiser, once on ``V(θ, ψ_f)`` and once on the proximal
objective (gradient ``∇_θ V(θ, ψ̃)``, ``ψ̃`` from ``inner`` Adam steps on ``V − λ S(·, ψ_f)``).
Recorded: ``V(θ_m, ψ_f)`` on one evaluation batch at every step, the sample quality (W1 to the
data or the digits classifier score) at ``snapshots`` points. Per seed the result is the change
of ``V`` and of the quality from ``θ_f`` to the last step, for each arm.

Quick grid (WGAN-GP, 8 Gaussians, six seeds; stored in ``figures/data/farnia2020_fixd.json``):
plain descent lowers V on every seed (by 0.14 to 17) and W1 to the data grows on every seed
(by 0.16 to 16.6: the samples run off the data); proximal descent moves V by at most 0.34 and
W1 *falls* on every seed (by 0.03 to 0.84). Both claims hold (Wilcoxon p = 1/64 per part).
"""

from __future__ import annotations

from dataclasses import dataclass

import jax
import jax.numpy as jnp
import numpy as np

from theory.training import proximal
from verifiers.claims.farnia2020 import experiments as claims
from verifiers.experiments import Experiment, grid_name
from verifiers.experiments.farnia2020_common import (
    Config,
    generate,
    quality,
    quality_name,
    take,
)

NAME = "farnia2020_fixd"
N_SEEDS = {"tiny": 2, "quick": 6, "full": 6, "paper": 8}
"""Seeds of a run (one batched program; a seed is a matched pair across arms). Six is the
fewest for which a one-sided Wilcoxon test can reject at level 0.025 (p ≥ 2⁻ⁿ)."""
FULL_TIME = ("CPU grid (6 settings x 6 seeds): 531 s CPU, 49.7 min wall on the 2-core "
             "machine at load 12-16 (17 % of a core). Quick grid: 73 s CPU with a cold "
             "compilation cache (15 min wall at load 16). 2026-11-30")


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


def _setting(data: str, kind: str, *, iterations: int, steps: int, snapshots: int,
             inner: int, paper: bool = False) -> Protocol:
    """One setting: 8 Gaussians at 16 hidden units (32 on the paper grid), digits at 32 (64)
    with a latent of 8 (16)."""
    if data == "digits":
        cfg = Config(data=data, kind=kind, hidden=64 if paper else 32, z_dim=16 if paper else 8,
                     iterations=iterations, lr=2e-4 if paper else 1e-3)
    else:
        cfg = Config(data=data, kind=kind, hidden=32 if paper else 16, iterations=iterations)
    return Protocol(cfg, steps=steps, snapshots=snapshots, inner=inner)


GRID = tuple((d, k) for d in ("8gaussians", "digits") for k in ("wgan_wc", "wgan_gp", "sn_gan"))
"""Their §2/§6.1 settings at our scale: WGAN-WC, WGAN-GP and SN-GAN on 8 Gaussians and digits."""

SIZES = {
    "tiny": (Protocol(Config(data="8gaussians", kind="wgan_gp", hidden=8, layers=2,
                             iterations=100), steps=20, snapshots=2, inner=2),),
    "quick": (Protocol(Config(data="8gaussians", kind="wgan_gp", iterations=1000), steps=200),),
    "full": tuple(_setting(d, k, iterations=1000, steps=300, snapshots=3, inner=10)
                  for d, k in GRID),
    "paper": tuple(_setting(d, k, iterations=4000, steps=1000, snapshots=10, inner=20,
                            paper=True) for d, k in GRID),
}
"""Quick: WGAN-GP on 8 Gaussians (1000 iterations, 200 descent steps). Full on a CPU: the six
settings of :data:`GRID`, 1000 training iterations, 300 descent steps, 10 inner steps. Paper
(``full`` on a GPU): wider networks, 4000 iterations, 1000 descent steps, 20 inner steps (the
paper: 200,000 iterations, 10,000 descent steps, 50 inner steps)."""


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
                     "samples_seed0": [_samples(spec, take(theta_f, 0))]
                     + [_samples(spec, take(snaps, 0, i)) for i in range(p.snapshots)],
                     "dV": (vals[:, -1] - vals[:, 0]).tolist(),
                     "dQ": (q[:, -1] - q[:, 0]).tolist()}
    return {"setting": cfg.label(), "config": cfg.__dict__, "steps": p.steps, "inner": p.inner,
            "inner_lr": p.inner_lr, "lam": p.lam,
            "snapshot_steps": [p.steps // p.snapshots * (i + 1) for i in range(p.snapshots)],
            "quality_metric": quality_name(cfg), "seeds": list(map(int, seeds)), "arms": arms}


def _samples(spec, theta):
    """Generator samples on fixed latent draws, rounded for the results file: 256 points of a
    2-D set, 64 images (an 8×8 grid) of digits."""
    n = 64 if spec.dim > 2 else 256
    return np.asarray(generate(spec, theta, jax.random.key(5), n)).round(4).tolist()


def proximal_train(spec, h):
    """Regular training (λ = 0) of every seed in ``h``: ``(θ snapshots, ψ_final)``."""
    return proximal.train(spec, h, jnp.zeros(h.seed.shape[0]))


def _figure(results: dict) -> dict:
    """One printable figure per setting and descent, named ``<kind>_<data>_<arm>``."""
    from figures._base import styled
    from figures.farnia2020_fig1_experiment import ARMS, draw_from

    return {f"{r['config']['kind']}_{r['config']['data']}_{arm}": styled(draw_from)(results, arm, i)
            for i, r in enumerate(results["runs"]) for arm in ARMS}


def run(size: str = "quick", seeds: int | None = None) -> dict:
    """Every protocol of ``size`` on seeds ``0, …, seeds − 1`` (default :data:`N_SEEDS`);
    ``full`` is the paper grid on a GPU and the CPU grid on a CPU (:func:`grid_name`)."""
    grid = grid_name(size)
    seeds = list(range(seeds or N_SEEDS[grid]))
    return {"experiment": NAME, "size": size, "grid": grid,
            "runs": [run_protocol(p, seeds) for p in SIZES[grid]]}


EXPERIMENTS = [Experiment(
    NAME, "farnia2020",
    "Section 2 / 6.1: fix the trained D, keep optimising G, plainly and proximally",
    run, figure=lambda r: _figure(r),
    claims={"farnia2020.section2.fixd_not_nash": claims.decide_fixd_not_nash,
            "farnia2020.section6_1.fixd_proximal": claims.decide_fixd_proximal},
    full_time=FULL_TIME,
)]
