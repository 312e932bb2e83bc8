"""Farnia & Ozdaglar 2020, Figure 4 redrawn from a real run (``farnia2020_fixd`` results): the
same fixed discriminator, the generator optimised on the proximal objective (eq. (19),
λ = 0.1, Sobolev norm (15)); panels as in :mod:`figures.farnia2020_fig1_experiment`."""

from __future__ import annotations

from figures._base import Figure
from figures.farnia2020_fig1_experiment import draw_from, stored


def draw(seed: int = 0, quick: bool = False):
    return draw_from(stored("farnia2020_fixd"), "proximal")


FIGURES = [Figure(
    "farnia2020_fig4_experiment",
    "Optimising the proximal objective over the generator with the trained discriminator "
    "fixed (Farnia & Ozdaglar 2020, Section 6.1, eq. (19), lambda = 0.1, Sobolev norm, 10 "
    "inner Adam steps) on the quick grid's WGAN-GP on 8 Gaussians, six seeds: (a) the "
    "objective V(G, D_final) moves by less than 0.4 where plain descent lowered it by up to "
    "17 (compare farnia2020_fig1_experiment); (b) $W_1$ to the data does not grow; (c, d) "
    "seed 0's samples before and at each recorded step stay on the data: the trained pair "
    "behaves like a local proximal equilibrium.",
    draw, paper_figure="Farnia & Ozdaglar 2020, Figure 4", width="double",
)]
