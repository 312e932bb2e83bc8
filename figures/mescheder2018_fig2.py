"""Figure 2 of Mescheder et al. 2018: SimGD and AltGD on the unregularised
Dirac-GAN (standard f). SimGD spirals away from the equilibrium (Lemma 2.4:
the norm grows at every step); AltGD circles it (Lemma 2.5, |α| < 2)."""

import matplotlib.pyplot as plt

from figures._base import Figure
from figures._dirac import phase_portrait, trajectory
from verifiers.dynamics import field

X0, H, LIM = (1.0, 1.0), 0.1, 3.0


def draw(seed: int = 0, quick: bool = False):
    v = field("gan")
    steps = 600 if quick else 1200
    fig, axes = plt.subplots(1, 2, figsize=(7.6, 3.8), constrained_layout=True)
    for ax, alg, title in zip(axes, ("simgd", "altgd"), ("(a) SimGD", "(b) AltGD"), strict=True):
        xs = trajectory(v, {}, X0, H, steps, alg)
        phase_portrait(ax, v, {}, xs, LIM, 15 if quick else 25, f"{title}, h = {H}")
    axes[0].legend(loc="lower left", fontsize=7)
    fig.suptitle("Dirac-GAN, unregularised (Mescheder et al. 2018, Fig. 2)")
    return fig


FIGURES = [Figure("mescheder2018_fig2", "SimGD and AltGD on the unregularised Dirac-GAN", draw)]
