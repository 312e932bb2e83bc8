"""Hsieh, Liu & Cevher 2019, Figure 1 redrawn from real runs (``hsieh2019_synthetic``
results): a WGAN-GP fitted by SGD, Optimistic Adam, Mirror-GAN (Algorithm 3), Adam, Extra-Adam
and Mirror-Prox-GAN (Algorithm 6), same networks, same initial weights and the same number of
mini-batches per player; the data in blue, generator samples (evaluation seed 0) in orange,
panels (a)–(f) in the paper's order. Right: W1 to the data and the modes covered against the
mini-batches, median over the evaluation seeds with their range shaded.

The data set is 25 Gaussians (the paper's Figure 1) when the results have it, else their first
(the quick grid's 8 Gaussians)."""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from figures._base import Figure

DATA = Path(__file__).parent / "data"
NAME = "hsieh2019_synthetic"
PANELS = ("sgd", "optimistic_adam", "mirror_gan", "adam", "extra_adam", "mirror_prox_gan")
COLOURS = {"sgd": "C2", "optimistic_adam": "C3", "mirror_gan": "C4", "adam": "C5",
           "extra_adam": "C7", "mirror_prox_gan": "C6", "rmsprop": "0.55"}
"""One colour per method in every drawing (C0 and C1 are the data and the samples)."""
DATASET_NAMES = {"8gaussians": "8 Gaussians", "25gaussians": "25 Gaussians",
                 "swissroll": "Swiss roll"}


def stored() -> dict:
    """The results of this process's run (``ganeq reproduce`` decides the claim first), else
    the quick-grid results in ``figures/data/hsieh2019_synthetic.json`` (written by
    ``ganeq experiment hsieh2019_synthetic --quick``)."""
    from verifiers.experiments import latest

    return latest(NAME) or json.loads((DATA / f"{NAME}.json").read_text())


def dataset_of(results: dict) -> str:
    names = list(results["datasets"])
    return "25gaussians" if "25gaussians" in names else names[0]


def _samples(a, d: dict, method: str, labels: dict, letter: str, lim: float) -> None:
    data = np.asarray(d["data_samples"])
    a.scatter(*data.T, s=1.0, color="C0", alpha=0.5, linewidths=0, rasterized=True)
    if method in d["methods"]:
        x = np.asarray(d["methods"][method]["samples_seed0"])
        a.scatter(*x.T, s=1.0, color="C1", alpha=0.6, linewidths=0, rasterized=True)
    else:
        a.text(0.5, 0.5, "not in\nthis run", transform=a.transAxes, ha="center", va="center")
    a.set(title=f"({letter}) {labels[method]}", xlim=(-lim, lim), ylim=(-lim, lim),
          aspect="equal")
    a.tick_params(labelsize=7)


def _curve(a, its, d: dict, key: str, labels: dict) -> None:
    for m, res in d["methods"].items():
        v = np.asarray(res[key], dtype=float)
        a.plot(its, np.median(v, axis=0), color=COLOURS[m], label=labels[m], marker=".",
               lw=1.8 if m.startswith("mirror") else 1.0)
        a.fill_between(its, v.min(axis=0), v.max(axis=0), color=COLOURS[m], alpha=0.15, lw=0)


def draw_from(results: dict, dataset: str | None = None) -> plt.Figure:
    """Figure 1 (six sample panels) with the W1 and modes-covered curves of ``dataset``."""
    dataset = dataset or dataset_of(results)
    labels, d = results["labels"], results["datasets"][dataset]
    fig = plt.figure(figsize=(7.0, 4.2), layout="constrained")
    left, right = fig.subfigures(1, 2, width_ratios=(3.0, 1.35))
    ax = left.subplots(2, 3, sharex=True, sharey=True)
    lim = 1.15 * np.abs(np.asarray(d["data_samples"])).max()
    for k, m in enumerate(PANELS):
        _samples(ax.flat[k], d, m, labels, "abcdef"[k], lim)
    left.suptitle(f"{DATASET_NAMES.get(dataset, dataset)}: data (blue), generator (orange), "
                  f"after {results['snapshot_iterations'][-1]} mini-batches", fontsize=8)
    its = results["snapshot_iterations"]
    mixture = d["modes"] > 0
    curves = (("w1", r"$W_1$ to the data"),
              *((("modes_covered", f"modes covered (of {d['modes']})"),) if mixture else ()))
    cax = right.subplots(len(curves), 1, sharex=True, squeeze=False)[:, 0]
    for k, (key, name) in enumerate(curves):
        _curve(cax[k], its, d, key, labels)
        cax[k].set(ylabel=name, title=f"({'gh'[k]})")
    cax[0].set_ylim(bottom=0)
    if mixture:
        cax[1].set_ylim(-0.5, d["modes"] + 0.5)
    cax[-1].set_xlabel("mini-batches per player")
    fig.legend(*cax[0].get_legend_handles_labels(), loc="outside lower center", ncols=4)
    return fig


def draw(seed: int = 0, quick: bool = False) -> plt.Figure:
    """From this process's run, else the stored quick-grid results (never trains)."""
    return draw_from(stored())


FIGURES = [Figure(
    "hsieh2019_mirror_gan",
    "Fitting a Gaussian mixture with a WGAN-GP (Hsieh, Liu & Cevher 2019, Section 5.1 and "
    "Figure 1): generator samples (orange, evaluation seed 0) over the data (blue) after the "
    "same number of mini-batches per player for (a) SGD, (b) Optimistic Adam, (c) Mirror-GAN "
    "(Algorithm 3), (d) Adam, (e) Extra-Adam and (f) Mirror-Prox-GAN (Algorithm 6), same "
    "networks and initial weights; right, (g) W1 to the data and (h) the modes covered (a "
    "mode is covered when a tenth of its fair share of 2000 samples lies within 3 standard "
    "deviations of its centre) against the mini-batches, median over the evaluation seeds "
    "with their range shaded. The paper's figure is 25 Gaussians at 512-unit networks and "
    "100000 mini-batches; the stored quick run is 8 Gaussians at width 32 and 4000 mini-batches "
    "(the 25-mode grid is not fitted by any method at that size).",
    draw, paper_figure="Hsieh, Liu & Cevher 2019, Figure 1", width="double",
)]
