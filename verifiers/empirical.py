"""Empirical claims: a statement about trained GANs decided by a test over seeds.

An experiment (``verifiers.experiments``) trains every arm of a comparison on
the same seeds, so its results pair up: unit ``i`` (a seed, or a seed × data
set × architecture cell) gives the metric ``a_i`` of arm A and ``b_i`` of arm
B. A claim "A ≤ B" is then decided by a one-sided paired test at level
``level`` (Wilcoxon signed-rank by default, exact for n ≤ 50 without ties; the
sign test on request):

* ``holds`` when the test of ``H₀: A is not below B`` rejects at ``level``
  (the seeds show A below B);
* ``refuted`` when the mirror test (``H₀: A is not above B``) rejects at
  ``level`` (the seeds show A above B);
* ``inconclusive`` when neither rejects: the seeds do not separate the arms.

"A ≈ B" is decided by two one-sided tests against a stated relative margin
``δ`` (equivalence testing, Schuirmann 1987) on the paired log-ratios
``r_i = log(a_i / b_i)``: ``holds`` when a bootstrap ``1 − 2·level``
confidence interval of their mean lies inside ``[−log(1 + δ), log(1 + δ)]``,
``refuted`` when it lies wholly outside, ``inconclusive`` otherwise.

Several comparisons of one claim share its level by Bonferroni: each is run at
``level / m``. The certificate's witness carries the protocol, the seeds, the
per-arm metric values with their spread, the test, its level, the p-values
and the verdict's reason. The margin is signed: ``p_against − p_for`` for an
ordering (positive when the seeds favour the claim), the distance of the
interval to the equivalence band's edge for an equivalence.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from verifiers.certificate import Certificate, Verdict
from verifiers.outcomes import Outcome

LEVEL = 0.05
"""Default family-wise level of an empirical claim."""
BOOTSTRAP = 4000
"""Bootstrap resamples for an equivalence interval."""


@dataclass(frozen=True)
class Protocol:
    """What was run: the experiment, its size, the seeds, the metric and the paired unit."""

    experiment: str
    size: str
    seeds: Sequence[int]
    metric: str
    unit: str
    details: str = ""

    def to_dict(self) -> dict:
        d = asdict(self)
        d["seeds"] = list(self.seeds)
        return d


def spread(values: Sequence[float]) -> dict:
    """Mean, standard deviation, median, min, max and n of a sample."""
    v = np.asarray(values, dtype=float)
    return {"n": int(v.size), "mean": float(v.mean()), "sd": float(v.std(ddof=1)) if v.size > 1
            else math.nan, "median": float(np.median(v)), "min": float(v.min()),
            "max": float(v.max())}


def one_sided_p(diff: np.ndarray, test: str) -> float:
    """p-value of ``H₀: the paired differences are not positive`` against ``H₁: they tend
    to be positive``: Wilcoxon signed-rank (``"wilcoxon"``) or sign test (``"sign"``).
    All-zero differences give p = 1."""
    from scipy import stats

    nonzero = diff[diff != 0]
    if nonzero.size == 0:
        return 1.0
    if test == "sign":
        return float(stats.binomtest(int((nonzero > 0).sum()), nonzero.size, 0.5,
                                     alternative="greater").pvalue)
    if test == "wilcoxon":
        return float(stats.wilcoxon(nonzero, alternative="greater").pvalue)
    raise ValueError(f"test {test!r} unknown; known: wilcoxon, sign")


def less(a_name: str, a: Sequence[float], b_name: str, b: Sequence[float], *,
         protocol: Protocol, level: float = LEVEL, test: str = "wilcoxon") -> Outcome:
    """The paired one-sided decision of "arm A's metric is below arm B's" (module
    docstring); ``a[i]`` and ``b[i]`` come from the same unit ``i``."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape or a.ndim != 1 or a.size < 2:
        raise ValueError(f"paired samples must be 1-D of one length >= 2; got {a.shape}, "
                         f"{b.shape}")
    p_for, p_against = one_sided_p(b - a, test), one_sided_p(a - b, test)
    verdict = (Verdict.HOLDS if p_for <= level else
               Verdict.REFUTED if p_against <= level else Verdict.INCONCLUSIVE)
    reason = {Verdict.HOLDS: f"the seeds show {a_name} below {b_name}",
              Verdict.REFUTED: f"the seeds show {a_name} above {b_name}",
              Verdict.INCONCLUSIVE: f"the seeds do not separate {a_name} and {b_name}"}[verdict]
    statement = f"{protocol.metric}: {a_name} <= {b_name}"
    witness = {
        "statement": statement, "protocol": protocol.to_dict(),
        "test": f"one-sided paired {test} test over {a.size} units", "level": level,
        "p_for": p_for, "p_against": p_against, "reason": reason,
        a_name: spread(a), b_name: spread(b), "difference": spread(b - a),
        "wins": int((a < b).sum()), "losses": int((a > b).sum()),
    }
    return Outcome(margin=p_against - p_for, tolerance=0.0, statement=statement,
                   witness=witness, method=f"empirical ({test} test)", verdict=verdict)


