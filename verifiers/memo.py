"""A disk memo of deterministic results, keyed by everything that determines them.

Two kinds of results are kept: an experiment's results (:mod:`verifiers.experiments`) and
the figures and tables of ``ganeq reproduce`` (:mod:`verifiers.report.exhibits`). Each is
a function of what was asked (the experiment's name, size and seeds; the figure's name,
seed, size and formats), of the code that computes it and of the libraries and JAX backend
that run that code. The key is the SHA-256 of all of these (:func:`key`): any change
computes again, and an unchanged checkout reads the earlier result instead (the same
bytes: the tests check that two computations give identical files). The claims are never
memoised: ``ganeq reproduce`` checks every one afresh on every run.

Files live in ``$GANEQ_MEMO``, by default ``$XDG_CACHE_HOME/ganeq/memo``
(``~/.cache/ganeq/memo``); ``GANEQ_MEMO=0`` (or an empty value) turns the memo off, and so
does ``ganeq reproduce --fresh``. A file that cannot be read or parsed is ignored, a
directory that cannot be written leaves the memo off, and a file is written to a temporary
name and renamed, so a killed run never leaves half a result behind. The folder is kept under
:data:`MAX_BYTES`: after each write the entries least recently read or written are removed
(every edit of the code makes new keys, and the old entries would otherwise pile up).
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
from functools import cache
from importlib import metadata
from pathlib import Path

ENV = "GANEQ_MEMO"
LIBRARIES = ("jax", "jaxlib", "numpy", "scipy", "optax", "pot", "scikit-learn", "sympy",
             "mpmath", "matplotlib", "pillow")
"""The libraries whose versions enter every key (matplotlib and Pillow write the figures)."""
ROOT = Path(__file__).resolve().parents[1]
MAX_BYTES = 256 * 2**20
"""The memo folder's size limit: about twenty versions of every figure and table at full size."""
CODE = ("theory", "verifiers", "figures")
"""The packages whose files (every file, not only the ``.py``: a figure's style sheet and
data count) enter every key."""


def directory() -> Path | None:
    """The memo's directory asked for by the environment, or None when it is off."""
    value = os.environ.get(ENV)
    if value is None:  # beside the JAX compilation cache: ganeq/jax -> ganeq/memo
        from theory import _config

        return Path(_config.default_cache_dir()).parent / "memo"
    return None if value.strip() in ("", "0") else Path(value)


def switch_off() -> None:
    """Turn the memo off for this process and the processes it starts."""
    os.environ[ENV] = "0"


@cache
def code_digest() -> str:
    """SHA-256 over the relative path and bytes of every file of :data:`CODE` (compiled
    bytecode excepted)."""
    h = hashlib.sha256()
    for package in CODE:
        for path in sorted((ROOT / package).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
                h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def _cpu_flags() -> str:
    """The instruction-set flags of the first CPU in ``/proc/cpuinfo`` ("" where unreadable)."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            return next((line.split(":", 1)[1].strip() for line in f
                         if line.startswith("flags")), "")
    except OSError:
        return ""


def key(what: dict) -> str:
    """The memo key (hex SHA-256) of the result described by ``what`` (JSON values), computed
    by this checkout's code with these libraries, ``XLA_FLAGS``, JAX backend, CPU architecture
    and instruction set (XLA and NumPy pick their kernels by it: a result may move by rounding
    from one CPU to another, and a memo folder may be shared between machines)."""
    from theory import _config  # JAX configured before its backend starts

    jax = _config.jax
    parts = {**what, "code": code_digest(), "backend": jax.default_backend(),
             "devices": sorted({d.device_kind for d in jax.devices()}),
             "xla_flags": os.environ.get("XLA_FLAGS", ""),
             "machine": platform.machine(), "cpu_flags": _cpu_flags(),
             "python": platform.python_version(),
             "versions": {lib: _version(lib) for lib in LIBRARIES}}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def recall(result_key: str) -> tuple[dict, Path] | None:
    """The stored result of ``result_key`` and its file, or None (off, absent or unreadable)."""
    folder = directory()
    if folder is None:
        return None
    path = folder / f"{result_key}.json"
    try:
        found = json.loads(path.read_text()), path
        os.utime(path)  # read now: the last to be pruned
    except (OSError, ValueError):
        return None
    return found


def store(result_key: str, result: dict) -> Path | None:
    """Write ``result`` under ``result_key`` atomically; the file, or None when the memo is
    off or its directory is not writable (then nothing is written)."""
    folder = directory()
    if folder is None:
        return None
    from verifiers.cli import write_file

    path = folder / f"{result_key}.json"
    try:
        write_file(path, json.dumps(result, allow_nan=True))
    except (OSError, TypeError, ValueError):
        return None
    prune(folder)
    return path


def prune(folder: Path) -> None:
    """Remove the entries of ``folder`` least recently read or written until the rest take at
    most :data:`MAX_BYTES` (an entry another process removes first is skipped)."""
    entries = []
    for path in folder.glob("*.json"):
        try:
            info = path.stat()
        except OSError:
            continue
        entries.append((info.st_mtime, info.st_size, path))
    total = sum(size for _, size, _ in entries)
    for _, size, path in sorted(entries, key=lambda e: e[0]):
        if total <= MAX_BYTES:
            return
        path.unlink(missing_ok=True)
        total -= size
