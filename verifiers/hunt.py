"""Hunting a claim for unexpected verdicts: ``ganeq hunt`` and ``python -m verifiers.hunt``.

A claim's tests check a few parameter sets; the hunt searches its whole
admissible domain for a parameter set where the check's verdict differs from
the verdict the claim is *expected* to give there (:meth:`Claim.expected_for`),
and for the point closest to the claim's boundary (smallest ``|margin|``).

A verdict is *unexpected* when it is decisive and wrong: ``holds``, ``refuted``
or ``inapplicable`` where another verdict is expected, or a check that crashed.
``inconclusive`` is never wrong (the check could not decide within its error
bounds); it is counted, not reported as a finding. A check that could not finish (a
solver's or XLA's error caught by :meth:`Claim.check`, ``method = "failed"``) is
inconclusive too, but it is also counted as ``failed`` and its first instance of each
error type is listed: an out-of-memory error on admissible input is a defect of the
check, not an undecided instance.

Three phases share the budget (number of checks):

1. random admissible draws (:meth:`Claim.sample`, narrowed by ``ranges``);
2. approaches to every finite end of a real parameter's range and every
   declared threshold (:meth:`Real.edges`): the edge itself, one ulp to either side,
   and ``edge ± 10^-k·scale`` (``k = 1..12``, ``scale = |edge|`` or 1 at 0) on the
   admissible side(s), the other parameters drawn at random; then *corners*: two real
   parameters at once at an edge or one ulp from it (a product such as λη underflows
   only where both are at their ends);
3. a hypothesis search over :meth:`Claim.strategy` steered by
   ``hypothesis.target`` towards small ``|margin|`` and towards the unexpected
   sign of the margin.

A draw rejected by :meth:`Claim.validate` (the objects are undefined there) is
skipped, not counted. Each kind of unexpected verdict (verdict found, verdict
expected) is reported once, shrunk: coordinate-wise moves to the default, to
fewer significant digits, or half-way to the default, kept while the full
check still gives the same unexpected verdict. Everything is deterministic for
a fixed ``seed`` (numpy ``Generator`` and ``hypothesis.seed``).

Candidates are generated apart from their evaluation (:class:`_Search.run`). A
claim with a batched margin (:mod:`verifiers.sweep`) has its phase-1 draws
pre-screened when the phase has at least ``SCREEN_MIN_QUOTA`` checks: a pool of
``SCREEN_POOL`` draws per check is screened in one batch, and the full checks
alternate between the pool's most suspicious draws (screened verdict other than
the expected one first, then the smallest ``|margin| / tolerance``) and plain
random draws.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import math
import sys
import time
import traceback
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from verifiers.certificate import Certificate, Verdict, to_jsonable
from verifiers.claim import Claim
from verifiers.outcomes import FAILED
from verifiers.params import Choice, Integer, Real

CRASHED = "crashed"
"""``Certificate.method`` of a check that raised instead of answering (a finding)."""

APPROACH_ORDERS = (1, 12, 6, 3, 9, 2, 11, 4, 8, 5, 10, 7)
"""Exponents ``k`` of the steps ``10^-k·scale`` towards an edge, in the order they are
tried (spread first, so a small budget already reaches far and near)."""

SHRINK_CHECKS = 40
"""Most checks spent shrinking one finding."""

SIGNIFICANT_DIGITS = range(1, 7)
"""Roundings tried when shrinking a real parameter."""

DRAW_ATTEMPTS = 20
"""Draws tried per counted check before a phase gives up (rejected draws are skipped)."""

SCREEN_MIN_QUOTA = 50
"""Phase-1 checks from which a batched margin pre-screens the draws (below, compiling the
batched margin would cost more than it saves)."""
SCREEN_POOL = 64
"""Draws screened per phase-1 check (at most ``SCREEN_POOL_MAX`` in all)."""
SCREEN_POOL_MAX = 1 << 16

_VERDICTS = tuple(v.value for v in Verdict)

Params = dict[str, Any]


@dataclass(frozen=True)
class Finding:
    """One checked parameter set: the certificate and the verdict expected there."""

    params: dict
    certificate: Certificate
    expected: Verdict

    @property
    def crashed(self) -> bool:
        return self.certificate.method == CRASHED

    @property
    def unexpected(self) -> bool:
        """A decisive verdict other than the expected one, or a crash."""
        return self.crashed or self.certificate.verdict.contradicts(self.expected)

    @property
    def failed(self) -> bool:
        """The check caught an error and could not finish (an ``inconclusive`` verdict)."""
        return self.certificate.method == FAILED

    @property
    def error_type(self) -> str:
        """The type of the error a failed check caught (``JaxRuntimeError``, …)."""
        return str(self.certificate.witness.get("error", "")).split(":", 1)[0]

    @property
    def kind(self) -> tuple[str, str]:
        """(verdict found, verdict expected); a crash is its own kind."""
        found = CRASHED if self.crashed else self.certificate.verdict.value
        return found, self.expected.value

    def to_dict(self) -> dict:
        return {"params": to_jsonable(self.params), "expected": self.expected.value,
                "verdict": self.certificate.verdict.value, "unexpected": self.unexpected,
                "certificate": self.certificate.to_dict()}


@dataclass(frozen=True)
class HuntResult:
    """What a hunt over one claim found. ``counts`` has one entry per verdict value,
    ``"unexpected"`` (number of unexpected checks) and ``"failed"`` (checks that could not
    finish, also counted as ``inconclusive``); ``unexpected`` holds one
    shrunk finding per kind; ``smallest`` the check with the smallest finite |margin|."""

    claim: str
    checked: int
    counts: dict[str, int]
    unexpected: tuple[Finding, ...]
    smallest: Finding | None
    seconds: float
    failed: tuple[Finding, ...] = ()
    """The first check that could not finish, per error type (counted in ``counts["failed"]``)."""

    def summary_line(self) -> str:
        c = self.counts
        verdicts = ", ".join(f"{v} {c.get(v, 0)}" for v in _VERDICTS)
        cert = self.smallest.certificate if self.smallest else None
        where = (f"smallest |margin| {abs(cert.margin):.3g} (tol {cert.tolerance:.2g}) at "
                 f"{{{format_params(self.smallest.params)}}}" if cert else "no finite margin")
        failed = (f" (failed {c['failed']}: {', '.join(f.error_type for f in self.failed)})"
                  if c.get("failed") else "")
        return (f"{self.claim}: checked {self.checked}, {verdicts}{failed}; "
                f"unexpected {c.get('unexpected', 0)}; {where}")

    def to_dict(self) -> dict:
        return {"claim": self.claim, "checked": self.checked, "counts": dict(self.counts),
                "unexpected": [f.to_dict() for f in self.unexpected],
                "smallest": self.smallest.to_dict() if self.smallest else None,
                "failed": [f.to_dict() for f in self.failed], "seconds": self.seconds}


def format_params(params: Mapping[str, Any]) -> str:
    """``name=value`` pairs, reals to 6 significant digits, arrays by shape."""
    return ", ".join(f"{k}={_short(v)}" for k, v in params.items())


def _short(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    shape = getattr(value, "shape", None)
    if shape:
        return "<" + "x".join(map(str, shape)) + " array>"
    return str(value)


# --- ranges -------------------------------------------------------------------


def narrowed(claim: Claim, ranges: Mapping[str, tuple[float, float]] | None) -> dict[str, Any]:
    """The claim's Real/Integer parameters with their sampling box replaced by
    ``ranges`` (name -> (low, high)); ``ValueError`` naming the parameter when a
    range is not a sub-interval of its admissible range."""
    known = claim.param_map
    out: dict[str, Any] = {}
    for name, bounds in (ranges or {}).items():
        param = known.get(name)
        if not isinstance(param, (Real, Integer)):
            kinds = ", ".join(n for n, p in known.items() if isinstance(p, (Real, Integer)))
            raise ValueError(f"{claim.id}: cannot narrow {name!r}; numeric parameters: "
                             f"{kinds or 'none'}")
        lo, hi = (float(b) for b in bounds)
        inside = param.low <= lo <= hi <= param.high and math.isfinite(lo) and math.isfinite(hi)
        if isinstance(param, Integer):
            inside = inside and lo == int(lo) and hi == int(hi)
            lo, hi = int(lo), int(hi)
        if not inside:
            raise ValueError(f"{name}: range [{lo!r}, {hi!r}] is not inside the admissible "
                             f"range: {param.range_text()}")
        out[name] = dataclasses.replace(param, sample_low=lo, sample_high=hi)
    return out


def _in_box(params: Mapping[str, Any], box: Mapping[str, Any]) -> bool:
    return all(p.box()[0] <= params[n] <= p.box()[1] for n, p in box.items())


# --- candidates (phases 1 and 2) ----------------------------------------------


def random_draws(claim: Claim, box: Mapping[str, Any],
                 rng: np.random.Generator) -> Iterator[Params]:
    """Endless admissible-looking draws: the claim's sampler, narrowed parameters
    redrawn in their ranges (``validate`` later rejects inconsistent ones)."""
    while True:
        params = claim.sample(rng)
        params.update({n: p.sample(rng) for n, p in box.items()})
        yield params


def edge_points(claim: Claim, box: Mapping[str, Any]) -> list[tuple[str, float]]:
    """``(name, value)`` approaches to every edge of every real parameter, in the
    order tried: round-robin over (parameter, edge, side), each running through the
    edge itself, the float one ulp to that side, and then ``APPROACH_ORDERS``. Points lie
    in the admissible range and in the narrowed range, if any."""
    groups: list[list[tuple[str, float]]] = []
    for param in claim.params:
        if not isinstance(param, Real):
            continue
        for edge in param.edges():
            scale = abs(edge) or 1.0
            steps = [[edge], *([math.nextafter(edge, side * math.inf),
                                *(edge + side * 10.0**-k * scale for k in APPROACH_ORDERS)]
                               for side in (-1.0, 1.0))]
            groups.extend(group for group in (
                [(param.name, x) for x in xs if _admits(param, box.get(param.name), x)]
                for xs in steps) if group)
    return _round_robin(groups)


def corner_points(claim: Claim, box: Mapping[str, Any]) -> list[dict[str, float]]:
    """Two real parameters at once, each at an edge or one ulp to either side of it (in the
    admissible and the narrowed range): round-robin over the pairs of parameters."""
    ends = {param.name: [x for edge in param.edges()
                         for x in (edge, math.nextafter(edge, -math.inf),
                                   math.nextafter(edge, math.inf))
                         if _admits(param, box.get(param.name), x)]
            for param in claim.params if isinstance(param, Real)}
    groups = [[{a: x, b: y} for x in ends[a] for y in ends[b]]
              for a, b in itertools.combinations(ends, 2)]
    return _round_robin([g for g in groups if g])


def _round_robin(groups: list[list]) -> list:
    """The first item of every group, then the second, and so on."""
    order: list = []
    for i in range(max(map(len, groups), default=0)):
        order.extend(g[i] for g in groups if i < len(g))
    return order


def _admits(param: Real, allowed: Real | None, x: float) -> bool:
    if not param.contains(x):
        return False
    return allowed is None or allowed.box()[0] <= x <= allowed.box()[1]


# --- evaluation -----------------------------------------------------------------


def evaluate(claim: Claim, params: Mapping[str, Any]) -> Finding | None:
    """The full check on ``params``; ``None`` when ``validate`` rejects them. A check
    that raises on admissible input gives a ``crashed`` finding, and so does one that emits
    a ``RuntimeWarning`` (an overflow or an invalid value it did not mean to form: printed
    to the user's terminal and otherwise unseen)."""
    try:
        values = claim.validate(params)
        expected = claim.expected_for(values)
    except ValueError:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)
            cert = claim.check(**values)
    except Exception as exc:  # noqa: BLE001 - any crash on admissible input is a finding
        cert = _crash_certificate(claim, values, exc)
    return Finding(params=cert.params, certificate=cert, expected=expected)


