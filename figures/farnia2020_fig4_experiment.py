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
    "fixed (Farnia & Ozdaglar 2020, Section 6.1, eq. (19), lambda = 0.1, Sobolev norm): the "
    "objective V(G, D_final) and the samples change far less than under plain descent "
    "(compare farnia2020_fig1_experiment): the trained pair behaves like a local proximal "
    "equilibrium. One line per seed; samples of seed 0 before and after.",
    draw, paper_figure="Farnia & Ozdaglar 2020, Figure 4", width="double",
)]
