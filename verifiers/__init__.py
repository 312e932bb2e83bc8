"""Checkers, claims, certificates, the registry and the CLI of ganeq.

>>> from verifiers import check
>>> cert = check("mescheder2018.lemma3.2", sigma=0.5)
>>> cert.verdict.value
'holds'
"""

from theory import _config  # noqa: F401  (float64 before any jax use)
from verifiers.certificate import Certificate, Verdict, decide
from verifiers.claim import Claim, claim
from verifiers.outcomes import Outcome
from verifiers.params import Param
from verifiers.registry import check, registry

__all__ = [
    "Certificate", "Claim", "Outcome", "Param", "Verdict", "check", "claim", "decide", "registry",
]
