"""Nash-gap checkers for the Gaussian games: batched best responses and gaps
(:mod:`.batched`), independent re-evaluation of witnesses (:mod:`.crosscheck`),
interval / exact-rational / symbolic certificates of scalar inequalities (:mod:`.certify`)."""

from theory import _config  # noqa: F401
from verifiers.nash import batched, certify, crosscheck

__all__ = ["batched", "certify", "crosscheck"]
