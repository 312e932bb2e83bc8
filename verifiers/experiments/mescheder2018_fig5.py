"""Mescheder, Geiger & Nowozin 2018, §5 and Figure 5: five training methods on four
2-D data sets, compared by the Wasserstein-1 distance to the data.

Protocol (supplement F): unregularised non-saturating GAN, R1, R2, WGAN-GP with
1 and 5 critic steps per generator step; data sets ``gaussian``, ``line``,
``circle``, ``four_lines`` (:mod:`theory.training.data`); 4-layer fully connected
generator and discriminator with 8, 16 or 32 hidden units and leaky-ReLU or tanh
(six architectures); SGD with learning rates {5e-3, 1e-2, 2e-2, 5e-2} and
RMSProp with {5e-5, 1e-4, 2e-4, 5e-4}; γ ∈ {1, 3, 10} for R1, R2 and WGAN-GP.
For each method, data set and architecture the hyper-parameters with the lowest
W1 (mean over seeds) are kept. W1 is estimated by exact EMD on samples
(:mod:`theory.metrics.wasserstein`) at the end of training; the paper averages
over the last 10k of 50k iterations. Besides W1 each run records
``D`` and ``‖∇D‖`` on the data and ``‖∇D‖`` near it (data + N(0, 0.1² I)): the
paper reports that R1/R2 end with ``D ≈ 0`` around the data while unregularised
training and WGAN-GP end at energy solutions.

Sizes: ``full`` is that grid (6 architectures, 2 optimisers × 4 learning
rates, 3 values of γ) with 5000 iterations (not 50k), 3 seeds, W1 on 1024
samples × 2 resamples: 24 compiled programs, 7488 runs — estimated at about 4
CPU-hours on the 2-core machine from the measured per-step cost (not run here);
``quick`` one architecture (16 units, leaky ReLU), RMSProp at 5e-4, γ = 3,
1000 iterations, 4 seeds, W1 on 512 samples × 2 resamples: 80 runs, 2
programs, 77 s wall / 99 s CPU on the idle 2-core machine with nothing cached;
``tiny`` (tests) the circle only, 8 units, 150 iterations, 3 seeds:
40 s of CPU, almost all compilation.
"""

from __future__ import annotations

import itertools
import sys
import time
from dataclasses import dataclass

import jax
import jax.numpy as jnp
import numpy as np

from verifiers.claims.mescheder2018.experiments import DECISIONS
from verifiers.experiments import Experiment

NAME = "mescheder2018_fig5"
DATASETS = ("gaussian", "line", "circle", "four_lines")
METHODS = ("unregularised", "R1", "R2", "WGAN-GP-1", "WGAN-GP-5")
NEAR = 0.1
"""Standard deviation of the neighbourhood of the data where ``‖∇D‖`` is also measured."""
SHOWN = 256
"""Generator samples kept per method and data set for the figure."""


@dataclass(frozen=True)
class Grid:
    datasets: tuple[str, ...]
    archs: tuple[tuple[str, int], ...]
    optimizers: tuple[tuple[str, tuple[float, ...]], ...]
    gammas: tuple[float, ...]
    iterations: int
    seeds: int
    batch: int = 64
    n_eval: int = 2048
    resamples: int = 4


ARCHS = tuple(itertools.product(("leaky_relu", "tanh"), (8, 16, 32)))
GRIDS = {
    "tiny": Grid(("circle",), (("leaky_relu", 8),), (("rmsprop", (5e-4,)),), (3.0,), 150, 3,
                 batch=32, n_eval=256, resamples=2),
    "quick": Grid(DATASETS, (("leaky_relu", 16),), (("rmsprop", (5e-4,)),), (3.0,), 1000, 4,
                  n_eval=512, resamples=2),
    "full": Grid(DATASETS, ARCHS, (("sgd", (5e-3, 1e-2, 2e-2, 5e-2)),
                                  ("rmsprop", (5e-5, 1e-4, 2e-4, 5e-4))), (1.0, 3.0, 10.0),
                 5000, 3, n_eval=1024, resamples=2),
}


def _weights(method: str, gamma: float):
    from theory.training import objectives as o

    return {"unregularised": o.gan(), "R1": o.r1(gamma), "R2": o.r2(gamma)}.get(
        method, o.wgan_gp(gamma))


def _runs(grid: Grid, methods: tuple[str, ...], lrs: tuple[float, ...], seeds: int) -> list[dict]:
    """One row per run of one compiled program: method × data set × lr × γ × seed."""
    rows = []
    for method, (d, name), lr in itertools.product(methods, enumerate(grid.datasets), lrs):
        for gamma in (grid.gammas if method != "unregularised" else (0.0,)):
            rows += [{"method": method, "dataset": name, "data": d, "lr": lr, "gamma": gamma,
                      "seed": s} for s in range(seeds)]
    return rows


def _train(grid: Grid, activation: str, hidden: int, optimizer: str, lrs, seeds: int):
    """Train both programs (1 and 5 critic steps) of one architecture and optimiser;
    returns the rows with their measurements."""
    from theory.training import loop

    out = []
    for critic, methods in ((1, METHODS[:4]), (5, METHODS[4:])):
        spec = loop.Spec(datasets=grid.datasets, hidden_g=hidden, hidden_d=hidden,
                         activation=activation, optimizer=optimizer, batch=grid.batch,
                         iterations=grid.iterations, max_critic=critic)
        rows = _runs(grid, methods, lrs, seeds)
        h = loop.stack([loop.hyper(1, seed=r["seed"], lr_d=r["lr"], n_critic=critic,
                                   weights=_weights(r["method"], r["gamma"]), data=r["data"])
                        for r in rows])
        thetas, psi = loop.train(spec, h)
        out += _measure(spec, grid, rows, np.asarray(thetas[:, -1]), np.asarray(psi))
    for r in out:
        r.update(activation=activation, hidden=hidden, optimizer=optimizer)
    return out


