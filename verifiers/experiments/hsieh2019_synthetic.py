"""Hsieh, Liu & Cevher 2019, §5.1: 8 Gaussians, 25 Gaussians and the Swiss roll, fitted by a
WGAN-GP (gradient-penalty weight 0.1, one critic mini-batch per generator mini-batch) trained
with SGD, Adam, RMSProp, Optimistic Adam, Extra-Adam, Mirror-GAN (Algorithm 3) and
Mirror-Prox-GAN (Algorithm 6): same networks, same initial weights per seed, the same number
of mini-batches per player.

Recorded per method, data set and seed at ``snapshots`` evenly spaced points: W1 to the data
(exact EMD on 512 + 512 samples), modes covered and the high-quality fraction
(:mod:`theory.metrics.modes`: a sample is high quality within 3 standard deviations of its
nearest centre, a mode is covered when it gets at least a tenth of its fair share of 2000
samples; mixtures only), and the final samples (their Figure 1).

Step sizes. The paper sweeps them per algorithm. Every method here runs on a grid of base
steps (SGD takes ten times the base: its steps are not normalised); where the grid has more
than one value, each (method, data set) uses the step with the lowest mean final W1 on
separate *tuning* seeds (1000, 1001, …) and is compared on the evaluation seeds (0, 1, …):
selection and test never share a seed. Mirror-GAN's SGLD is RMSProp-preconditioned (their
remark after eq. (8)) with the step as its ``γ``, thermal noise ``ε = 1e-4``, damping
``β = 0.9`` and ``K = 10`` SGLD steps per outer step.

Sizes (CPU seconds on the 2-core machine in ``docs/experiments.md``):

* ``quick`` (``--quick``, ``ganeq reproduce``): the six methods of Figure 1 on **8 Gaussians**,
  width 32, 4000 mini-batches, six seeds, one step per method: the full CPU grid's choice on
  8 Gaussians (same networks and length; selected on its tuning seeds, not on these). Not
  25 Gaussians: at this size no method fits the 25-mode grid (full grid: W1 ≥ 0.3, at most
  4 of 25 modes within 3 sd of a centre), so the figure and the modes count would show
  nothing; the Adam family fits the ring of 8 within
  4000 mini-batches, so the methods can be told apart.
* ``full`` (``ganeq experiment hsieh2019_synthetic``): on a CPU the reduced grid with the
  paper's structure: all seven methods on the three data sets (one compiled program per
  method, one for both mirror methods: data set, step and seed are data), base steps
  {3e-4, 1e-3} selected per method and data set on two tuning seeds, four evaluation seeds,
  width 32, 4000 mini-batches; on an accelerator (JAX's default backend not the CPU) the
  ``paper`` grid.
* ``paper`` (``--size paper``): the paper's scale: networks of 512 units, 10⁵ mini-batches,
  base steps {1e-4, 3e-4, 1e-3}, four tuning and eight evaluation seeds.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import jax
import numpy as np

from theory.metrics import modes
from theory.mirror_gan import algorithms, gan
from theory.mirror_gan import data as toy_data
from theory.training import loop, proximal
from verifiers.claims.hsieh2019 import experiments as claims
from verifiers.experiments import Experiment, grid_name
from verifiers.experiments.farnia2020_common import Config, quality, take

BASELINES = {
    "sgd": ("sgd", False), "adam": ("adam", False), "rmsprop": ("rmsprop", False),
    "optimistic_adam": ("optimistic_adam", False), "extra_adam": ("adam", True),
}
"""Baseline name -> (optax optimiser, extra-gradient step)."""
MIRROR = {"mirror_gan": "mirror", "mirror_prox_gan": "mirror_prox"}
METHODS = (*BASELINES, *MIRROR)
PANELS = ("sgd", "optimistic_adam", "mirror_gan", "adam", "extra_adam", "mirror_prox_gan")
"""Figure 1's six methods, in its panel order (a)–(f)."""
LABELS = {"sgd": "SGD", "adam": "Adam", "rmsprop": "RMSProp", "optimistic_adam": "Optimistic Adam",
          "extra_adam": "Extra-Adam", "mirror_gan": "Mirror-GAN",
          "mirror_prox_gan": "Mirror-Prox-GAN"}
N_PLOT, N_MODES = 512, 2000
TUNING_SEED0 = 1000
SGD_FACTOR = 10.0

