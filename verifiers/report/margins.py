"""Relative margins: a certificate's margin divided by a scale, so that claims with
different units can share one column of the report.

The scale of a certificate is, in this order:

1. ``witness["scale"]``, when the check states one (a positive finite number; an
   optional ``witness["scale_of"]`` names it, e.g. ``"|f'(0)|"``): a claim whose
   margin has a natural size (a spectral radius, a threshold) says so there;
2. for an **equality** (:func:`verifiers.outcomes.equals`: the witness holds
   ``claimed``, ``computed`` and ``error_bound``, and the margin is
   ``error_bound − |claimed − computed|``): the error bound, so the relative margin
   is ``1 − |claimed − computed| / error_bound``: +1 for exact agreement, 0 at the
   bound, −k when the statement misses by k + 1 error bounds;
3. for a **bound** (:func:`verifiers.outcomes.bound`: the witness holds ``value`` and
   ``limit``, and the margin is ``±(limit − value)``):
   ``max(tolerance, |value|, |limit|)``, the size of what was compared;
4. otherwise the margin is read as a sign (a bound against 0, as for
   :func:`verifiers.outcomes.positive`): ``max(tolerance, |margin|)``, so a decided
   sign is ±1 and a margin inside the tolerance band is below 1 in size. The witness
   entries are used only when they reproduce the margin; for a conjunction
   (:func:`verifiers.outcomes.all_of`) they are the deciding part's own
   (``witness["parts"]``) where several parts have the same entry;
5. "n/a" for an ``inapplicable`` or a non-finite margin (or margin and tolerance 0).

A relative margin of +1 means the claim holds by the full size of what was
compared (or exactly, for an equality); a value near 0 means the verdict was close;
the report names the scale used next to each value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Real

from verifiers.certificate import Certificate

SCALE_KEY = "scale"
SCALE_NAME_KEY = "scale_of"
VALUE_KEYS = ("value", "limit", "claimed", "computed")
"""Witness entries of :func:`verifiers.outcomes.bound` and :func:`verifiers.outcomes.equals`."""
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
        return _ratio(margin, stated, f"stated: {name}" if name else "stated")
    entries = _deciding_entries(cert, margin)
    w = {k: _number(entries.get(k)) for k in (*VALUE_KEYS, ERROR_KEY)}
    if None not in (w["claimed"], w["computed"], w[ERROR_KEY]) and w[ERROR_KEY] > 0 and _same(
            margin, w[ERROR_KEY] - abs(w["claimed"] - w["computed"]), w[ERROR_KEY]):
        return _ratio(margin, w[ERROR_KEY], "error bound of the equality")
    if None not in (w["value"], w["limit"]):
        scale = max(abs(cert.tolerance), abs(w["value"]), abs(w["limit"]))
        if scale > 0 and _same(abs(margin), abs(w["limit"] - w["value"]), scale):
            return _ratio(margin, scale, "max(tolerance, |value|, |limit|)")
    scale = max(abs(cert.tolerance), abs(margin))
    if scale > 0:
        return _ratio(margin, scale, "sign: max(tolerance, |margin|)")
    return Relative(None, None, "margin and tolerance are 0")


def _deciding_entries(cert: Certificate, margin: float) -> dict:
    """The witness, with a conjunction's deciding part's own entries (the first part of
    ``witness["parts"]`` with the certificate's verdict and margin) over the merged ones."""
    parts = cert.witness.get("parts")
    for part in parts if isinstance(parts, list) else ():
        if (isinstance(part, dict) and part.get("verdict") == cert.verdict.value
                and _number(part.get("margin")) == margin):
            return {**cert.witness, **part.get("witness", {})}
    return cert.witness


def _ratio(margin: float, scale: float, source: str) -> Relative:
    value = margin / scale
    return Relative(value, scale, source) if math.isfinite(value) else Relative(
        None, scale, f"{source} (ratio overflows)")


def _same(a: float, b: float, scale: float) -> bool:
    """``a == b`` up to rounding relative to ``scale``."""
    return abs(a - b) <= 1e-9 * max(scale, abs(a), abs(b))
