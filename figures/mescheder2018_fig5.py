"""Figure 5 of Mescheder et al. 2018 at our scale: W1 to the data (averaged over the
last fifth of training) per training method on the four 2-D data sets (dots: mean
over units, ticks: one per unit), ‖∇D‖ on and near the data per method, and the
generators' samples on the circle at the end of training (supplement, Figure 9).
Drawn from the results of ``verifiers/experiments/mescheder2018_fig5.py``:
the run made in this process if there is one (``ganeq reproduce`` runs the claims
first), else the quick-grid results stored in ``figures/data/mescheder2018_fig5.json``
(written by ``ganeq experiment mescheder2018_fig5 --quick``)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.ticker import FormatStrFormatter, LogLocator

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
    fig.legend(handles=_marks(), loc="outside lower center", ncols=3, frameon=False)
    g = results["grid"]
    fig.suptitle(f"{g.get('name', results['size'])} grid, {len(results['seeds'])} seeds, "
                 f"{g['iterations']} iterations; $W_1$ averaged over iterations "
                 f"{', '.join(map(str, g['w1_snapshots']))}")
    return fig


def _bars(ax, results, dataset):
    """Per method: the mean W1 over the units of ``dataset`` (coloured dot) and each unit
    (tick; light blue where the samples left the box, see :func:`_marks`), on a log scale."""
    for i, m in enumerate(METHODS):
        b = results["best"][m]
        mine = [u[0] == dataset for u in b["units"]]
        w = np.array([v for v, keep in zip(b["w1"], mine, strict=True) if keep])
        out = np.array([d for d, keep in zip(b["diverged"], mine, strict=True) if keep],
                       dtype=bool)
        ax.plot(np.full((~out).sum(), i), w[~out], "k_", ms=8)
        ax.plot(np.full(out.sum(), i), w[out], "_", color="C5", ms=8, mew=2)
        ax.plot(i, w.mean(), "o", color=f"C{i}", ms=6, mec="k", mew=0.5)
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(FormatStrFormatter("%g"))
    ax.yaxis.set_minor_locator(LogLocator(subs=(2.0, 5.0)))
    ax.yaxis.set_minor_formatter(FormatStrFormatter("%g"))
    ax.set_xlim(-0.6, len(METHODS) - 0.4)
    ax.set_xticks(range(len(METHODS)), LABELS, rotation=90)
    ax.set_title(dataset.replace("_", " "))
    if dataset == results["grid"]["datasets"][0]:
        ax.set_ylabel(r"$W_1$ to the data")


def _marks():
    """Legend handles of the W1 panels' three marks (as :func:`_bars` draws them)."""
    return [Line2D([], [], ls="", marker="o", color="0.6", ms=6, mec="k", mew=0.5,
                   label="mean over units"),
            Line2D([], [], ls="", marker="_", color="k", ms=8, label="one unit"),
            Line2D([], [], ls="", marker="_", color="C5", ms=8, mew=2,
                   label="one unit whose samples left the box (lower bound)")]


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


FIGURES = [Figure(
    "mescheder2018_fig5",
    "Top row: Wasserstein-1 distance to the data, averaged over the last fifth of training, "
    "of five training methods (unregularised GAN, R1, R2, WGAN-GP with 1 and 5 critic "
    "steps) on four 2-D data sets, log scale; dots are means over units (architecture x "
    "seed, each method at its best setting), ticks single units (light blue: the generator's "
    "samples left the box [-10, 10] x [-10, 10] and were measured inside it, a lower "
    "bound). Last panel: median gradient norm of "
    "the final discriminator on the data (o) and near it (x, data + N(0, 0.01 I)): R1 and "
    "R2 end with a flat discriminator around the data. Bottom row: 256 generator samples "
    "per method on the circle at the end of training (seed 0, 16 units, leaky ReLU, the "
    "method's best setting).",
    draw, paper_figure="Mescheder et al. 2018, Figure 5", width="double")]
