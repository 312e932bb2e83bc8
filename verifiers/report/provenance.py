"""Provenance of a run: what produced the report, where, when and how long it took.

Recorded in ``results.json`` and in the report: the ganeq version, the git
commit of the source tree and whether it had uncommitted changes, Python and
the versions of the numerical packages, the machine, the command, the seed,
the start time (UTC), the run time, the memo's folder and the figures and tables read
from it. :data:`RUN_FIELDS` name the entries that differ between two runs with the same
seed (times, the clock-derived ``seconds`` of certificates and figures, and the memo).
"""

from __future__ import annotations

import datetime as _dt
import os
import platform
import subprocess
import sys
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

PACKAGES = ("numpy", "jax", "jaxlib", "scipy", "matplotlib", "sympy", "hypothesis", "optax",
            "POT")
SOURCE = Path(__file__).resolve().parents[2]
"""The folder holding ``verifiers/``: a git checkout in a development install."""
RUN_FIELDS = ("started", "seconds", "memo", "recalled")
"""Keys whose values differ between two runs with the same seed: the clock (in
``provenance``, certificates and figures) and what the memo held."""


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _git(*args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(SOURCE), *args], capture_output=True, text=True,
                              timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def git_state() -> dict | None:
    """``{"commit", "dirty"}`` of the source tree (dirty: tracked files modified);
    None when the package is not run from a git checkout."""
    commit = _git("rev-parse", "HEAD")
    if commit is None:
        return None
    status = _git("status", "--porcelain", "--untracked-files=no")
    return {"commit": commit, "dirty": bool(status) if status is not None else None}


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _jax_devices() -> list[str] | None:
    """The JAX devices, if JAX is already imported (this module never imports it)."""
    jax = sys.modules.get("jax")
    if jax is None:
        return None
    return [f"{d.platform}:{d.id}" + (f" ({d.device_kind})" if d.device_kind != d.platform else "")
            for d in jax.devices()]


def machine() -> dict:
    return {"system": platform.platform(), "cpu": _cpu_model(), "cpus": os.cpu_count(),
            "jax_devices": _jax_devices()}


def now() -> str:
    """The current UTC time, ISO 8601 to the second."""
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()


def collect(seed: int, samples: int, started: str, seconds: float, argv: list[str],
            recalled: Sequence[str] = ()) -> dict:
    """The provenance record of a run that started at ``started`` and took ``seconds``;
    ``recalled`` names the figures and tables it read from the memo (:mod:`verifiers.memo`)."""
    from verifiers import memo

    folder = memo.directory()
    return {
        "ganeq": _version("ganeq"),
        "git": git_state(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "packages": {p.lower(): _version(p) for p in PACKAGES},
        "machine": machine(),
        "command": ["ganeq", *argv],
        "seed": seed,
        "samples": samples,
        "memo": None if folder is None else str(folder),
        "recalled": list(recalled),
        "started": started,
        "seconds": round(seconds, 3),
    }
