"""Farnia & Ozdaglar 2020, Figure 1 redrawn from a real run (``farnia2020_fixd`` results):
a GAN is trained, its discriminator fixed, and the generator optimised further on V(G, D_final)
(eq. (5)). Panels: (a) V(G_θ, D_final) against the descent step, one line per seed; (b) the
sample quality (W1 to the data, or the digits classifier score) at the recorded steps; (c) the
generator's samples (seed 0) before the descent and (d) at every recorded step of it, over the
data, on shared axes that cover the data and all samples (digits: 8×8 grids of samples before
and after)."""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from figures._base import WIDTHS, Figure

DATA = Path(__file__).parent / "data"
ARMS = {"plain": "plain descent on V (eq. (5))", "proximal": "proximal descent (eq. (19))"}
NAMES = {"wgan_wc": "WGAN-WC", "wgan_gp": "WGAN-GP", "sn_gan": "SN-GAN",
         "8gaussians": "8 Gaussians", "25gaussians": "25 Gaussians"}


def _data_points(run: dict, n: int = 512) -> np.ndarray:
    import jax

    from theory.mirror_gan import data as toy_data

    return np.asarray(toy_data.toy(run["config"]["data"]).sample(jax.random.key(6), n))


def _plain(text: str) -> str:
    """A setting label without underscores (``wgan_gp`` -> ``WGAN-GP``)."""
    for k, v in NAMES.items():
        text = text.replace(k, v)
    return text


def metric_label(metric: str) -> str:
    """The axis label of a quality metric (mathtext ``W_1``)."""
    return metric.split(" (")[0].replace("W1", "$W_1$")


def _image_grid(ax, samples, title: str) -> None:
    """The first 64 samples as an 8×8 grid of 8×8 images, one blank pixel between them."""
    x = np.full((8, 9, 8, 9), np.nan)
    x[:, :8, :, :8] = np.asarray(samples)[:64].reshape(8, 8, 8, 8).transpose(0, 2, 1, 3)
    cmap = plt.get_cmap("gray_r").with_extremes(bad="white")
    ax.imshow(x.reshape(72, 72)[:-1, :-1], cmap=cmap, vmin=-1, vmax=1)
    ax.set(title=title, xticks=[], yticks=[])
    ax.spines[:].set_visible(False)


TOP, PANEL_WIDTH = 2.3, 3.1
"""Height of the curve row and width of one sample panel (inches, double width)."""


def draw_from(results: dict, arm: str = "plain", setting: int = 0) -> plt.Figure:
    """The figure for ``arm`` from a ``farnia2020_fixd`` results dict (setting ``setting``)."""
    run = results["runs"][setting]
    bottom = _bottom_height(run, arm)
    fig = plt.figure(figsize=(WIDTHS["double"], TOP + bottom + 0.6), layout="constrained")
    _panels(fig, run, arm, bottom)
    fig.suptitle(f"{_plain(run['setting'])}: {ARMS[arm]}")
    return fig


def _bottom_height(run: dict, arm: str) -> float:
    """Height (inches) of the sample row: an image grid is square; a scatter panel at equal
    aspect is as tall as its shared box (:func:`_limits`) at :data:`PANEL_WIDTH`, capped."""
    snaps = run["arms"][arm]["samples_seed0"]
    if len(snaps[0][0]) != 2:
        return 2.6
    (x0, x1), (y0, y1) = _limits(_data_points(run), [np.asarray(x) for x in snaps]).values()
    return min(PANEL_WIDTH * (y1 - y0) / (x1 - x0), 2.6) + 0.55


def _limits(data, snaps) -> dict:
    """The box of the data and every sample, padded by 5 % of its larger side."""
    pts = np.vstack([data, *snaps])
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    pad = 0.05 * (hi - lo).max()
    return dict(xlim=(lo[0] - pad, hi[0] + pad), ylim=(lo[1] - pad, hi[1] + pad))


def _panels(fig, run: dict, arm: str, bottom: float) -> None:
    """Panels (a)–(d) of ``arm`` of one setting on the (sub)figure ``fig``: curves on top,
    samples below."""
    (a_v, a_q), (a_c, a_d) = fig.subplots(2, 2, height_ratios=[TOP, bottom])
    a = run["arms"][arm]
    steps = [0, *run["snapshot_steps"]]
    for s, v in enumerate(np.asarray(a["V"])):
        a_v.plot(np.arange(len(v)), v, color="C0", alpha=0.35 + 0.65 * (s == 0), lw=0.9)
    a_v.set(xlabel="generator step (D fixed)", ylabel=r"$V(G_\theta, D_{final})$",
            title="(a) objective, one line per seed (dark: seed 0)")
    for s, q in enumerate(np.asarray(a["quality"])):
        a_q.plot(steps, q, "o-", color="C1", ms=2.5, lw=0.9, alpha=0.35 + 0.65 * (s == 0))
    a_q.set(xlabel="generator step (D fixed)", ylabel=metric_label(run["quality_metric"]),
            title="(b) sample quality")
    snaps = [np.asarray(x) for x in a["samples_seed0"]]
    if snaps[0].shape[1] == 2:
        _scatter_panels(fig, a_c, a_d, _data_points(run), snaps, steps)
    else:
        _image_grid(a_c, snaps[0], "(c) seed 0 before (step 0)")
        _image_grid(a_d, snaps[-1], f"(d) seed 0 after (step {steps[-1]})")


def _scatter_panels(fig, a_c, a_d, data, snaps, steps) -> None:
    """(c) the samples before, (d) the samples at every recorded step (darker = later), both
    over the data and on the same limits (:func:`_limits`)."""
    lims = _limits(data, snaps)
    for ax in (a_c, a_d):
        ax.scatter(*data.T, s=2, color="C0", alpha=0.5, label="data", zorder=3)
        ax.set(aspect="equal", xlabel="$x_1$", ylabel="$x_2$", **lims)
    a_c.scatter(*snaps[0].T, s=2, color="C1", alpha=0.6, label="generator")
    a_c.set_title("(c) seed 0 before (step 0)")
    cmap = plt.get_cmap("Oranges")
    shades = np.linspace(0.35, 1.0, len(snaps) - 1)
    for pts_k, shade in zip(snaps[1:], shades, strict=True):
        a_d.scatter(*pts_k.T, s=2, color=cmap(shade), alpha=0.7)
    a_d.set_title(f"(d) seed 0 at steps {', '.join(map(str, steps[1:]))} (darker: later)")
    fig.legend(*a_c.get_legend_handles_labels(), loc="outside lower center", ncols=2,
               markerscale=4)


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
    "2020, Section 2, eq. (5)) on a small GAN (the quick grid: WGAN-GP on 8 Gaussians, six "
    "seeds): (a) the objective V(G, D_final) keeps falling, so the trained pair is not a local "
    "Nash equilibrium; (b) the samples get worse ($W_1$ to the data grows); (c, d) seed 0's "
    "samples before the descent and at each recorded step, on common axes: the generator "
    "leaves the data it had fitted.",
    draw, paper_figure="Farnia & Ozdaglar 2020, Figure 1", width="double",
)]
