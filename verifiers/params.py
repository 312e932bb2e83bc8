"""Parameter spaces of claims: names after the paper's symbols, defaults,
admissible ranges, validation with clear errors, random draws.

A :class:`Param` is a scalar (``float``/``int``), a choice among names
(``choice``) or an array (``array``, validated by a user function). Validation
raises ``ValueError`` naming the parameter, its value and its admissible range.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from hypothesis import strategies as st


@dataclass(frozen=True)
class Param:
    """One parameter of a claim.

    ``low``/``high`` bound a scalar; ``low_open``/``high_open`` make the bound
    strict. ``sample_low``/``sample_high`` narrow the range used for random
    instances (defaults: the admissible range, clipped to a finite box).
    ``choices`` lists the names a ``choice`` parameter takes; ``validate``
    checks and converts an ``array`` parameter; ``draw`` samples it.
    """

    name: str
    default: Any
    kind: str = "float"
    low: float = -math.inf
    high: float = math.inf
    low_open: bool = False
    high_open: bool = False
    sample_low: float | None = None
    sample_high: float | None = None
    choices: Sequence[str] = ()
    doc: str = ""
    validate: Callable[[Any], Any] | None = None
    draw: Callable[[np.random.Generator], Any] | None = None

    def range_text(self) -> str:
        if self.kind == "choice":
            return "one of {" + ", ".join(self.choices) + "}"
        if self.kind == "array":
            return self.doc or "an array"
        lo = "(" if self.low_open else "["
        hi = ")" if self.high_open else "]"
        kind = "an integer" if self.kind == "int" else "a finite number"
        return f"{kind} in {lo}{self.low:g}, {self.high:g}{hi}"

    def _reject(self, value: Any) -> ValueError:
        return ValueError(
            f"{self.name}={value!r} is outside the admissible range: {self.range_text()}"
        )

    def parse(self, text: str) -> Any:
        """Convert a command-line string (``--param name=text``)."""
        if self.kind == "choice":
            return text
        if self.kind == "array":
            try:
                return json.loads(text)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{self.name}={text!r} is not a JSON array ({exc.msg})") from None
        try:
            return int(text) if self.kind == "int" else float(text)
        except ValueError:
            raise self._reject(text) from None

    def check(self, value: Any) -> Any:
        """Return the validated value or raise ``ValueError``."""
        if self.kind == "choice":
            if value not in self.choices:
                raise self._reject(value)
            return value
        if self.kind == "array":
            return self.validate(value) if self.validate else np.asarray(value, dtype=float)
        return self._check_scalar(value)

    def _check_scalar(self, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise self._reject(value)
        if self.kind == "int" and float(value) != int(value):
            raise self._reject(value)
        x = float(value)
        if not math.isfinite(x):
            raise self._reject(value)
        if (
            x < self.low
            or x > self.high
            or (self.low_open and x == self.low)
            or (self.high_open and x == self.high)
        ):
            raise self._reject(value)
        return int(value) if self.kind == "int" else x

    def _box(self) -> tuple[float, float]:
        lo = self.sample_low if self.sample_low is not None else max(self.low, -10.0)
        hi = self.sample_high if self.sample_high is not None else min(self.high, 10.0)
        return lo, hi

    def sample(self, rng: np.random.Generator) -> Any:
        """A random admissible value (uniform on the sampling box)."""
        if self.draw is not None:
            return self.draw(rng)
        if self.kind == "choice":
            return self.choices[rng.integers(len(self.choices))]
        lo, hi = self._box()
        if self.kind == "int":
            return int(rng.integers(int(math.ceil(lo)), int(math.floor(hi)) + 1))
        while True:
            x = float(rng.uniform(lo, hi))
            if (x > lo or not self.low_open) and (x < hi or not self.high_open):
                return x

    def strategy(self) -> st.SearchStrategy:
        """A hypothesis strategy over the sampling box."""
        if self.kind == "choice":
            return st.sampled_from(list(self.choices))
        if self.kind == "array":
            seeds = st.integers(0, 2**32 - 1)
            return seeds.map(lambda s: self.sample(np.random.default_rng(s)))
        lo, hi = self._box()
        if self.kind == "int":
            return st.integers(int(math.ceil(lo)), int(math.floor(hi)))
        return st.floats(
            lo,
            hi,
            exclude_min=self.low_open and lo == self.low,
            exclude_max=self.high_open and hi == self.high,
            allow_nan=False,
        )


def seed_param(doc: str, sample_high: int = 10**6) -> Param:
    """The integer ``seed`` of a claim whose instance is random (``numpy``/``jax`` PRNG)."""
    return Param("seed", 0, kind="int", low=0, high=2**31 - 1, sample_high=sample_high, doc=doc)
