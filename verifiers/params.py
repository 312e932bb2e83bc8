"""Parameter types of claims: one small final class per kind of value.

Every parameter is named after a paper symbol in ASCII (``sigma``, ``t``, ``h``,
``gamma``, ``n_g`` …), has a default, a meaning (``doc``) and an exact
admissible set. Each type validates, parses (from a command-line string),
samples and gives a hypothesis strategy of itself:

* :class:`Real`: a finite float in an interval (open or closed ends);
* :class:`Integer`: an integer in a finite interval;
* :class:`Choice`: one name among several;
* :class:`Matrix`: an array checked by a validating function.

Validation raises ``ValueError`` naming the parameter, the value and the exact
admissible range (bounds printed with ``repr``, so a value shown inside the
range is accepted). Range texts never round.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

SAMPLING_BOX = 10.0
"""Half-width of the sampling box of an unbounded real parameter."""


def show(value: Any, limit: int = 60) -> str:
    """A short, always-printable ``repr`` of a user value (huge integers and deep
    nests included) for error messages."""
    try:
        text = repr(value)
    except (ValueError, RecursionError):
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _number(x: float) -> str:
    return repr(float(x)) if math.isfinite(x) else ("inf" if x > 0 else "-inf")


class Param:
    """Abstract parameter: ``name``, ``default``, ``doc``; subclasses are final."""

    name: str
    default: Any
    doc: str

    def range_text(self) -> str:
        raise NotImplementedError

    def check(self, value: Any) -> Any:
        raise NotImplementedError

    def parse(self, text: str) -> Any:
        raise NotImplementedError

    def sample(self, rng: np.random.Generator) -> Any:
        raise NotImplementedError

    def strategy(self):
        raise NotImplementedError

    def reject(self, value: Any) -> ValueError:
        """The error for an inadmissible value: names the parameter and its range."""
        return ValueError(
            f"{self.name}={show(value)} is outside the admissible range: {self.range_text()}"
        )


@dataclass(frozen=True)
class Real(Param):
    """A finite real in ``[low, high]`` (``low_open``/``high_open`` make an end
    strict). ``sample_low``/``sample_high`` narrow the box of random draws
    (default: the range clipped to ±``SAMPLING_BOX``); ``thresholds`` lists
    values where the claim's expected verdict changes (hunted by ``ganeq hunt``)."""

    name: str
    default: float
    low: float = -math.inf
    high: float = math.inf
    low_open: bool = False
    high_open: bool = False
    sample_low: float | None = None
    sample_high: float | None = None
    doc: str = ""
    thresholds: tuple = ()

    def range_text(self) -> str:
        lo = "(" if self.low_open or not math.isfinite(self.low) else "["
        hi = ")" if self.high_open or not math.isfinite(self.high) else "]"
        return f"a finite number in {lo}{_number(self.low)}, {_number(self.high)}{hi}"

    def contains(self, x: float) -> bool:
        above = x > self.low or (x == self.low and not self.low_open)
        below = x < self.high or (x == self.high and not self.high_open)
        return math.isfinite(x) and above and below

    def check(self, value: Any) -> float:
        import numpy as np

        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise self.reject(value)
        try:
            x = float(value)
        except OverflowError:
            raise self.reject(value) from None
        if not self.contains(x):
            raise self.reject(value)
        return x

    def parse(self, text: str) -> float:
        try:
            return float(text)
        except ValueError:
            raise self.reject(text) from None

    def box(self) -> tuple[float, float]:
        lo = self.sample_low if self.sample_low is not None else max(self.low, -SAMPLING_BOX)
        hi = self.sample_high if self.sample_high is not None else min(self.high, SAMPLING_BOX)
        return lo, hi

    def sample(self, rng: np.random.Generator) -> float:
        lo, hi = self.box()
        while True:
            x = float(rng.uniform(lo, hi))
            if self.contains(x):
                return x

    def strategy(self):
        from hypothesis import strategies as st

        lo, hi = self.box()
        return st.floats(lo, hi, exclude_min=self.low_open and lo == self.low,
                         exclude_max=self.high_open and hi == self.high, allow_nan=False)

    def edges(self) -> tuple[float, ...]:
        """Finite ends of the range and declared thresholds (approached by ``ganeq hunt``)."""
        ends = [x for x in (self.low, self.high) if math.isfinite(x)]
        return tuple(sorted(set(ends) | set(map(float, self.thresholds))))


