"""Claims: one statement of one paper, its parameter space and its check.

A claim's ``checker`` receives validated parameters and returns an
:class:`Outcome` (margin, tolerance, witness, method, the statement as it
reads for these parameters); :meth:`Claim.check` validates, times and wraps it
in a :class:`~verifiers.certificate.Certificate`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from hypothesis import strategies as st

from verifiers.certificate import Certificate, Verdict, decide
from verifiers.params import Param

NUMERIC_FAILURES = (RuntimeError, ArithmeticError, np.linalg.LinAlgError)
"""Failures of a solver or of the arithmetic inside a check (not of its input): the check
then answers ``inconclusive`` with the error as witness instead of aborting a whole run."""


@dataclass(frozen=True)
class Outcome:
    """What a checker found. ``verdict`` is derived from margin and tolerance
    unless the checker sets it (only ``inapplicable`` is set by hand, naming
    the unmet hypothesis in ``statement``)."""

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
        return cls(margin=float("nan"), tolerance=0.0,
                   statement=f"hypothesis not met: {hypothesis}",
                   witness=dict(witness or {}, unmet_hypothesis=hypothesis),
                   method=method, verdict=Verdict.INAPPLICABLE)

    def final_verdict(self) -> Verdict:
        return self.verdict or decide(self.margin, self.tolerance)


@dataclass(frozen=True)
class Claim:
    """A registered statement.

    ``id`` is ``<paper><year>.<label>`` (``ganeq.<topic>.<label>`` for our own
    results), ``reference`` the paper's numbering ("Mescheder et al. 2018,
    Lemma 3.2"), ``statement`` one sentence in our words. ``expected`` is the
    verdict the toolkit expects on admissible parameters: ``refuted`` for a
    statement registered as printed where the paper is wrong (``erratum``
    says what is wrong). ``sampler``/``strategy`` override the independent
    per-parameter draws when parameters depend on each other; ``requires``
    rejects parameter combinations outside the admissible set.
    """

    id: str
    reference: str
    statement: str
    params: Sequence[Param]
    checker: Callable[..., Outcome]
    expected: Verdict = Verdict.HOLDS
    erratum: str = ""
    requires: Callable[[dict], None] | None = None
    sampler: Callable[[np.random.Generator], dict] | None = None
    strategy_fn: Callable[[], st.SearchStrategy] | None = None
    slow: bool = False

    @property
    def param_map(self) -> dict[str, Param]:
        return {p.name: p for p in self.params}

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}

    def validate(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """Defaults filled in, each value checked; ``ValueError`` on bad input."""
        known = self.param_map
        unknown = sorted(set(params) - set(known))
        if unknown:
            raise ValueError(
                f"{self.id} has no parameter {unknown[0]!r}; "
                f"parameters: {', '.join(known) or 'none'}"
            )
        values = {**self.defaults(), **params}
        checked = {name: known[name].check(values[name]) for name in known}
        if self.requires is not None:
            self.requires(checked)
        return checked

    def check(self, **params: Any) -> Certificate:
        """Check the claim on ``params`` (defaults for the rest).

        Bad input raises ``ValueError``; a numeric failure inside the check (see
        ``NUMERIC_FAILURES``) gives an ``inconclusive`` certificate naming the error."""
        values = self.validate(params)
        start = time.perf_counter()
        try:
            outcome = self.checker(**values)
        except NUMERIC_FAILURES as exc:
            outcome = Outcome(margin=float("nan"), tolerance=0.0, method="failed",
                              statement=f"the check could not finish: {type(exc).__name__}: {exc}",
                              witness={"error": f"{type(exc).__name__}: {exc}"})
        seconds = time.perf_counter() - start
        return Certificate(
            claim=self.id, params=values, verdict=outcome.final_verdict(),
            margin=float(outcome.margin), tolerance=float(outcome.tolerance),
            witness=dict(outcome.witness), method=outcome.method, seconds=seconds,
            statement=outcome.statement, reference=self.reference,
        )

    def sample(self, rng: np.random.Generator) -> dict[str, Any]:
        """A random admissible parameter set."""
        if self.sampler is not None:
            return self.sampler(rng)
        return {p.name: p.sample(rng) for p in self.params}

    def strategy(self) -> st.SearchStrategy:
        """Hypothesis strategy over admissible parameter dicts."""
        if self.strategy_fn is not None:
            return self.strategy_fn()
        return st.fixed_dictionaries({p.name: p.strategy() for p in self.params})