def _crash_certificate(claim: Claim, values: Params, exc: Exception,
                       what: str = "the check") -> Certificate:
    error = f"{type(exc).__name__}: {exc}"
    tail = traceback.format_exception(exc)[-3:]
    return Certificate(claim=claim.id, params=values, verdict=Verdict.INCONCLUSIVE,
                       margin=math.nan, tolerance=0.0, method=CRASHED,
                       witness={"error": error, "traceback": "".join(tail)},
                       statement=f"{what} raised on admissible input: {error}",
                       reference=claim.reference, derivation=claim.derivation)


@dataclass
class _Search:
    """Bookkeeping of one hunt: counts, first finding of each unexpected kind, smallest
    margin, parameter sets already checked (a repeat is skipped, not counted)."""

    claim: Claim
    budget: int
    on_check: Callable[[Finding], None] | None
    checked: int = 0
    counts: dict = dataclasses.field(default_factory=lambda: dict.fromkeys(
        (*_VERDICTS, "unexpected", "failed"), 0))
    first: dict = dataclasses.field(default_factory=dict)
    failures: dict = dataclasses.field(default_factory=dict)
    smallest: Finding | None = None
    seen: set = dataclasses.field(default_factory=set)
    deadline: float = math.inf

    def left(self) -> int:
        return self.budget - self.checked

    def out_of_time(self) -> bool:
        return time.perf_counter() >= self.deadline

    def run(self, params: Mapping[str, Any]) -> Finding | None:
        """Check one candidate and record it; ``None`` (not counted) if ``validate``
        rejects it or it was checked before."""
        try:
            key = _key(self.claim.validate(params))
        except ValueError:
            return None
        if key in self.seen:
            return None
        self.seen.add(key)
        return self.record(evaluate(self.claim, params))

    def record(self, finding: Finding) -> Finding:
        """Count one checked finding (and report it to ``on_check``)."""
        self.checked += 1
        self.counts[finding.certificate.verdict.value] += 1
        if finding.unexpected:
            self.counts["unexpected"] += 1
            self.first.setdefault(finding.kind, finding)
        if finding.failed:
            self.counts["failed"] += 1
            self.failures.setdefault(finding.error_type, finding)
        margin = abs(finding.certificate.margin)
        if math.isfinite(margin) and (self.smallest is None
                                      or margin < abs(self.smallest.certificate.margin)):
            self.smallest = finding
        if self.on_check is not None:
            self.on_check(finding)
        return finding

    def run_all(self, candidates: Iterable[Params], quota: int) -> None:
        """Check candidates until ``quota`` checks are counted or the candidates (or
        ``DRAW_ATTEMPTS`` per check) run out."""
        stop = self.checked + min(quota, self.left())
        attempts = DRAW_ATTEMPTS * max(quota, 1)
        for params in candidates:
            if self.checked >= stop or attempts <= 0 or self.out_of_time():
                return
            attempts -= 1
            self.run(params)


