"""Hsieh, Liu & Cevher 2019, §5.1: 8 Gaussians, 25 Gaussians and the Swiss roll, fitted by a
WGAN-GP trained with SGD, Adam, RMSProp, Optimistic Adam, Extra-Adam, Mirror-GAN (Algorithm 3)
and Mirror-Prox-GAN (Algorithm 6), same networks, same initialisation per seed, same number of
mini-batches per player.

Recorded per method, data set and seed at ``snapshots`` evenly spaced points: W1 to the data
(exact EMD on 512 + 512 samples), modes covered and the high-quality fraction
(:mod:`theory.metrics.modes`; mixtures only), and the final samples (for their Figure 1).
Learning rates are fixed, not swept (the paper sweeps them): Adam-type 1e-3, SGD 1e-2;
Mirror-GAN's SGLD is RMSProp-preconditioned (their remark after eq. (8)) with the Adam
step, thermal noise ``ε = 1e-4``, damping ``β = 0.9`` and ``K = 10`` SGLD steps per outer step.

Quick grid (25 Gaussians, width 16, 800 mini-batches, eight seeds;
``figures/data/hsieh2019_synthetic.json``): final W1 Adam 1.07 ± 0.35, Mirror-GAN 1.49 ± 0.81,
Mirror-Prox-GAN 0.51 ± 0.08. Mirror-Prox-GAN beats Adam (7 of 8 seeds, p = 0.008); Mirror-GAN
does not (worse on 6 of 8, not significant): the claim is ``inconclusive``. No method covers
more than 2 of the 25 modes (3-sd criterion) at this scale.
"""

from __future__ import annotations

from dataclasses import dataclass

import jax
import numpy as np

from theory.metrics import modes
from theory.mirror_gan import algorithms, gan
from theory.mirror_gan import data as toy_data
from theory.training import loop
from verifiers.claims.hsieh2019 import experiments as claims
from verifiers.experiments import Experiment
from verifiers.experiments.farnia2020_common import Config, quality, take

BASELINES = {
    "sgd": ("sgd", False), "adam": ("adam", False), "rmsprop": ("rmsprop", False),
    "optimistic_adam": ("optimistic_adam", False), "extra_adam": ("adam", True),
}
"""Baseline name -> (optax optimiser, extra-gradient step)."""
MIRROR = ("mirror_gan", "mirror_prox_gan")
METHODS = (*BASELINES, *MIRROR)
LABELS = {"sgd": "SGD", "adam": "Adam", "rmsprop": "RMSProp", "optimistic_adam": "Optimistic Adam",
          "extra_adam": "Extra-Adam", "mirror_gan": "Mirror-GAN",
          "mirror_prox_gan": "Mirror-Prox-GAN"}
N_PLOT = 512

NAME = "hsieh2019_synthetic"
N_SEEDS = {"tiny": 2, "quick": 8, "full": 8}
"""Seeds per method (one batched program each; same initialisation per seed across methods)."""
FULL_TIME = ("not run yet (7 methods x 3 data sets x 8 seeds, width 64, 20000 mini-batches). "
             "Quick grid on the 2-core machine: 34 s wall with the compilation cache warm "
             "(load ~3), 83 s CPU / 520 s wall cold at load ~16")


@dataclass(frozen=True)
class Protocol:
    """Data sets, methods, the GAN setting (iterations = mini-batches per player), snapshots
    and the Mirror-GAN hyper-parameters."""

    datasets: tuple[str, ...]
    methods: tuple[str, ...]
    config: Config
    snapshots: int = 4
    mirror: algorithms.Hyper = algorithms.Hyper(gamma=1e-3, eps=1e-4, beta=0.9, K=10)


SIZES = {
    "tiny": Protocol(("25gaussians",), ("adam", "mirror_gan", "mirror_prox_gan"),
                     Config(data="25gaussians", kind="wgan_gp", hidden=8, layers=2,
                            iterations=40), snapshots=2),
    "quick": Protocol(("25gaussians",), ("adam", "mirror_gan", "mirror_prox_gan"),
                      Config(data="25gaussians", kind="wgan_gp", hidden=16, iterations=800),
                      snapshots=4),
    "full": Protocol(("8gaussians", "25gaussians", "swissroll"), METHODS,
                     Config(kind="wgan_gp", hidden=64, iterations=20000), snapshots=10),
}
"""Quick: Adam and the two mirror methods on 25 Gaussians. Full: all seven methods on the
three data sets (the paper: 512-unit networks, 10⁵ iterations, swept step sizes)."""