@dataclass(frozen=True)
class Integer(Param):
    """An integer in ``[low, high]`` (both finite: every integer parameter has stated bounds)."""

    name: str
    default: int
    low: int = 0
    high: int = 2**31 - 1
    sample_low: int | None = None
    sample_high: int | None = None
    doc: str = ""

    def range_text(self) -> str:
        return f"an integer in [{self.low}, {self.high}]"

    def check(self, value: Any) -> int:
        import numpy as np

        if isinstance(value, bool):
            raise self.reject(value)
        if isinstance(value, (float, np.floating)):
            if not math.isfinite(value) or value != math.floor(value):
                raise self.reject(value)
            value = int(value)
        if not isinstance(value, (int, np.integer)) or not self.low <= value <= self.high:
            raise self.reject(value)
        return int(value)

    def parse(self, text: str) -> int:
        if len(text) > 40:
            raise self.reject(text)
        try:
            return int(text)
        except ValueError:
            try:
                return self.check(float(text))
            except (ValueError, OverflowError):
                raise self.reject(text) from None

    def box(self) -> tuple[int, int]:
        lo = self.low if self.sample_low is None else self.sample_low
        hi = self.high if self.sample_high is None else self.sample_high
        return int(lo), int(hi)

    def sample(self, rng: np.random.Generator) -> int:
        lo, hi = self.box()
        return int(rng.integers(lo, hi + 1))

    def strategy(self):
        from hypothesis import strategies as st

        return st.integers(*self.box())

    def edges(self) -> tuple[float, ...]:
        return (float(self.low), float(self.high))


@dataclass(frozen=True)
class Choice(Param):
    """One name among ``choices``."""

    name: str
    default: str
    choices: Sequence[str] = ()
    doc: str = ""

    def range_text(self) -> str:
        return "one of {" + ", ".join(self.choices) + "}"

    def check(self, value: Any) -> str:
        if not isinstance(value, str) or value not in self.choices:
            raise self.reject(value)
        return value

    def parse(self, text: str) -> str:
        return self.check(text)

    def sample(self, rng: np.random.Generator) -> str:
        return self.choices[int(rng.integers(len(self.choices)))]

    def strategy(self):
        from hypothesis import strategies as st

        return st.sampled_from(list(self.choices))

    def edges(self) -> tuple[float, ...]:
        return ()


@dataclass(frozen=True)
class Matrix(Param):
    """An array given as nested lists (JSON on the command line), checked and
    converted by ``validate``; ``draw`` samples one; ``doc`` states the admissible set."""

    name: str
    default: Any
    validate: Callable[[Any], Any] | None = None
    draw: Callable[[np.random.Generator], Any] | None = None
    doc: str = ""

    def range_text(self) -> str:
        return self.doc or "an array"

    def check(self, value: Any) -> Any:
        convert = self.validate or _finite_array
        try:
            return convert(value)
        except (TypeError, OverflowError, RecursionError):
            raise self.reject(value) from None
        except ValueError as exc:
            if str(exc).startswith(self.name):
                raise
            raise self.reject(value) from None

    def parse(self, text: str) -> Any:
        try:
            return json.loads(text)
        except (ValueError, RecursionError):  # JSONDecodeError, or an integer over 4300 digits
            raise ValueError(
                f"{self.name}={show(text)} is not a JSON array; admissible: {self.range_text()}"
            ) from None

    def sample(self, rng: np.random.Generator) -> Any:
        if self.draw is None:
            return self.default
        return self.draw(rng)

    def strategy(self):
        import numpy as np
        from hypothesis import strategies as st

        return st.integers(0, 2**32 - 1).map(lambda s: self.sample(np.random.default_rng(s)))

    def edges(self) -> tuple[float, ...]:
        return ()


def _finite_array(value: Any) -> np.ndarray:
    import numpy as np

    arr = np.asarray(value, dtype=float)
    if not np.all(np.isfinite(arr)):
        raise ValueError("not finite")
    return arr


def seed_param(doc: str, sample_high: int = 10**6) -> Integer:
    """The integer ``seed`` of a claim whose instance is random (``numpy``/``jax`` PRNG)."""
    return Integer("seed", 0, low=0, high=2**31 - 1, sample_high=sample_high, doc=doc)