def _key(values: Mapping[str, Any]) -> tuple:
    """A hashable form of validated parameters (arrays by shape and bytes)."""
    return tuple((k, (np.shape(v), np.asarray(v).tobytes()) if hasattr(v, "shape") else v)
                 for k, v in values.items())


def _screened_draws(search: _Search, box: Mapping[str, Any], rng: np.random.Generator,
                    quota: int) -> Iterator[Params]:
    """Phase-1 candidates: plain random draws, or, for a claim with a batched margin and
    ``quota >= SCREEN_MIN_QUOTA``, the screened pool's most suspicious draws alternating
    with plain ones (module docstring). A screen that raises is a ``crashed`` finding (on
    the pool's first draw; ``check --samples`` screens the same way), then plain draws."""
    claim = search.claim
    from verifiers.sweep import batched_for

    plain = random_draws(claim, box, rng)
    batched = batched_for(claim.id) if quota >= SCREEN_MIN_QUOTA else None
    if batched is None:
        return plain
    from verifiers.sweep.engine import screen
    from verifiers.sweep.run import expected_of
    from verifiers.sweep.spec import INCONCLUSIVE, code_of

    size = min(SCREEN_POOL * quota, SCREEN_POOL_MAX)
    pool: list[Params] = []
    for params in itertools.islice(random_draws(claim, box, rng), DRAW_ATTEMPTS * size):
        try:
            pool.append(claim.validate(params))
        except ValueError:
            continue
        if len(pool) == size:
            break
    try:
        margin, tol, code = screen(batched, pool)
    except Exception as exc:  # noqa: BLE001 - any crash on admissible input is a finding
        search.record(Finding(params=pool[0], expected=claim.expected_for(pool[0]),
                              certificate=_crash_certificate(claim, pool[0], exc,
                                                             "the batched screen")))
        return plain
    expected = np.array([code_of(expected_of(claim, p)) for p in pool], dtype=int)
    usual = (code == expected) | (code == INCONCLUSIVE)
    closeness = np.abs(margin) / np.maximum(tol, np.finfo(float).tiny)
    order = np.lexsort((np.where(np.isfinite(closeness), closeness, np.inf), usual))
    suspicious = (pool[i] for i in order)
    return (p for pair in zip(suspicious, plain, strict=False) for p in pair)