def equivalent(a_name: str, a: Sequence[float], b_name: str, b: Sequence[float], *,
               protocol: Protocol, delta: float, level: float = LEVEL,
               seed: int = 0) -> Outcome:
    """The equivalence decision "A ≈ B within a factor ``1 + delta``" on paired positive
    metrics (module docstring: bootstrap interval of the mean log-ratio)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape or a.ndim != 1 or a.size < 2 or (a <= 0).any() or (b <= 0).any():
        raise ValueError("paired samples must be positive, 1-D and of one length >= 2")
    r = np.log(a / b)
    rng = np.random.default_rng(seed)
    means = r[rng.integers(0, r.size, (BOOTSTRAP, r.size))].mean(axis=1)
    lo, hi = np.quantile(means, [level, 1 - level])
    band = math.log1p(delta)
    inside, outside = band - max(hi, -lo), max(lo - band, -band - hi)
    verdict = (Verdict.HOLDS if inside > 0 else
               Verdict.REFUTED if outside > 0 else Verdict.INCONCLUSIVE)
    statement = f"{protocol.metric}: {a_name} = {b_name} within a factor {1 + delta:g}"
    witness = {
        "statement": statement, "protocol": protocol.to_dict(),
        "test": f"two one-sided tests: {1 - 2 * level:.3g} bootstrap interval of the mean "
                f"paired log-ratio ({BOOTSTRAP} resamples) inside +-log(1 + delta)",
        "level": level, "delta": delta, "interval": [float(lo), float(hi)],
        "mean_log_ratio": float(r.mean()), a_name: spread(a), b_name: spread(b),
    }
    margin = inside if verdict is not Verdict.REFUTED else -outside
    return Outcome(margin=float(margin), tolerance=0.0, statement=statement, witness=witness,
                   method="empirical (bootstrap equivalence test)", verdict=verdict)


def combine(parts: Mapping[str, Outcome], statement: str, extra: Mapping[str, Any] | None = None
            ) -> Outcome:
    """Conjunction of named parts: ``refuted`` if any part is, else ``inconclusive`` if
    any is, else ``holds``; the margin is the smallest part margin; each part's witness
    under its name."""
    verdicts = [p.final_verdict() for p in parts.values()]
    verdict = (Verdict.REFUTED if Verdict.REFUTED in verdicts else
               Verdict.INCONCLUSIVE if Verdict.INCONCLUSIVE in verdicts else Verdict.HOLDS)
    witness = {name: dict(p.witness) for name, p in parts.items()}
    witness.update(extra or {})
    return Outcome(margin=min(p.margin for p in parts.values()), tolerance=0.0,
                   statement=statement, witness=witness,
                   method=" + ".join(dict.fromkeys(p.method for p in parts.values())),
                   verdict=verdict)


def certificate(claim_id: str, decide: Callable[[dict], Outcome], results: dict) -> Certificate:
    """The certificate of registered claim ``claim_id`` decided by ``decide`` on an
    experiment's ``results`` (any size: ``ganeq experiment`` decides on the full run)."""
    from verifiers.registry import registry

    c = registry.get(claim_id)
    start = time.perf_counter()
    outcome = decide(results)
    return Certificate(
        claim=c.id, params={}, verdict=outcome.final_verdict(), margin=float(outcome.margin),
        tolerance=float(outcome.tolerance), witness=dict(outcome.witness),
        method=outcome.method, seconds=time.perf_counter() - start,
        statement=outcome.statement, reference=c.reference, derivation=c.derivation)
