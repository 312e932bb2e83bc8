"""Farnia & Ozdaglar 2020, Table 1 at laptop scale, from the ``farnia2020_proximal`` results:
regular against proximal training (Algorithm 1) per setting, one point per seed joined across
the two arms (a seed is a matched pair), with each arm's mean ± sd."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from figures._base import Figure, new_figure
from figures.farnia2020_fig1_experiment import _plain, stored


def draw_from(results: dict) -> plt.Figure:
    runs = results["runs"]
    fig, axes = new_figure("double", 2.6, 1, max(len(runs), 2), squeeze=False)
    for ax in axes[0][len(runs):]:
        ax.set_visible(False)
    for ax, run in zip(axes[0], runs, strict=False):
        reg, prox = np.asarray(run["regular"]), np.asarray(run["proximal"])
        for a, b in zip(reg, prox, strict=True):
            ax.plot([0, 1], [a, b], "-", color="0.6", lw=0.7)
        for x, v, c in ((0, reg, "C0"), (1, prox, "C1")):
            ax.plot(np.full(v.size, x), v, "o", color=c, ms=3)
            ax.errorbar(x + 0.12, v.mean(), yerr=v.std(ddof=1) if v.size > 1 else 0, fmt="s",
                        color=c, ms=4, capsize=3)
        ax.set(xticks=[0, 1], xticklabels=["regular", "proximal"], xlim=(-0.4, 1.5),
               ylabel=run["metric"].split(" (")[0], title=_plain(run["setting"]))
    return fig


def draw(seed: int = 0, quick: bool = False) -> plt.Figure:
    """From this process's run, else the stored quick-grid results."""
    return draw_from(stored("farnia2020_proximal"))


FIGURES = [Figure(
    "farnia2020_table1",
    "Regular against proximal training (Farnia & Ozdaglar 2020, Section 6.2, Algorithm 1 with "
    "the Sobolev proximal term, lambda = 0.1) of small GANs: the sample quality of the final "
    "generator (W1 to the data on 8 Gaussians, lower is better; the digits classifier score, "
    "higher is better), one point per seed joined across the arms, squares the mean and sd. "
    "The analogue of their Table 1 (Inception scores on CIFAR-10).",
    draw, paper_figure="Farnia & Ozdaglar 2020, Table 1", width="double",
)]