NAME = "hsieh2019_synthetic"
QUICK_STEPS = {"sgd": 1e-3, "adam": 3e-4, "optimistic_adam": 1e-3, "extra_adam": 1e-3,
               "mirror_gan": 3e-4, "mirror_prox_gan": 1e-3}
"""Quick grid's base step per method (SGD ×10): the full CPU grid's choice on 8 Gaussians,
selected on its tuning seeds 1000 and 1001 (``docs/experiments.md``)."""


@dataclass(frozen=True)
class Protocol:
    """Data sets, methods, the network/batch/iterations (``config``; its ``lr`` unused), the
    base steps (a grid shared by the methods, or one fixed step per method in ``steps``),
    evaluation and tuning seeds, snapshots and the Mirror-GAN hyper-parameters."""

    datasets: tuple[str, ...]
    methods: tuple[str, ...]
    config: Config
    lrs: tuple[float, ...]
    seeds: int
    steps: dict = field(default_factory=dict)
    tuning: int = 0
    snapshots: int = 4
    mirror: algorithms.Hyper = field(default=algorithms.Hyper(eps=1e-4, beta=0.9, K=10))


SIZES = {
    "tiny": Protocol(("8gaussians",), ("adam", "mirror_gan", "mirror_prox_gan"),
                     Config(kind="wgan_gp", hidden=8, layers=2, iterations=80), (1e-3,),
                     seeds=2, snapshots=2),
    "quick": Protocol(("8gaussians",), PANELS, Config(kind="wgan_gp", hidden=32, iterations=4000),
                      (), seeds=6, steps=QUICK_STEPS),
    "full": Protocol(toy_data.NAMES, METHODS, Config(kind="wgan_gp", hidden=32, iterations=4000),
                     (3e-4, 1e-3), seeds=4, tuning=2),
    "paper": Protocol(toy_data.NAMES, METHODS,
                      Config(kind="wgan_gp", hidden=512, iterations=100_000),
                      (1e-4, 3e-4, 1e-3), seeds=8, tuning=4, snapshots=10),
}
FULL_TIME = "see docs/experiments.md (the CPU grid: measured; the paper grid: not run, no GPU)"


def _step(method: str, base: float) -> float:
    return SGD_FACTOR * base if method == "sgd" else base


def grid(p: Protocol, method: str) -> tuple[float, ...]:
    """The base steps ``method`` runs with: its fixed step, else the shared grid."""
    return (p.steps[method],) if p.steps else p.lrs


def layout(p: Protocol, seeds: list[int]) -> list[tuple[int, int, int]]:
    """The runs of one method as (data-set index, step index, seed) rows: data set × step ×
    (tuning seeds, evaluation seeds). Every method uses this order, so run ``i`` of every
    method starts from the same weights (the batch position fixes the draws)."""
    n_steps = 1 if p.steps else len(p.lrs)
    tune = [TUNING_SEED0 + i for i in range(p.tuning if n_steps > 1 else 0)]
    return [(d, j, s) for d in range(len(p.datasets)) for j in range(n_steps)
            for s in tune + seeds]


def spec_of(p: Protocol, method: str) -> loop.Spec:
    spec = replace(p.config.spec(p.snapshots), datasets=p.datasets)
    if method in MIRROR:
        return spec
    opt, extra = BASELINES[method]
    return replace(spec, optimizer=opt, extragradient=extra)


def train_method(p: Protocol, method: str, rows):
    """Generator snapshots ``(runs, snapshots, P_G)`` of ``method`` for the ``rows``."""
    d, j, seed = (np.asarray(c) for c in zip(*rows, strict=True))
    kind = proximal.KINDS[p.config.kind]
    steps = np.asarray([_step(method, x) for x in grid(p, method)])
    h = loop.hyper(len(rows), seed=seed, lr_d=steps[j],
                   weights=kind["weights"], clip=kind["clip"],
                   n_critic=p.config.critic_steps, data=d)
    spec = spec_of(p, method)
    if method in MIRROR:
        return spec, gan.train(MIRROR[method], spec, p.mirror, h)[0]
    return spec, loop.train(spec, h)[0]


