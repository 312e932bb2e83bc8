"""Dirac-GAN checkers: batched spectra and stability margins
(:mod:`verifiers.dirac.spectra`), the choice of f as claim parameters
(:mod:`verifiers.dirac.fparams`) and helpers shared by the Dirac claims
(:mod:`verifiers.dirac.checks`)."""

from theory import _config  # noqa: F401
from verifiers.dirac.spectra import (
    batched_operator_spectra,
    batched_spectra,
    jacobians_batch,
    reference_spectra_loop,
)

__all__ = [
    "batched_spectra",
    "batched_operator_spectra",
    "jacobians_batch",
    "reference_spectra_loop",
]
