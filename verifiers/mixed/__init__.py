"""Solvers and checkers for mixed equilibria (Hsieh, Liu & Cevher 2019).

``lp``: exact LP (HiGHS; both strategies, their values bracketing the game's);
``dynamics``: entropic MD/MP as ``lax.scan`` loops; ``rates``: rate experiments and
bounds; ``wgan_grid``: the discretised 1-D WGAN game and its certified bracket;
``double_oracle``;
``interval``: the certified sign of G; ``lifting``: §2.2's operators G, G†;
``particles``: Section 3's MD / MP on weighted particles of the 1-D WGAN game;
``sgld``: the SGLD sampler of §4.1 and its first-order bias. Mirror-GAN (Algorithm 3)
and Mirror-Prox-GAN are in :mod:`theory.mirror_gan`.
"""

from theory import _config  # noqa: F401
