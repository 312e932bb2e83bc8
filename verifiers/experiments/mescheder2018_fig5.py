"""Mescheder, Geiger & Nowozin 2018, §5 and Figure 5: five training methods on four
2-D data sets, compared by the Wasserstein-1 distance to the data.

Protocol (supplement F): unregularised non-saturating GAN, R1, R2, WGAN-GP with
1 and 5 critic steps per generator step; data sets ``gaussian``, ``line``,
``circle``, ``four_lines`` (:mod:`theory.training.data`); 4-layer fully connected
generator and discriminator with 8, 16 or 32 hidden units and leaky-ReLU or tanh
(six architectures); SGD with learning rates {5e-3, 1e-2, 2e-2, 5e-2} and
RMSProp with {5e-5, 1e-4, 2e-4, 5e-4}; γ ∈ {1, 3, 10} for R1, R2 and WGAN-GP.
For each method, data set and architecture the hyper-parameters with the lowest
W1 (mean over seeds) are kept.

W1 of a run: the paper averages W1 over the last 10k of its 50k iterations; we
average it over the last fifth of training. The generator is kept at
``5 · average`` evenly spaced iterations (``Spec.snapshots``); the last
``average`` of them lie in the last fifth (for ``average = 2``: at 90 % and at the
end). At each of those snapshots W1 is estimated by exact EMD between generator
and data samples (:mod:`theory.metrics.wasserstein`) on ``resamples`` independent
pairs of draws; the run's W1 is the mean of the ``average`` snapshot means, and its
standard error ``sqrt(Σ_j se_j²) / average`` (``se_j`` the snapshot's standard
error over resamples; fresh data and generator draws at every snapshot make the
snapshot errors independent given the trained generator — the error of sampling
the trajectory at ``average`` points instead of every iteration is not in it).
``w1_end`` is the last snapshot's W1 alone. Besides W1 each run records ``D``
and ``‖∇D‖`` on the data and ``‖∇D‖`` near it (data + N(0, 0.1² I)) for the
final discriminator: the paper reports that R1/R2 end with ``D ≈ 0`` around the
data while unregularised training and WGAN-GP end at energy solutions.

Pairing: the runs use JAX's ``threefry2x32`` generator, so a run's initial weights
and mini-batches (data and latent draws) are a function of its seed alone: the
arms of a unit (same data set, architecture and seed) start from the same weights
and, within one program, see the same mini-batches (WGAN-GP-5's program draws its
batches differently); W1 of every arm is measured on the same data and latent draws.
(The default ``rbg`` generator is about 6 % cheaper per step but makes a run's
draws depend on its position in the vmapped batch.)

Sizes: ``full`` — on a GPU (JAX's default backend not the CPU) the paper grid
``GRIDS["paper"]``: 6 architectures, 2 optimisers × 4 learning rates, 3 values of γ,
5000 iterations (not 50k), 3 seeds, W1 on 1024 samples × 2 resamples at 4 snapshots
in the last fifth, 24 compiled programs, 7488 runs, estimated at about 4 CPU-hours
of training and 3 of EMD (8 EMDs of 1024 samples per run, ≈ 0.19 s each; POT runs on
the CPU whatever the backend) on the 2-core machine; on the CPU the reduced grid
``GRIDS["cpu"]`` with the same structure (4 data sets, 6 architectures, SGD and
RMSProp, the five methods) but one learning rate per optimiser (the largest of the
paper's, as we train 50× fewer iterations), γ = 3, 1000 iterations, 3 seeds, W1 on
512 samples × 2 resamples at 2 snapshots: 720 runs; ``paper`` (``--size paper``) the
paper grid on any backend; ``quick`` one architecture (16 units, leaky ReLU),
RMSProp at 5e-4, γ = 3, 1000 iterations, 4 seeds, W1 as the CPU grid: 80 runs, 2
programs; ``tiny`` (tests) the circle only, 8 units, 150 iterations, 3 seeds. Times
in ``docs/experiments.md``.
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
from verifiers.experiments import Experiment, grid_name

NAME = "mescheder2018_fig5"
DATASETS = ("gaussian", "line", "circle", "four_lines")
METHODS = ("unregularised", "R1", "R2", "WGAN-GP-1", "WGAN-GP-5")
NEAR = 0.1
"""Standard deviation of the neighbourhood of the data where ``‖∇D‖`` is also measured."""
MEASURED = ("w1", "w1_se", "w1_end", "diverged", "grad_data", "grad_near", "d_data")
"""Per-run measurements kept for each method's best setting."""
BOX = 10.0
"""Generator samples are measured inside ``[-BOX, BOX]²`` (the line, circle and four lines
lie in ``[-1.5, 1.5]²``; the standard Gaussian leaves the box with probability below 1e-22)."""
MAX = float(np.finfo(np.float64).max)
"""Recorded for a discriminator measurement that is not finite (a diverged critic)."""
SHOWN = 256
"""Generator samples kept per method and data set for the figure."""
SHOWN_ARCH = ("leaky_relu", 16)
"""The architecture whose samples the figure shows."""