def _edge_candidates(claim: Claim, box: Mapping[str, Any],
                     rng: np.random.Generator) -> Iterator[Params]:
    draws = random_draws(claim, box, rng)
    for name, value in edge_points(claim, box):
        yield {**next(draws), name: value}
    for corner in corner_points(claim, box):
        yield {**next(draws), **corner}


def _hypothesis_phase(search: _Search, box: Mapping[str, Any], seed: int, quota: int) -> None:
    """Phase 3: ``quota`` hypothesis examples steered by ``hypothesis.target``."""
    if quota <= 0:
        return
    from hypothesis import HealthCheck, Phase, Verbosity, given, settings, target
    from hypothesis import seed as hypothesis_seed
    from hypothesis import strategies as st
    from hypothesis.errors import Unsatisfiable

    claim = search.claim
    if box and claim.strategy_fn is None:
        strategy = st.fixed_dictionaries(
            {p.name: box.get(p.name, p).strategy() for p in claim.params})
    else:
        strategy = claim.strategy()
    stop = search.checked + min(quota, search.left())

    @hypothesis_seed(seed)
    @settings(max_examples=quota, database=None, deadline=None, derandomize=False,
              phases=[Phase.generate, Phase.target], suppress_health_check=list(HealthCheck),
              report_multiple_bugs=False, print_blob=False, verbosity=Verbosity.quiet)
    @given(strategy)
    def explore(params):
        if search.checked >= stop or search.out_of_time():
            raise _Done
        if not _in_box(params, box):
            return
        finding = search.run(params)
        if finding is not None:
            for label, value in _targets(finding).items():
                target(value, label=label)

    try:
        explore()
    except (_Done, Unsatisfiable):
        pass


