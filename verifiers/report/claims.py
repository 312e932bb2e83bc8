"""Every claim checked on its defaults and on random admissible instances."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

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


def run_claims(
    claims: Iterable[Claim], samples: int, seed: int, progress: bool = True
) -> list[ClaimResult]:
    """Check every claim on its instances, with a progress bar over all checks."""
    rng = np.random.default_rng(seed)
    claims = list(claims)
    bar = tqdm(
        total=len(claims) * (samples + 1),
        desc="checking claims",
        unit="check",
        disable=not progress,
        leave=False,
    )
    results = []
    for claim in claims:
        bar.set_postfix_str(claim.id)
        certs = []
        for p in instances(claim, samples, rng):
            certs.append(claim.check(**p))
            bar.update()
        results.append(ClaimResult(claim, tuple(certs)))
    bar.close()
    return results
