"""The report of ``ganeq reproduce`` and the atomic publishing of output folders.

* :mod:`~verifiers.report.claims`: every claim on its defaults and random instances;
* :mod:`~verifiers.report.exhibits`: figures and tables, computed in a worker process;
* :mod:`~verifiers.report.content`: what ``REPORT.md``/``REPORT.html`` say, rendered by
  :mod:`~verifiers.report.document`; :mod:`~verifiers.report.results`: ``results.json``;
* :mod:`~verifiers.report.margins`: relative margins; :mod:`~verifiers.report.provenance`.

Outputs are published by :func:`publish`: everything is written into a
temporary folder next to the target, which then replaces the target in one
rename (an atomic exchange where the system has one). A run killed at any
moment leaves the previous complete folder or the new complete one, never a
mix; the temporary folders of killed runs are removed by the next run.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from verifiers.report.claims import ClaimResult, run_claims
from verifiers.report.content import TITLE, Run, report_blocks
from verifiers.report.document import html_document, markdown
from verifiers.report.results import results_json

__all__ = ["MARK", "ClaimResult", "Run", "check_out", "publish", "remove_stale",
           "report_html", "report_markdown", "results_json", "run_claims"]


def report_markdown(run: Run) -> str:
    """``REPORT.md``."""
    return markdown(report_blocks(run))


def report_html(run: Run) -> str:
    """``REPORT.html``: the same blocks, figures embedded."""
    return html_document(TITLE, report_blocks(run))


MARK = ".ganeq-output"
"""File in every folder :func:`publish` writes: only such folders are ever replaced."""


def check_out(out: Path, option: str, legacy: Callable[[str], bool]) -> None:
    """``ValueError`` naming ``option`` unless ``out`` can be published: not a file,
    not the working folder or above it, empty or written by ganeq (a :data:`MARK`
    inside, or only entries ``legacy`` recognises), its nearest existing ancestor
    a writable folder."""
    try:
        _check_out(out, option, legacy)
    except OSError as exc:
        raise ValueError(f"{option} {str(out)!r}: {exc.strerror or exc}") from None


def _check_out(out: Path, option: str, legacy: Callable[[str], bool]) -> None:
    where = out.absolute()
    if where.exists() and not where.is_dir():
        raise ValueError(f"{option} {str(out)!r} is a file, not a folder")
    if where == where.parent or Path.cwd().resolve().is_relative_to(where.resolve()):
        raise ValueError(f"{option} {str(out)!r} contains the working folder")
    if where.is_dir() and not (where / MARK).exists():
        foreign = [e.name for e in where.iterdir() if not legacy(e.name)]
        if foreign:
            raise ValueError(
                f"{option} {str(out)!r} holds {foreign[0]!r}, which ganeq did not write; "
                "choose a new or empty folder"
            )
    ancestor = where.parent
    while not ancestor.exists():
        ancestor = ancestor.parent
    if not ancestor.is_dir() or not os.access(ancestor, os.W_OK | os.X_OK):
        raise ValueError(f"{option} {str(out)!r}: cannot write into {str(ancestor)!r}")


def publish(out: Path, writer: Callable[[Path], None], carry_over: bool = False) -> None:
    """Run ``writer`` on a fresh folder next to ``out`` (a copy of ``out``'s files
    first if ``carry_over``), then put it in place of ``out`` in one rename."""
    out = out.resolve()  # a symlinked folder: its target is replaced, the link stays
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(out)
    tmp = Path(tempfile.mkdtemp(prefix=f"{_temp_prefix(out)}{os.getpid()}.", dir=out.parent))
    try:
        _make_readable(tmp)
        if carry_over and out.is_dir():
            shutil.copytree(out, tmp, dirs_exist_ok=True)
        writer(tmp)
        (tmp / MARK).write_text("written by ganeq; replaced as a whole by the next run\n")
        _replace(tmp, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def remove_stale(out: Path) -> None:
    """Remove the temporary folders of killed runs publishing ``out`` (their
    process is gone); a previous ``out`` left aside is first put back."""
    prefix = _temp_prefix(out)
    for path in sorted(out.parent.glob(prefix + "*")):
        if _running(path.name[len(prefix):].split(".")[0]):
            continue
        if path.name.endswith(".old") and not out.exists():
            os.rename(path, out)
        else:
            shutil.rmtree(path, ignore_errors=True)


def _temp_prefix(out: Path) -> str:
    return f".ganeq-{out.name}."


def _running(pid: str) -> bool:
    if not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def _make_readable(folder: Path) -> None:
    """``mkdtemp`` makes a private folder; a published one gets the usual mode."""
    mask = os.umask(0)
    os.umask(mask)
    folder.chmod(0o777 & ~mask)


def _replace(new: Path, out: Path) -> None:
    """Put folder ``new`` in place of ``out``; the previous ``out`` ends up at ``new``.

    Where the system can exchange two names atomically (Linux ``renameat2``), there is
    no moment without ``out``; elsewhere the old folder is renamed aside first (put
    back by :func:`remove_stale` if the run is killed in between)."""
    if not out.exists():
        os.rename(new, out)
    elif not _exchange(new, out):
        aside = new.with_name(new.name + ".old")
        os.rename(out, aside)
        os.rename(new, out)
        os.rename(aside, new)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with ``renameat2(RENAME_EXCHANGE)``; False where unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError, TypeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))
