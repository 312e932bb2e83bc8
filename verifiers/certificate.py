"""Certificates: frozen, JSON-serialisable records of one check of one claim.

A verdict is ``holds`` or ``refuted`` only when ``|margin| > tolerance``; inside
the tolerance band it is ``inconclusive`` (never decided by float equality).
``inapplicable`` means the parameters miss one of the claim's hypotheses, which
the certificate names.
"""

from __future__ import annotations

import enum
import json
import math
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np


class Verdict(enum.Enum):
    """Outcome of a check; each member carries the phrase used by ``str``."""

    HOLDS = "holds"
    REFUTED = "refuted"
    INCONCLUSIVE = "inconclusive"
    INAPPLICABLE = "inapplicable"

    @property
    def message(self) -> str:
        return {
            "holds": "holds",
            "refuted": "is refuted",
            "inconclusive": "is inconclusive",
            "inapplicable": "does not apply",
        }[self.value]

    def __str__(self) -> str:
        """The bare verdict (``print(cert.verdict)`` shows ``refuted``)."""
        return self.value

    def contradicts(self, expected: Verdict) -> bool:
        """Is this verdict decisive and different from ``expected``? ``inconclusive``
        never contradicts: it is counted, not failed, by sweeps, hunts and reports."""
        return self is not Verdict.INCONCLUSIVE and self is not expected


def decide(margin: float, tolerance: float) -> Verdict:
    """The verdict of a signed margin (> 0 means the claim holds) given a tolerance."""
    if not math.isfinite(tolerance) or tolerance < 0:
        raise ValueError(f"tolerance={tolerance!r} must be finite and >= 0")
    if math.isnan(margin):
        return Verdict.INCONCLUSIVE
    if margin > tolerance:
        return Verdict.HOLDS
    if margin < -tolerance:
        return Verdict.REFUTED
    return Verdict.INCONCLUSIVE


def to_jsonable(value: Any) -> Any:
    """Plain-JSON form of a witness: arrays become lists, complex numbers
    ``[re, im]`` pairs, non-finite floats the strings ``"inf"``, ``"-inf"``, ``"nan"``."""
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, (complex, np.complexfloating)):
        return [to_jsonable(float(value.real)), to_jsonable(float(value.imag))]
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return value if math.isfinite(value) else repr(value)
    if isinstance(value, enum.Enum):
        return value.value
    if hasattr(value, "__array__"):
        return to_jsonable(np.asarray(value).tolist())
    return value


def eigenvalue_pairs(eigenvalues) -> list[list[float]]:
    """A spectrum as the ``[[re, im], ...]`` list used in ``witness["eigenvalues"]``, in a
    canonical order: by real part (to 1e-9 of the spectral radius, so that two eigenvalues
    of one conjugate pair or a real double root keep their order when rounding splits
    them), then by imaginary part. LAPACK's own order varies with the instruction set."""
    lam = np.atleast_1d(np.asarray(eigenvalues, dtype=complex))
    finite = np.abs(lam[np.isfinite(lam)])
    grain = max(1e-9 * float(np.max(finite, initial=0.0)), np.finfo(float).tiny)
    order = np.lexsort((lam.imag, np.round(lam.real / grain)))
    return [[float(z.real), float(z.imag)] for z in lam[order]]


@dataclass(frozen=True)
class Certificate:
    """One check of one claim on one parameter set.

    ``margin`` is the signed distance from the claim's boundary in the claim's
    own units (> 0: holds), ``tolerance`` the numeric error bound the verdict
    used, ``witness`` what proves it, ``method`` how (``symbolic``,
    ``closed-form``, ``interval``, ``jax-pgd``, ``lp``, ...), ``statement`` the
    checked statement as it reads for these parameters, ``derivation`` the
    section of ``docs/derivations/`` the check rests on (empty if none).
    """

    claim: str
    params: dict
    verdict: Verdict
    margin: float
    tolerance: float
    witness: dict = field(default_factory=dict)
    method: str = "closed-form"
    seconds: float = 0.0
    statement: str = ""
    reference: str = ""
    derivation: str = ""

    def to_dict(self) -> dict:
        d = asdict(self)
        d["verdict"] = self.verdict.value
        return to_jsonable(d)

    def to_json(self, **kwargs) -> str:
        return json.dumps(self.to_dict(), allow_nan=False, **kwargs)

    def __str__(self) -> str:
        head = self.reference or self.claim
        body = f": {self.statement}" if self.statement else ""
        return (
            f"{head} {self.verdict.message}{body} "
            f"(margin {self.margin:.3g}, tol {self.tolerance:.2g}, {self.method})"
        )
