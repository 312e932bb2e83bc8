"""Checkers, claims, certificates, the registry and the CLI of ganeq.

>>> from verifiers import check
>>> cert = check("mescheder2018.lemma3.2", sigma=0.5)
>>> cert.verdict.value
'holds'

``import verifiers`` imports neither JAX nor numpy (so the ``ganeq`` command
starts fast): the names below other than ``check`` and ``registry`` are imported
on first use, and the registry imports a claim's module when the claim is asked
for, after :mod:`theory._config` has configured JAX for float64. The decorator
``claim`` is :func:`verifiers.claim.claim` (``verifiers.claim`` is its module).
"""

import importlib

from verifiers.registry import check, registry

_HOMES = {"Certificate": "certificate", "Verdict": "certificate", "decide": "certificate",
          "Claim": "claim", "Outcome": "outcomes", "Param": "params"}


def __getattr__(name: str):
    """``verifiers.Verdict`` and the other names of ``_HOMES``, imported on first use."""
    if name not in _HOMES:
        raise AttributeError(f"module 'verifiers' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"verifiers.{_HOMES[name]}"), name)
    globals()[name] = value
    return value

__all__ = [
    "Certificate", "Claim", "Outcome", "Param", "Verdict", "check", "decide", "registry",
]