@dataclass(frozen=True)
class Grid:
    datasets: tuple[str, ...]
    archs: tuple[tuple[str, int], ...]
    optimizers: tuple[tuple[str, tuple[float, ...]], ...]
    gammas: tuple[float, ...]
    iterations: int
    seeds: int
    batch: int = 64
    n_eval: int = 512
    resamples: int = 2
    average: int = 2
    """Snapshots in the last fifth of training over which W1 is averaged."""

    @property
    def snapshots(self) -> int:
        """Generator snapshots kept over the whole run (evenly spaced, the last at the end)."""
        return 5 * self.average


ARCHS = tuple(itertools.product(("leaky_relu", "tanh"), (8, 16, 32)))
PRNG = "threefry2x32"
"""Per-seed random draws (initial weights, mini-batches) whatever the run's batch position."""
GRIDS = {
    "tiny": Grid(("circle",), (("leaky_relu", 8),), (("rmsprop", (5e-4,)),), (3.0,), 150, 3,
                 batch=32, n_eval=256),
    "quick": Grid(DATASETS, (("leaky_relu", 16),), (("rmsprop", (5e-4,)),), (3.0,), 1000, 4),
    "cpu": Grid(DATASETS, ARCHS, (("sgd", (5e-2,)), ("rmsprop", (5e-4,))), (3.0,), 1000, 3),
    "paper": Grid(DATASETS, ARCHS, (("sgd", (5e-3, 1e-2, 2e-2, 5e-2)),
                                   ("rmsprop", (5e-5, 1e-4, 2e-4, 5e-4))), (1.0, 3.0, 10.0),
                  5000, 3, n_eval=1024, average=4),
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
                         iterations=grid.iterations, max_critic=critic,
                         snapshots=grid.snapshots, prng=PRNG)
        rows = _runs(grid, methods, lrs, seeds)
        h = loop.stack([loop.hyper(1, seed=r["seed"], lr_d=r["lr"], n_critic=critic,
                                   weights=_weights(r["method"], r["gamma"]), data=r["data"])
                        for r in rows])
        thetas, psi = loop.train(spec, h)
        out += _measure(spec, grid, rows, np.asarray(thetas[:, -grid.average:]), np.asarray(psi))
    for r in out:
        r.update(activation=activation, hidden=hidden, optimizer=optimizer)
    return out


def _fakes(spec, grid: Grid, thetas, seeds) -> np.ndarray:
    """Generator samples ``(runs, average, resamples, n_eval, 2)``; the latent draws
    depend on the seed, the snapshot and the resample only (shared by the arms)."""
    from theory.training import loop

    def one(theta_run, seed):
        key = jax.random.fold_in(jax.random.key(7, impl=PRNG), seed)
        return jnp.stack([jnp.stack([
            loop.generate(spec, theta_run[j], jax.random.fold_in(key, j * grid.resamples + i),
                          grid.n_eval) for i in range(grid.resamples)])
            for j in range(grid.average)])

    return np.asarray(jax.jit(jax.vmap(one))(thetas, jnp.asarray(seeds, jnp.uint32)))


def _real(spec, grid: Grid) -> dict[int, np.ndarray]:
    """Data samples per data set, ``(average, resamples, n_eval, 2)``: fresh at every
    snapshot and resample."""
    from theory.training import loop

    return {d: np.asarray([[loop.sample_data(
        spec, jax.random.fold_in(jax.random.key(1000 + d, impl=PRNG), j * grid.resamples + i),
        grid.n_eval, d) for i in range(grid.resamples)] for j in range(grid.average)])
        for d in range(len(grid.datasets))}


def averaged_w1(estimates) -> tuple[float, float]:
    """The mean of the snapshots' W1 means and its standard error
    ``sqrt(Σ_j se_j²) / m`` (independent snapshot estimates)."""
    m = len(estimates)
    return (float(np.mean([e.mean for e in estimates])),
            float(np.sqrt(sum(e.se**2 for e in estimates)) / m))


def boxed(samples: np.ndarray) -> np.ndarray:
    """``samples`` with every coordinate put into ``[-BOX, BOX]`` (non-finite ones on the
    boundary, NaN on ``+BOX``)."""
    return np.clip(np.nan_to_num(samples, nan=BOX, posinf=BOX, neginf=-BOX), -BOX, BOX)


def _slope(values) -> float:
    """Mean of a discriminator measurement; ``MAX`` (unbounded) when not finite."""
    value = float(jnp.mean(values))
    return value if np.isfinite(value) else MAX