class _Done(Exception):
    """Ends the hypothesis phase early (quota or time used up)."""


def _targets(finding: Finding) -> dict[str, float]:
    """Observations to maximise: closeness to the boundary (``-log10 |margin|``) and
    the margin's sign against the expected verdict (towards refuted where holds is
    expected and the reverse)."""
    margin = finding.certificate.margin
    if not math.isfinite(margin):
        return {}
    out = {"closeness": -math.log10(abs(margin) + 1e-300)}
    sign = {Verdict.HOLDS: -1.0, Verdict.REFUTED: 1.0}.get(finding.expected)
    if sign is not None:
        out["against expected"] = sign * math.asinh(margin)
    return out


# --- shrinking ------------------------------------------------------------------


def shrink(claim: Claim, finding: Finding, max_checks: int = SHRINK_CHECKS,
           deadline: float = math.inf) -> Finding:
    """A simpler parameter set giving the same unexpected verdict: repeated
    coordinate-wise moves (to the default, to fewer significant digits, half-way to
    the default), each kept only if the full check still gives ``finding.kind``;
    at most ``max_checks`` checks, none started after ``deadline`` (``perf_counter``)."""
    best, checks, progress = finding, 0, True
    while progress and checks < max_checks:
        progress = False
        for param in claim.params:
            for value in _simpler(param, best.params[param.name]):
                if checks >= max_checks or time.perf_counter() >= deadline:
                    return best
                trial = evaluate(claim, {**best.params, param.name: value})
                if trial is None:
                    continue
                checks += 1
                if trial.unexpected and trial.kind == finding.kind:
                    best, progress = trial, True
                    break
    return best


