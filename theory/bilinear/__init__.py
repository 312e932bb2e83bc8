"""Finite bi-affine games ``min_p max_q ⟨q, a⟩ − ⟨q, A p⟩`` and the entropic
mirror step (Hsieh, Liu & Cevher 2019, Section 2.1)."""

from theory import _config  # noqa: F401
from theory.bilinear.game import BilinearGame, duality_gap, payoff, random_game
from theory.bilinear.mirror import log_md_step, md_step, uniform_log

__all__ = [
    "BilinearGame",
    "duality_gap",
    "log_md_step",
    "md_step",
    "payoff",
    "random_game",
    "uniform_log",
]
