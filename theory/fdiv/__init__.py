"""f-divergences as objects: f, f*, f', dom f*, h(r) = f*(f'(r)), and the symbolic
test of Theorem 1's condition "t² f''(t) non-decreasing" (Farnia & Ozdaglar 2020)."""

from theory import _config  # noqa: F401
from theory.fdiv._divergence import FDivergence
from theory.fdiv.condition import ConditionResult, t2fpp_nondecreasing
from theory.fdiv.library import (
    DIVERGENCES,
    HELLINGER,
    JS,
    KL,
    NEYMAN,
    NOWOZIN_EXAMPLES,
    PEARSON,
    REVERSE_KL,
    get,
    vanilla_to_fjs,
    vanilla_value_offset,
)

__all__ = [
    "DIVERGENCES", "HELLINGER", "JS", "KL", "NEYMAN", "NOWOZIN_EXAMPLES", "PEARSON", "REVERSE_KL",
    "ConditionResult", "FDivergence", "get", "t2fpp_nondecreasing", "vanilla_to_fjs",
    "vanilla_value_offset",
]
