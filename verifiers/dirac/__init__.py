"""Dirac-GAN checkers: batched spectra and stability margins
(:mod:`verifiers.dirac.spectra`), the f selected by the claim parameters
(:mod:`verifiers.dirac.fparams`), verified routes with a-priori error bounds
(:mod:`verifiers.dirac.routes`), block matrices of Appendix A
(:mod:`verifiers.dirac.blocks`) and helpers shared by the Dirac claims
(:mod:`verifiers.dirac.checks`)."""

from theory import _config  # noqa: F401
from verifiers.dirac.spectra import (
    batched_operator_spectra,
    batched_spectra,
    batched_stability,
    jacobians_batch,
    reference_spectra_loop,
)

__all__ = [
    "batched_spectra",
    "batched_operator_spectra",
    "batched_stability",
    "jacobians_batch",
    "reference_spectra_loop",
]