def _simpler(param: Any, value: Any) -> list[Any]:
    """Candidate values simpler than ``value``: the default first."""
    default = param.default
    if _same(value, default):
        return []
    if isinstance(param, Choice):
        earlier = param.choices[: param.choices.index(value)]
        return [default, *(c for c in earlier if c != default)]
    if isinstance(param, Integer):
        return [default, value + (default - value) // 2] if abs(value - default) > 1 else [default]
    if not isinstance(param, Real):
        return [default]
    digits = [float(f"{value:.{n}g}") for n in SIGNIFICANT_DIGITS]
    halfway = value + (default - value) / 2
    found = [default, *dict.fromkeys(d for d in digits if d != value), halfway]
    return [x for x in found if param.contains(x)]


def _same(a: Any, b: Any) -> bool:
    try:
        return bool(np.array_equal(np.asarray(a), np.asarray(b)))
    except (TypeError, ValueError):
        return a is b


# --- the hunt -------------------------------------------------------------------


def hunt(claim: Claim, budget: int = 200, seed: int = 0,
         ranges: Mapping[str, tuple[float, float]] | None = None,
         on_check: Callable[[Finding], None] | None = None,
         seconds: float | None = None) -> HuntResult:
    """Search ``claim``'s admissible domain (narrowed by ``ranges``) with at most
    ``budget`` checks for unexpected verdicts and for the smallest |margin|.

    Phases: random draws, edge approaches, hypothesis search (module docstring);
    unexpected findings are shrunk (:func:`shrink`, not counted in ``checked``).
    ``on_check`` is called with every counted check. Deterministic for a fixed
    ``seed`` unless ``seconds`` is given: then each phase also stops after its share
    of about ``seconds`` of wall time (``checked`` says how many checks ran), and
    shrinking stops after another ``seconds / 4``.
    ``ValueError`` for a bad ``budget`` or range."""
    if isinstance(budget, bool) or not isinstance(budget, int) or budget < 1:
        raise ValueError(f"budget={budget!r} must be an integer >= 1")
    start = time.perf_counter()
    box = narrowed(claim, ranges)
    search = _Search(claim, budget, on_check)
    n_edges = min(len(edge_points(claim, box)) + len(corner_points(claim, box)), budget // 3)
    n_random = math.ceil((budget - n_edges) / 2)
    phases = [
        (n_random, lambda n: search.run_all(
            _screened_draws(search, box, np.random.default_rng([seed, 1]), n), n)),
        (n_edges, lambda n: search.run_all(
            _edge_candidates(claim, box, np.random.default_rng([seed, 2])), n)),
        (budget - n_edges - n_random, lambda n: _hypothesis_phase(search, box, seed, n)),
    ]
    for i, (quota, phase) in enumerate(phases):
        if seconds is not None:  # the time left, shared by this and the later phases
            later = sum(q > 0 for q, _ in phases[i:])
            now = time.perf_counter()
            search.deadline = now + (start + seconds - now) / max(later, 1)
        phase(min(quota, search.left()))
    # hypothesis may exhaust a small space or reject too much: the rest at random
    search.deadline = math.inf if seconds is None else start + seconds
    search.run_all(random_draws(claim, box, np.random.default_rng([seed, 3])), search.left())
    until = math.inf if seconds is None else time.perf_counter() + seconds / 4
    shrunk = tuple(shrink(claim, f, deadline=until) for f in search.first.values())
    return HuntResult(claim=claim.id, checked=search.checked, counts=dict(search.counts),
                      unexpected=shrunk, smallest=search.smallest,
                      seconds=time.perf_counter() - start, failed=tuple(search.failures.values()))


# --- report ---------------------------------------------------------------------


def hunt_markdown(results: Sequence[HuntResult]) -> str:
    """A Markdown table (claim, checks, verdict counts, unexpected, smallest |margin|
    and where), then every unexpected finding with its certificate."""
    head = ("| claim | checked | holds | refuted | inconclusive | inapplicable | unexpected "
            "| smallest \\|margin\\| (tol) | at | seconds |\n"
            "|---|---:|---:|---:|---:|---:|---:|---:|---|---:|")
    rows = [head]
    for r in results:
        c = r.counts
        small, where = "–", "–"
        if r.smallest is not None:
            cert = r.smallest.certificate
            small = f"{abs(cert.margin):.3g} ({cert.tolerance:.2g})"
            where = _cell(format_params(r.smallest.params))
        rows.append(f"| `{r.claim}` | {r.checked} | "
                    + " | ".join(str(c.get(v, 0)) for v in _VERDICTS)
                    + f" | {c.get('unexpected', 0)} | {small} | {where} | {r.seconds:.0f} |")
    findings = [(r.claim, f) for r in results for f in r.unexpected]
    text = "\n".join(rows) + "\n"
    if not findings:
        text += "\nNo unexpected verdict was found.\n"
    else:
        text += "\n## Unexpected verdicts (shrunk)\n"
    for claim_id, f in findings:
        cert = f.certificate
        text += (f"\n- `{claim_id}` at {{{_cell(format_params(f.params))}}}: "
                 f"**{f.kind[0]}**, expected {f.expected.value} "
                 f"(margin {cert.margin:.3g}, tol {cert.tolerance:.2g}, {cert.method}): "
                 f"{_cell(cert.statement)}\n")
    return text + _failures_markdown(results)


def _failures_markdown(results: Sequence[HuntResult]) -> str:
    """The checks that could not finish (counted as ``inconclusive``): the first of each
    error type per claim, with how many checks of the claim failed."""
    failed = [(r, f) for r in results for f in r.failed]
    if not failed:
        return ""
    text = "\n## Checks that could not finish (counted as inconclusive)\n"
    for r, f in failed:
        text += (f"\n- `{r.claim}` ({r.counts['failed']} of {r.checked} failed) at "
                 f"{{{_cell(format_params(f.params))}}}: {_cell(f.certificate.statement)[:300]}\n")
    return text


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


# --- python -m verifiers.hunt ---------------------------------------------------


def _hunt_one(claim_id: str, budget: int, seed: int, seconds: float | None) -> HuntResult:
    """The hunt of one registered claim (run in a worker process)."""
    from verifiers.registry import registry

    return hunt(registry.get(claim_id), budget=budget, seed=seed, seconds=seconds)


def _limit_memory(gigabytes: float) -> None:
    """Cap this process's address space (inherited by spawned workers); 0: no cap."""
    import resource

    if gigabytes <= 0:
        return

    limit = int(gigabytes * 2**30)
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard < 0 else min(limit, hard), hard))