def _lr(method: str, base: float) -> float:
    return 10 * base if method == "sgd" else base


def train_method(method: str, cfg: Config, snapshots: int, hp: algorithms.Hyper, seeds):
    """Generator snapshots ``(n, snapshots, …)`` of ``method`` for every seed."""
    h = cfg.with_(lr=_lr(method, cfg.lr)).hyper(seeds)
    spec = cfg.spec(snapshots)
    if method in MIRROR:
        name = "mirror" if method == "mirror_gan" else "mirror_prox"
        return spec, gan.train(name, spec, hp, h)[0]
    opt, extra = BASELINES[method]
    spec = loop.Spec(**{**spec.__dict__, "optimizer": opt, "extragradient": extra})
    return spec, loop.train(spec, h)[0]


def _scores(cfg: Config, spec, thetas, seeds, snapshots) -> dict:
    ds = toy_data.toy(cfg.data)
    w1 = np.zeros((len(seeds), snapshots))
    covered = np.zeros((len(seeds), snapshots), dtype=int)
    hq = np.zeros((len(seeds), snapshots))
    for s, seed in enumerate(seeds):
        for i in range(snapshots):
            theta = take(thetas, s, i)
            w1[s, i] = quality(cfg, spec, theta, seed)
            if ds.is_mixture:
                x = np.asarray(loop.generate(spec, theta, jax.random.key(4), 2000))
                covered[s, i] = modes.modes_covered(x, ds.centre_array(), ds.sd)
                hq[s, i] = modes.hq_fraction(x, ds.centre_array(), ds.sd)
    last = take(thetas, 0, snapshots - 1)
    samples = np.asarray(loop.generate(spec, last, jax.random.key(5), N_PLOT))
    return {"w1": w1.tolist(), "modes_covered": covered.tolist(), "hq_fraction": hq.tolist(),
            "samples_seed0": samples.round(5).tolist()}


def run_protocol(p: Protocol, seeds) -> dict:
    out = {}
    for d in p.datasets:
        cfg = p.config.with_(data=d)
        res = {}
        for m in p.methods:
            spec, thetas = train_method(m, cfg, p.snapshots, p.mirror, seeds)
            res[m] = _scores(cfg, spec, thetas, seeds, p.snapshots)
        data_x = np.asarray(toy_data.toy(d).sample(jax.random.key(6), N_PLOT))
        out[d] = {"methods": res, "data_samples": data_x.round(5).tolist(),
                  "modes": len(toy_data.toy(d).centres)}
    return {"config": p.config.__dict__, "mirror": p.mirror._asdict(), "seeds": list(seeds),
            "snapshot_iterations": [p.config.iterations // p.snapshots * (i + 1)
                                    for i in range(p.snapshots)],
            "datasets": out}


def run(size: str = "quick", seeds: int | None = None) -> dict:
    """The protocol of ``size`` on seeds ``0, …, seeds − 1`` (default :data:`N_SEEDS`)."""
    seeds = list(range(seeds or N_SEEDS[size]))
    return {"experiment": NAME, "size": size, "labels": LABELS,
            **run_protocol(SIZES[size], seeds)}


def _figure(results: dict):
    from figures.hsieh2019_mirror_gan import draw_from

    return draw_from(results)


EXPERIMENTS = [Experiment(
    NAME, "hsieh2019", "Section 5.1 / Figure 1: Mirror-GAN and Mirror-Prox-GAN vs Adam-type "
    "methods on 8 Gaussians, 25 Gaussians and the Swiss roll", run, figure=_figure,
    claims={"hsieh2019.section5_1.mirror_fits_better": claims.decide_mirror_fits_better},
    full_time=FULL_TIME,
)]
