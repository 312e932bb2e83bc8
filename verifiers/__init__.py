"""Checkers, claims, certificates, the registry and the CLI of ganeq.

>>> from verifiers import check
>>> cert = check("mescheder2018.lemma3.2", sigma=0.5)
>>> cert.verdict.value
'holds'

``import verifiers`` does not import JAX (so the ``ganeq`` command starts fast):
the registry imports a claim's module when the claim is asked for, after
:mod:`theory._config` has configured JAX for float64.
"""

from verifiers.certificate import Certificate, Verdict, decide
from verifiers.claim import Claim, claim
from verifiers.outcomes import Outcome
from verifiers.params import Param
from verifiers.registry import check, registry

__all__ = [
    "Certificate", "Claim", "Outcome", "Param", "Verdict", "check", "claim", "decide", "registry",
]
