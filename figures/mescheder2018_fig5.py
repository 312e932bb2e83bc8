"""Figure 5 of Mescheder et al. 2018 at our scale: W1 to the data per training method
on the four 2-D data sets (bars: mean over units, ticks: one per unit), ‖∇D‖ on and
near the data per method, and the generators' samples on the circle (supplement,
Figure 9). Drawn from the results of ``verifiers/experiments/mescheder2018_fig5.py``:
the run made in this process if there is one (``ganeq reproduce`` runs the claims
first), else the quick-grid results stored in ``figures/data/mescheder2018_fig5.json``
(written by ``ganeq experiment mescheder2018_fig5 --quick``)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from figures._base import Figure, new_figure, styled

STORED = Path(__file__).parent / "data" / "mescheder2018_fig5.json"
METHODS = ("unregularised", "R1", "R2", "WGAN-GP-1", "WGAN-GP-5")
LABELS = ("GAN", "R1", "R2", "WGP-1", "WGP-5")


@styled
def draw_results(results: dict):
    """The figure from an experiment results dict."""
    datasets = results["grid"]["datasets"]
    fig, axes = new_figure("double", 4.4, 2, 5)
    for ax, d in zip(axes[0], datasets, strict=False):
        _bars(ax, results, d)
    _gradients(axes[0, 4], results)
    shown = "circle" if "circle" in results["samples"] else datasets[0]
    for ax, m in zip(axes[1], METHODS, strict=True):
        _samples(ax, results, shown, m)
    for ax in axes[0, len(datasets):4]:
        ax.axis("off")
    fig.suptitle(f"{results['size']} grid, {len(results['seeds'])} seeds, "
                 f"{results['grid']['iterations']} iterations")
    return fig


def _bars(ax, results, dataset):
    for i, m in enumerate(METHODS):
        b = results["best"][m]
        w = np.array([v for v, u in zip(b["w1"], b["units"], strict=True) if u[0] == dataset])
        ax.bar(i, w.mean(), color=f"C{i}", alpha=0.6)
        ax.plot(np.full(w.size, i), w, "k_", ms=8)
    ax.set_xticks(range(len(METHODS)), LABELS, rotation=90)
    ax.set_title(dataset.replace("_", " "))
    if dataset == "gaussian":
        ax.set_ylabel("W1 to the data")


def _gradients(ax, results):
    for key, marker in (("grad_data", "o"), ("grad_near", "x")):
        ax.plot(range(len(METHODS)), [np.median(results["best"][m][key]) for m in METHODS],
                marker, color="k")
    ax.set_xticks(range(len(METHODS)), LABELS, rotation=90)
    ax.set_title("|∇D|: o on, x near")


def _samples(ax, results, dataset, method):
    x = np.asarray(results["samples"][dataset][method])
    ax.scatter(x[:, 0], x[:, 1], s=1, color="C0")
    name = "GAN" if method == "unregularised" else method
    ax.set_title(f"{name}, {dataset.replace('_', ' ')}")
    ax.set_aspect("equal")
    ax.set_xlim(-2.5, 2.5)
    ax.set_ylim(-2.5, 2.5)


def draw(seed: int = 0, quick: bool = False):
    """The figure from this process's run of the experiment, else the stored results."""
    from verifiers.experiments import latest

    results = latest("mescheder2018_fig5") or json.loads(STORED.read_text())
    return draw_results(results)


FIGURES = [Figure("mescheder2018_fig5", "W1 of five training methods on four 2-D data sets, "
                  "the discriminator's slope at the data, and the samples on the circle", draw,
                  paper_figure="Mescheder et al. 2018, Figure 5")]
