"""Gaussian games with a linear generator (Farnia & Ozdaglar 2020, Proposition 1,
Theorem 1, Remark 1): f-GAN, W2GAN (c-concave and quadratic D), 1-D WGAN;
values, best responses and Nash gaps in closed form (docs/derivations/farnia2020.md)."""

from theory import _config  # noqa: F401
from theory.gaussian_games import fgan, fgan_star, lemma, trs, w2gan, wgan
from theory.gaussian_games._model import GaussianData, LinearGenerator
from theory.gaussian_games.nash import (
    FCritic,
    NashConv,
    fgan_nash_conv,
    w2gan_nash_conv,
    wgan_nash_conv,
)

__all__ = [
    "FCritic", "GaussianData", "LinearGenerator", "NashConv", "fgan", "fgan_nash_conv", "fgan_star",
    "lemma", "trs", "w2gan", "w2gan_nash_conv", "wgan", "wgan_nash_conv",
]