def _measure(spec, grid: Grid, rows: list[dict], thetas, psis) -> list[dict]:
    """W1 (EMD, mean and SE over resamples), ``D`` and ``‖∇D‖`` on and near the data."""
    from theory.metrics.wasserstein import w1
    from theory.training import loop

    fakes = jax.jit(jax.vmap(lambda th, k: jnp.stack([
        loop.generate(spec, th, jax.random.fold_in(k, i), grid.n_eval)
        for i in range(grid.resamples)])))(thetas, jax.random.split(jax.random.key(7), len(rows)))
    fakes = np.asarray(fakes)
    real = {d: [np.asarray(loop.sample_data(spec, jax.random.key(1000 + 10 * d + i),
                                            grid.n_eval, d)) for i in range(grid.resamples)]
            for d in range(len(grid.datasets))}
    near_noise = NEAR * np.asarray(jax.random.normal(jax.random.key(99), (grid.n_eval, 2)))
    d_fn = jax.jit(lambda p, x: loop.discriminator(spec, p, x))
    g_fn = jax.jit(lambda p, x: loop.discriminator_gradient_norm(spec, p, x))
    for r, fake, psi in zip(rows, fakes, psis, strict=True):
        x = real[r["data"]]
        est = w1(lambda i, n, f=fake: f[i], lambda i, n, x=x: x[i], grid.n_eval, grid.resamples)
        r.update(w1=est.mean, w1_se=est.se, d_data=float(jnp.mean(d_fn(psi, x[0]))),
                 grad_data=float(jnp.mean(g_fn(psi, x[0]))),
                 grad_near=float(jnp.mean(g_fn(psi, x[0] + near_noise))))
        if r["seed"] == 0:
            r["samples"] = fake[0][:SHOWN].round(3).tolist()
    return rows


def _best(grid: Grid, runs: list[dict], seeds: int) -> dict:
    """Per method: the W1 of each unit (data set × architecture × seed) at the
    hyper-parameters with the lowest mean W1 for that data set and architecture."""
    best: dict = {m: {"units": [], "w1": [], "setting": [], "grad_data": [], "grad_near": [],
                      "d_data": []} for m in METHODS}
    cells = itertools.product(METHODS, grid.datasets, grid.archs)
    for method, dataset, (act, hidden) in cells:
        mine = [r for r in runs if (r["method"], r["dataset"], r["activation"], r["hidden"])
                == (method, dataset, act, hidden)]
        settings = sorted({(r["optimizer"], r["lr"], r["gamma"]) for r in mine})
        mean = {s: np.mean([r["w1"] for r in mine if (r["optimizer"], r["lr"], r["gamma"]) == s])
                for s in settings}
        chosen = min(settings, key=lambda s: (mean[s], s))
        for r in sorted(mine, key=lambda r: r["seed"]):
            if (r["optimizer"], r["lr"], r["gamma"]) == chosen:
                b = best[method]
                b["units"].append([dataset, f"{act}-{hidden}", r["seed"]])
                b["setting"].append(list(chosen))
                for key in ("w1", "grad_data", "grad_near", "d_data"):
                    b[key].append(r[key])
    return best


def run(size: str, seeds: int | None = None) -> dict:
    """Train the grid of ``size``; the results dict (module docstring)."""
    from tqdm import tqdm

    grid = GRIDS[size]
    seeds = seeds or grid.seeds
    start = time.perf_counter()
    runs: list[dict] = []
    jobs = list(itertools.product(grid.archs, grid.optimizers))
    for (act, hidden), (opt, lrs) in tqdm(jobs, desc=NAME, unit="program pair", file=sys.stderr,
                                          leave=False):
        runs += _train(grid, act, hidden, opt, lrs, seeds)
    samples = {d: {m: r.pop("samples") for r in runs if "samples" in r and r["dataset"] == d
                   for m in [r["method"]]} for d in grid.datasets}
    return {
        "experiment": NAME, "size": size, "seeds": list(range(seeds)),
        "grid": {"datasets": list(grid.datasets), "architectures": [list(a) for a in grid.archs],
                 "optimizers": [[o, list(lr)] for o, lr in grid.optimizers],
                 "gammas": list(grid.gammas), "iterations": grid.iterations,
                 "batch": grid.batch, "w1_samples": grid.n_eval, "w1_resamples": grid.resamples},
        "best": _best(grid, runs, seeds), "runs": runs, "samples": samples,
        "seconds": time.perf_counter() - start,
    }


def figure(results: dict):
    from figures.mescheder2018_fig5 import draw_results

    return draw_results(results)


EXPERIMENTS = [Experiment(
    name=NAME, paper="mescheder2018",
    title="Mescheder et al. 2018, §5 / Figure 5: W1 of 5 methods on 4 2-D data sets",
    run=run, figure=figure, claims=DECISIONS,
    full_time="not run: estimated 4 CPU-hours on the 2-core machine (quick: 77 s wall)",
)]
