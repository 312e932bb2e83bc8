"""Figures and tables of a report, computed in a worker process while the claims
are checked.

:func:`start` launches one worker (``concurrent.futures.ProcessPoolExecutor``
with the ``spawn`` start method: a fresh interpreter, no state shared with the
checks) and submits one task per figure and per table. A figure task draws
the figure off-screen, saves it through :func:`figures.save` into a private
temporary folder and returns the files' bytes; the parent writes them into
the folder it publishes. The worker therefore writes nothing the report
depends on, and a watchdog thread ends it within :data:`WATCH_SECONDS` of its
parent's death (a killed ``ganeq reproduce`` leaves no worker running).
"""

from __future__ import annotations

import os
import re
import sys
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from tempfile import TemporaryDirectory

OWN = "ganeq's own"
WORKERS = 1
"""Worker processes: one, next to the process checking the claims."""
WATCH_SECONDS = 1.0


@dataclass(frozen=True)
class FigureInfo:
    """What the report says about a figure: the paper figure it reproduces
    (``ganeq's own`` when none), its caption, its declared width class, and whether
    it is drawn in the main process after the claims (:data:`AFTER_CLAIMS`)."""

    name: str
    paper_figure: str
    caption: str
    width: str | None
    after_claims: bool = False

    @property
    def line(self) -> str:
        """One line for ``ganeq figures --list``: the paper figure, then the caption's
        first sentence, shortened to about :data:`LINE` characters."""
        return f"[{self.paper_figure}] {short(self.caption)}"


LINE = 100
_SENTENCE_END = re.compile(r"(?<!\beq)(?<!\bFig)(?<!\be\.g)(?<!\bi\.e)\.\s+(?=[A-Z(])")


def short(caption: str, limit: int = LINE) -> str:
    """The first sentence of ``caption``; past ``limit`` characters, cut before its first
    parenthesis or at a word, with an ellipsis."""
    first = _SENTENCE_END.split(caption, maxsplit=1)[0].rstrip(".")
    if len(first) <= limit:
        return first
    paren = first.find(" (")
    if 30 <= paren <= limit:
        return first[:paren] + " …"
    return first[:limit].rsplit(" ", 1)[0] + " …"


AFTER_CLAIMS = "AFTER_CLAIMS"
"""A figure module that sets ``AFTER_CLAIMS = True`` draws from results the claims
compute in-process (a memoised experiment run): ``reproduce`` draws its figures in
the main process once the claims are checked, reusing those results, instead of
recomputing them in the worker."""


def figure_info(name: str, record) -> FigureInfo:
    """Metadata of a ``figures._base.Figure``: ``paper_figure`` and ``width`` where
    the record has them (``OWN`` and None otherwise), :data:`AFTER_CLAIMS` from its module."""
    module = sys.modules.get(getattr(record.draw, "__module__", ""), None)
    return FigureInfo(name=name, paper_figure=getattr(record, "paper_figure", None) or OWN,
                      caption=" ".join(record.caption.split()),
                      width=getattr(record, "width", None),
                      after_claims=bool(getattr(module, AFTER_CLAIMS, False)))


@dataclass(frozen=True)
class Drawn:
    """A drawn figure: its files' bytes by extension and the seconds it took."""

    name: str
    files: dict[str, bytes]
    seconds: float

    def write(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for ext, data in self.files.items():
            (folder / f"{self.name}.{ext}").write_bytes(data)


def _watch_parent(parent: int) -> None:
    """Worker initializer: exit as soon as the parent process is gone (re-parented)."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="ganeq-parent-watch").start()


def draw_figure(name: str, seed: int, quick: bool) -> Drawn:
    """Draw and save one figure off-screen (runs in the worker)."""
    import matplotlib

    matplotlib.use("Agg")  # the worker is part of the command, not of the library
    import figures
    from theory import _config

    _config.enable_compilation_cache()
    t0 = time.perf_counter()
    with TemporaryDirectory(prefix="ganeq-figure-") as tmp:
        paths = figures.save(figures.all_figures()[name].draw(seed=seed, quick=quick),
                             Path(tmp), name)
        files = {p.suffix.lstrip("."): p.read_bytes() for p in paths}
    return Drawn(name, files, time.perf_counter() - t0)


def compute_table(name: str) -> str:
    """A registered table as Markdown (runs in the worker)."""
    from theory import _config
    from verifiers.registry import tables

    _config.enable_compilation_cache()
    return tables()[name]()


def _outcome(future: Future) -> tuple[object, str]:
    """(result, "") or (None, the error) of a finished task."""
    try:
        return future.result(), ""
    except Exception as exc:  # noqa: BLE001 - reported by the caller, the run goes on
        return None, f"{type(exc).__name__}: {exc}"


def draw_here(names: list[str], seed: int, quick: bool) -> tuple[list[Drawn], dict[str, str]]:
    """Draw ``names`` in this process (the :data:`AFTER_CLAIMS` figures): drawn, failures."""
    drawn, failures = [], {}
    for name in names:
        try:
            drawn.append(draw_figure(name, seed, quick))
        except Exception as exc:  # noqa: BLE001 - reported by the caller, the run goes on
            failures[f"figure {name}"] = f"{type(exc).__name__}: {exc}"
    return drawn, failures


@dataclass
class Exhibits:
    """Figures and tables being computed by a worker; :meth:`collect` waits for them."""

    pool: ProcessPoolExecutor | None
    figures: dict[str, Future] = field(default_factory=dict)
    tables: dict[str, Future] = field(default_factory=dict)

    def collect(self) -> tuple[list[Drawn], dict[str, str], dict[str, str]]:
        """Every drawn figure (in the order submitted), every table, and what failed
        (``"figure NAME"`` or ``"table NAME"`` -> the error): one broken figure does not
        cost the run its report."""
        try:
            figures = {name: _outcome(f) for name, f in self.figures.items()}
            tables = {name: _outcome(f) for name, f in self.tables.items()}
        except BaseException:
            self.close()
            raise
        if self.pool is not None:
            self.pool.shutdown(wait=True)  # the worker is idle: it exits at once
            self.pool = None
        failures = {f"{kind} {name}": error
                    for kind, done in (("figure", figures), ("table", tables))
                    for name, (_, error) in done.items() if error}
        return ([d for d, error in figures.values() if not error],
                {name: t for name, (t, error) in tables.items() if not error}, failures)

    def close(self) -> None:
        """Stop the worker now (tasks not started are cancelled, a running one killed)."""
        if self.pool is None:
            return
        processes = list((getattr(self.pool, "_processes", None) or {}).values())
        self.pool.shutdown(wait=False, cancel_futures=True)  # forgets its processes
        for process in processes:
            if process.is_alive():
                process.terminate()
        self.pool = None

    def __enter__(self) -> Exhibits:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def start(figure_names: list[str], table_names: list[str], seed: int, quick: bool) -> Exhibits:
    """Submit every figure and table to one ``spawn`` worker; nothing when both are empty."""
    if not figure_names and not table_names:
        return Exhibits(None)
    pool = ProcessPoolExecutor(max_workers=WORKERS, mp_context=get_context("spawn"),
                               initializer=_watch_parent, initargs=(os.getpid(),))
    exhibits = Exhibits(pool)
    for name in figure_names:
        exhibits.figures[name] = pool.submit(draw_figure, name, seed, quick)
    for name in table_names:
        exhibits.tables[name] = pool.submit(compute_table, name)
    return exhibits