def _curves(cfg: Config, spec, thetas, idx: list[int], seeds: list[int], snapshots: int) -> dict:
    ds = toy_data.toy(cfg.data)
    w1 = np.zeros((len(seeds), snapshots))
    covered = np.zeros((len(seeds), snapshots), dtype=int)
    hq = np.zeros((len(seeds), snapshots))
    for s, (i, seed) in enumerate(zip(idx, seeds, strict=True)):
        for k in range(snapshots):
            theta = take(thetas, i, k)
            w1[s, k] = quality(cfg, spec, theta, seed)
            if ds.is_mixture:
                x = np.asarray(loop.generate(spec, theta, jax.random.key(4), N_MODES))
                covered[s, k] = modes.modes_covered(x, ds.centre_array(), ds.sd)
                hq[s, k] = modes.hq_fraction(x, ds.centre_array(), ds.sd)
    samples = np.asarray(loop.generate(spec, take(thetas, idx[0], snapshots - 1),
                                       jax.random.key(5), N_PLOT))
    return {"w1": w1.tolist(), "modes_covered": covered.tolist(), "hq_fraction": hq.tolist(),
            "samples_seed0": samples.round(5).tolist()}


def _select(p: Protocol, method: str, cfg: Config, spec, thetas, rows, d: int):
    """The step index for data set ``d`` with the lowest mean final W1 on the tuning seeds,
    and every step's tuning mean by step (a single step: no tuning)."""
    steps = grid(p, method)
    if len(steps) == 1:
        return 0, {}
    means = [float(np.mean([quality(cfg, spec, take(thetas, i, p.snapshots - 1), s)
                            for i, (dd, jj, s) in enumerate(rows)
                            if dd == d and jj == j and s >= TUNING_SEED0]))
             for j in range(len(steps))]
    best = int(np.argmin(means))
    return best, {f"{_step(method, x):g}": v for x, v in zip(steps, means, strict=True)}


def score_method(p: Protocol, method: str, spec, thetas, rows, seeds) -> dict:
    """Per data set: the selected step, the tuning means, and the curves on the evaluation
    seeds at that step."""
    out = {}
    for d, name in enumerate(p.datasets):
        cfg = p.config.with_(data=name)
        j, tuning = _select(p, method, cfg, spec, thetas, rows, d)
        idx = [rows.index((d, j, s)) for s in seeds]
        out[name] = {"lr": _step(method, grid(p, method)[j]), "tuning_w1": tuning,
                     **_curves(cfg, spec, thetas, idx, seeds, p.snapshots)}
    return out


def run_protocol(p: Protocol, seeds: list[int]) -> dict:
    rows = layout(p, seeds)
    by_method = {}
    for m in p.methods:
        spec, thetas = train_method(p, m, rows)
        by_method[m] = score_method(p, m, spec, thetas, rows, seeds)
    out = {}
    for name in p.datasets:
        data_x = np.asarray(toy_data.toy(name).sample(jax.random.key(6), N_PLOT))
        out[name] = {"methods": {m: by_method[m][name] for m in p.methods},
                     "data_samples": data_x.round(5).tolist(),
                     "modes": len(toy_data.toy(name).centres)}
    per = p.config.iterations // p.snapshots
    return {"config": p.config.__dict__, "mirror": p.mirror._asdict(), "base_lrs": list(p.lrs),
            "fixed_steps": dict(p.steps),
            "tuning_seeds": sorted({s for _, _, s in rows if s >= TUNING_SEED0}),
            "seeds": seeds, "snapshot_iterations": [per * (i + 1) for i in range(p.snapshots)],
            "datasets": out}


def run(size: str = "quick", seeds: int | None = None) -> dict:
    """The protocol of ``size`` (:func:`verifiers.experiments.grid_name`) on evaluation
    seeds ``0, …, seeds − 1`` (default: the protocol's own)."""
    name = grid_name(size)
    p = SIZES[name]
    return {"experiment": NAME, "size": size, "grid": name, "labels": LABELS,
            **run_protocol(p, list(range(seeds or p.seeds)))}


def _figure(results: dict):
    from figures.hsieh2019_mirror_gan import draw_from

    return draw_from(results)


EXPERIMENTS = [Experiment(
    NAME, "hsieh2019", "Section 5.1 / Figure 1: Mirror-GAN and Mirror-Prox-GAN vs SGD, Adam, "
    "RMSProp, Optimistic Adam and Extra-Adam on 8 Gaussians, 25 Gaussians and the Swiss roll",
    run, figure=_figure,
    claims={"hsieh2019.section5_1.mirror_fits_better": claims.decide_mirror_fits_better},
    full_time=FULL_TIME,
)]
