"""Hsieh, Liu & Cevher 2019, Figure 1 redrawn from real runs (``hsieh2019_synthetic``
results): a WGAN-GP fitted to the 25-Gaussian mixture by SGD, Optimistic Adam, Mirror-GAN
(Algorithm 3), Adam, Extra-Adam and Mirror-Prox-GAN (Algorithm 6), same networks, same
initialisation and the same number of mini-batches; data in blue, generator samples (seed 0)
in orange. Last column: W1 to the data and the number of modes covered against the iteration,
mean over seeds with the seeds' range shaded."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from figures._base import Figure, new_figure
from figures.farnia2020_fig1_experiment import stored

PANELS = (("sgd", "optimistic_adam", "mirror_gan"), ("adam", "extra_adam", "mirror_prox_gan"))
LETTERS = "abcdef"


def draw_from(results: dict, dataset: str = "25gaussians") -> plt.Figure:
    labels = results["labels"]
    d = results["datasets"][dataset]
    data = np.asarray(d["data_samples"])
    fig, ax = new_figure("double", 3.9, 2, 4)
    for r, row in enumerate(PANELS):
        for c, m in enumerate(row):
            a = ax[r, c]
            a.scatter(*data.T, s=1.0, color="C0", alpha=0.5)
            title = f"({LETTERS[3 * r + c]}) {labels[m]}"
            if m in d["methods"]:
                a.scatter(*np.asarray(d["methods"][m]["samples_seed0"]).T, s=1.0, color="C1",
                          alpha=0.6)
            else:
                a.text(0.5, 0.5, "not in\nthis run", transform=a.transAxes, ha="center",
                       va="center", bbox={"facecolor": "white", "edgecolor": "0.7"})
            lim = 1.1 * np.abs(data).max() + 0.2
            a.set(title=title, xlim=(-lim, lim), ylim=(-lim, lim), xticks=[], yticks=[],
                  aspect="equal")
    its = results["snapshot_iterations"]
    for k, (key, name) in enumerate((("w1", "W1 to the data"), ("modes_covered", "modes covered"))):
        a = ax[k, 3]
        for i, (m, res) in enumerate(d["methods"].items()):
            v = np.asarray(res[key], dtype=float)
            a.plot(its, v.mean(axis=0), color=f"C{i + 1}", label=labels[m], lw=1.0)
            a.fill_between(its, v.min(axis=0), v.max(axis=0), color=f"C{i + 1}", alpha=0.15)
        a.set(xlabel="mini-batches", ylabel=name, title=f"({'gh'[k]}) {name}")
    ax[1, 3].legend(loc="upper left", bbox_to_anchor=(1.02, 1.0))
    return fig


def draw(seed: int = 0, quick: bool = False) -> plt.Figure:
    """From this process's run, else the stored quick-grid results."""
    return draw_from(stored("hsieh2019_synthetic"))


FIGURES = [Figure(
    "hsieh2019_mirror_gan",
    "Fitting the 25-Gaussian mixture with a WGAN-GP (Hsieh, Liu & Cevher 2019, Section 5.1): "
    "generator samples (orange, seed 0) over the data (blue) after the same number of "
    "mini-batches for SGD, Optimistic Adam, Mirror-GAN (Algorithm 3), Adam, Extra-Adam and "
    "Mirror-Prox-GAN (Algorithm 6); right, W1 to the data and modes covered against the "
    "iteration (mean over seeds, range shaded). The quick run trains Adam and the two "
    "mirror methods only, at laptop scale.",
    draw, paper_figure="Hsieh, Liu & Cevher 2019, Figure 1", width="double",
)]
