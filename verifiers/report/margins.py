"""Relative margins: a certificate's margin divided by a scale, so that claims with
different units can share one column of the report.

The scale of a certificate is, in this order:

1. ``witness["scale"]``, when the check states one (a positive finite number; an
   optional ``witness["scale_of"]`` names it, e.g. ``"|f'(0)|"``): a claim whose
   margin has a natural size (a spectral radius, a threshold) says so there;
2. otherwise ``max(tolerance, error_bound, |value|, |limit|, |claimed|, |computed|)``
   over the witness entries of those names that are present (the builders of
   :mod:`verifiers.outcomes` record ``value``/``limit`` for a bound, and
   ``claimed``/``computed`` with the ``error_bound`` that plays the tolerance's part
   for an equality): the size of the quantities compared, and at least the error
   the verdict allowed;
3. otherwise none: the relative margin is "n/a" (for instance a sign check whose
   witness records no value, an ``inapplicable`` or a non-finite margin).

A relative margin of +1 means the claim holds by the full size of what was
compared; a value near 0 means the verdict was close.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Real

from verifiers.certificate import Certificate

SCALE_KEY = "scale"
SCALE_NAME_KEY = "scale_of"
VALUE_KEYS = ("value", "limit", "claimed", "computed")
ERROR_KEY = "error_bound"


@dataclass(frozen=True)
class Relative:
    """``margin / scale`` (None: n/a), the scale, and where the scale came from."""

    value: float | None
    scale: float | None
    source: str

    def text(self) -> str:
        """``+0.42`` style, or ``n/a``."""
        return "n/a" if self.value is None else f"{self.value:+.3g}"

    def to_dict(self) -> dict:
        return {"relative_margin": self.value, "scale": self.scale, "scale_source": self.source}


def _number(x) -> float | None:
    if isinstance(x, bool) or not isinstance(x, Real):
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def relative_margin(cert: Certificate) -> Relative:
    """The relative margin of ``cert`` (see the module docstring for the scale)."""
    margin = _number(cert.margin)
    if margin is None:
        return Relative(None, None, "no finite margin")
    stated = _number(cert.witness.get(SCALE_KEY))
    if stated is not None and stated > 0:
        name = cert.witness.get(SCALE_NAME_KEY)
        return Relative(margin / stated, stated, f"stated: {name}" if name else "stated")
    present = [k for k in VALUE_KEYS if _number(cert.witness.get(k)) is not None]
    if not present:
        return Relative(None, None, "no value in the witness")
    error = _number(cert.witness.get(ERROR_KEY))
    errors = [abs(cert.tolerance)] + ([abs(error)] if error is not None else [])
    scale = max(errors + [abs(_number(cert.witness[k])) for k in present])
    if not scale > 0:
        return Relative(None, None, "all compared quantities are 0")
    names = ", ".join(["tolerance"] + [ERROR_KEY] * (error is not None)
                      + [f"|{k}|" for k in present])
    return Relative(margin / scale, scale, f"max({names})")
