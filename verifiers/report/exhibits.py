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

The two processes share the work both ways through one flag per task (figure, table, claim
unit), set under a lock by whoever starts it: the worker then takes claim units from the end
(:meth:`Exhibits.share`, :meth:`Exhibits.take`), and the parent, once its claims are done,
takes back the figures and tables the worker has not started, from the last
(:meth:`Exhibits.help`). Who did a task changes nothing in its result.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import sys
import threading
import time
from collections.abc import Callable
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
    (``ganeq's own`` when none), its caption and its declared width class."""

    name: str
    paper_figure: str
    caption: str
    width: str | None

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


def figure_info(name: str, record) -> FigureInfo:
    """Metadata of a ``figures._base.Figure``: ``paper_figure`` and ``width`` where
    the record has them (``OWN`` and None otherwise)."""
    return FigureInfo(name=name, paper_figure=getattr(record, "paper_figure", None) or OWN,
                      caption=" ".join(record.caption.split()),
                      width=getattr(record, "width", None))


@dataclass(frozen=True)
class Drawn:
    """A drawn figure: its files' bytes by extension, the seconds this run spent on it, and
    whether they were read from the memo (:mod:`verifiers.memo`) instead of drawn."""

    name: str
    files: dict[str, bytes]
    seconds: float
    recalled: bool = False

    def write(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for ext, data in self.files.items():
            (folder / f"{self.name}.{ext}").write_bytes(data)


_TAKEN: list = []
"""In the worker: the shared per-task flags of :class:`Exhibits` (set by the initializer)."""
MAIN, WORKER = 1, 2


def _initialize(parent: int, taken) -> None:
    """Worker initializer: keep the shared task flags, watch the parent, and discard the
    worker's Python-level stderr (an experiment's progress bar there would overwrite the
    parent's; the worker's errors come back through its futures)."""
    _TAKEN[:] = [taken]
    sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - the worker's for its lifetime
    _watch_parent(parent)


def _watch_parent(parent: int) -> None:
    """Exit the worker as soon as the parent process is gone (re-parented)."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="ganeq-parent-watch").start()


QUICK_FORMATS = ("png",)
"""What a quick run saves: the PNG the report embeds (PDFs, for print, cost twice as long)."""


def draw_figure(name: str, seed: int, quick: bool) -> Drawn:
    """Draw and save one figure off-screen (in the worker, or in the parent when it takes the
    figure back): PNG and PDF, or only the PNG when ``quick``; the files of an earlier run
    with the same code and libraries when the memo has them."""
    from verifiers import experiments, memo
    from verifiers.reproduce import FIGURE_FORMATS

    t0 = time.perf_counter()
    formats = QUICK_FORMATS if quick else FIGURE_FORMATS
    result_key = memo.key({"figure": name, "seed": seed, "quick": quick,
                           "formats": list(formats), "matplotlibrc": _matplotlibrc(),
                           "experiments": experiments.in_process()})
    files = _stored_files(memo.recall(result_key), formats)
    if files is not None:
        return Drawn(name, files, time.perf_counter() - t0, recalled=True)
    files = _draw(name, seed, quick, formats)
    memo.store(result_key, {"files": {ext: base64.b64encode(data).decode("ascii")
                                      for ext, data in files.items()}})
    return Drawn(name, files, time.perf_counter() - t0)


def _matplotlibrc() -> str:
    """The text of the ``matplotlibrc`` in use: the project style sits on top of it."""
    import matplotlib

    try:
        return Path(matplotlib.matplotlib_fname()).read_text(encoding="utf-8")
    except (OSError, ValueError):
        return "unreadable"


def _stored_files(recalled: tuple[dict, Path] | None,
                  formats: tuple[str, ...]) -> dict[str, bytes] | None:
    """The files of a memo entry, decoded, or None if it lacks one of ``formats`` or is
    not what :func:`draw_figure` stores."""
    try:
        stored = recalled[0]["files"]
        return {ext: base64.b64decode(stored[ext], validate=True) for ext in formats}
    except (TypeError, KeyError, ValueError, binascii.Error):
        return None


def _draw(name: str, seed: int, quick: bool, formats: tuple[str, ...]) -> dict[str, bytes]:
    """The bytes of figure ``name`` saved in ``formats``, by extension."""
    import matplotlib

    matplotlib.use("Agg")  # either process is part of the command, not of the library
    import figures
    from theory import _config

    _config.enable_compilation_cache()
    with TemporaryDirectory(prefix="ganeq-figure-") as tmp:
        fig = figures.all_figures()[name].draw(seed=seed, quick=quick)
        paths = figures.save(fig, Path(tmp), name, formats)
        return {p.suffix.lstrip("."): p.read_bytes() for p in paths}


@dataclass(frozen=True)
class Table:
    """A computed table: its Markdown, and whether it was read from the memo."""

    markdown: str
    recalled: bool = False


def compute_table(name: str) -> Table:
    """A registered table as Markdown (in the worker, or in the parent that takes it back),
    or that of an earlier run with the same code and libraries when the memo has it."""
    from theory import _config
    from verifiers import memo
    from verifiers.registry import tables

    result_key = memo.key({"table": name})
    recalled = memo.recall(result_key)
    markdown = recalled[0].get("markdown") if recalled and isinstance(recalled[0], dict) else None
    if isinstance(markdown, str):
        return Table(markdown, recalled=True)
    _config.enable_compilation_cache()
    markdown = tables()[name]()
    memo.store(result_key, {"markdown": markdown})
    return Table(markdown)


def check_claims(batch: list[tuple[str, list[dict]]]) -> list[tuple]:
    """Each claim of ``batch`` checked on its instances (runs in the worker): the
    certificates, claim by claim."""
    from theory import _config
    from verifiers.registry import registry

    _config.enable_compilation_cache()
    return [tuple(registry.get(i).check(**p) for p in params) for i, params in batch]


def _unless_taken(slot: int, task: Callable, *args):
    """Run ``task(*args)`` in the worker unless the parent took ``slot`` first (then None)."""
    return task(*args) if _claim(_TAKEN[0], slot, WORKER) else None


def _claim(taken, slot: int, who: int) -> bool:
    """Mark ``slot`` as ``who``'s unless someone has it already (under the flags' lock)."""
    with taken.get_lock():
        if taken[slot]:
            return False
        taken[slot] = who
        return True


def _outcome(future: Future) -> tuple[object, str]:
    """(result, "") or (None, the error) of a finished task."""
    try:
        return future.result(), ""
    except Exception as exc:  # noqa: BLE001 - reported by the caller, the run goes on
        return None, f"{type(exc).__name__}: {exc}"


@dataclass
class Exhibits:
    """Figures and tables being computed by a worker; :meth:`collect` waits for them."""

    pool: ProcessPoolExecutor | None
    taken: object = None
    """Shared flags, one per figure, table and claim unit, in that order: 0 free,
    :data:`MAIN` or :data:`WORKER` once taken."""
    figures: dict[str, Future] = field(default_factory=dict)
    tables: dict[str, Future] = field(default_factory=dict)
    jobs: list = field(default_factory=list)
    """``(kind, name, task, args)`` of every figure and table, in slot order."""
    here: dict = field(default_factory=dict)
    """``(kind, name)`` -> ``(result, error)`` of the figures and tables done in this process."""

    def _result(self, kind: str, name: str, future: Future) -> tuple[object, str]:
        return self.here.get((kind, name)) or _outcome(future)

    def help(self) -> None:
        """Draw the figures and compute the tables the worker has not started, from the last
        one back (this process's claims are done); stop at the first one it has."""
        if self.pool is None:
            return
        for slot in reversed(range(len(self.jobs))):
            if not _claim(self.taken, slot, MAIN):
                return
            kind, name, task, args = self.jobs[slot]
            try:
                self.here[kind, name] = (task(*args), "")
            except Exception as exc:  # noqa: BLE001 - reported by the caller, the run goes on
                self.here[kind, name] = (None, f"{type(exc).__name__}: {exc}")

    def collect(self) -> tuple[list[Drawn], dict[str, str], dict[str, str], list[str]]:
        """Every drawn figure (in the order submitted), every table's Markdown, what failed
        (``"figure NAME"`` or ``"table NAME"`` -> the error: one broken figure does not cost
        the run its report) and what was read from the memo (``"figure NAME"`` …)."""
        try:
            figures = {name: self._result("figure", name, f) for name, f in self.figures.items()}
            tables = {name: self._result("table", name, f) for name, f in self.tables.items()}
        except BaseException:
            self.close()
            raise
        if self.pool is not None:
            self.pool.shutdown(wait=True)  # the worker is idle: it exits at once
            self.pool = None
        done = (("figure", figures), ("table", tables))
        failures = {f"{kind} {name}": error for kind, results in done
                    for name, (_, error) in results.items() if error}
        recalled = [f"{kind} {name}" for kind, results in done
                    for name, (result, error) in results.items() if not error and result.recalled]
        return ([d for d, error in figures.values() if not error],
                {name: t.markdown for name, (t, error) in tables.items() if not error},
                failures, recalled)

    def share(self, batches: list) -> list[Future | None]:
        """Offer claim batches to the worker after its figures and tables, last batch first
        (:func:`verifiers.report.claims.run_claims` takes them from the front with
        :meth:`take`); Nones when there is no worker or too few flags."""
        if self.pool is None or len(self.jobs) + len(batches) > len(self.taken):
            return [None] * len(batches)
        futures: list[Future | None] = [None] * len(batches)
        for k in reversed(range(len(batches))):
            futures[k] = self.pool.submit(_unless_taken, len(self.jobs) + k, check_claims,
                                          batches[k])
        return futures

    def take(self, unit: int) -> bool:
        """Claim ``unit`` for this process; False when the worker has started it."""
        return _claim(self.taken, len(self.jobs) + unit, MAIN)

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


def start(figure_names: list[str], table_names: list[str], seed: int, quick: bool,
          units: int = 0) -> Exhibits:
    """Submit every figure and table to one ``spawn`` worker, with flags for them and for up to
    ``units`` claim units it may help with (:meth:`Exhibits.share`; this process may take the
    figures and tables back, :meth:`Exhibits.help`); nothing when there are no figures and no
    tables."""
    if not figure_names and not table_names:
        return Exhibits(None)
    context = get_context("spawn")
    jobs = [("figure", name, draw_figure, (name, seed, quick)) for name in figure_names]
    jobs += [("table", name, compute_table, (name,)) for name in table_names]
    taken = context.Array("b", len(jobs) + units)
    pool = ProcessPoolExecutor(max_workers=WORKERS, mp_context=context,
                               initializer=_initialize, initargs=(os.getpid(), taken))
    exhibits = Exhibits(pool, taken, jobs=jobs)
    for slot, (kind, name, task, args) in enumerate(jobs):
        futures = exhibits.figures if kind == "figure" else exhibits.tables
        futures[name] = pool.submit(_unless_taken, slot, task, *args)
    return exhibits