def _map(fn: Callable, items: Sequence[str], jobs: int) -> Iterator:
    """``map`` in order, over ``jobs`` spawned processes when ``jobs > 1`` (JAX does not
    survive a fork)."""
    if jobs <= 1:
        yield from map(fn, items)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield from pool.map(fn, items)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m verifiers.hunt",
        description="Hunt every registered claim (or those whose id starts with a prefix) "
                    "for unexpected verdicts; write a Markdown report.")
    parser.add_argument("prefixes", nargs="*", metavar="CLAIM_PREFIX")
    parser.add_argument("--budget", type=int, default=200, help="checks per claim")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--seconds", type=float, default=None,
                        help="also stop each claim's hunt after about this many seconds")
    parser.add_argument("--memory-gb", type=float, default=8.0,
                        help="address-space limit per process (a runaway check fails "
                             "instead of exhausting the machine; 0: no limit)")
    parser.add_argument("--out", type=Path, default=None, help="Markdown report (default: stdout)")
    parser.add_argument("--jobs", type=int, default=1, help="claims hunted in parallel processes")
    args = parser.parse_args(argv)
    from verifiers import cli
    from verifiers.registry import registry

    ids = [i for i in registry.ids() if not args.prefixes
           or any(i.startswith(p) for p in args.prefixes)]
    if not ids:
        parser.error(f"no registered claim starts with {' or '.join(args.prefixes)}")
    _limit_memory(args.memory_gb)
    results = []
    for result in _map(partial(_hunt_one, budget=args.budget, seed=args.seed,
                               seconds=args.seconds), ids, args.jobs):
        results.append(result)
        print(f"{result.summary_line()} ({result.seconds:.1f} s)", file=sys.stderr, flush=True)
        if args.out is not None:  # after every claim: an interrupted hunt keeps what it found
            cli.write_file(args.out, _report(results, args))
    if args.out is None:
        sys.stdout.write(_report(results, args))
    return 1 if any(r.counts["unexpected"] for r in results) else 0