def _measure(spec, grid: Grid, rows: list[dict], thetas, psis) -> list[dict]:
    """W1 averaged over the last fifth (mean, SE), W1 at the end, ``D`` and ``‖∇D‖``
    on and near the data for the final discriminator. A run whose generator samples
    leave ``[-BOX, BOX]²`` or are not finite is marked ``diverged`` and measured on
    its samples put into the box (:func:`boxed`), so its W1 is a lower bound (EMD of
    non-finite samples is meaningless: POT returns 0)."""
    from theory.metrics.wasserstein import w1
    from theory.training import loop

    fakes = _fakes(spec, grid, thetas, [r["seed"] for r in rows])
    real = _real(spec, grid)
    near_noise = NEAR * np.asarray(jax.random.normal(jax.random.key(99), (grid.n_eval, 2)))
    d_fn = jax.jit(lambda p, x: loop.discriminator(spec, p, x))
    g_fn = jax.jit(lambda p, x: loop.discriminator_gradient_norm(spec, p, x))
    for r, fake, psi in zip(rows, fakes, psis, strict=True):
        x, inside = real[r["data"]], boxed(fake)
        ests = [w1(lambda i, n, f=inside[j]: f[i], lambda i, n, x=x[j]: x[i], grid.n_eval,
                   grid.resamples) for j in range(grid.average)]
        mean, se = averaged_w1(ests)
        data = x[-1, 0]
        r.update(w1=mean, w1_se=se, w1_end=ests[-1].mean,
                 diverged=bool(np.any(inside != fake)),
                 d_data=_slope(d_fn(psi, data)), grad_data=_slope(g_fn(psi, data)),
                 grad_near=_slope(g_fn(psi, data + near_noise)))
        if r["seed"] == 0:
            r["samples"] = inside[-1, 0][:SHOWN].round(3).tolist()
    return rows


def _best(grid: Grid, runs: list[dict], seeds: int) -> dict:
    """Per method: the W1 of each unit (data set × architecture × seed) at the
    hyper-parameters with the lowest mean W1 for that data set and architecture."""
    best: dict = {m: {"units": [], "setting": [], **{key: [] for key in MEASURED}}
                  for m in METHODS}
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
                for key in MEASURED:
                    b[key].append(r[key])
    return best


def _samples(grid: Grid, runs: list[dict], best: dict) -> dict:
    """Per data set and method, the final generator samples of seed 0 at the method's
    best setting for the architecture ``SHOWN_ARCH`` (else the grid's first); removes
    the samples from the runs."""
    act, hidden = SHOWN_ARCH if SHOWN_ARCH in grid.archs else grid.archs[0]
    out: dict = {d: {} for d in grid.datasets}
    for method, b in best.items():
        for unit, setting in zip(b["units"], b["setting"], strict=True):
            if unit[1:] == [f"{act}-{hidden}", 0]:
                out[unit[0]][method] = next(
                    r["samples"] for r in runs
                    if (r["method"], r["dataset"], r["activation"], r["hidden"], r["seed"],
                        r["optimizer"], r["lr"], r["gamma"])
                    == (method, unit[0], act, hidden, 0, *setting))
    for r in runs:
        r.pop("samples", None)
    return out


def _describe(grid: Grid, name: str) -> dict:
    """The grid as recorded in the results."""
    return {"name": name, "datasets": list(grid.datasets),
            "architectures": [list(a) for a in grid.archs],
            "optimizers": [[o, list(lr)] for o, lr in grid.optimizers],
            "gammas": list(grid.gammas), "iterations": grid.iterations, "batch": grid.batch,
            "w1_samples": grid.n_eval, "w1_resamples": grid.resamples,
            "w1_snapshots": [grid.iterations * (grid.snapshots - grid.average + 1 + j)
                             // grid.snapshots for j in range(grid.average)],
            "prng": PRNG}


def run(size: str, seeds: int | None = None) -> dict:
    """Train the grid of ``size`` (``tiny``, ``quick``, ``full`` or ``paper``; ``full``:
    :func:`verifiers.experiments.grid_name`); the results dict (module docstring)."""
    from tqdm import tqdm

    name = grid_name(size, cpu_grid="cpu")
    grid = GRIDS[name]
    seeds = seeds or grid.seeds
    start, cpu = time.perf_counter(), time.process_time()
    runs: list[dict] = []
    jobs = list(itertools.product(grid.archs, grid.optimizers))
    for (act, hidden), (opt, lrs) in tqdm(jobs, desc=NAME, unit="program pair", file=sys.stderr,
                                          leave=False):
        runs += _train(grid, act, hidden, opt, lrs, seeds)
    best = _best(grid, runs, seeds)
    samples = _samples(grid, runs, best)
    return {
        "experiment": NAME, "size": size, "seeds": list(range(seeds)),
        "grid": _describe(grid, name), "best": best, "runs": runs,
        "samples": samples, "diverged": sum(r["diverged"] for r in runs),
        "seconds": time.perf_counter() - start,
        "cpu_seconds": time.process_time() - cpu,
    }


def figure(results: dict):
    from figures.mescheder2018_fig5 import draw_results

    return draw_results(results)


EXPERIMENTS = [Experiment(
    name=NAME, paper="mescheder2018",
    title="Mescheder et al. 2018, §5 / Figure 5: W1 of 5 methods on 4 2-D data sets",
    run=run, figure=figure, claims=DECISIONS,
    full_time="CPU grid (720 runs): 25 CPU-minutes, 81 min wall on the loaded 2-core machine; "
              "paper grid (7488 runs): not run, "
              "estimated 7 CPU-hours on the 2-core machine (4 training, 3 EMD)",
)]
