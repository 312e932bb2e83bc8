"""The papers' experiments, reproduced at laptop scale: ``ganeq experiment NAME``.

An experiment module in this package exposes ``EXPERIMENTS``: a sequence of
:class:`Experiment`. :func:`experiments` discovers them (like ``figures``);
:func:`run` runs one at a size and memoises the result in the process, so a
claim, a figure and the command reuse one training run, and on disk
(:mod:`verifiers.memo`, keyed by the code, the library versions and the
backend), so an unchanged checkout does not train the same grid twice.

Sizes: ``"tiny"`` (tests: seconds), ``"quick"`` (``--quick``, ``ganeq reproduce``:
about a minute on a 2-core CPU), ``"full"`` (the paper's grid on a GPU, a reduced
grid of the same structure on a CPU; its time is documented in the experiment's
``full_time``), ``"paper"`` (the paper-sized grid whatever the backend, where the
experiment defines one). ``seeds=None`` uses the size's default number of seeds.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache

SIZES = ("tiny", "quick", "full", "paper")


def grid_name(size: str, cpu_grid: str = "full") -> str:
    """The grid an experiment runs for ``size``: ``full`` is its ``cpu_grid`` when JAX's
    default backend is the CPU and its ``paper`` grid on an accelerator; other sizes are
    themselves."""
    if size != "full":
        return size
    import jax

    return cpu_grid if jax.default_backend() == "cpu" else "paper"


@dataclass(frozen=True)
class Experiment:
    """A registered experiment.

    ``run(size, seeds)`` trains and measures and returns a JSON-able dict (the
    results file); ``figure(results)`` draws a ``matplotlib`` figure from that dict (or a
    dict ``{suffix: figure}``, saved as ``NAME_suffix``: one printable figure each);
    ``claims`` maps the id of each empirical claim decided on its results to
    ``decide(results) -> Outcome`` (the claim's check is ``decide`` on the quick
    run); ``full_time`` says how long ``size="full"`` took and where.
    """

    name: str
    paper: str
    title: str
    run: Callable[[str, int | None], dict]
    figure: Callable[[dict], object] | None = None
    claims: Mapping[str, Callable[[dict], object]] = field(default_factory=dict)
    full_time: str = ""


@cache
def experiments() -> dict[str, Experiment]:
    """Every experiment by name (discovered from this package's public modules)."""
    found: dict[str, Experiment] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_") or info.name == "commands":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for exp in getattr(module, "EXPERIMENTS", ()):
            if exp.name in found:
                raise RuntimeError(f"experiment {exp.name!r} defined twice")
            found[exp.name] = exp
    return found


def get(name: str) -> Experiment:
    """The experiment ``name``; ``ValueError`` naming the known ones."""
    known = experiments()
    if name not in known:
        raise ValueError(f"experiment {name!r} does not exist; experiments: "
                         f"{', '.join(known) or 'none'}")
    return known[name]


_RESULTS: dict[tuple, dict] = {}
_RECALLED: dict[tuple, str] = {}


def run(name: str, size: str = "quick", seeds: int | None = None) -> dict:
    """The results of experiment ``name`` at ``size`` with ``seeds`` seeds, as JSON values
    (memoised in the process: same arguments, same dict object — do not mutate it; and on
    disk, see :mod:`verifiers.memo`)."""
    if size not in SIZES:
        raise ValueError(f"size {size!r} unknown; sizes: {', '.join(SIZES)}")
    key = (name, size, seeds)
    if key not in _RESULTS:
        exp = get(name)
        from verifiers import memo

        run_key = memo.key({"experiment": name, "size": size, "seeds": seeds})
        recalled = memo.recall(run_key)
        if recalled is None:
            _RESULTS[key] = json.loads(json.dumps(exp.run(size, seeds)))
            memo.store(run_key, _RESULTS[key])
        else:
            _RESULTS[key], _RECALLED[key] = recalled[0], str(recalled[1])
    return _RESULTS[key]


def recalled_from(name: str, size: str = "quick", seeds: int | None = None) -> str | None:
    """The file :func:`run` read these results from, or None when it trained them."""
    return _RECALLED.get((name, size, seeds))


def latest(name: str) -> dict | None:
    """The most recent results of ``name`` computed in this process (None: none yet)."""
    found = [r for (n, _, _), r in _RESULTS.items() if n == name]
    return found[-1] if found else None


def in_process() -> list:
    """Every result :func:`run` holds in this process, with its arguments, in run order:
    what an experiment figure may draw instead of its stored data (part of the figure's memo
    key, :func:`verifiers.report.exhibits.draw_figure`)."""
    return [[list(key), results] for key, results in _RESULTS.items()]
