"""Outcome builders: the rules that turn computations into a verdict, in one place.

A check function computes with :mod:`theory` and hands the numbers to one of
these builders; it never compares a margin with a tolerance itself.

* :func:`agree`: independent *routes* to one quantity (closed form, quadrature,
  autodiff, Monte Carlo …), each with an a-priori error bound. They agree when
  every pair differs by at most the sum of their bounds; then the best route is
  the value and its bound the error. Otherwise the check cannot tell which
  route is wrong: :func:`disagreement` makes it ``inconclusive`` with every
  value in the witness. An observed discrepancy never enters a tolerance.
* :func:`bound`: ``value ≤ limit`` (or ``≥``), margin ``limit − value``, tolerance
  the error of the computation.
* :func:`positive`: ``value > 0`` (a sign), margin the value.
* :func:`lower_bound`: a proof that ``quantity ≥ lb > 0``: an ``lb ≤ 0`` is not a
  disproof but "bound not informative here" (``inconclusive``).
* :func:`equals`: a *statement's* formula against a verified computation: holds
  within the computation's error bound, refuted beyond it.
* :func:`all_of`: a conjunction (refuted if any part is; holds if all do).
* :meth:`Outcome.inapplicable`: the parameters miss a named hypothesis.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from verifiers.certificate import Verdict, decide

FAILED = "failed"
"""``method`` of an outcome whose check caught an error and could not finish."""


@dataclass(frozen=True)
class Outcome:
    """What a check found: margin (> 0 means the claim holds), tolerance (the
    numeric error bound the verdict used), the statement as it reads for these
    parameters, a witness, the method, and a verdict set by a builder when it is
    not ``decide(margin, tolerance)``."""

    margin: float
    tolerance: float
    statement: str
    witness: Mapping[str, Any] = field(default_factory=dict)
    method: str = "closed-form"
    verdict: Verdict | None = None

    @classmethod
    def inapplicable(cls, hypothesis: str, witness: Mapping[str, Any] | None = None,
                     method: str = "closed-form") -> Outcome:
        """The parameters miss the claim's hypothesis named here."""
        return cls(margin=math.nan, tolerance=0.0, statement=f"hypothesis not met: {hypothesis}",
                   witness=dict(witness or {}, unmet_hypothesis=hypothesis),
                   method=method, verdict=Verdict.INAPPLICABLE)

    @classmethod
    def failed(cls, exc: BaseException) -> Outcome:
        """A numeric failure inside the check: ``inconclusive`` naming the error."""
        error = f"{type(exc).__name__}: {exc}"
        return cls(margin=math.nan, tolerance=0.0, method=FAILED, witness={"error": error},
                   statement=f"the check could not finish: {error}",
                   verdict=Verdict.INCONCLUSIVE)

    def final_verdict(self) -> Verdict:
        return self.verdict or decide(self.margin, self.tolerance)

    def with_witness(self, **entries: Any) -> Outcome:
        """This outcome with ``entries`` added to (or replacing those of) its witness."""
        return replace(self, witness={**self.witness, **entries})


@dataclass(frozen=True)
class Route:
    """One independent computation of a quantity: its value, an a-priori bound on
    its error (quadrature estimate, Monte-Carlo z·SE, interval width, solver
    tolerance, rounding analysis), and its name."""

    name: str
    value: float
    error: float

    def __post_init__(self):
        if not (self.error >= 0 and math.isfinite(self.error)):
            raise ValueError(f"route {self.name!r}: error bound {self.error!r} must be finite >= 0")


def agree(*routes: Route) -> Route | None:
    """The most accurate route if every pair agrees within the sum of their error
    bounds, else ``None``. Two infinite values agree when they are equal."""
    for i, a in enumerate(routes):
        for b in routes[i + 1:]:
            if not _within(a, b):
                return None
    return min(routes, key=lambda r: r.error)


def _within(a: Route, b: Route) -> bool:
    if math.isinf(a.value) or math.isinf(b.value):
        return a.value == b.value
    return abs(a.value - b.value) <= a.error + b.error


def routes_witness(routes: Sequence[Route]) -> dict:
    """Every route's value and error bound, for a witness."""
    return {r.name: {"value": r.value, "error_bound": r.error} for r in routes}


def disagreement(routes: Sequence[Route], what: str, witness: Mapping | None = None,
                 method: str = "cross-check") -> Outcome:
    """``inconclusive``: independent routes to ``what`` differ beyond their bounds."""
    values = ", ".join(f"{r.name} {r.value:.10g} (±{r.error:.2g})" for r in routes)
    return Outcome(margin=math.nan, tolerance=0.0, method=method,
                   statement=f"independent routes to {what} disagree beyond their error "
                             f"bounds: {values}",
                   witness=dict(witness or {}, routes=routes_witness(routes)),
                   verdict=Verdict.INCONCLUSIVE)