def _report(results: Sequence[HuntResult], args) -> str:
    command = f"python -m verifiers.hunt --budget {args.budget} --seed {args.seed}"
    if args.seconds is not None:
        command += f" --seconds {args.seconds:g}"
    command += "".join(f" {p}" for p in args.prefixes)
    limit = (f" or about {args.seconds:g} s of wall time, whichever came first"
             if args.seconds is not None else "")
    note = (f"Budget: {args.budget} checks per claim{limit}. `checked` counts the checks "
            "actually run (draws rejected as undefined are skipped, repeats are not "
            "re-checked, a small parameter space can run out); shrinking is not counted.")
    return (f"# Hunt for unexpected verdicts\n\nGenerated by `{command}`.\n\n{ABOUT}\n\n"
            f"{note}\n\n" + hunt_markdown(results))


ABOUT = """\
Each claim is checked on parameter sets found in three phases sharing its budget: random
admissible draws; approaches to every finite end of a real parameter's range and every
declared threshold (the edge itself, the float one ulp to either side, then `edge ±
10^-k·scale`, k = 1..12, on the admissible side(s)), then *corners*, two real parameters at
once at an edge or one ulp from it; and a hypothesis search steered towards small |margin|
and towards the margin sign opposite to the expected verdict. A verdict is *unexpected* when
it is decisive (`holds`, `refuted`, `inapplicable`) and differs from the claim's expected
verdict there, or when the check crashed (raised, or emitted a `RuntimeWarning`);
`inconclusive` is counted but never unexpected. A check that caught an error and could not
finish (a solver's failure, XLA out of memory) is `inconclusive` too; the first of each
error type is listed after the table. Each kind of unexpected verdict is listed once, shrunk
towards the defaults. Margins are in each claim's own units, `tol` is the tolerance of that
check, `seconds` the wall time of the hunt."""


if __name__ == "__main__":
    raise SystemExit(main())
