"""Every claim checked on its defaults and on random admissible instances.

All instances are drawn first, in claim order, from one generator; the checks then run here
and, when a helper process is offered (:class:`~verifiers.report.exhibits.Exhibits`), also
there: the claims are cut into units (the consecutive claims of one module, which share their
kernels and memoised experiments), the helper takes units from the end of the list and this
process from the start until they meet. Who checked a claim changes nothing in its
certificates.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby

import numpy as np
from tqdm import tqdm

from verifiers.certificate import Certificate, Verdict
from verifiers.claim import Claim


@dataclass(frozen=True)
class ClaimResult:
    """A claim's certificates: on its defaults, then on random instances."""

    claim: Claim
    certificates: tuple[Certificate, ...]

    @property
    def matched(self) -> int:
        return sum(c.verdict == self.claim.expected_for(c.params) for c in self.certificates)

    @property
    def undecided(self) -> int:
        """Instances the check could not decide (``inconclusive``): reported, not a failure."""
        return sum(c.verdict is Verdict.INCONCLUSIVE for c in self.certificates)

    @property
    def ok(self) -> bool:
        """No decisive verdict contradicts the expected one (the rule of ``ganeq hunt``)."""
        return self.matched + self.undecided == len(self.certificates)

    @property
    def paper(self) -> str:
        """The paper key of the claim id (``mescheder2018``, ``farnia2020``, ``ganeq`` …)."""
        return self.claim.id.split(".")[0]


def instances(claim: Claim, samples: int, rng: np.random.Generator) -> Iterator[dict]:
    """The defaults followed by ``samples`` random admissible parameter sets, drawn lazily."""
    yield claim.defaults()
    for _ in range(samples):
        yield claim.sample(rng)


Planned = list[tuple[Claim, list[dict]]]
"""Each claim with its instances: the defaults, then the random ones."""


def plan(claims: Iterable[Claim], samples: int, seed: int) -> Planned:
    """Every claim's instances, drawn in claim order from ``default_rng(seed)``."""
    rng = np.random.default_rng(seed)
    return [(c, list(instances(c, samples, rng))) for c in claims]


def units(planned: Planned) -> list[list[int]]:
    """Indices of ``planned`` cut into runs of consecutive claims from one module."""
    rows = enumerate(c.checker.__module__ for c, _ in planned)
    return [[i for i, _ in run] for _, run in groupby(rows, key=lambda row: row[1])]


def check_here(claim: Claim, params: Sequence[dict], bar) -> tuple[Certificate, ...]:
    """``claim`` checked on each of ``params`` in this process, advancing ``bar``."""
    bar.set_postfix_str(claim.id)
    certs = []
    for p in params:
        certs.append(claim.check(**p))
        bar.update()
    return tuple(certs)


def run_claims(claims: Iterable[Claim], samples: int, seed: int, progress: bool = True,
               helper=None) -> list[ClaimResult]:
    """Check every claim on its instances, with a progress bar over all checks; ``helper``
    (with ``share(batches) -> futures`` and ``take(unit) -> bool``, or None) checks units
    from the end."""
    planned = plan(claims, samples, seed)
    bar = tqdm(total=sum(len(ps) for _, ps in planned), desc="checking claims",
               unit="check", disable=not progress, leave=False)
    cut = units(planned)
    batches = [[(planned[i][0].id, planned[i][1]) for i in unit] for unit in cut]
    futures = helper.share(batches) if helper is not None else [None] * len(cut)
    certs: dict[int, tuple[Certificate, ...]] = {}
    for k, (unit, future) in enumerate(zip(cut, futures, strict=True)):
        if future is not None and not helper.take(k):
            break
        for i in unit:
            certs[i] = check_here(*planned[i], bar)
    for unit, future in zip(cut, futures, strict=True):
        if unit[0] in certs:
            if future is not None:
                future.cancel()
        else:
            certs.update(_from_helper(planned, unit, future, bar))
    bar.close()
    return [ClaimResult(c, certs[i]) for i, (c, _) in enumerate(planned)]


def _from_helper(planned: Planned, unit: list[int], future, bar) -> dict:
    """The helper's certificates for ``unit``; checked here if the helper failed (so an
    error is raised here, as without a helper)."""
    try:
        done = future.result()
    except Exception:  # noqa: BLE001 - the check is repeated here, where errors surface
        done = None
    if done is None:
        return {i: check_here(*planned[i], bar) for i in unit}
    bar.update(sum(len(planned[i][1]) for i in unit))
    return dict(zip(unit, done, strict=True))