def bound(value: float, limit: float, error: float, statement: str, *, upper: bool = True,
          witness: Mapping | None = None, method: str = "closed-form") -> Outcome:
    """``value ≤ limit`` (``upper``) or ``value ≥ limit``: margin ``limit − value``
    (resp. ``value − limit``), tolerance ``error``."""
    margin = (limit - value) if upper else (value - limit)
    return Outcome(margin=float(margin), tolerance=float(error), statement=statement,
                   witness=dict(witness or {}, value=value, limit=limit), method=method)


def positive(value: float, error: float, statement: str, *, witness: Mapping | None = None,
             method: str = "closed-form") -> Outcome:
    """``value > 0``: margin ``value``, tolerance ``error``."""
    return Outcome(margin=float(value), tolerance=float(error), statement=statement,
                   witness=dict(witness or {}), method=method)


def undecided(hypothesis: str, value: float, error: float,
              witness: Mapping | None = None) -> Outcome:
    """A hypothesis whose deciding number ``value`` lies within its a-priori ``error`` of
    the side where the hypothesis fails: neither it nor its failure is shown, so
    ``inconclusive``, never ``inapplicable``. Margin ``|value| − error`` (≤ 0)."""
    return Outcome(margin=float(abs(value) - error), tolerance=0.0, method="closed-form",
                   statement=f"{hypothesis} not decided: {value:.3g} is within its error "
                             f"bound {error:.3g}",
                   witness=dict(witness or {}), verdict=Verdict.INCONCLUSIVE)


def lower_bound(lb: float, error: float, statement: str, *, witness: Mapping | None = None,
                method: str = "closed-form") -> Outcome:
    """A certified ``quantity ≥ lb``, used to show ``quantity > 0``: ``holds`` when
    ``lb > error``; an ``lb ≤ error`` proves nothing either way, so ``inconclusive``
    ("bound not informative here"), never ``refuted``."""
    if lb > error:
        return positive(lb, error, statement, witness=witness, method=method)
    return Outcome(margin=float(lb), tolerance=float(error), method=method,
                   statement=f"bound not informative here (lower bound {lb:.3g} <= 0): "
                             f"{statement}",
                   witness=dict(witness or {}), verdict=Verdict.INCONCLUSIVE)


def equals(claimed: float, computed: Route, statement: str, *,
           witness: Mapping | None = None, method: str = "closed-form",
           relative_to: float = 0.0) -> Outcome:
    """The statement's ``claimed`` value against a verified computation: margin
    ``error − |claimed − computed|`` (``relative_to`` adds an allowance that scales the
    error bound by ``max(1, |relative_to|)``); holds within the bound, refuted beyond."""
    err = computed.error * max(1.0, abs(relative_to))
    diff = abs(claimed - computed.value)
    verdict = Verdict.HOLDS if diff <= err else Verdict.REFUTED
    return Outcome(margin=float(err - diff), tolerance=0.0, statement=statement,
                   witness=dict(witness or {}, claimed=claimed, computed=computed.value,
                                error_bound=err), method=method, verdict=verdict)


_ORDER = (Verdict.INAPPLICABLE, Verdict.REFUTED, Verdict.INCONCLUSIVE, Verdict.HOLDS)


def _parts_evidence(parts: tuple[Outcome, ...], verdicts: list[Verdict]) -> list[dict]:
    """Each part's statement, verdict, margin, tolerance and its witness entries whose key
    another part's witness has too; a part that is itself a conjunction keeps its own
    ``parts`` (which the merged witness's ``parts`` replaces)."""
    seen: dict[str, int] = {}
    for p in parts:
        for key in p.witness:
            seen[key] = seen.get(key, 0) + 1
    return [{"statement": p.statement, "verdict": v.value, "margin": p.margin,
             "tolerance": p.tolerance,
             "witness": {k: x for k, x in p.witness.items() if seen[k] > 1},
             **({"parts": p.witness["parts"]} if "parts" in p.witness else {})}
            for p, v in zip(parts, verdicts, strict=True)]


def all_of(*parts: Outcome, statement: str | None = None, method: str | None = None) -> Outcome:
    """Conjunction: ``inapplicable`` if a part is, else ``refuted`` if a part is,
    else ``inconclusive`` if a part is, else ``holds``. Margin and tolerance are
    those of the deciding part (the first part with the deciding verdict).

    The witness merges the parts' witnesses, and ``witness["parts"]`` keeps each part's
    statement, verdict, margin and tolerance, with the witness entries that another part
    also has (``claimed``, ``computed``, … of several equalities), which the merge alone
    would keep for the last part only."""
    verdicts = [p.final_verdict() for p in parts]
    worst = min(verdicts, key=_ORDER.index)
    decider = parts[verdicts.index(worst)]
    witness: dict = {}
    for p in parts:
        witness.update(p.witness)
    witness["parts"] = _parts_evidence(parts, verdicts)
    return Outcome(margin=decider.margin, tolerance=decider.tolerance,
                   statement=statement or "; ".join(p.statement for p in parts),
                   witness=witness, method=method or " + ".join(dict.fromkeys(
                       p.method for p in parts)), verdict=worst)
