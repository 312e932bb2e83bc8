"""Claims: one statement of one paper, declared on the function that checks it.

A claim is declared by the :func:`claim` decorator on its check function::

    @claim("mescheder2018.lemma3.2", reference="Mescheder et al. 2018, Lemma 3.2",
           statement="...", params=[SIGMA], derivation="mescheder2018.md#lemma-32")
    def check_lemma3_2(sigma): ...

so ``grep lemma3.2`` lands on the code that decides it, and the function's name
follows the id (``check_`` + the id after the paper, dots as underscores). The
check function receives validated parameters and returns an
:class:`~verifiers.outcomes.Outcome` built by one of the rules of
:mod:`verifiers.outcomes`; :meth:`Claim.check` validates, times and wraps it in a
:class:`~verifiers.certificate.Certificate`.

The verdict a claim is *expected* to give is a function of its parameters
(``expected``): a theorem holds on its hypotheses and is ``inapplicable``
outside them; a statement registered as printed holds in one region and is
refuted in another. Reports, exit codes and ``ganeq hunt`` compare with it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from verifiers.certificate import Certificate, Verdict
from verifiers.outcomes import Outcome
from verifiers.params import Param

NUMERIC_FAILURES = (RuntimeError, ArithmeticError, ValueError, np.linalg.LinAlgError)
"""Failures of a solver or of the arithmetic inside a check (its input was validated before:
a ``ValueError`` raised inside is a numeric failure, not bad input): the check then answers
``inconclusive`` with the error as witness instead of aborting a whole run."""

Expected = Verdict | Callable[[Mapping[str, Any]], Verdict]


@dataclass(frozen=True)
class Claim:
    """A registered statement.

    ``id`` is ``<paper><year>.<label>`` (``ganeq.<topic>.<label>`` for our own
    results), ``reference`` the paper's numbering, ``statement`` one sentence in
    our words. ``expected`` is a :class:`Verdict` or a function of the validated
    parameters returning one (its docstring states the regions); ``erratum``
    says what a printed statement gets wrong; ``derivation`` names the section of
    ``docs/derivations/`` the check rests on. ``sampler``/``strategy_fn``
    override the independent per-parameter draws when parameters depend on each
    other; ``requires`` rejects combinations where the objects are undefined.
    """

    id: str
    reference: str
    statement: str
    params: Sequence[Param]
    checker: Callable[..., Outcome]
    expected: Expected = Verdict.HOLDS
    erratum: str = ""
    derivation: str = ""
    requires: Callable[[dict], None] | None = None
    sampler: Callable[[np.random.Generator], dict] | None = None
    strategy_fn: Callable[[], Any] | None = None
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

    def expected_for(self, params: Mapping[str, Any]) -> Verdict:
        """The verdict this claim is expected to give on ``params`` (validated)."""
        if isinstance(self.expected, Verdict):
            return self.expected
        return self.expected(self.validate(params))

    def regions(self) -> str:
        """The expected-verdict regions in words."""
        if isinstance(self.expected, Verdict):
            return f"{self.expected.value} on every admissible instance"
        return " ".join((self.expected.__doc__ or "depends on the parameters").split())

    def check(self, **params: Any) -> Certificate:
        """Check the claim on ``params`` (defaults for the rest).

        Bad input raises ``ValueError``; a numeric failure inside the check (see
        ``NUMERIC_FAILURES``) gives an ``inconclusive`` certificate naming the error."""
        values = self.validate(params)
        start = time.perf_counter()
        try:
            outcome = self.checker(**values)
        except NUMERIC_FAILURES as exc:
            outcome = Outcome.failed(exc)
        seconds = time.perf_counter() - start
        return Certificate(
            claim=self.id, params=values, verdict=outcome.final_verdict(),
            margin=float(outcome.margin), tolerance=float(outcome.tolerance),
            witness=dict(outcome.witness), method=outcome.method, seconds=seconds,
            statement=outcome.statement, reference=self.reference,
            derivation=self.derivation,
        )

    def sample(self, rng: np.random.Generator) -> dict[str, Any]:
        """A random admissible parameter set."""
        if self.sampler is not None:
            return self.sampler(rng)
        return {p.name: p.sample(rng) for p in self.params}

    def strategy(self):
        """Hypothesis strategy over admissible parameter dicts."""
        if self.strategy_fn is not None:
            return self.strategy_fn()
        from hypothesis import strategies as st

        return st.fixed_dictionaries({p.name: p.strategy() for p in self.params})


def function_name(claim_id: str) -> str:
    """The name a claim's check function has: ``check_`` + the id after the paper,
    dots as underscores (``mescheder2018.lemma3.2`` -> ``check_lemma3_2``)."""
    return "check_" + claim_id.split(".", 1)[1].replace(".", "_")


def claim(claim_id: str, **fields: Any) -> Callable:
    """Declare the decorated function as the check of claim ``claim_id``.

    ``fields`` are those of :class:`Claim` (``reference``, ``statement`` and
    ``params`` required). The function gets a ``claim`` attribute; the registry
    finds it there. ``reference`` and ``statement`` must be string literals so the
    registry can index claims without importing their modules."""

    def declare(fn: Callable[..., Outcome]) -> Callable[..., Outcome]:
        fn.claim = Claim(id=claim_id, checker=fn, **fields)
        return fn

    return declare
