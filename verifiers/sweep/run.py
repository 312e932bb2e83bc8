"""A sweep: screen every instance with the batched margin, certify those that need it.

Instances come in blocks of :data:`BLOCK`. Each block is screened
(:func:`verifiers.sweep.engine.screen`); the full certifying check
(:meth:`Claim.check`) then runs on

* the :data:`WORST` smallest margins of the block,
* every instance within :data:`NEAR_TOLERANCES` tolerances of the boundary
  (``|margin| ≤ NEAR_TOLERANCES · tolerance``, NaN margins included),
* every instance whose screened verdict differs from the expected one,
* a seeded random audit of :data:`AUDIT` instances (one in :data:`AUDIT_SHARE` of a
  smaller block, at least one).

An instance's verdict is the full check's where it ran, else the screen's. A full
check whose verdict differs from a decisive screened verdict is a *disagreement*:
reported with both verdicts, counted, and the sweep fails (exit 1 in the CLI).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from verifiers.certificate import Certificate, Verdict
from verifiers.claim import Claim
from verifiers.sweep import engine
from verifiers.sweep.spec import CODES, INCONCLUSIVE, Batched

BLOCK = 65536
"""Instances drawn, screened and selected together."""
WORST = 8
"""Smallest screened margins of each block re-checked in full."""
NEAR_TOLERANCES = 4.0
"""An instance with ``|margin| ≤ NEAR_TOLERANCES · tolerance`` is near the boundary."""
AUDIT = 16
"""Random instances of each block re-checked in full (seeded)."""
AUDIT_SHARE = 16
"""At most one audited instance per this many instances of a block."""


@dataclass(frozen=True)
class Row:
    """One instance of a sweep: its screened numbers, the certificate where the full
    check ran, and the verdict expected there."""

    index: int
    params: Mapping[str, Any]
    margin: float
    tolerance: float
    screened: Verdict
    expected: Verdict
    certificate: Certificate | None = None
    certified_margin: float = math.nan
    """The full check's value of the screened quantity (:meth:`Batched.margin_of`)."""

    @property
    def verdict(self) -> Verdict:
        return self.certificate.verdict if self.certificate else self.screened

    @property
    def final_margin(self) -> float:
        return self.certified_margin if self.certificate else self.margin

    @property
    def unexpected(self) -> bool:
        """A decisive verdict other than the expected one (the hunt's rule: ``inconclusive``
        is counted, never unexpected)."""
        return self.verdict.contradicts(self.expected)

    @property
    def disagrees(self) -> bool:
        """The full check contradicts a decisive screened verdict."""
        return (self.certificate is not None and self.screened is not Verdict.INCONCLUSIVE
                and self.certificate.verdict is not self.screened)


@dataclass
class Summary:
    """Counts over a sweep and its closest instance."""

    checked: int = 0
    full_checks: int = 0
    disagreements: int = 0
    unexpected: int = 0
    smallest: Row | None = None

    def __post_init__(self):
        self.counts: Counter = Counter()

    def add(self, row: Row) -> None:
        self.checked += 1
        self.full_checks += row.certificate is not None
        self.disagreements += row.disagrees
        self.unexpected += row.unexpected
        self.counts[row.verdict.value] += 1
        m = row.final_margin
        if math.isfinite(m) and (self.smallest is None
                                 or abs(m) < abs(self.smallest.final_margin)):
            self.smallest = row

    def to_dict(self) -> dict:
        s = self.smallest
        return {"checked": self.checked, "verdicts": dict(sorted(self.counts.items())),
                "unexpected": self.unexpected, "full_checks": self.full_checks,
                "disagreements": self.disagreements,
                "smallest_abs_margin": abs(s.final_margin) if s else None,
                "at": dict(s.params) if s else None}


def expected_of(claim: Claim, params: Mapping[str, Any]) -> Verdict:
    """The expected verdict of validated ``params``."""
    return claim.expected if isinstance(claim.expected, Verdict) else claim.expected(params)


def select(margin: np.ndarray, tol: np.ndarray, code: np.ndarray, expected: np.ndarray,
           rng: np.random.Generator) -> np.ndarray:
    """Indices needing the full check (module docstring), sorted."""
    n = len(margin)
    finite = np.where(np.isfinite(margin), margin, np.inf)
    worst = np.argsort(finite, kind="stable")[:WORST]
    near = np.flatnonzero(~(np.abs(margin) > NEAR_TOLERANCES * tol) & (code != 3))
    odd = np.flatnonzero((code != expected) | (code == INCONCLUSIVE))
    size = min(AUDIT, max(1, n // AUDIT_SHARE), n)
    audit = rng.choice(n, size=size, replace=False) if n else np.zeros(0, int)
    return np.unique(np.concatenate([worst, near, odd, audit]).astype(int))


def sweep(claim: Claim, batched: Batched, instances: Iterator[dict], seed: int = 0,
          on_row: Callable[[Row], None] | None = None, block: int = BLOCK) -> Summary:
    """Screen ``instances`` (validated parameter dicts) block by block and certify the
    selected ones; ``on_row`` gets every instance in order."""
    rng = np.random.default_rng([seed, 7])
    summary, start = Summary(), 0
    codes = {v: i for i, v in enumerate(CODES)}
    while chunk := list(itertools.islice(instances, block)):
        margin, tol, code = engine.screen(batched, chunk)
        expected = [expected_of(claim, p) for p in chunk]
        picked = set(select(margin, tol, code, np.array([codes[e] for e in expected]),
                            rng).tolist())
        for i, params in enumerate(chunk):
            cert = claim.check(**params) if i in picked else None
            row = Row(start + i, params, float(margin[i]), float(tol[i]), CODES[code[i]],
                      expected[i], cert, batched.margin_of(cert) if cert else math.nan)
            summary.add(row)
            if on_row is not None:
                on_row(row)
        start += len(chunk)
    return summary
