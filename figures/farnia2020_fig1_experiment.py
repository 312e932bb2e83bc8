"""Farnia & Ozdaglar 2020, Figure 1 redrawn from a real run (``farnia2020_fixd`` results):
a GAN is trained, its discriminator fixed, and the generator optimised further on V(G, D_final)
(eq. (5)). Panels: (a) V(G_θ, D_final) against the descent step, one line per seed; (b) the
sample quality (W1 to the data, or the digits classifier score) at the recorded steps; (c) the
generator's samples before and after the descent (seed 0) over the data."""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from figures._base import Figure, new_figure

DATA = Path(__file__).parent / "data"
ARMS = {"plain": "plain descent on V (eq. (5))", "proximal": "proximal descent (eq. (19))"}


def _data_points(setting: dict, n: int = 512) -> np.ndarray | None:
    import jax

    from theory.mirror_gan import data as toy_data

    name = setting["config"]["data"]
    if name not in toy_data.NAMES:
        return None
    return np.asarray(toy_data.toy(name).sample(jax.random.key(6), n))


def _plain(text: str) -> str:
    """A setting label without underscores (``wgan_gp`` -> ``WGAN-GP``)."""
    names = {"wgan_wc": "WGAN-WC", "wgan_gp": "WGAN-GP", "sn_gan": "SN-GAN",
             "8gaussians": "8 Gaussians", "25gaussians": "25 Gaussians"}
    for k, v in names.items():
        text = text.replace(k, v)
    return text


def _image_grid(ax, samples, title: str) -> None:
    x = np.asarray(samples)[:64].reshape(8, 8, 8, 8).transpose(0, 2, 1, 3).reshape(64, 64)
    ax.imshow(x, cmap="gray_r", vmin=-1, vmax=1)
    ax.set(title=title, xticks=[], yticks=[])


def draw_from(results: dict, arm: str = "plain") -> plt.Figure:
    """The figure for ``arm`` from a ``farnia2020_fixd`` results dict (its first setting)."""
    fig, ax = new_figure("double", 2.5, 1, 4)
    _row(ax, results["runs"][0], arm)
    fig.suptitle(ARMS[arm])
    return fig


def draw_both(results: dict) -> plt.Figure:
    """Both arms, one row each (the experiment's own figure)."""
    fig, ax = new_figure("double", 4.8, 2, 4)
    for row, arm in zip(ax, ARMS, strict=True):
        _row(row, results["runs"][0], arm)
        row[0].set_title(f"{row[0].get_title()}: {arm}")
    return fig


def _row(ax, run: dict, arm: str) -> None:
    a = run["arms"][arm]
    V = np.asarray(a["V"])
    for s, v in enumerate(V):
        ax[0].plot(np.arange(len(v)), v, color="C0", alpha=0.35 + 0.65 * (s == 0), lw=0.9)
    ax[0].set(xlabel="generator step (D fixed)", ylabel=r"$V(G_\theta, D_{final})$",
              title=f"(a) {_plain(run['setting'])}")
    steps = [0, *run["snapshot_steps"]]
    for q in np.asarray(a["quality"]):
        ax[1].plot(steps, q, "o-", color="C1", ms=2.5, lw=0.9)
    ax[1].set(xlabel="generator step (D fixed)", ylabel=run["quality_metric"].split(" (")[0],
              title="(b) sample quality")
    before, after = (np.asarray(x) for x in a["samples_seed0"])
    if before.shape[1] == 2:
        data = _data_points(run)
        for k, (pts, title) in enumerate(((before, "(c) before"), (after, "(d) after"))):
            ax[2 + k].scatter(*data.T, s=1.5, color="C0", alpha=0.4, label="data")
            ax[2 + k].scatter(*pts.T, s=1.5, color="C1", alpha=0.6, label="generator")
            ax[2 + k].set(title=title, xticks=[], yticks=[], aspect="equal")
        ax[3].legend(loc="upper left", bbox_to_anchor=(1.01, 1), markerscale=4)
    else:
        _image_grid(ax[2], before, "(c) before")
        _image_grid(ax[3], after, "(d) after")


def stored(name: str) -> dict:
    """The results of experiment ``name`` run in this process (``ganeq reproduce`` decides
    the claims first), else its quick-grid results stored in ``figures/data/NAME.json``
    (written by ``ganeq experiment NAME --quick``)."""
    from verifiers.experiments import latest

    return latest(name) or json.loads((DATA / f"{name}.json").read_text())


def draw(seed: int = 0, quick: bool = False) -> plt.Figure:
    return draw_from(stored("farnia2020_fixd"), "plain")


FIGURES = [Figure(
    "farnia2020_fig1_experiment",
    "Fixing the trained discriminator and optimising the generator further (Farnia & Ozdaglar "
    "2020, Section 2, eq. (5)) on a small GAN: the objective V(G, D_final) keeps falling "
    "(the trained pair is not a local Nash equilibrium) while the samples leave the data "
    "(W1 grows). One line per seed; samples of seed 0 before and after.",
    draw, paper_figure="Farnia & Ozdaglar 2020, Figure 1", width="double",
)]
