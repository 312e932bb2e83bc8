"""Farnia & Ozdaglar 2020, Table 1 at laptop scale, from the ``farnia2020_proximal`` results:
regular against proximal training (Algorithm 1) laid out like their table, one row per data
set and one column per GAN, exactly the settings the run has. In each panel one point per seed
joined across the two arms (a seed is a matched pair), each arm's mean ± sd, and how many seeds
proximal training improved."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from figures._base import Figure, new_figure
from figures.farnia2020_fig1_experiment import NAMES, metric_label, stored


def _grid(runs):
    """Row labels (data sets), column labels (GANs) in first-seen order, and each run's cell."""
    rows = list(dict.fromkeys(r["config"]["data"] for r in runs))
    cols = list(dict.fromkeys(r["config"]["kind"] for r in runs))
    cells = {(rows.index(r["config"]["data"]), cols.index(r["config"]["kind"])): r
             for r in runs}
    return rows, cols, cells


def draw_from(results: dict) -> plt.Figure:
    rows, cols, cells = _grid(results["runs"])
    fig, axes = new_figure("double", 0.6 + 2.2 * len(rows), len(rows), len(cols),
                           squeeze=False)
    for (i, j), ax in np.ndenumerate(axes):
        run = cells.get((i, j))
        if run is None:
            ax.text(0.5, 0.5, "not in this run", ha="center", va="center",
                    transform=ax.transAxes)
            ax.set_axis_off()
            continue
        _panel(ax, run)
        ax.set_title(f"{NAMES.get(cols[j], cols[j])} on {NAMES.get(rows[i], rows[i])}")
    return fig


def _panel(ax, run: dict) -> None:
    reg, prox = np.asarray(run["regular"]), np.asarray(run["proximal"])
    for a, b in zip(reg, prox, strict=True):
        ax.plot([0, 1], [a, b], "-", color="0.6", lw=0.7)
    for x, v, c in ((0, reg, "C0"), (1, prox, "C1")):
        ax.plot(np.full(v.size, x), v, "o", color=c, ms=3)
        ax.errorbar(x + 0.15, v.mean(), yerr=v.std(ddof=1) if v.size > 1 else 0, fmt="s",
                    color=c, ms=4, capsize=3)
    better = int(np.sum(prox > reg) if run["higher_is_better"] else np.sum(prox < reg))
    direction = "higher" if run["higher_is_better"] else "lower"
    ax.set(xticks=[0, 1], xticklabels=["regular", "proximal"], xlim=(-0.4, 1.5),
           ylabel=f"{metric_label(run['metric'])} ({direction} is better)",
           xlabel=f"proximal better on {better} of {reg.size} seeds")


def draw(seed: int = 0, quick: bool = False) -> plt.Figure:
    """From this process's run, else the stored quick-grid results."""
    return draw_from(stored("farnia2020_proximal"))


FIGURES = [Figure(
    "farnia2020_table1",
    "Regular against proximal training (Farnia & Ozdaglar 2020, Section 6.2, Algorithm 1 with "
    "the Sobolev proximal term, lambda = 0.1, three critic steps) of small GANs, laid out "
    "like their Table 1: one column per GAN (WGAN-WC, SN-GAN), one row per data set of the "
    "run (the stored quick grid: 8 Gaussians, $W_1$ of the final generator to the data, lower "
    "is better; the full grid adds scikit-learn's 8x8 digits, scored by a digits classifier, "
    "higher is better). One point per seed joined across the arms, squares the mean and sd; "
    "the paired test over the 12 seed-setting units does not separate the arms. The analogue "
    "of their Table 1 (Inception scores on CIFAR-10).",
    draw, paper_figure="Farnia & Ozdaglar 2020, Table 1", width="double",
)]
